import { describe, expect, it } from 'vitest';
import { daysLate, lateCharges, lateChargesForDays } from '../../src/domain/lateCharges.js';

// The seed creditor's terms: 2 % late fee, 1 % interest per month.
const TERMS = { lateFeeBasisPoints: 200, monthlyInterestBasisPoints: 100 };

describe('daysLate', () => {
  it.each([
    ['2026-12-05', '2026-12-01', 0],
    ['2026-12-05', '2026-12-05', 0],
    ['2026-12-05', '2026-12-06', 1],
    ['2026-12-05', '2027-01-04', 30],
    ['2027-02-28', '2027-03-01', 1],
    ['2028-02-28', '2028-03-01', 2], // leap year
  ])('due %s, today %s -> %i', (due, today, n) => {
    expect(daysLate(due, today)).toBe(n);
  });

  it('rejects impossible dates', () => {
    expect(() => daysLate('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('lateCharges', () => {
  it('adds nothing on or before the due date (a weekend due date is not moved: PIX works every day)', () => {
    for (const today of ['2026-12-01', '2026-12-05']) {
      expect(lateCharges({ balanceCents: 419_584, dueDate: '2026-12-05' }, TERMS, today)).toEqual({
        balanceCents: 419_584,
        feeCents: 0,
        interestCents: 0,
        totalCents: 419_584,
        daysLate: 0,
      });
    }
  });

  it('charges the whole fee and one day of interest the day after the due date', () => {
    // 4 195,84 × 2 % = 83,9168 -> 83,92; 4 195,84 × 1 % / 30 = 1,39861… -> 1,40
    expect(lateCharges({ balanceCents: 419_584, dueDate: '2026-12-05' }, TERMS, '2026-12-06')).toEqual({
      balanceCents: 419_584,
      feeCents: 8_392,
      interestCents: 140,
      totalCents: 428_116,
      daysLate: 1,
    });
  });

  it('spreads the monthly rate over a 30-day month, simple interest (no compounding)', () => {
    expect(lateChargesForDays(100_000, 15, TERMS)).toMatchObject({ feeCents: 2_000, interestCents: 500, totalCents: 102_500 });
    expect(lateChargesForDays(100_000, 30, TERMS)).toMatchObject({ interestCents: 1_000 });
    expect(lateChargesForDays(100_000, 60, TERMS)).toMatchObject({ interestCents: 2_000 });
    expect(lateChargesForDays(100_000, 45, TERMS)).toMatchObject({ interestCents: 1_500 });
  });

  it('rounds each part once, half-up to the cent', () => {
    expect(lateChargesForDays(25, 1, { lateFeeBasisPoints: 200, monthlyInterestBasisPoints: 0 }).feeCents).toBe(1); // 0,5 -> 1
    expect(lateChargesForDays(24, 1, { lateFeeBasisPoints: 200, monthlyInterestBasisPoints: 0 }).feeCents).toBe(0); // 0,48 -> 0
    expect(lateChargesForDays(1_500, 1, { lateFeeBasisPoints: 0, monthlyInterestBasisPoints: 100 }).interestCents).toBe(1); // 0,5 -> 1
    expect(lateChargesForDays(1_499, 1, { lateFeeBasisPoints: 0, monthlyInterestBasisPoints: 100 }).interestCents).toBe(0);
    // Not the sum of daily roundings: 10 days of 0,4 cent are 4 cents, not 0.
    expect(lateChargesForDays(1_200, 10, { lateFeeBasisPoints: 0, monthlyInterestBasisPoints: 100 }).interestCents).toBe(4);
  });

  it('charges nothing on a paid instalment (zero balance) and nothing with zero rates', () => {
    expect(lateChargesForDays(0, 10, TERMS)).toEqual({ balanceCents: 0, feeCents: 0, interestCents: 0, totalCents: 0, daysLate: 10 });
    expect(lateChargesForDays(5_000, 10, { lateFeeBasisPoints: 0, monthlyInterestBasisPoints: 0 }).totalCents).toBe(5_000);
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    // 10^13 cents × 10 000 bp × 3 650 days = 3.65e20: far past Number's exact range (2^53 ≈ 9e15).
    const r = lateChargesForDays(10_000_000_000_000, 3_650, { lateFeeBasisPoints: 10_000, monthlyInterestBasisPoints: 10_000 });
    expect(r.feeCents).toBe(10_000_000_000_000);
    expect(r.interestCents).toBe(1_216_666_666_666_667); // 10^13 × 3 650 / 30 = 1 216 666 666 666 666,67 -> up
    expect(r.totalCents).toBe(1_236_666_666_666_667);
  });

  it('throws on bad input rather than guessing', () => {
    expect(() => lateChargesForDays(-1, 1, TERMS)).toThrow(RangeError);
    expect(() => lateChargesForDays(1.5, 1, TERMS)).toThrow(RangeError);
    expect(() => lateChargesForDays(100, -1, TERMS)).toThrow(RangeError);
    expect(() => lateChargesForDays(100, 1, { lateFeeBasisPoints: -200, monthlyInterestBasisPoints: 100 })).toThrow(RangeError);
    expect(() => lateChargesForDays(100, 1, { lateFeeBasisPoints: 1.5, monthlyInterestBasisPoints: 100 })).toThrow(RangeError);
    // A result past Number.MAX_SAFE_INTEGER is refused, not rounded.
    expect(() => lateChargesForDays(Number.MAX_SAFE_INTEGER, 1, TERMS)).toThrow(/safe integer/);
  });
});
