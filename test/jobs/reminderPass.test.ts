import { hasError, parsePix } from 'pix-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPayment } from '../../src/domain/applyPayment.js';
import { addDays } from '../../src/domain/dates.js';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminderSettings.js';
import type { ConversationWrites } from '../../src/engine/conversationWrites.js';
import { runReminderPass } from '../../src/jobs/reminderPass.js';
import { loadLedger, saveLedger } from '../../src/storage/agreementLedgerRepository.js';
import { appendMessage } from '../../src/storage/appendMessage.js';
import { appendMessages } from '../../src/storage/appendMessages.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import type { Db, Tx } from '../../src/storage/database.js';
import { saveReminderSettings } from '../../src/storage/reminderSettingsRepository.js';
import { seedAgreement, type SeededAgreement } from '../helpers/agreementRows.js';
import { DATABASES, notePostgresSkipped, openTestDatabase, twoConnections } from '../helpers/testDatabase.js';

notePostgresSkipped('jobs/reminderPass');

const writes: ConversationWrites<Tx> = {
  append: (tx, id, row) => appendMessage(tx, id, row),
  appendMany: (tx, rows) => appendMessages(tx, rows),
  close: () => Promise.reject(new Error('not used')),
};

const DUE = '2026-12-15';
const AMOUNT = 411_352;
/** Noon in São Paulo (UTC−3) on `day`: the app's clock for a pass that day. */
const noon = (day: string) => new Date(`${day}T15:00:00Z`);

const pixAmountCents = (code: string): number => {
  const p = parsePix(code) as unknown as { transactionAmount: number };
  expect(hasError(p as never), `PIX code must parse: ${JSON.stringify(p)}`).toBe(false);
  return Math.round(p.transactionAmount * 100);
};

async function creditor(db: Db, id: string): Promise<void> {
  await db.creditor.create({ data: { id, name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', pixKey: 'financeiro@exemplo.com.br', pixMerchantName: 'Distribuidora Exemplo', pixCity: 'SAO PAULO' } });
}

type Queued = { day: string; key: string | null; facts: any; proactive: boolean; countsTowardCaps: boolean };

/** Runs one pass a day from `from` to `to` (inclusive); the outbox "sends" what each day queued. */
async function walk(db: Db, creditorId: string, a: SeededAgreement, from: string, to: string): Promise<Queued[]> {
  const out: Queued[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    await runReminderPass({ db, conversations: writes, creditorId, now: noon(day) });
    const rows = await db.message.findMany({ where: { conversationId: a.conversationId, delivery: 'pending' }, orderBy: { seq: 'asc' } });
    for (const m of rows) out.push({ day, key: m.templateKey, facts: m.facts, proactive: m.proactive, countsTowardCaps: m.countsTowardCaps });
    await db.message.updateMany({ where: { conversationId: a.conversationId, delivery: 'pending' }, data: { delivery: 'sent' } });
  }
  return out;
}

describe.each(DATABASES)('reminder pass ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let db: Db;
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    db = t.database.prisma;
    await creditor(db, 'c1');
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('walks an instalment day by day: before:3, due, the late note with the exact amount and a new PIX code, the broken notice', async () => {
    const a = await seedAgreement(db, { creditorId: 'c1', channel: 'telegram', schedule: [{ dueDate: DUE, amountCents: AMOUNT }], agreedOn: '2026-11-30' });
    const queued = await walk(db, 'c1', a, '2026-12-01', '2027-01-31');
    expect(queued.map((q) => [q.day, q.key])).toEqual([
      ['2026-12-12', 'reminder.before'],
      ['2026-12-15', 'reminder.due'],
      ['2026-12-16', 'reminder.late'],
      ['2026-12-21', 'agreement.broken'],
    ]);
    for (const q of queued) expect(q).toMatchObject({ proactive: true, countsTowardCaps: true });
    const [before, due, late, broken] = queued;
    expect(before!.facts.agreement).toEqual({ id: a.id, installment: { n: 1, dueDate: DUE, amountCents: AMOUNT, pix: a.installments[0]!.pixCode } });
    expect(due!.facts.agreement).toEqual(before!.facts.agreement);

    // 2 % fee on R$ 4.113,52 = 8.227,04 → 8 227; one day of 1 %/month = 411 352 / 3 000 = 137,1 → 137.
    expect(late!.facts.agreement).toMatchObject({
      id: a.id,
      lateFeePercent: 2,
      monthlyInterestPercent: 1,
      installment: { n: 1, dueDate: DUE, balanceCents: AMOUNT, feeCents: 8_227, interestCents: 137, totalCents: 419_716, daysLate: 1, forDate: '2026-12-16' },
    });
    const latePix: string = late!.facts.agreement.installment.pix;
    expect(latePix).not.toBe(a.installments[0]!.pixCode);
    expect(pixAmountCents(latePix)).toBe(419_716);
    const charge = await db.pixCharge.findFirstOrThrow({ where: { agreementId: a.id } });
    expect(charge).toMatchObject({ creditorId: 'c1', installmentN: 1, amountCents: 419_716n, pixCode: latePix, kind: 'late', forDate: '2026-12-16' });
    expect(charge.txid).toMatch(/^[A-Za-z0-9]{25}$/);
    expect((parsePix(latePix) as unknown as { txid: string }).txid).toBe(charge.txid);

    expect(broken!.facts.agreement).toEqual({ id: a.id, status: 'broken', remainingCents: AMOUNT, installment: { n: 1, dueDate: DUE } });
    const row = await db.agreement.findUniqueOrThrow({ where: { id: a.id }, include: { installments: true } });
    expect(row).toMatchObject({ status: 'broken', brokenOn: '2026-12-21' });
    expect(row.installments[0]!.status).toBe('late');
    const notices = await db.agreementNotice.findMany({ where: { agreementId: a.id }, orderBy: { forDate: 'asc' } });
    expect(notices.map((n) => [n.kind, n.forDate, n.key])).toEqual([
      ['before:3', '2026-12-12', `installment:${row.installments[0]!.id}:before:3`],
      ['due', DUE, `installment:${row.installments[0]!.id}:due`],
      ['after:1', '2026-12-16', `installment:${row.installments[0]!.id}:after:1`],
      ['broken', '2026-12-21', `agreement:${a.id}:broken`],
    ]);
    const types = (await db.auditEvent.findMany({ where: { debtorId: a.debtorId }, orderBy: { id: 'asc' } })).map((e) => e.type);
    expect(types).toEqual(['agreement.message_queued', 'agreement.message_queued', 'installment.late', 'agreement.message_queued', 'agreement.broken', 'agreement.message_queued']);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it.skipIf(!enabled)('reminds nobody of a paid instalment, nor of a simulator run', async () => {
    const paid = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] });
    await db.$transaction(async (tx) => {
      const s = (await loadLedger(tx, 'c1', paid.id, { lock: true }))!;
      const r = applyPayment(s.ledger, { endToEndId: `E${paid.id}`, txid: paid.installments[0]!.txid, amountCents: AMOUNT, paidAt: '2026-12-05T13:00:00Z', source: 'pix' });
      await saveLedger(tx, s, r.agreement, r.events, { actor: 'pix', now: noon('2026-12-05') });
    });
    const simulated = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }], status: 'simulated' });
    expect(await walk(db, 'c1', paid, '2026-12-06', '2027-01-10')).toEqual([]);
    expect(await walk(db, 'c1', simulated, '2026-12-06', '2027-01-10')).toEqual([]);
    expect(await db.agreement.findUniqueOrThrow({ where: { id: paid.id } })).toMatchObject({ status: 'settled' });
    expect(await db.agreement.findUniqueOrThrow({ where: { id: simulated.id } })).toMatchObject({ status: 'simulated' });
    expect(await db.agreementNotice.count({ where: { agreementId: { in: [paid.id, simulated.id] } } })).toBe(0);
  });

  it.skipIf(!enabled)('reminds a partly paid instalment of its balance with a PIX code for that balance', async () => {
    const a = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] });
    await db.$transaction(async (tx) => {
      const s = (await loadLedger(tx, 'c1', a.id, { lock: true }))!;
      const r = applyPayment(s.ledger, { endToEndId: `E${a.id}`, txid: a.installments[0]!.txid, amountCents: 100_000, paidAt: '2026-12-05T13:00:00Z', source: 'pix' });
      await saveLedger(tx, s, r.agreement, r.events, { actor: 'pix', now: noon('2026-12-05') });
    });
    const [before] = await walk(db, 'c1', a, '2026-12-12', '2026-12-12');
    expect(before!.facts.agreement.installment).toMatchObject({ amountCents: 311_352, dueDate: DUE });
    expect(pixAmountCents(before!.facts.agreement.installment.pix)).toBe(311_352);
    expect(await db.pixCharge.findFirst({ where: { agreementId: a.id } })).toMatchObject({ kind: 'balance', amountCents: 311_352n, pixCode: before!.facts.agreement.installment.pix });
  });

  it.skipIf(!enabled)('a pass that runs late sends what still makes sense and never "due on …" after the due date', async () => {
    // First pass the day before the due date: the before:3 window still holds.
    const a1 = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] });
    expect((await walk(db, 'c1', a1, '2026-12-14', '2026-12-14')).map((q) => q.key)).toEqual(['reminder.before']);
    // First pass on the due day: only the due-day reminder, the "before" one is gone for good.
    const a2 = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] });
    expect((await walk(db, 'c1', a2, DUE, '2026-12-18')).map((q) => [q.day, q.key])).toEqual([[DUE, 'reminder.due'], ['2026-12-16', 'reminder.late']]);
    // First pass three days late: the late note, with three days of interest (411 352 × 3 / 3 000 = 411,4 → 411).
    const a3 = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] });
    const [late] = await walk(db, 'c1', a3, '2026-12-18', '2026-12-18');
    expect(late!.key).toBe('reminder.late');
    expect(late!.facts.agreement.installment).toMatchObject({ daysLate: 3, feeCents: 8_227, interestCents: 411, totalCents: AMOUNT + 8_227 + 411 });
    expect(pixAmountCents(late!.facts.agreement.installment.pix)).toBe(AMOUNT + 8_227 + 411);
  });

  it.skipIf(!enabled)('drops a reminder held in the outbox once it no longer makes sense, and queues the day’s instead', async () => {
    const a = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] });
    await runReminderPass({ db, conversations: writes, creditorId: 'c1', now: noon('2026-12-13') });
    const held = await db.message.findFirstOrThrow({ where: { conversationId: a.conversationId, templateKey: 'reminder.before' } });
    expect(held.delivery).toBe('pending');
    // Still pending (the contact policy held it) on the due day, São Paulo's 00:20.
    const r = await runReminderPass({ db, conversations: writes, creditorId: 'c1', now: new Date(`${DUE}T03:20:00Z`) });
    expect(r.dropped).toBeGreaterThanOrEqual(1);
    expect(await db.message.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ delivery: 'dropped', lastError: expect.stringMatching(/last day \(2026-12-14\) has passed/) });
    expect((await db.message.findMany({ where: { conversationId: a.conversationId, delivery: 'pending' } })).map((m) => m.templateKey)).toEqual(['reminder.due']);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'agreement.message_dropped', conversationId: a.conversationId } });
    expect(event.data).toMatchObject({ agreementId: a.id, kind: 'before:3', messageId: held.id });
    // Paid meanwhile: the held due-day reminder is dropped too.
    await db.$transaction(async (tx) => {
      const s = (await loadLedger(tx, 'c1', a.id, { lock: true }))!;
      const p = applyPayment(s.ledger, { endToEndId: `E${a.id}`, txid: a.installments[0]!.txid, amountCents: AMOUNT, paidAt: `${DUE}T12:00:00Z`, source: 'pix' });
      await saveLedger(tx, s, p.agreement, p.events, { actor: 'pix', now: noon(DUE) });
    });
    await runReminderPass({ db, conversations: writes, creditorId: 'c1', now: noon(DUE) });
    expect(await db.message.findFirstOrThrow({ where: { conversationId: a.conversationId, templateKey: 'reminder.due' } })).toMatchObject({ delivery: 'dropped', lastError: 'reminder dropped: the instalment was paid' });
  });

  it.skipIf(!enabled)('follows the admin’s settings: several days before, no due-day reminder, a longer grace', async () => {
    await creditor(db, 'c2');
    await saveReminderSettings(db, 'c2', { ...DEFAULT_REMINDER_SETTINGS, beforeDueDays: [2, 7], onDueDay: false, afterDueDays: [1, 4], graceDays: 8 }, 'admin');
    const a = await seedAgreement(db, { creditorId: 'c2', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] });
    const queued = await walk(db, 'c2', a, '2026-12-01', '2027-01-05');
    expect(queued.map((q) => [q.day, q.key, q.facts.agreement.installment.daysLate ?? null])).toEqual([
      ['2026-12-08', 'reminder.before', null],
      ['2026-12-13', 'reminder.before', null],
      ['2026-12-16', 'reminder.late', 1],
      ['2026-12-19', 'reminder.late', 4],
      ['2026-12-24', 'agreement.broken', null],
    ]);
    // Each late note its own code for its own amount.
    expect(await db.pixCharge.count({ where: { agreementId: a.id, kind: 'late' } })).toBe(2);
  });
});

describe.each(DATABASES)('reminder pass, two processes at once ($kind)', ({ kind, enabled }) => {
  it.skipIf(!enabled)('queues each message once, and issues one late PIX code', async () => {
    const two = await twoConnections(kind);
    try {
      await creditor(two.a.prisma, 'c1');
      const list = await Promise.all([0, 1, 2, 3].map(() => seedAgreement(two.a.prisma, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] })));
      for (const day of ['2026-12-12', '2026-12-16', '2026-12-21']) {
        const results = await Promise.all([two.a, two.b, two.a, two.b].map((d) => runReminderPass({ db: d.prisma, conversations: writes, creditorId: 'c1', now: noon(day) })));
        expect(results.reduce((s, r) => s + r.queued, 0), day).toBe(list.length);
        expect(results.reduce((s, r) => s + r.failed, 0)).toBe(0);
      }
      for (const a of list) {
        const keys = (await two.b.prisma.message.findMany({ where: { conversationId: a.conversationId }, orderBy: { seq: 'asc' } })).map((m) => m.templateKey);
        expect(keys).toEqual(['reminder.before', 'reminder.late', 'agreement.broken']);
        expect(await two.b.prisma.pixCharge.count({ where: { agreementId: a.id } })).toBe(1);
        const types = (await two.b.prisma.auditEvent.findMany({ where: { debtorId: a.debtorId } })).map((e) => e.type).sort();
        expect(types).toEqual(['agreement.broken', 'agreement.message_queued', 'agreement.message_queued', 'agreement.message_queued', 'installment.late']);
      }
      expect((await verifyAuditChain(two.a.prisma)).ok).toBe(true);
    } finally {
      await two.close();
    }
  }, 120_000);
});

// PostgreSQL only: PGlite runs one transaction at a time, so a held row lock there blocks everything.
describe.each(DATABASES.filter((d) => d.kind === 'postgresql'))('reminder pass beside a payment holding an agreement ($kind)', ({ kind, enabled }) => {
  it.skipIf(!enabled)('leaves the held agreement for the next pass instead of waiting on it, and reminds the rest of the batch', async () => {
    const two = await twoConnections(kind);
    try {
      await creditor(two.a.prisma, 'c1');
      const [held, free] = await Promise.all([0, 1].map(() => seedAgreement(two.a.prisma, { creditorId: 'c1', schedule: [{ dueDate: DUE, amountCents: AMOUNT }] })));
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      // What recordPayment does first: the agreement's row lock, held while it works.
      const payment = two.a.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT "id" FROM "Agreement" WHERE "id" = ${held!.id} FOR UPDATE`;
          locked();
          await released;
        },
        { timeout: 60_000 },
      );
      await isLocked;
      const first = await runReminderPass({ db: two.b.prisma, conversations: writes, creditorId: 'c1', now: noon('2026-12-12') });
      release();
      await payment;
      expect(first).toMatchObject({ queued: 1, failed: 0 });
      expect(await two.b.prisma.agreementNotice.count({ where: { agreementId: held!.id } })).toBe(0);
      expect(await two.b.prisma.agreementNotice.count({ where: { agreementId: free!.id } })).toBe(1);
      const next = await runReminderPass({ db: two.b.prisma, conversations: writes, creditorId: 'c1', now: new Date('2026-12-12T15:15:00Z') });
      expect(next).toMatchObject({ queued: 1, failed: 0 });
      expect(await two.b.prisma.agreementNotice.count({ where: { agreementId: held!.id } })).toBe(1);
    } finally {
      await two.close();
    }
  }, 120_000);
});
