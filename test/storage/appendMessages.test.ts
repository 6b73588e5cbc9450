import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessage } from '../../src/storage/appendMessage.js';
import { appendMessages } from '../../src/storage/appendMessages.js';
import type { Db } from '../../src/storage/database.js';
import { seedAgreement } from '../helpers/agreementRows.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/appendMessages');

describe.each(DATABASES)('appendMessages ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let db: Db;
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    db = t.database.prisma;
    await db.creditor.create({ data: { id: 'c1', name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', pixKey: 'financeiro@exemplo.com.br', pixMerchantName: 'Distribuidora Exemplo', pixCity: 'SAO PAULO' } });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('gives two rows for one conversation consecutive seqs after the ones it had, in the order given', async () => {
    const [a, b] = await Promise.all([0, 1].map(() => seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: '2026-12-15', amountCents: 10_000 }] })));
    await db.$transaction((tx) => appendMessage(tx, a!.conversationId, { author: 'bot', direction: 'out', text: 'earlier', delivery: null }));
    const before = (await db.conversation.findUniqueOrThrow({ where: { id: a!.conversationId } })).lastSeq;
    const row = (text: string) => ({ author: 'bot' as const, direction: 'out' as const, text, delivery: 'pending' as const, proactive: true });
    const out = await db.$transaction((tx) =>
      appendMessages(tx, [
        { conversationId: a!.conversationId, row: row('a1') },
        { conversationId: b!.conversationId, row: row('b1') },
        { conversationId: a!.conversationId, row: row('a2') },
      ]),
    );
    expect(out).toHaveLength(3);
    const rows = await db.message.findMany({ where: { id: { in: out.map((o) => o.messageId) } } });
    const byText = new Map(rows.map((m) => [m.text, m]));
    expect(byText.get('a1')).toMatchObject({ id: out[0]!.messageId, seq: before + 1, conversationId: a!.conversationId, delivery: 'pending', proactive: true });
    expect(byText.get('a2')).toMatchObject({ id: out[2]!.messageId, seq: before + 2 });
    expect(byText.get('b1')).toMatchObject({ id: out[1]!.messageId, conversationId: b!.conversationId });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: a!.conversationId } })).lastSeq).toBe(before + 2);
    expect(out[0]!.debtorId).toBe(a!.debtorId);
  });
});
