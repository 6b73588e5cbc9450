import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { eraseExpiredConversations, retentionChore } from '../../src/jobs/retention.js';
import { appendAudit } from '../../src/storage/auditLog.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import { auditText, getOrCreatePiiKey } from '../../src/storage/auditText.js';
import type { Database } from '../../src/storage/database.js';
import { seedDebtor, WebchatDebtor } from '../helpers/chat.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('jobs/retention');

const NOW = new Date('2031-06-01T12:00:00Z');
const DAYS = 1825;
const cutoff = new Date(NOW.getTime() - DAYS * 86_400_000);
const before = (ms: number) => new Date(cutoff.getTime() - ms);
const after = (ms: number) => new Date(cutoff.getTime() + ms);

describe('RETENTION_DAYS', () => {
  it('defaults to 1825 days (5 years) and must be a positive whole number', () => {
    expect(loadConfig({}).RETENTION_DAYS).toBe(1825);
    expect(loadConfig({ RETENTION_DAYS: '30' }).RETENTION_DAYS).toBe(30);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ RETENTION_DAYS: '1.5' })).toThrow(/RETENTION_DAYS/);
  });
});

describe('WEBCHAT_UNVERIFIED_RETENTION_HOURS', () => {
  it('defaults to 24 hours and must be a positive whole number', () => {
    expect(loadConfig({}).WEBCHAT_UNVERIFIED_RETENTION_HOURS).toBe(24);
    expect(loadConfig({ WEBCHAT_UNVERIFIED_RETENTION_HOURS: '72' }).WEBCHAT_UNVERIFIED_RETENTION_HOURS).toBe(72);
    expect(() => loadConfig({ WEBCHAT_UNVERIFIED_RETENTION_HOURS: '0' })).toThrow(/WEBCHAT_UNVERIFIED_RETENTION_HOURS/);
  });
});

describe.each(DATABASES)('retention: erasing conversations silent for longer than RETENTION_DAYS ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
  }, 120_000);
  afterAll(async () => opened?.close());

  let n = 0;
  /** A conversation created at `createdAt` with debtor messages at the given times (texts hashed into the trail as the store does). */
  async function conversation(createdAt: Date, messageTimes: Date[], extra: { status?: string; erasedAt?: Date } = {}) {
    const db = database.prisma;
    const chatId = `chat-${++n}`;
    const c = await db.conversation.create({ data: { channel: 'whatsapp', chatId, flowId: 'f', flowVersion: 1, snapshot: { v: 1 }, createdAt, lastSeq: messageTimes.length, ...extra } });
    for (const [i, at] of messageTimes.entries()) {
      const text = `mensagem ${i + 1} de ${chatId}`;
      const m = await db.message.create({ data: { conversationId: c.id, seq: i + 1, direction: 'in', author: 'debtor', channel: 'whatsapp', channelMessageId: `${chatId}:${i}`, text, createdAt: at, processedAt: at } });
      await db.$transaction(async (tx) => appendAudit(tx, [{ type: 'message.in', actor: 'debtor', conversationId: c.id, data: { messageId: m.id, seq: m.seq, ...auditText(await getOrCreatePiiKey(tx, c.id), text) } }]));
    }
    return { id: c.id, chatId };
  }

  it.skipIf(!enabled)('erases exactly the expired ones, with an explicit now; the chain still verifies', async () => {
    const db = database.prisma;
    const old = await conversation(before(30 * 86_400_000), [before(20 * 86_400_000), before(60_000)]);
    const recent = await conversation(before(30 * 86_400_000), [before(20 * 86_400_000), after(30 * 86_400_000)]);
    const held = await conversation(before(30 * 86_400_000), [before(20 * 86_400_000)], { status: 'human' });
    const silentSinceOpened = await conversation(before(86_400_000), []);
    const openedLately = await conversation(after(30 * 86_400_000), []);
    const alreadyErased = await conversation(before(30 * 86_400_000), [before(20 * 86_400_000)], { erasedAt: before(0) });

    // One day earlier, nothing has expired yet.
    expect(await eraseExpiredConversations(db, { retentionDays: DAYS, now: new Date(NOW.getTime() - 86_400_000) })).toEqual({ conversations: 0, messages: 0, attachments: 0 });

    const r = await eraseExpiredConversations(db, { retentionDays: DAYS, now: NOW, batchSize: 1 });
    expect(r).toEqual({ conversations: 2, messages: 2, attachments: 0 });
    for (const { id, chatId } of [old, silentSinceOpened]) {
      const c = await db.conversation.findUniqueOrThrow({ where: { id } });
      expect(c).toMatchObject({ piiKey: null, erasedAt: NOW, status: 'closed' });
      expect(c.chatId).toMatch(/^erased:/);
      expect(c.chatId).not.toBe(chatId);
      expect(await db.auditEvent.findFirstOrThrow({ where: { conversationId: id, type: 'conversation.erased' } })).toMatchObject({
        actor: 'system',
        data: { reason: 'retention', retentionDays: DAYS },
      });
    }
    expect((await db.message.findMany({ where: { conversationId: old.id } })).map((m) => m.text)).toEqual([null, null]);
    for (const { id, chatId } of [recent, held, openedLately]) {
      const c = await db.conversation.findUniqueOrThrow({ where: { id } });
      expect(c).toMatchObject({ chatId, erasedAt: null });
      expect(await db.message.count({ where: { conversationId: id, text: null } })).toBe(0);
    }
    expect(await db.auditEvent.count({ where: { conversationId: alreadyErased.id, type: 'conversation.erased' } })).toBe(0);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });

    // A second pass finds nothing more.
    expect(await eraseExpiredConversations(db, { retentionDays: DAYS, now: NOW })).toMatchObject({ conversations: 0 });
  });

  it.skipIf(!enabled)('runs as a chore at most once per interval', async () => {
    let now = NOW;
    const chore = retentionChore({ db: database.prisma, retentionDays: DAYS, intervalMs: 3_600_000, clock: () => now });
    await conversation(before(30 * 86_400_000), [before(20 * 86_400_000)]);
    expect(await chore()).toMatchObject({ conversations: 1 });
    await conversation(before(30 * 86_400_000), [before(20 * 86_400_000)]);
    now = new Date(now.getTime() + 60_000);
    expect(await chore()).toBeNull();
    now = new Date(now.getTime() + 3_600_000);
    expect(await chore()).toMatchObject({ conversations: 1 });
  });

  it.skipIf(!enabled)('erases unverified web chat sessions silent for WEBCHAT_UNVERIFIED_RETENTION_HOURS, and nothing else early', async () => {
    const db = database.prisma;
    const hours = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
    const creditor = await db.creditor.upsert({ where: { id: 'cred-retention' }, update: {}, create: { id: 'cred-retention', name: 'C', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'C', pixCity: 'SP' } });
    const debtor = await db.debtor.create({ data: { creditorId: creditor.id, cnpj: `1144477700${String(n).padStart(4, '0')}`, companyName: 'Empresa Verificada Ltda' } });
    const webchat = async (createdAt: Date, messageTimes: Date[], extra: { debtorId?: string; status?: string; channel?: string } = {}) => {
      const c = await conversation(createdAt, messageTimes, { status: extra.status });
      await db.conversation.update({ where: { id: c.id }, data: { channel: extra.channel ?? 'webchat', debtorId: extra.debtorId ?? null } });
      return c;
    };
    const abandoned = await webchat(hours(30), [hours(29), hours(25)]);
    const abandonedSilent = await webchat(hours(48), []);
    const stillTalking = await webchat(hours(30), [hours(29), hours(23)]);
    const verified = await webchat(hours(30), [hours(29)], { debtorId: debtor.id });
    const held = await webchat(hours(30), [hours(29)], { status: 'human' });
    const telegram = await webchat(hours(30), [hours(29)], { channel: 'telegram' });

    // Without the setting, nothing this young is touched.
    expect(await eraseExpiredConversations(db, { retentionDays: DAYS, now: NOW })).toMatchObject({ conversations: 0 });

    const r = await eraseExpiredConversations(db, { retentionDays: DAYS, unverifiedWebchatHours: 24, now: NOW });
    expect(r).toEqual({ conversations: 2, messages: 2, attachments: 0 });
    for (const { id } of [abandoned, abandonedSilent]) {
      expect(await db.conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ erasedAt: NOW, piiKey: null, status: 'closed' });
      expect(await db.auditEvent.findFirstOrThrow({ where: { conversationId: id, type: 'conversation.erased' } })).toMatchObject({
        actor: 'system',
        data: { reason: 'unverified_webchat', retentionHours: 24 },
      });
    }
    expect((await db.message.findMany({ where: { conversationId: abandoned.id } })).map((m) => m.text)).toEqual([null, null]);
    for (const { id, chatId } of [stillTalking, verified, held, telegram]) {
      expect(await db.conversation.findUniqueOrThrow({ where: { id } })).toMatchObject({ chatId, erasedAt: null });
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe.each(DATABASES)('retention in the running app, on its clock ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  let offsetMs = 0;
  beforeAll(async () => {
    if (enabled) t = await startTestApp({ db: kind, clock: () => new Date(Date.now() + offsetMs), env: { JOBS_INTERVAL_MS: '50', WEBCHAT_UNVERIFIED_RETENTION_HOURS: '24' } });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('an abandoned unverified web chat session is erased a day later; an identified one stays', async () => {
    const { cnpj, invoice } = await seedDebtor(t);
    const anonymous = new WebchatDebtor(t);
    await anonymous.open();
    await anonymous.say('oi, quem é você? meu telefone é (11) 98765-4321');
    const identified = new WebchatDebtor(t);
    await identified.open();
    await identified.say(cnpj);
    await identified.say(invoice);
    const db = t.app.database.prisma;
    const conv = (chatId: string) => db.conversation.findFirst({ where: { channel: 'webchat', chatId } });
    expect((await conv(identified.sessionId))?.debtorId).not.toBeNull();

    offsetMs = 25 * 3_600_000;
    await expect.poll(async () => (await conv(anonymous.sessionId)) === null, { timeout: 15_000, interval: 100 }).toBe(true);
    const erased = await db.auditEvent.findFirstOrThrow({ where: { type: 'conversation.erased', data: { path: ['reason'], equals: 'unverified_webchat' } } });
    expect(erased.data).toMatchObject({ retentionHours: 24, messages: expect.any(Number) });
    expect(await db.message.count({ where: { conversationId: erased.conversationId!, text: { contains: '98765' } } })).toBe(0);
    // The session is gone for its page too; the identified debtor's conversation is untouched.
    expect((await t.api('GET', `/api/webchat/sessions/${anonymous.sessionId}`)).status).toBe(404);
    expect(await conv(identified.sessionId)).toMatchObject({ erasedAt: null });
    expect((await identified.status()).status).toBe('bot');
  });
});
