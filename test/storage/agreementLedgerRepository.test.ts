import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerTotals } from '../../src/domain/agreementLedger.js';
import { applyPayment } from '../../src/domain/applyPayment.js';
import { statusOn } from '../../src/domain/agreementStatus.js';
import { auditTypeOf, loadLedger, saveLedger } from '../../src/storage/agreementLedgerRepository.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import { seedAgreement } from '../helpers/agreementRows.js';
import { DATABASES, TEST_DATABASE_URL, notePostgresSkipped, openTestDatabase, twoConnections } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/agreementLedgerRepository');

const NOW = new Date('2026-12-05T15:00:00Z');

describe('auditTypeOf', () => {
  it('names ledger events after what they are about', () => {
    expect(auditTypeOf({ type: 'payment_applied' } as never)).toBe('payment.applied');
    expect(auditTypeOf({ type: 'payments_reallocated' } as never)).toBe('payment.reallocated');
    expect(auditTypeOf({ type: 'installment_late' } as never)).toBe('installment.late');
    expect(auditTypeOf({ type: 'agreement_broken' } as never)).toBe('agreement.broken');
  });
});

describe.each(DATABASES)('agreement ledger rows ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    await t.database.prisma.creditor.create({ data: { id: 'c1', name: 'n', cnpj: '11222333000181', pixKey: 'k@example.com', pixMerchantName: 'N', pixCity: 'SAO PAULO' } });
    await t.database.prisma.creditor.create({ data: { id: 'c2', name: 'm', cnpj: '11444777000161', pixKey: 'k@example.com', pixMerchantName: 'M', pixCity: 'SAO PAULO' } });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('round-trips a ledger, records a payment once, settles the agreement and its invoices, audits every event', async () => {
    const db = t.database.prisma;
    const a = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: '2026-12-05', amountCents: 10_000 }, { dueDate: '2027-01-05', amountCents: 10_000 }] });
    expect(await loadLedger(db, 'c2', a.id)).toBeNull();
    const stored = (await loadLedger(db, 'c1', a.id))!;
    expect(stored.ledger).toMatchObject({ id: a.id, status: 'active', payments: [], overpaidCents: 0 });
    expect(stored.ledger.installments.map((i) => [i.n, i.paidCents, i.status])).toEqual([[1, 0, 'open'], [2, 0, 'open']]);

    const pay = { endToEndId: 'E1', txid: a.installments[0]!.txid, amountCents: 15_000, paidAt: '2026-12-05T13:00:00Z', source: 'pix' as const };
    await db.$transaction(async (tx) => {
      const s = (await loadLedger(tx, 'c1', a.id, { lock: true }))!;
      const r = applyPayment(s.ledger, pay);
      expect(r.outcome).toBe('applied');
      await saveLedger(tx, s, r.agreement, r.events, { actor: 'pix', now: NOW });
    });
    const after = (await loadLedger(db, 'c1', a.id))!;
    expect(after.ledger.installments.map((i) => [i.paidCents, i.status, i.paidAt])).toEqual([[10_000, 'paid', '2026-12-05T13:00:00.000Z'], [5_000, 'open', null]]);
    expect(ledgerTotals(after.ledger)).toMatchObject({ paidCents: 15_000, remainingCents: 5_000 });
    // The same payment again: a duplicate, nothing written.
    const again = applyPayment(after.ledger, pay);
    expect(again.outcome).toBe('duplicate');
    await saveLedger(db, after, again.agreement, again.events, { actor: 'pix', now: NOW });
    expect(await db.payment.count({ where: { agreementId: a.id } })).toBe(1);

    const last = applyPayment(after.ledger, { ...pay, endToEndId: 'E2', amountCents: 5_000, paidAt: '2026-12-20T10:00:00-03:00' });
    await saveLedger(db, after, last.agreement, last.events, { actor: 'admin:u1', now: NOW, newPayments: new Map([[last.payment.key, { createdBy: 'admin:u1', note: 'comprovante' }]]) });
    const settled = await db.agreement.findUniqueOrThrow({ where: { id: a.id } });
    expect(settled.status).toBe('settled');
    expect(settled.settledAt).toEqual(NOW);
    expect((await db.invoice.findMany({ where: { debtorId: a.debtorId } })).map((i) => i.status)).toEqual(['paid']);
    expect(await db.payment.findFirst({ where: { key: 'e2e:E2' }, select: { note: true, createdBy: true, allocations: true } })).toEqual({ note: 'comprovante', createdBy: 'admin:u1', allocations: [{ n: 2, cents: 5_000 }] });
    const types = (await db.auditEvent.findMany({ where: { debtorId: a.debtorId }, orderBy: { id: 'asc' } })).map((e) => e.type);
    expect(types).toEqual(['payment.applied', 'installment.paid', 'payment.applied', 'installment.paid', 'agreement.settled']);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it.skipIf(!enabled)('the daily status pass marks late and broken, and saves nothing when nothing changed', async () => {
    const db = t.database.prisma;
    const a = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: '2026-12-05', amountCents: 10_000 }] });
    const s = (await loadLedger(db, 'c1', a.id))!;
    const late = statusOn(s.ledger, '2026-12-06', 5);
    await saveLedger(db, s, late.agreement, late.events, { actor: 'system', now: NOW });
    const s2 = (await loadLedger(db, 'c1', a.id))!;
    expect(s2.ledger.installments[0]!.status).toBe('late');
    const same = statusOn(s2.ledger, '2026-12-07', 5);
    expect(same.events).toEqual([]);
    const broken = statusOn(s2.ledger, '2026-12-11', 5);
    await saveLedger(db, s2, broken.agreement, broken.events, { actor: 'system', now: NOW });
    expect(await db.agreement.findUniqueOrThrow({ where: { id: a.id }, select: { status: true, brokenOn: true } })).toEqual({ status: 'broken', brokenOn: '2026-12-11' });
  });

  it.skipIf(!enabled)('a simulator agreement is no ledger', async () => {
    const a = await seedAgreement(t.database.prisma, { creditorId: 'c1', status: 'simulated', schedule: [{ dueDate: '2026-12-05', amountCents: 100 }] });
    expect(await loadLedger(t.database.prisma, 'c1', a.id)).toBeNull();
  });

});

// Two processes need two connections: PostgreSQL only (PGlite is one connection in one process).
describe('agreement ledger rows, two processes (postgresql)', () => {
  it.skipIf(!TEST_DATABASE_URL)('two processes paying one agreement at once: both counted, each once (the row lock serialises them)', async () => {
    const two = await twoConnections('postgresql');
    try {
      await two.a.prisma.creditor.create({ data: { id: 'c1', name: 'n', cnpj: '11222333000181', pixKey: 'k@example.com', pixMerchantName: 'N', pixCity: 'SAO PAULO' } });
      const a = await seedAgreement(two.a.prisma, { creditorId: 'c1', schedule: [{ dueDate: '2026-12-05', amountCents: 10_000 }, { dueDate: '2027-01-05', amountCents: 10_000 }] });
      const payOn = (db: typeof two.a.prisma, e2e: string, n: number) =>
        db.$transaction(async (tx) => {
          const s = (await loadLedger(tx, 'c1', a.id, { lock: true }))!;
          const r = applyPayment(s.ledger, { endToEndId: e2e, txid: a.installments[n]!.txid, amountCents: 10_000, paidAt: '2026-12-05T13:00:00Z', source: 'pix' });
          await saveLedger(tx, s, r.agreement, r.events, { actor: 'pix', now: NOW });
        });
      await Promise.all([payOn(two.a.prisma, 'EA', 0), payOn(two.b.prisma, 'EB', 1)]);
      const s = (await loadLedger(two.a.prisma, 'c1', a.id))!;
      expect(s.ledger.status).toBe('settled');
      expect(s.ledger.installments.map((i) => i.paidCents)).toEqual([10_000, 10_000]);
    } finally {
      await two.close();
    }
  });
});
