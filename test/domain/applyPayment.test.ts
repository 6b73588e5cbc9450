import { describe, expect, it } from 'vitest';
import { ledgerTotals, nextDueInstallment, type LedgerAgreement } from '../../src/domain/agreementLedger.js';
import { applyPayment, paymentKey, type IncomingPayment } from '../../src/domain/applyPayment.js';
import { cancelAgreement, renegotiate, statusOn } from '../../src/domain/agreementStatus.js';
import { eventTypes, ledgerErrorReason, threeInstalments } from './ledgerFixtures.js';

const agreement = threeInstalments;

const pix = (txid: string, amountCents: number, paidAt: string, endToEndId?: string): IncomingPayment => ({
  txid,
  amountCents,
  paidAt,
  source: 'pix',
  ...(endToEndId ? { endToEndId } : {}),
});

const paid = (a: LedgerAgreement) => a.installments.map((i) => i.paidCents);
const types = eventTypes;


describe('applyPayment', () => {
  it('pays the instalment whose txid the payment carries', () => {
    const r = applyPayment(agreement(), pix('A1P1', 10_000, '2026-12-05T13:00:00Z', 'E1'));
    expect(r.outcome).toBe('applied');
    expect(r.review).toEqual([]);
    const i1 = r.agreement.installments[0]!;
    expect(i1).toMatchObject({ status: 'paid', paidCents: 10_000, paidAt: '2026-12-05T13:00:00.000Z' });
    expect(r.agreement.status).toBe('active');
    expect(types(r.events)).toEqual(['payment_applied', 'installment_paid']);
    expect(r.events[0]).toEqual({
      type: 'payment_applied',
      data: {
        agreementId: 'A1',
        paymentKey: 'e2e:E1',
        source: 'pix',
        txid: 'A1P1',
        amountCents: 10_000,
        paidAt: '2026-12-05T13:00:00.000Z',
        installmentN: 1,
        assignedByHand: false,
        allocations: [{ n: 1, cents: 10_000 }],
        chargesCents: 0,
        overpaidCents: 0,
      },
    });
    expect(nextDueInstallment(r.agreement)?.n).toBe(2);
  });

  it('does not change the agreement it is given', () => {
    const a = agreement();
    const before = JSON.stringify(a);
    applyPayment(a, pix('A1P1', 10_000, '2026-12-05T13:00:00Z', 'E1'));
    expect(JSON.stringify(a)).toBe(before);
  });

  it('a partial payment leaves the instalment partly paid with the balance due', () => {
    const r = applyPayment(agreement(), pix('A1P2', 4_000, '2026-12-05T13:00:00Z', 'E1'));
    expect(r.agreement.installments[1]).toMatchObject({ status: 'open', paidCents: 4_000, paidAt: null });
    expect(types(r.events)).toEqual(['payment_applied']);
    expect(ledgerTotals(r.agreement)).toMatchObject({ paidCents: 4_000, remainingCents: 26_001 });
    const rest = applyPayment(r.agreement, pix('A1P2', 6_000, '2026-12-06T13:00:00Z', 'E2'));
    expect(rest.agreement.installments[1]).toMatchObject({ status: 'paid', paidCents: 10_000, paidAt: '2026-12-06T13:00:00.000Z' });
  });

  it('credits the excess to the oldest unpaid instalments, then records overpayment', () => {
    // Paying instalment 2's code with 250,00 while 1 is unpaid: 2 first (the debtor's choice), then 1, then 3.
    const r = applyPayment(agreement(), pix('A1P2', 25_000, '2026-12-05T13:00:00Z', 'E1'));
    expect(paid(r.agreement)).toEqual([10_000, 10_000, 5_000]);
    expect(r.payment.allocations).toEqual([
      { n: 2, cents: 10_000 },
      { n: 1, cents: 10_000 },
      { n: 3, cents: 5_000 },
    ]);
    expect(r.agreement.overpaidCents).toBe(0);

    const over = applyPayment(r.agreement, pix('A1P3', 6_000, '2026-12-06T13:00:00Z', 'E2'));
    expect(paid(over.agreement)).toEqual([10_000, 10_000, 10_001]);
    expect(over.agreement.overpaidCents).toBe(999);
    expect(over.payment.overpaidCents).toBe(999);
    expect(over.agreement.status).toBe('settled');
    expect(types(over.events)).toEqual(['payment_applied', 'installment_paid', 'overpayment_recorded', 'agreement_settled']);
    expect(over.review).toEqual(['overpayment']);
    expect(ledgerTotals(over.agreement)).toEqual({ totalCents: 30_001, paidCents: 30_001, remainingCents: 0, overpaidCents: 999, heldCents: 0, chargesCents: 0 });
  });

  it('settles the agreement when every instalment is paid, in one payment or several', () => {
    let a = agreement();
    for (const [k, amount] of [10_000, 10_000, 10_001].entries()) {
      const r = applyPayment(a, pix(`A1P${k + 1}`, amount, `2026-12-0${k + 1}T13:00:00Z`, `E${k}`));
      a = r.agreement;
      expect(a.status).toBe(k === 2 ? 'settled' : 'active');
    }
    const once = applyPayment(agreement(), pix('A1P1', 30_001, '2026-12-01T13:00:00Z', 'E9'));
    expect(once.agreement.status).toBe('settled');
    expect(types(once.events)).toEqual(['payment_applied', 'installment_paid', 'installment_paid', 'installment_paid', 'agreement_settled']);
  });

  it('a payment on a settled agreement is all overpayment, for a person', () => {
    const settled = applyPayment(agreement(), pix('A1P1', 30_001, '2026-12-01T13:00:00Z', 'E1')).agreement;
    const r = applyPayment(settled, pix('A1P2', 500, '2026-12-02T13:00:00Z', 'E2'));
    expect(r.outcome).toBe('applied');
    expect(r.agreement.status).toBe('settled');
    expect(r.agreement.overpaidCents).toBe(500);
    expect(r.review).toEqual(['overpayment']);
  });

  describe('idempotency', () => {
    it('the same endToEndId twice is a duplicate and changes nothing', () => {
      const first = applyPayment(agreement(), pix('A1P1', 10_000, '2026-12-05T13:00:00Z', 'E1'));
      const again = applyPayment(first.agreement, pix('A1P1', 10_000, '2026-12-05T10:00:00-03:00', 'E1'));
      expect(again.outcome).toBe('duplicate');
      expect(again.agreement).toBe(first.agreement);
      expect(again.events).toEqual([]);
      expect(again.payment.key).toBe('e2e:E1');
    });

    it('without endToEndId, the same txid + amount + instant is a duplicate', () => {
      const p: IncomingPayment = { txid: 'A1P1', amountCents: 4_000, paidAt: '2026-12-05T13:00:00Z', source: 'import' };
      const first = applyPayment(agreement(), p);
      expect(first.payment.key).toBe('tx:A1P1|4000|2026-12-05T13:00:00.000Z');
      expect(applyPayment(first.agreement, p).outcome).toBe('duplicate');
      // The same amount at another instant is another payment.
      const second = applyPayment(first.agreement, { ...p, paidAt: '2026-12-05T13:00:01Z' });
      expect(second.outcome).toBe('applied');
      expect(paid(second.agreement)[0]).toBe(8_000);
    });

    it('a bank line without endToEndId is recognised as the webhook payment, in either order', () => {
      const webhook = pix('A1P1', 10_000, '2026-12-05T13:00:00Z', 'E1');
      const line: IncomingPayment = { txid: 'A1P1', amountCents: 10_000, paidAt: '2026-12-05T13:00:00.000Z', source: 'import' };
      const a = applyPayment(applyPayment(agreement(), webhook).agreement, line);
      expect(a.outcome).toBe('duplicate');
      const b = applyPayment(applyPayment(agreement(), line).agreement, webhook);
      expect(b.outcome).toBe('duplicate');
    });

    it('two endToEndIds are two payments, even with the same amount and instant', () => {
      const first = applyPayment(agreement(), pix('A1P1', 3_000, '2026-12-05T13:00:00Z', 'E1'));
      const second = applyPayment(first.agreement, pix('A1P1', 3_000, '2026-12-05T13:00:00Z', 'E2'));
      expect(second.outcome).toBe('applied');
      expect(paid(second.agreement)[0]).toBe(6_000);
    });

    it('the same endToEndId with other facts is a conflict for a person; nothing changes', () => {
      const first = applyPayment(agreement(), pix('A1P1', 10_000, '2026-12-05T13:00:00Z', 'E1'));
      const r = applyPayment(first.agreement, pix('A1P1', 12_000, '2026-12-05T13:00:00Z', 'E1'));
      expect(r.outcome).toBe('conflict');
      expect(r.agreement).toBe(first.agreement);
      expect(r.review).toEqual(['payment_conflict']);
      expect(r.events).toEqual([
        {
          type: 'payment_conflict',
          data: {
            agreementId: 'A1',
            paymentKey: 'e2e:E1',
            recorded: { txid: 'A1P1', amountCents: 10_000, paidAt: '2026-12-05T13:00:00.000Z' },
            received: { txid: 'A1P1', amountCents: 12_000, paidAt: '2026-12-05T13:00:00.000Z' },
          },
        },
      ]);
    });
  });

  it('allocates by when payments were made, not when they arrived', () => {
    // The 26th's payment arrives first and pays instalment 1 and part of 2; the 25th's arrives later.
    const late = pix('A1P1', 15_000, '2026-12-26T13:00:00Z', 'E2');
    const early = pix('A1P2', 10_000, '2026-12-25T13:00:00Z', 'E1');
    const one = applyPayment(applyPayment(agreement(), late).agreement, early);
    const other = applyPayment(applyPayment(agreement(), early).agreement, late);
    expect(one.agreement.installments).toEqual(other.agreement.installments);
    expect(paid(one.agreement)).toEqual([10_000, 10_000, 5_000]);
    expect(one.agreement.installments[1]!.paidAt).toBe('2026-12-25T13:00:00.000Z');
    expect(one.agreement.installments[0]!.paidAt).toBe('2026-12-26T13:00:00.000Z');
    // The late one's allocation moved (instalment 2 was paid by the earlier payment): said in the events.
    expect(types(one.events)).toContain('payments_reallocated');
    // The history keeps the arrival order.
    expect(one.agreement.payments.map((p) => p.key)).toEqual(['e2e:E2', 'e2e:E1']);
  });

  it('a person assigns a payment whose txid matched nothing', () => {
    const p: IncomingPayment = { txid: 'FOREIGN123', amountCents: 10_000, paidAt: '2026-12-05T13:00:00Z', source: 'manual', assignTo: 2 };
    const r = applyPayment(agreement(), p);
    expect(r.outcome).toBe('applied');
    expect(r.payment).toMatchObject({ installmentN: 2, assignedByHand: true, txid: 'FOREIGN123' });
    expect(paid(r.agreement)).toEqual([0, 10_000, 0]);
    expect(ledgerErrorReason(() => applyPayment(agreement(), { ...p, assignTo: 4 }))).toBe('unknown_installment');
    // A PIX without txid (to a bare key) can be assigned by hand only, and only with its endToEndId.
    expect(applyPayment(agreement(), { ...p, txid: '', endToEndId: 'E5' }).payment).toMatchObject({ key: 'e2e:E5', txid: '', installmentN: 2 });
    expect(ledgerErrorReason(() => applyPayment(agreement(), { ...p, txid: '' }))).toBe('invalid_txid');
    expect(ledgerErrorReason(() => applyPayment(agreement(), { ...p, txid: '', endToEndId: 'E5', assignTo: undefined }))).toBe('invalid_txid');
  });

  it('a payment of a PIX charge issued later for an instalment pays that instalment, not assigned by hand', () => {
    const p: IncomingPayment = { txid: 'LATE2X', amountCents: 10_250, paidAt: '2027-01-07T13:00:00Z', source: 'pix', endToEndId: 'E9', chargeFor: 2 };
    const r = applyPayment(agreement(), p);
    expect(r.outcome).toBe('applied');
    expect(r.payment).toMatchObject({ installmentN: 2, assignedByHand: false, txid: 'LATE2X' });
    // Without late charges declared, what exceeds the instalment pays the oldest unpaid one.
    expect(paid(r.agreement)).toEqual([250, 10_000, 0]);
    expect(r.payment.chargesCents).toBe(0);
    expect(r.events[0]).toMatchObject({ type: 'payment_applied', data: { installmentN: 2, assignedByHand: false, chargesCents: 0 } });
    expect(applyPayment(r.agreement, p).outcome).toBe('duplicate');
    expect(ledgerErrorReason(() => applyPayment(agreement(), { ...p, chargeFor: 7 }))).toBe('unknown_installment');
  });

  describe('a late PIX charge (balance + late fee + interest)', () => {
    const late = (amountCents: number, lateChargesCents: number, over: Partial<IncomingPayment> = {}): IncomingPayment => ({
      txid: 'LATE2X',
      amountCents,
      paidAt: '2027-01-12T13:00:00Z',
      source: 'pix',
      endToEndId: 'E9',
      chargeFor: 2,
      lateChargesCents,
      ...over,
    });

    it('paid exactly: the instalment paid, the fee + interest counted as charges, nothing to other instalments or overpaid', () => {
      // Instalment 2 (100,00) 7 days late: 2 % fee (2,00) + interest (0,23).
      const r = applyPayment(agreement(), late(10_223, 223));
      expect(r.outcome).toBe('applied');
      expect(paid(r.agreement)).toEqual([0, 10_000, 0]);
      expect(r.payment).toMatchObject({ installmentN: 2, allocations: [{ n: 2, cents: 10_000 }], lateChargesCents: 223, chargesCents: 223, overpaidCents: 0 });
      expect(r.agreement.overpaidCents).toBe(0);
      expect(r.review).toEqual([]);
      expect(ledgerTotals(r.agreement)).toEqual({ totalCents: 30_001, paidCents: 10_000, remainingCents: 20_001, overpaidCents: 0, heldCents: 0, chargesCents: 223 });
      expect(types(r.events)).toEqual(['payment_applied', 'installment_paid']);
      expect(r.events[0]).toMatchObject({ type: 'payment_applied', data: { allocations: [{ n: 2, cents: 10_000 }], chargesCents: 223, overpaidCents: 0 } });
      // Redelivered, it counts nothing again.
      const again = applyPayment(r.agreement, late(10_223, 223));
      expect(again.outcome).toBe('duplicate');
      expect(ledgerTotals(again.agreement).chargesCents).toBe(223);
    });

    it('paid short: principal first (art. 354 exception: the receipt is given on account of the instalment), then charges', () => {
      const short = applyPayment(agreement(), late(10_100, 223));
      expect(paid(short.agreement)).toEqual([0, 10_000, 0]);
      expect(short.payment).toMatchObject({ chargesCents: 100, overpaidCents: 0 });
      const under = applyPayment(agreement(), late(9_000, 223));
      expect(paid(under.agreement)).toEqual([0, 9_000, 0]);
      expect(under.payment).toMatchObject({ allocations: [{ n: 2, cents: 9_000 }], chargesCents: 0 });
    });

    it('paid over: balance, charges, then the oldest unpaid instalments, then overpayment', () => {
      const r = applyPayment(agreement(), late(25_223, 223));
      expect(paid(r.agreement)).toEqual([10_000, 10_000, 5_000]);
      expect(r.payment).toMatchObject({ allocations: [{ n: 2, cents: 10_000 }, { n: 1, cents: 10_000 }, { n: 3, cents: 5_000 }], chargesCents: 223, overpaidCents: 0 });
      const all = applyPayment(agreement(), late(30_224, 223));
      expect(all.payment).toMatchObject({ chargesCents: 223, overpaidCents: 0 });
      expect(all.agreement.status).toBe('settled');
      const over = applyPayment(agreement(), late(30_300, 223));
      expect(over.payment).toMatchObject({ chargesCents: 223, overpaidCents: 76 });
      expect(over.review).toEqual(['overpayment']);
    });

    it('its instalment already paid: the charges still count as charges; an earlier payment arriving later re-allocates', () => {
      const first = applyPayment(agreement(), pix('A1P2', 10_000, '2027-01-11T13:00:00Z', 'E1'));
      const r = applyPayment(first.agreement, late(10_223, 223));
      expect(paid(r.agreement)).toEqual([10_000, 10_000, 0]);
      expect(r.payment).toMatchObject({ allocations: [{ n: 1, cents: 10_000 }], chargesCents: 223, overpaidCents: 0 });
      // Arrival order does not matter: the late charge first, then the earlier payment of the instalment.
      const lateFirst = applyPayment(agreement(), late(10_223, 223));
      const then = applyPayment(lateFirst.agreement, pix('A1P2', 10_000, '2027-01-11T13:00:00Z', 'E1'));
      expect(then.agreement.installments).toEqual(r.agreement.installments);
      expect(ledgerTotals(then.agreement)).toEqual(ledgerTotals(r.agreement));
      expect(types(then.events)).toContain('payments_reallocated');
    });

    it('a held payment counts no charges; lateChargesCents must be a whole non-negative number of cents', () => {
      const cancelled = cancelAgreement(agreement(), 'creditor_decision').agreement;
      const held = applyPayment(cancelled, late(10_223, 223));
      expect(held.outcome).toBe('held');
      expect(held.payment.chargesCents).toBe(0);
      expect(ledgerTotals(held.agreement)).toMatchObject({ chargesCents: 0, heldCents: 10_223 });
      for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expect(ledgerErrorReason(() => applyPayment(agreement(), late(10_223, bad)))).toBe('invalid_amount');
    });
  });

  it('a txid of no instalment is refused (the caller keeps it as unmatched)', () => {
    expect(ledgerErrorReason(() => applyPayment(agreement(), pix('A2P1', 10_000, '2026-12-05T13:00:00Z', 'E1')))).toBe('unknown_txid');
  });

  it('refuses bad input with a clear error, and changes nothing', () => {
    const a = agreement();
    const ok = pix('A1P1', 10_000, '2026-12-05T13:00:00Z', 'E1');
    const cases: [Partial<IncomingPayment>, string, RegExp][] = [
      [{ amountCents: 0 }, 'invalid_amount', /more than zero/],
      [{ amountCents: -100 }, 'invalid_amount', /more than zero/],
      [{ amountCents: 10.5 }, 'invalid_amount', /whole number of cents/],
      [{ amountCents: Number.NaN }, 'invalid_amount', /whole number of cents/],
      [{ amountCents: 2 ** 53 }, 'invalid_amount', /safe integer/],
      [{ amountCents: '100' as unknown as number }, 'invalid_amount', /whole number of cents/],
      [{ paidAt: '2026-12-05' }, 'invalid_instant', /ISO 8601 instant/],
      [{ paidAt: 'now' }, 'invalid_instant', /ISO 8601 instant/],
      [{ endToEndId: 'E 1' }, 'invalid_txid', /endToEndId/],
      [{ txid: '' }, 'invalid_txid', /txid/],
      [{ source: 'cash' as 'pix' }, 'invalid_source', /source/],
    ];
    for (const [patch, why, message] of cases) {
      expect(() => applyPayment(a, { ...ok, ...patch })).toThrow(message);
      expect(ledgerErrorReason(() => applyPayment(a, { ...ok, ...patch }))).toBe(why);
    }
    expect(a.payments).toEqual([]);
  });

  it('refuses a payment that would make the amounts received unsafe to add', () => {
    const first = applyPayment(agreement(), pix('A1P1', Number.MAX_SAFE_INTEGER - 10, '2026-12-05T13:00:00Z', 'E1'));
    expect(ledgerErrorReason(() => applyPayment(first.agreement, pix('A1P1', 100, '2026-12-05T13:00:00Z', 'E2')))).toBe('invalid_amount');
  });

  describe('on an agreement no longer in force', () => {
    it('renegotiated: recorded, counted towards nothing, flagged', () => {
      const partly = applyPayment(agreement(), pix('A1P1', 10_000, '2026-12-05T13:00:00Z', 'E1')).agreement;
      const old = renegotiate(partly, 'A2').agreement;
      const r = applyPayment(old, pix('A1P2', 10_000, '2027-01-05T13:00:00Z', 'E2'));
      expect(r.outcome).toBe('held');
      expect(r.review).toEqual(['agreement_renegotiated']);
      expect(r.agreement.payments).toHaveLength(2);
      expect(r.payment).toMatchObject({ held: 'agreement_renegotiated', allocations: [], installmentN: 2 });
      expect(paid(r.agreement)).toEqual([10_000, 0, 0]);
      expect(ledgerTotals(r.agreement)).toMatchObject({ paidCents: 10_000, heldCents: 10_000 });
      expect(types(r.events)).toEqual(['payment_held']);
      expect(r.agreement.status).toBe('renegotiated');
      // Held payments are still recognised when they come again.
      expect(applyPayment(r.agreement, pix('A1P2', 10_000, '2027-01-05T13:00:00Z', 'E2')).outcome).toBe('duplicate');
    });

    it('cancelled: recorded and held the same way', () => {
      const old = cancelAgreement(agreement(), 'debt_disputed').agreement;
      const r = applyPayment(old, pix('A1P1', 10_000, '2026-12-05T13:00:00Z', 'E1'));
      expect(r.outcome).toBe('held');
      expect(r.review).toEqual(['agreement_cancelled']);
      expect(r.agreement.status).toBe('cancelled');
    });

    it('broken: counted, stays broken and flagged while something remains; settled once all is paid', () => {
      const broken = statusOn(agreement(), '2026-12-11', 5).agreement;
      expect(broken.status).toBe('broken');
      const catchUp = applyPayment(broken, pix('A1P1', 10_000, '2026-12-12T13:00:00Z', 'E1'));
      expect(catchUp.agreement.status).toBe('broken');
      expect(catchUp.agreement.installments[0]!.status).toBe('paid');
      expect(catchUp.review).toEqual(['agreement_broken']);
      const all = applyPayment(catchUp.agreement, pix('A1P2', 20_001, '2026-12-13T13:00:00Z', 'E2'));
      expect(all.agreement.status).toBe('settled');
      expect(all.agreement.brokenOn).toBe('2026-12-11');
    });
  });

  it('a late instalment partly paid stays late; fully paid it is paid', () => {
    const late = statusOn(agreement(), '2026-12-07', 5).agreement;
    expect(late.installments[0]!.status).toBe('late');
    const part = applyPayment(late, pix('A1P1', 5_000, '2026-12-07T13:00:00Z', 'E1')).agreement;
    expect(part.installments[0]).toMatchObject({ status: 'late', paidCents: 5_000 });
    const full = applyPayment(part, pix('A1P1', 5_000, '2026-12-08T13:00:00Z', 'E2')).agreement;
    expect(full.installments[0]).toMatchObject({ status: 'paid', paidCents: 10_000 });
  });
});

describe('paymentKey', () => {
  it('is the endToEndId, or txid + amount + normalised instant', () => {
    expect(paymentKey({ endToEndId: 'E1', txid: 'X', amountCents: 1, paidAt: '2026-12-05T13:00:00Z' })).toBe('e2e:E1');
    expect(paymentKey({ txid: 'X', amountCents: 1, paidAt: '2026-12-05T10:00:00-03:00' })).toBe('tx:X|1|2026-12-05T13:00:00.000Z');
  });
});
