import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationWrites } from '../../src/engine/conversationWrites.js';
import { queueAgreementMessage } from '../../src/storage/agreementNotices.js';
import { appendMessage } from '../../src/storage/appendMessage.js';
import type { Tx } from '../../src/storage/database.js';
import { seedAgreement } from '../helpers/agreementRows.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/agreementNotices');

const writes: ConversationWrites<Tx> = {
  append: (tx, id, row) => appendMessage(tx, id, row),
  close: () => Promise.reject(new Error('not used')),
};

describe.each(DATABASES)('agreement messages ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    await t.database.prisma.creditor.create({ data: { id: 'c1', name: 'n', cnpj: '11222333000181', pixKey: 'k@example.com', pixMerchantName: 'N', pixCity: 'SAO PAULO' } });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('queues a proactive outbox row once per key, even when asked at the same moment', async () => {
    const db = t.database.prisma;
    const a = await seedAgreement(db, { creditorId: 'c1', channel: 'telegram', schedule: [{ dueDate: '2026-12-05', amountCents: 10_000 }] });
    const m = {
      creditorId: 'c1',
      agreementId: a.id,
      conversationId: a.conversationId,
      installmentN: 1,
      kind: 'before:3',
      key: `installment:x:before:3`,
      forDate: '2026-12-02',
      row: { templateKey: 'reminder.before', facts: { reminder: { n: 1 } }, proactive: true },
    };
    const results = await Promise.all([1, 2, 3].map(() => db.$transaction((tx) => queueAgreementMessage(tx, writes, m))));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const rows = await db.message.findMany({ where: { conversationId: a.conversationId } });
    expect(rows.map((r) => [r.templateKey, r.delivery, r.proactive, r.countsTowardCaps, r.channel])).toEqual([['reminder.before', 'pending', true, true, 'telegram']]);
    expect(await db.agreementNotice.findMany({ select: { key: true, messageId: true } })).toEqual([{ key: m.key, messageId: rows[0]!.id }]);
    expect(await db.auditEvent.count({ where: { type: 'agreement.message_queued' } })).toBe(1);
  });
});
