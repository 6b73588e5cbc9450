import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationWrites } from '../../src/engine/conversationWrites.js';
import { appendMessage } from '../../src/storage/appendMessage.js';
import type { Db, Tx } from '../../src/storage/database.js';
import { matchTxid, recordPayments, type PaymentInput, type RecordOptions } from '../../src/storage/recordPayment.js';
import { seedAgreement } from '../helpers/agreementRows.js';
import { DATABASES, TEST_DATABASE_URL, notePostgresSkipped, openTestDatabase, twoConnections } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/recordPayment');

const NOW = new Date('2026-12-09T13:00:00Z');
const writes: ConversationWrites<Tx> = {
  append: (tx, id, row) => appendMessage(tx, id, row),
  close: () => Promise.reject(new Error('not used')),
};
const opts = (creditorId = 'c1'): RecordOptions => ({ creditorId, actor: 'pix', now: NOW, timeZone: 'America/Sao_Paulo', conversations: writes });
const creditor = (db: Db, id: string, cnpj: string) => db.creditor.create({ data: { id, name: id, cnpj, pixKey: 'k@example.com', pixMerchantName: 'N', pixCity: 'SAO PAULO' } });
const schedule = [{ dueDate: '2026-12-05', amountCents: 10_000 }, { dueDate: '2027-01-05', amountCents: 10_000 }];

describe.each(DATABASES)('recordPayments ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  const db = () => t.database.prisma;
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    await creditor(db(), 'c1', '11222333000181');
    await creditor(db(), 'c2', '11444777000161');
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('a txid of another creditor matches nothing for this one', async () => {
    const a = await seedAgreement(db(), { creditorId: 'c2', schedule });
    expect(await matchTxid(db(), 'c1', a.installments[0]!.txid)).toBeNull();
    expect(await matchTxid(db(), 'c2', a.installments[0]!.txid)).toEqual({ agreementId: a.id, installmentN: 1, charge: false, chargesCents: 0 });
    expect(await matchTxid(db(), 'c1', null)).toBeNull();
  });

  it.skipIf(!enabled)('the same endToEndId with other facts is a conflict: only an audit event is written', async () => {
    const a = await seedAgreement(db(), { creditorId: 'c1', schedule });
    const p: PaymentInput = { endToEndId: 'ECONFLICT1', txid: a.installments[0]!.txid, amountCents: 10_000, paidAt: '2026-12-08T13:00:00Z', source: 'pix' };
    expect((await recordPayments(db(), [p], opts()))[0]!.outcome).toBe('applied');
    const before = { payments: await db().payment.count(), messages: await db().message.count(), paid: await db().installment.findMany({ where: { agreementId: a.id } }) };
    const [r] = await recordPayments(db(), [{ ...p, amountCents: 9_999 }], opts());
    expect(r).toMatchObject({ outcome: 'conflict', review: ['payment_conflict'], receipt: null });
    expect({ payments: await db().payment.count(), messages: await db().message.count(), paid: await db().installment.findMany({ where: { agreementId: a.id } }) }).toEqual(before);
    expect(await db().auditEvent.count({ where: { type: 'payment.conflict', debtorId: a.debtorId } })).toBe(1);

    // An unmatched payment redelivered with other facts: the same.
    const u: PaymentInput = { endToEndId: 'ECONFLICT2', txid: 'ELSEWHERE', amountCents: 500, paidAt: '2026-12-08T13:00:00Z', source: 'pix' };
    expect((await recordPayments(db(), [u], opts()))[0]!.outcome).toBe('unmatched');
    expect((await recordPayments(db(), [{ ...u, amountCents: 501 }], opts()))[0]!.outcome).toBe('conflict');
    expect(await db().payment.count({ where: { key: 'e2e:ECONFLICT2' } })).toBe(1);
  });

  it.skipIf(!enabled)('a bad entry in a batch rolls back the entries before it', async () => {
    const a = await seedAgreement(db(), { creditorId: 'c1', schedule });
    const before = await db().payment.count();
    const good: PaymentInput = { endToEndId: 'EBATCH1', txid: a.installments[0]!.txid, amountCents: 10_000, paidAt: '2026-12-08T13:00:00Z', source: 'import' };
    await expect(recordPayments(db(), [good, { ...good, endToEndId: 'EBATCH2', amountCents: -1 }], opts())).rejects.toMatchObject({ code: 'invalid_amount' });
    expect(await db().payment.count()).toBe(before);
    expect(await db().agreementNotice.count({ where: { agreementId: a.id } })).toBe(0);
  });
});

// Two processes need two connections: PostgreSQL only (PGlite is one connection in one process).
describe('recordPayments, two processes (postgresql)', () => {
  it.skipIf(!TEST_DATABASE_URL)('two processes receiving the same notification at once record it once and queue one receipt', async () => {
    const two = await twoConnections('postgresql');
    try {
      await creditor(two.a.prisma, 'c1', '11222333000181');
      const a = await seedAgreement(two.a.prisma, { creditorId: 'c1', schedule });
      const paid: PaymentInput = { endToEndId: 'ESAME1', txid: a.installments[0]!.txid, amountCents: 10_000, paidAt: '2026-12-08T13:00:00Z', source: 'pix' };
      const stray: PaymentInput = { endToEndId: 'ESAME2', txid: 'NOTOURS', amountCents: 700, paidAt: '2026-12-08T13:00:00Z', source: 'pix' };
      // Opposite orders lock the same rows in opposite orders: a deadlock is run again, not answered 500.
      const results = await Promise.all([two.a.prisma, two.b.prisma, two.a.prisma, two.b.prisma].map((d, k) => recordPayments(d, k % 2 ? [stray, paid] : [paid, stray], opts())));
      expect(results.flat().filter((r) => r.outcome === 'applied')).toHaveLength(1);
      expect(results.flat().filter((r) => r.outcome === 'unmatched')).toHaveLength(1);
      expect(results.flat().filter((r) => r.outcome === 'duplicate')).toHaveLength(6);
      expect(await two.a.prisma.payment.count({ where: { key: { in: ['e2e:ESAME1', 'e2e:ESAME2'] } } })).toBe(2);
      expect(await two.a.prisma.agreementNotice.count({ where: { agreementId: a.id, kind: 'receipt' } })).toBe(1);
      expect(await two.a.prisma.message.count({ where: { conversationId: a.conversationId, templateKey: 'agreement.receipt' } })).toBe(1);
      expect(Number((await two.a.prisma.installment.findFirstOrThrow({ where: { agreementId: a.id, n: 1 } })).paidCents)).toBe(10_000);
    } finally {
      await two.close();
    }
  });
});
