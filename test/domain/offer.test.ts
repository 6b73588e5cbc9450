import { describe, expect, it } from 'vitest';
import {
  allowedInstallmentAmounts,
  cashOffer,
  cashOfferForTotal,
  checkOffer,
  discountPercentFor,
  installmentOffer,
  maxDiscountCents,
  minCashTotal,
  type Offer,
} from '../../src/domain/offer.js';
import { DEFAULT_POLICY, type OfferPolicy } from '../../src/domain/policy.js';

const TODAY = '2026-03-31';
const policy: OfferPolicy = DEFAULT_POLICY;

function violations(offer: Offer, debt: number, p: OfferPolicy = policy, today = TODAY): string[] {
  const r = checkOffer(offer, debt, p, today);
  return r.ok ? [] : r.violations;
}

describe('cashOffer', () => {
  it('discounts the debt and pays it once', () => {
    const o = cashOffer(210000, 10, '2026-04-03');
    expect(o).toEqual({
      kind: 'cash',
      totalCents: 189000,
      discountPercent: 10,
      installments: 1,
      installmentCents: 189000,
      firstDueDate: '2026-04-03',
      schedule: [{ n: 1, dueDate: '2026-04-03', amountCents: 189000 }],
    });
    expect(checkOffer(o, 210000, policy, TODAY)).toEqual({ ok: true });
  });

  it('floors the discount so it never exceeds the percent (12345 cents at 10 % -> 1234 off)', () => {
    expect(maxDiscountCents(12345, 10)).toBe(1234);
    expect(cashOffer(12345, 10, TODAY).totalCents).toBe(11111);
    expect(minCashTotal(12345, 10)).toBe(11111);
  });

  it('states the discount actually given, which for tiny debts can be less than asked', () => {
    // 5 cents at 10 %: half a cent cannot be given, so nothing is, and the offer says 0 %.
    expect(cashOffer(5, 10, TODAY).discountPercent).toBe(0);
    expect(cashOffer(5, 10, TODAY).totalCents).toBe(5);
  });

  it('never asks for less than 1 cent, even at 100 %', () => {
    expect(cashOffer(1000, 100, TODAY).totalCents).toBe(1);
  });

  it('rejects a non-positive debt, a bad percent and a bad date', () => {
    expect(() => cashOffer(0, 10, TODAY)).toThrow(RangeError);
    expect(() => cashOffer(100, 101, TODAY)).toThrow(RangeError);
    expect(() => cashOffer(100, 1.234, TODAY)).toThrow(RangeError);
    expect(() => cashOffer(100, 1, '2026-02-30')).toThrow(RangeError);
  });
});

describe('cashOfferForTotal / discountPercentFor', () => {
  it('keeps the proposed total and derives the percent to 2 decimals (2.000 on 2.100 -> 4.76 %)', () => {
    const o = cashOfferForTotal(210000, 200000, TODAY);
    expect(o.totalCents).toBe(200000);
    expect(o.discountPercent).toBe(4.76);
    expect(discountPercentFor(300000, 200000)).toBe(33.33);
    expect(discountPercentFor(300000, 100000)).toBe(66.67);
  });

  it('refuses totals outside 1…debt', () => {
    expect(() => cashOfferForTotal(1000, 0, TODAY)).toThrow(RangeError);
    expect(() => cashOfferForTotal(1000, 1001, TODAY)).toThrow(RangeError);
    expect(() => cashOfferForTotal(1000, 10.5, TODAY)).toThrow(RangeError);
  });
});

describe('installmentOffer', () => {
  it('builds a monthly Price schedule from the first due date', () => {
    const o = installmentOffer(300000, 6, 2, '2026-01-31');
    expect(o.kind).toBe('installments');
    expect(o.installments).toBe(6);
    expect(o.installmentCents).toBe(53558);
    expect(o.discountPercent).toBe(0);
    expect(o.schedule.map((e) => e.dueDate)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
    ]);
    expect(o.schedule.reduce((a, e) => a + e.amountCents, 0)).toBe(o.totalCents);
  });
});

describe('allowedInstallmentAmounts', () => {
  it('allows n only up to installments.max and only with every instalment ≥ the minimum', () => {
    expect(allowedInstallmentAmounts(300000, 6, policy)).not.toBeNull();
    expect(allowedInstallmentAmounts(300000, 7, policy)).toBeNull(); // max is 6
    expect(allowedInstallmentAmounts(210000, 5, policy)).toBeNull(); // 5 x ~446 < 500
    expect(allowedInstallmentAmounts(210000, 4, policy)).not.toBeNull();
  });

  it('checks the last instalment too, not only the regular one', () => {
    // Find a debt whose regular instalment meets the minimum but whose last one falls short.
    const p: OfferPolicy = { ...policy, installments: { max: 6, minAmountCents: 53540, monthlyInterestPercent: 1.99 } };
    const offer = installmentOffer(300000, 6, 1.99, TODAY);
    expect(offer.installmentCents).toBe(53540);
    expect(offer.schedule[5]?.amountCents).toBe(53538);
    expect(allowedInstallmentAmounts(300000, 6, p)).toBeNull();
  });
});

describe('checkOffer', () => {
  const goodCash = cashOffer(210000, 10, '2026-04-03');
  const goodInst = installmentOffer(300000, 6, 1.99, '2026-04-10');

  it('accepts offers built inside the policy', () => {
    expect(violations(goodCash, 210000)).toEqual([]);
    expect(violations(goodInst, 300000)).toEqual([]);
    expect(violations(installmentOffer(300000, 1, 1.99, TODAY), 300000)).toEqual([]);
  });

  it('flags a discount above the maximum', () => {
    const o = cashOffer(210000, 11, '2026-04-03');
    expect(violations(o, 210000)).toEqual(
      expect.arrayContaining([expect.stringMatching(/exceeds the maximum 10%/), expect.stringMatching(/below the minimum cash total 189000/)]),
    );
  });

  it('flags a cash total below debt × (1 − max) by even one cent', () => {
    const o = cashOfferForTotal(210000, 188999, '2026-04-03');
    expect(o.discountPercent).toBe(10); // rounds to 10.00 %, yet the total is too low
    expect(violations(o, 210000)).toEqual([expect.stringMatching(/below the minimum cash total/)]);
  });

  it('flags a discount percent that does not match the amounts', () => {
    expect(violations({ ...goodCash, discountPercent: 5 }, 210000)).toEqual([expect.stringMatching(/does not match the actual discount 10/)]);
  });

  it('flags a cash total above the debt', () => {
    const o = { ...goodCash, totalCents: 220000, installmentCents: 220000, schedule: [{ n: 1, dueDate: '2026-04-03', amountCents: 220000 }] };
    expect(violations(o, 210000).join()).toMatch(/exceeds the debt/);
  });

  it('flags due dates before today and after the window', () => {
    expect(violations(cashOffer(210000, 10, '2026-03-30'), 210000)).toEqual([expect.stringMatching(/before today/)]);
    expect(violations(cashOffer(210000, 10, '2026-04-11'), 210000)).toEqual([expect.stringMatching(/after the latest allowed 2026-04-10/)]);
    expect(violations(cashOffer(210000, 10, '2026-04-10'), 210000)).toEqual([]);
    expect(violations(cashOffer(210000, 10, TODAY), 210000)).toEqual([]);
  });

  it('flags more instalments than allowed', () => {
    const o = installmentOffer(3_000_000, 7, 1.99, TODAY);
    expect(violations(o, 3_000_000)).toEqual([expect.stringMatching(/7 instalments exceed the maximum 6/)]);
  });

  it('flags instalments below the minimum amount', () => {
    const o = installmentOffer(210000, 5, 1.99, TODAY);
    expect(violations(o, 210000).length).toBe(5);
    expect(violations(o, 210000)[0]).toMatch(/below the minimum 50000/);
  });

  it('flags instalments at another interest rate', () => {
    const o = installmentOffer(300000, 6, 1.5, TODAY);
    expect(violations(o, 300000)).toEqual([expect.stringMatching(/Tabela Price at 1.99%/)]);
  });

  it('flags a discount on instalments', () => {
    expect(violations({ ...goodInst, discountPercent: 5 }, 300000)).toEqual([expect.stringMatching(/no discount/)]);
  });

  it('flags a schedule that does not add up or is mis-dated or misnumbered', () => {
    const moved = { ...goodInst, schedule: goodInst.schedule.map((e, k) => (k === 2 ? { ...e, dueDate: '2026-06-11' } : e)) };
    expect(violations(moved, 300000)).toEqual([expect.stringMatching(/instalment 3 is due 2026-06-11, expected 2026-06-10/)]);
    expect(violations({ ...goodInst, totalCents: goodInst.totalCents + 1 }, 300000).join()).toMatch(/schedule sums to/);
    const renumbered = { ...goodInst, schedule: goodInst.schedule.map((e) => ({ ...e, n: 1 })) };
    expect(violations(renumbered, 300000).join()).toMatch(/is numbered 1/);
    expect(violations({ ...goodInst, installments: 5 }, 300000).join()).toMatch(/6 entries for 5 instalments/);
  });

  it('flags fractional cents anywhere', () => {
    expect(violations({ ...goodCash, totalCents: 189000.5 }, 210000).join()).toMatch(/totalCents must be an integer/);
    const frac = { ...goodCash, schedule: [{ n: 1, dueDate: '2026-04-03', amountCents: 189000.5 }] };
    expect(violations(frac, 210000).join()).toMatch(/instalment 1 amount must be a positive integer/);
  });

  it('flags an installmentCents that is not the first instalment', () => {
    expect(violations({ ...goodInst, installmentCents: 1 }, 300000).join()).toMatch(/installmentCents 1 differs/);
  });

  it('reports rather than throws on garbage', () => {
    const garbage = { kind: 'loan', firstDueDate: 'soon', schedule: null } as unknown as Offer;
    expect(checkOffer(garbage, 1000, policy, TODAY).ok).toBe(false);
    expect(checkOffer(goodCash, 0, policy, TODAY).ok).toBe(false);
  });
});
