import { describe, expect, it } from 'vitest';
import { evaluateCounter, type CounterDecision, type Proposal } from '../../src/domain/counterProposal.js';
import { checkOffer, installmentOffer, minCashTotal, type Offer } from '../../src/domain/offer.js';
import { pricePayment } from '../../src/domain/installments.js';
import { DEFAULT_POLICY, type OfferPolicy } from '../../src/domain/policy.js';

const TODAY = '2026-03-31';
const EARLY = { round: 1, maxRounds: 3 };
const FINAL = { round: 3, maxRounds: 3 };

function evaluate(p: Proposal, debt: number, ctx: { round: number; maxRounds: number; current?: Offer } = EARLY, policy: OfferPolicy = DEFAULT_POLICY): CounterDecision {
  const d = evaluateCounter(p, debt, policy, TODAY, ctx);
  if (d.decision !== 'escalate') expect(checkOffer(d.offer, debt, policy, TODAY)).toEqual({ ok: true });
  return d;
}

function offerOf(d: CounterDecision): Offer {
  if (d.decision === 'escalate') throw new Error(`expected an offer, got escalate: ${d.why}`);
  return d.offer;
}

describe('evaluateCounter — cash', () => {
  it('accepts "2 mil à vista" on 2.100,00 with the exact total and a 2-decimal discount', () => {
    const d = evaluate({ cash: true, totalCents: 200000 }, 210000);
    expect(d.decision).toBe('accept');
    expect(offerOf(d)).toMatchObject({ kind: 'cash', totalCents: 200000, discountPercent: 4.76, installments: 1 });
  });

  it('accepts exactly at the maximum discount and counters one cent below it', () => {
    expect(evaluate({ totalCents: 189000 }, 210000).decision).toBe('accept');
    const d = evaluate({ totalCents: 188999 }, 210000);
    expect(d.decision).toBe('counter');
    expect(offerOf(d).totalCents).toBe(189000);
  });

  it('counters 1.500 on 2.100 with the maximum-discount cash offer', () => {
    const d = evaluate({ cash: true, totalCents: 150000 }, 210000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['discount_above_max'] });
    expect(offerOf(d)).toMatchObject({ kind: 'cash', totalCents: 189000, discountPercent: 10 });
    expect(d.decision === 'counter' && d.why).toMatch(/below the minimum cash payment of R\$1,890.00/);
  });

  it('counters an offer to pay more than the debt with the debt itself', () => {
    const d = evaluate({ totalCents: 250000 }, 210000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['total_above_debt'] });
    expect(offerOf(d)).toMatchObject({ totalCents: 210000, discountPercent: 0 });
  });

  it('accepts a discount percent within the limit and counters one above it', () => {
    expect(offerOf(evaluate({ discountPercent: 8 }, 210000))).toMatchObject({ totalCents: 193200, discountPercent: 8 });
    expect(evaluate({ discountPercent: 8 }, 210000).decision).toBe('accept');
    const d = evaluate({ discountPercent: 15 }, 210000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['discount_above_max'] });
    expect(offerOf(d).discountPercent).toBe(10);
  });

  it('turns a bare "à vista" into the opening cash discount', () => {
    const d = evaluate({ cash: true }, 300000);
    expect(d.decision).toBe('accept');
    expect(offerOf(d)).toMatchObject({ kind: 'cash', discountPercent: 5, totalCents: 285000 });
  });

  it('keeps the cash offer on the table for a bare "à vista"', () => {
    const current = offerOf(evaluate({ totalCents: 200000 }, 210000));
    const d = evaluate({ cash: true }, 210000, { ...EARLY, current });
    expect(offerOf(d).totalCents).toBe(200000);
  });

  it('reads "1 vez" as cash', () => {
    expect(offerOf(evaluate({ installments: 1 }, 300000)).kind).toBe('cash');
  });
});

describe('evaluateCounter — instalments', () => {
  it('accepts an allowed count', () => {
    const d = evaluate({ installments: 4 }, 300000);
    expect(d.decision).toBe('accept');
    expect(offerOf(d)).toMatchObject({ kind: 'installments', installments: 4 });
  });

  it('counters "em 10 vezes" with the maximum of 6', () => {
    const d = evaluate({ installments: 10 }, 300000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['installments_above_max'] });
    expect(offerOf(d).installments).toBe(6);
  });

  it('counters with the most instalments the minimum amount allows (2.100,00 -> 4x)', () => {
    const d = evaluate({ installments: 6 }, 210000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['installment_below_min'] });
    expect(offerOf(d).installments).toBe(4);
  });

  it('answers "500 por mês" with the smallest count whose instalment fits', () => {
    const p: OfferPolicy = { ...DEFAULT_POLICY, installments: { ...DEFAULT_POLICY.installments, max: 12, minAmountCents: 10000 } };
    const d = evaluate({ perInstallmentCents: 50000 }, 300000, EARLY, p);
    expect(d.decision).toBe('accept');
    const n = offerOf(d).installments;
    expect(offerOf(d).installmentCents).toBeLessThanOrEqual(50000);
    expect(pricePayment(300000, n - 1, 1.99)).toBeGreaterThan(50000);
    expect(n).toBe(7);
  });

  it('accepts "600 por mês" on 3.000,00 as 6x (5x would be 636,xx)', () => {
    const d = evaluate({ perInstallmentCents: 60000 }, 300000);
    expect(d.decision).toBe('accept');
    expect(offerOf(d)).toMatchObject({ installments: 6, installmentCents: 53540 });
  });

  it('counters "500 por mês" with the longest plan when no allowed count is that low', () => {
    const d = evaluate({ perInstallmentCents: 50000 }, 300000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['installment_below_min'] });
    expect(offerOf(d).installments).toBe(6);
  });

  it('moves "3x de 600" to the count that fits the monthly amount', () => {
    const d = evaluate({ installments: 3, perInstallmentCents: 60000 }, 300000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['installment_above_request'] });
    expect(offerOf(d).installments).toBe(6);
  });

  it('counters a discount on instalments with the plain plan', () => {
    const d = evaluate({ installments: 3, discountPercent: 5 }, 300000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['discount_with_installments'] });
    expect(offerOf(d)).toMatchObject({ installments: 3, discountPercent: 0 });
  });

  it('counters with the best cash offer when no instalment plan is allowed', () => {
    const d = evaluate({ installments: 2 }, 60000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['installments_unavailable'] });
    expect(offerOf(d)).toMatchObject({ kind: 'cash', totalCents: minCashTotal(60000, 10) });
  });

  it('tells the debtor when the total they name is below the instalment total', () => {
    const d = evaluate({ installments: 3, totalCents: 300000 }, 300000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['total_below_price_total'] });
  });
});

describe('evaluateCounter — dates', () => {
  it('gives the same offer with the latest allowed date when the date is beyond the limit', () => {
    const d = evaluate({ installments: 6, firstDueDate: '2026-04-20' }, 300000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['due_date_after_limit'] });
    expect(offerOf(d)).toMatchObject({ installments: 6, firstDueDate: '2026-04-10' });
  });

  it('accepts a date inside the window as asked', () => {
    const d = evaluate({ installments: 6, firstDueDate: '2026-04-08' }, 300000);
    expect(d.decision).toBe('accept');
    expect(offerOf(d).firstDueDate).toBe('2026-04-08');
  });

  it('moves a past date to today', () => {
    const d = evaluate({ totalCents: 200000, firstDueDate: '2026-03-01' }, 210000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['due_date_before_today'] });
    expect(offerOf(d).firstDueDate).toBe(TODAY);
  });

  it('re-dates the offer on the table for a date-only proposal', () => {
    const current = installmentOffer(300000, 3, 1.99, '2026-04-03');
    const d = evaluate({ firstDueDate: '2026-04-09' }, 300000, { ...EARLY, current });
    expect(d.decision).toBe('accept');
    expect(offerOf(d)).toMatchObject({ installments: 3, firstDueDate: '2026-04-09', totalCents: current.totalCents });
  });

  it('treats a date-only proposal with nothing on the table as the whole debt on that date', () => {
    const d = evaluate({ firstDueDate: '2026-04-05' }, 300000);
    expect(offerOf(d)).toMatchObject({ kind: 'cash', totalCents: 300000, firstDueDate: '2026-04-05' });
  });

  it('defaults the first due date to "soon" (today + 3 days)', () => {
    expect(offerOf(evaluate({ installments: 2 }, 300000)).firstDueDate).toBe('2026-04-03');
  });
});

describe('evaluateCounter — rounds and escalation', () => {
  it('escalates a discount over twice the maximum on the last round, counters it before', () => {
    expect(evaluate({ totalCents: 100000 }, 210000, EARLY).decision).toBe('counter');
    const d = evaluate({ totalCents: 100000 }, 210000, FINAL);
    expect(d).toMatchObject({ decision: 'escalate', reasons: ['discount_above_max'] });
  });

  it('keeps countering a near miss even on the last round', () => {
    // 1.800 on 2.100 is 14.3 % off: above the 10 % maximum but under twice it.
    expect(evaluate({ totalCents: 180000 }, 210000, FINAL).decision).toBe('counter');
    expect(evaluate({ installments: 10 }, 300000, FINAL).decision).toBe('counter');
  });

  it('escalates far too many instalments and far too small ones on the last round', () => {
    expect(evaluate({ installments: 13 }, 300000, FINAL).decision).toBe('escalate');
    expect(evaluate({ installments: 12 }, 300000, FINAL).decision).toBe('counter');
    expect(evaluate({ perInstallmentCents: 20000 }, 300000, FINAL).decision).toBe('escalate');
    expect(evaluate({ perInstallmentCents: 30000 }, 300000, FINAL).decision).toBe('counter');
  });

  it('escalates a date far beyond the window on the last round', () => {
    expect(evaluate({ totalCents: 200000, firstDueDate: '2026-04-21' }, 210000, FINAL).decision).toBe('escalate');
    expect(evaluate({ totalCents: 200000, firstDueDate: '2026-04-20' }, 210000, FINAL).decision).toBe('counter');
  });

  it('escalates nonsense amounts on the last round', () => {
    expect(evaluate({ totalCents: 0 }, 210000, FINAL).decision).toBe('escalate');
    expect(evaluate({ totalCents: -5 }, 210000, EARLY).decision).toBe('counter');
  });

  it('accepts a valid proposal on the last round too', () => {
    expect(evaluate({ totalCents: 200000 }, 210000, FINAL).decision).toBe('accept');
  });

  it('repeats the opening offer when nothing was understood', () => {
    const d = evaluate({}, 300000);
    expect(d).toMatchObject({ decision: 'counter', reasons: ['no_proposal'] });
    expect(offerOf(d)).toMatchObject({ kind: 'cash', discountPercent: 5 });
  });

  it('rejects a non-positive debt loudly', () => {
    expect(() => evaluateCounter({ cash: true }, 0, DEFAULT_POLICY, TODAY, EARLY)).toThrow(RangeError);
  });
});

describe('evaluateCounter — stale offer on the table', () => {
  it('does not re-date an offer the current policy no longer allows; it falls back to a fresh one', () => {
    // 20 % off was fine under an older policy; today the maximum is 10 %.
    const stale: Offer = { ...offerOf(evaluate({ totalCents: 200000 }, 210000)), totalCents: 168000 };
    const staleCash = { ...stale, installmentCents: 168000, discountPercent: 20, schedule: [{ n: 1, dueDate: stale.firstDueDate, amountCents: 168000 }] };
    const bare = evaluate({ cash: true }, 210000, { ...EARLY, current: staleCash });
    expect(bare.decision).toBe('accept');
    expect(offerOf(bare).discountPercent).toBe(5);
    const dated = evaluate({ firstDueDate: '2026-04-05' }, 210000, { ...EARLY, current: staleCash });
    expect(offerOf(dated)).toMatchObject({ totalCents: 210000, firstDueDate: '2026-04-05' });
  });
});
