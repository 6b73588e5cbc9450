import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { eraseExpiredConversations, retentionChore } from '../../src/jobs/retention.js';
import { appendAudit, verifyAuditChain } from '../../src/storage/auditLog.js';
import { auditText, getOrCreatePiiKey } from '../../src/storage/auditText.js';
import type { Database } from '../../src/storage/database.js';
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
});
