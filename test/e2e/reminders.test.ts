import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer } from '../../src/jobs/pacer.js';
import { seedAgreement, type SeededAgreement } from '../helpers/agreementRows.js';
import { FakeChannelAdapter } from '../helpers/fakeChannelAdapter.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';

notePostgresSkipped('e2e/reminders');

// Dates before the machine's own date on purpose: the outbox compares a deferred row's notBefore
// with the database's clock. São Paulo is UTC−3; 12 October 2026 (a Monday) is a national holiday.
const DUE = '2026-10-15';
const HOLIDAY_10H = new Date('2026-10-12T13:00:00Z');
const TUESDAY_08H = new Date('2026-10-13T11:00:00Z');
const WEDNESDAY_21H = new Date('2026-10-15T00:00:00Z');
const DUE_DAY_02H = new Date('2026-10-15T05:00:00Z');
const DUE_DAY_08H = new Date('2026-10-15T11:00:00Z');
const LEASE_MS = 100;

describe.each(DATABASES)('reminders through the outbox and the contact policy ($kind, controlled clock)', ({ kind, enabled }) => {
  let t: TestApp;
  const tg = new FakeChannelAdapter('telegram');
  let now = HOLIDAY_10H;
  let creditorId = '';
  const chatOf = async (a: SeededAgreement) => (await t.app.database.prisma.conversation.findUniqueOrThrow({ where: { id: a.conversationId } })).chatId;
  const reminders = (a: SeededAgreement) => t.app.database.prisma.message.findMany({ where: { conversationId: a.conversationId }, orderBy: { seq: 'asc' } });
  /** One tick queues (the reminder pass); the outbox takes rows once older than the lease, so a second tick sends or defers them. */
  const ticks = async () => {
    await t.app.chores();
    await sleep(LEASE_MS * 2);
    await t.app.chores();
  };

  beforeAll(async () => {
    if (!enabled) return;
    t = await startTestApp({ db: kind, adapters: [tg], clock: () => now, pacer: new Pacer({}), env: { LEASE_MS: String(LEASE_MS) } });
    creditorId = (await t.app.database.prisma.creditor.findFirstOrThrow()).id;
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('holds a reminder queued on a holiday or in quiet hours and sends it at the next window; drops one whose day has passed', async () => {
    const db = t.app.database.prisma;
    const a = await seedAgreement(db, { creditorId, channel: 'telegram', schedule: [{ dueDate: DUE, amountCents: 411_352 }], agreedOn: '2026-10-01' });
    const chat = await chatOf(a);

    // Monday 12/10, a holiday: the before:3 reminder is queued and waits for Tuesday morning.
    await ticks();
    expect(tg.textsTo(chat)).toEqual([]);
    const [before] = await reminders(a);
    expect(before).toMatchObject({ templateKey: 'reminder.before', delivery: 'pending', proactive: true, countsTowardCaps: true, notBefore: TUESDAY_08H });
    const decision = await db.contactDecision.findFirstOrThrow({ where: { messageId: before!.id } });
    expect(decision).toMatchObject({ status: 'deferred', reason: 'holiday', until: TUESDAY_08H });

    now = TUESDAY_08H;
    await ticks();
    const [sent] = tg.textsTo(chat);
    expect(sent).toContain('a parcela 1, no valor de R$ 4.113,52, vence em 15/10/2026');
    expect(sent).toContain(a.installments[0]!.pixCode);
    expect(await db.message.findUniqueOrThrow({ where: { id: before!.id } })).toMatchObject({ delivery: 'sent' });

    // Another agreement, due the same day, first reminded on Wednesday at 21:00 (quiet hours): its
    // before:3 waits for Thursday 08:00, by when it no longer makes sense.
    const b = await seedAgreement(db, { creditorId, channel: 'telegram', schedule: [{ dueDate: DUE, amountCents: 250_000 }], agreedOn: '2026-10-01' });
    now = WEDNESDAY_21H;
    await ticks();
    const [bBefore] = await reminders(b);
    expect(bBefore).toMatchObject({ templateKey: 'reminder.before', delivery: 'pending', notBefore: DUE_DAY_08H });

    // The due day at 02:00: the due-day reminders are queued and wait; b's before:3 is dropped.
    now = DUE_DAY_02H;
    await ticks();
    expect(await db.message.findUniqueOrThrow({ where: { id: bBefore!.id } })).toMatchObject({ delivery: 'dropped' });
    for (const x of [a, b]) {
      const due = (await reminders(x)).find((m) => m.templateKey === 'reminder.due');
      expect(due).toMatchObject({ delivery: 'pending', notBefore: DUE_DAY_08H });
    }

    now = DUE_DAY_08H;
    await ticks();
    expect(tg.textsTo(chat)).toHaveLength(2);
    expect(tg.textsTo(chat)[1]).toContain('A parcela 1 do acordo nº');
    const bTexts = tg.textsTo(await chatOf(b));
    expect(bTexts).toHaveLength(1);
    expect(bTexts[0]).toContain('no valor de R$ 2.500,00, vence em 15/10/2026');
  }, 120_000);
});
