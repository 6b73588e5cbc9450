import { describe, expect, it } from 'vitest';
import { checkOffer, minCashTotal } from '../../src/domain/offer.js';
import {
  allowedInstallmentCounts,
  compareFavourability,
  isMoreFavourable,
  offerLadder,
  openingCashDiscountPercent,
} from '../../src/domain/offerLadder.js';
import { DEFAULT_POLICY, type OfferPolicy } from '../../src/domain/policy.js';

const TODAY = '2026-03-31';
const summary = (debt: number, p: OfferPolicy = DEFAULT_POLICY, hardship = false) =>
  offerLadder(debt, p, TODAY, { hardship }).map((o) => ({
    kind: o.kind,
    discountPercent: o.discountPercent,
    installments: o.installments,
    firstDueDate: o.firstDueDate,
  }));

describe('offerLadder', () => {
  it('starts with a small cash discount due soon and concedes to the limits (default policy, 3.000,00)', () => {
    expect(summary(300000)).toEqual([
      { kind: 'cash', discountPercent: 5, installments: 1, firstDueDate: '2026-04-03' },
      { kind: 'cash', discountPercent: 10, installments: 1, firstDueDate: '2026-04-03' },
      { kind: 'installments', discountPercent: 0, installments: 3, firstDueDate: '2026-04-03' },
      { kind: 'installments', discountPercent: 0, installments: 6, firstDueDate: '2026-04-10' },
    ]);
  });

  it('caps the instalment count where instalments would fall below the minimum (2.100,00 -> 4x)', () => {
    expect(allowedInstallmentCounts(210000, DEFAULT_POLICY)).toEqual([2, 3, 4]);
    expect(summary(210000).map((r) => r.installments)).toEqual([1, 1, 2, 4]);
  });

  it('with hardship starts with instalments and the latest first due date', () => {
    expect(summary(300000, DEFAULT_POLICY, true)).toEqual([
      { kind: 'installments', discountPercent: 0, installments: 3, firstDueDate: '2026-04-10' },
      { kind: 'installments', discountPercent: 0, installments: 6, firstDueDate: '2026-04-10' },
    ]);
  });

  it('with hardship and no instalment possible falls back to the best cash offer, late', () => {
    expect(summary(60000, DEFAULT_POLICY, true)).toEqual([
      { kind: 'cash', discountPercent: 10, installments: 1, firstDueDate: '2026-04-10' },
    ]);
  });

  it('still gives one valid rung for a fully degenerate policy', () => {
    const p: OfferPolicy = {
      cash: { maxDiscountPercent: 0 },
      installments: { max: 1, minAmountCents: 1, monthlyInterestPercent: 0 },
      firstDueInDays: { max: 0 },
      escalateAboveCents: 0,
    };
    for (const hardship of [false, true]) {
      const ladder = offerLadder(1, p, TODAY, { hardship });
      expect(ladder).toHaveLength(1);
      expect(ladder[0]).toMatchObject({ kind: 'cash', totalCents: 1, firstDueDate: TODAY });
      expect(checkOffer(ladder[0]!, 1, p, TODAY).ok).toBe(true);
    }
  });

  it('drops the duplicate cash rung when there is no discount to give', () => {
    const p: OfferPolicy = { ...DEFAULT_POLICY, cash: { maxDiscountPercent: 0 } };
    const ladder = offerLadder(300000, p, TODAY);
    expect(ladder.filter((o) => o.kind === 'cash')).toHaveLength(1);
    expect(ladder).toHaveLength(3);
  });

  it('gives cash-only rungs when the debt is under twice the minimum instalment', () => {
    // 2 x 500,00 would need 1.000,00 of debt; with 1.99 % interest a bit less suffices, so
    // 950,00 (2 x ~484,54) is comfortably short of it.
    expect(summary(95000).every((r) => r.kind === 'cash')).toBe(true);
    expect(summary(95000)).toHaveLength(2);
  });

  it('reorders by favourability when a huge discount beats the instalments', () => {
    // 90 % off leaves 300,00 to pay at once, less than any first instalment.
    const p: OfferPolicy = { ...DEFAULT_POLICY, cash: { maxDiscountPercent: 90 } };
    const ladder = offerLadder(300000, p, TODAY);
    expect(ladder.at(-1)).toMatchObject({ kind: 'cash', totalCents: minCashTotal(300000, 90) });
    for (let k = 1; k < ladder.length; k++) expect(isMoreFavourable(ladder[k]!, ladder[k - 1]!)).toBe(true);
  });

  it('opens cash at half the maximum discount, rounded down to 0.01 %', () => {
    expect(openingCashDiscountPercent({ ...DEFAULT_POLICY, cash: { maxDiscountPercent: 10 } })).toBe(5);
    expect(openingCashDiscountPercent({ ...DEFAULT_POLICY, cash: { maxDiscountPercent: 0.05 } })).toBe(0.02);
    expect(openingCashDiscountPercent({ ...DEFAULT_POLICY, cash: { maxDiscountPercent: 0 } })).toBe(0);
  });
});

describe('compareFavourability', () => {
  const [cash5, cash10, inst3, inst6] = offerLadder(300000, DEFAULT_POLICY, TODAY);

  it('prefers a smaller first payment', () => {
    expect(isMoreFavourable(cash10!, cash5!)).toBe(true);
    expect(isMoreFavourable(inst3!, cash10!)).toBe(true);
    expect(isMoreFavourable(cash5!, cash10!)).toBe(false);
  });

  it('then a later first due date, and is 0 for equal offers', () => {
    const later = { ...inst6!, firstDueDate: '2026-04-11' };
    expect(compareFavourability(later, inst6!)).toBeGreaterThan(0);
    expect(compareFavourability(inst6!, { ...inst6! })).toBe(0);
  });
});
