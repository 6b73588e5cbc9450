import { describe, expect, it } from 'vitest';
import { applyPayment } from '../../src/domain/applyPayment.js';
import { cancelAgreement } from '../../src/domain/agreementStatus.js';
import { paymentReceipt } from '../../src/domain/paymentReceipt.js';
import { threeInstalments } from './ledgerFixtures.js';

const pay = (txid: string, amountCents: number, endToEndId: string, paidAt = '2026-12-05T13:00:00Z') => ({ txid, amountCents, paidAt, endToEndId, source: 'pix' as const });

describe('paymentReceipt', () => {
  it('a partial payment: the instalment partly paid, what remains, the same instalment next', () => {
    const r = applyPayment(threeInstalments(), pay('A1P1', 4_000, 'E1'));
    expect(paymentReceipt(r.agreement, r.payment)).toEqual({
      templateKey: 'agreement.receipt',
      facts: {
        agreement: {
          id: 'A1',
          totalCents: 30_001,
          receipt: { amountCents: 4_000, installments: [{ n: 1, cents: 4_000, paidCents: 4_000, amountCents: 10_000 }], paidCents: 4_000, remainingCents: 26_001, overpaidCents: 0, chargesCents: 0, lateCharges: [], next: { n: 1, dueDate: '2026-12-05', amountCents: 6_000 } },
        },
      },
    });
  });

  it('a payment over two instalments lists both, and the next is the third', () => {
    const r = applyPayment(threeInstalments(), pay('A1P1', 15_000, 'E1'));
    const receipt = paymentReceipt(r.agreement, r.payment)!;
    expect(receipt.facts.agreement.receipt.installments).toEqual([
      { n: 1, cents: 10_000, paidCents: 10_000, amountCents: 10_000 },
      { n: 2, cents: 5_000, paidCents: 5_000, amountCents: 10_000 },
    ]);
    expect(receipt.facts.agreement.receipt.next).toEqual({ n: 2, dueDate: '2027-01-05', amountCents: 5_000 });
  });

  it('the last payment settles: no next, the settled template, the overpayment recorded', () => {
    const r = applyPayment(threeInstalments(), pay('A1P1', 30_101, 'E1'));
    const receipt = paymentReceipt(r.agreement, r.payment)!;
    expect(receipt.templateKey).toBe('agreement.settled');
    expect(receipt.facts.agreement.receipt).toMatchObject({ amountCents: 30_101, paidCents: 30_001, remainingCents: 0, overpaidCents: 100 });
    expect(receipt.facts.agreement.receipt.next).toBeUndefined();
  });

  it('a late PIX charge paid: how much of it was late fee + interest, as a fact and as a one-line list', () => {
    const late = { txid: 'LATE2X', amountCents: 10_223, paidAt: '2027-01-12T13:00:00Z', endToEndId: 'E9', source: 'pix' as const, chargeFor: 2, lateChargesCents: 223 };
    const r = applyPayment(threeInstalments(), late);
    const receipt = paymentReceipt(r.agreement, r.payment)!;
    expect(receipt.templateKey).toBe('agreement.receipt');
    expect(receipt.facts.agreement.receipt).toMatchObject({
      amountCents: 10_223,
      installments: [{ n: 2, cents: 10_000, paidCents: 10_000, amountCents: 10_000 }],
      paidCents: 10_000,
      remainingCents: 20_001,
      chargesCents: 223,
      lateCharges: [{ cents: 223 }],
      next: { n: 1, dueDate: '2026-12-05', amountCents: 10_000 },
    });
    // Only charges (the instalment was paid before): still a receipt, for the charges.
    const paidBefore = applyPayment(threeInstalments(), pay('A1P2', 10_000, 'E1', '2027-01-11T13:00:00Z')).agreement;
    const onlyCharges = applyPayment(paidBefore, { ...late, amountCents: 223 });
    expect(onlyCharges.payment).toMatchObject({ allocations: [], chargesCents: 223 });
    expect(paymentReceipt(onlyCharges.agreement, onlyCharges.payment)?.facts.agreement.receipt).toMatchObject({ installments: [], chargesCents: 223, lateCharges: [{ cents: 223 }] });
  });

  it('nothing to acknowledge: a held payment, or one no instalment needed', () => {
    const cancelled = cancelAgreement(threeInstalments(), 'creditor_decision').agreement;
    const held = applyPayment(cancelled, pay('A1P1', 1_000, 'E1'));
    expect(held.outcome).toBe('held');
    expect(paymentReceipt(held.agreement, held.payment)).toBeNull();
    const settled = applyPayment(threeInstalments(), pay('A1P1', 30_001, 'E1')).agreement;
    const extra = applyPayment(settled, pay('A1P1', 500, 'E2'));
    expect(extra.payment.allocations).toEqual([]);
    expect(paymentReceipt(extra.agreement, extra.payment)).toBeNull();
  });
});
