import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src/domain/dates.js';
import { DAYS_PER_MONTH, lateCharges, lateChargesForDays, type LateChargeTerms } from '../../src/domain/lateCharges.js';
import { arbToday } from './arbitraries.js';

const arbBalance = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1e12 }));
const arbTerms: fc.Arbitrary<LateChargeTerms> = fc.record({
  lateFeeBasisPoints: fc.oneof(fc.constantFrom(0, 200, 1_000), fc.integer({ min: 0, max: 10_000 })),
  monthlyInterestBasisPoints: fc.oneof(fc.constantFrom(0, 100, 199), fc.integer({ min: 0, max: 3_000 })),
});
const arbDays = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3_650 }));

/**
 * Independent reference: the exact rational value num/den and the defining inequality of
 * "half-up to the nearest integer" — q is the rounded value iff q − ½ ≤ num/den < q + ½,
 * i.e. (2q − 1)·den ≤ 2·num < (2q + 1)·den. No division at all, so it shares no code with
 * divRoundHalfUp.
 */
function isHalfUpRounding(q: number, num: bigint, den: bigint): boolean {
  const Q = BigInt(q);
  return (2n * Q - 1n) * den <= 2n * num && 2n * num < (2n * Q + 1n) * den;
}

describe('lateCharges (properties)', () => {
  it('total = balance + fee + interest, all safe non-negative integers', () => {
    fc.assert(
      fc.property(arbBalance, arbDays, arbTerms, (balance, days, terms) => {
        const r = lateChargesForDays(balance, days, terms);
        for (const v of [r.balanceCents, r.feeCents, r.interestCents, r.totalCents]) {
          expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
        }
        expect(r.totalCents).toBe(r.balanceCents + r.feeCents + r.interestCents);
        expect(r.balanceCents).toBe(balance);
        expect(r.daysLate).toBe(days);
      }),
      { numRuns: 500 },
    );
  });

  it('matches the exact rational values rounded half-up once (independent BigInt reference)', () => {
    fc.assert(
      fc.property(arbBalance, fc.integer({ min: 1, max: 3_650 }), arbTerms, (balance, days, terms) => {
        const r = lateChargesForDays(balance, days, terms);
        const b = BigInt(balance);
        expect(isHalfUpRounding(r.feeCents, b * BigInt(terms.lateFeeBasisPoints), 10_000n)).toBe(true);
        expect(
          isHalfUpRounding(r.interestCents, b * BigInt(terms.monthlyInterestBasisPoints) * BigInt(days), BigInt(10_000 * DAYS_PER_MONTH)),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never decreases as days pass; the fee is the same on every late day', () => {
    fc.assert(
      fc.property(arbBalance, fc.integer({ min: 1, max: 3_650 }), fc.integer({ min: 0, max: 60 }), arbTerms, (balance, days, more, terms) => {
        const a = lateChargesForDays(balance, days, terms);
        const b = lateChargesForDays(balance, days + more, terms);
        expect(b.interestCents).toBeGreaterThanOrEqual(a.interestCents);
        expect(b.totalCents).toBeGreaterThanOrEqual(a.totalCents);
        expect(b.feeCents).toBe(a.feeCents);
      }),
    );
  });

  it('never decreases with a larger balance or higher rates', () => {
    fc.assert(
      fc.property(arbBalance, fc.integer({ min: 0, max: 1_000_000 }), arbDays, arbTerms, fc.nat(500), fc.nat(500), (balance, extra, days, terms, dFee, dInt) => {
        const a = lateChargesForDays(balance, days, terms);
        const b = lateChargesForDays(balance + extra, days, terms);
        const c = lateChargesForDays(balance, days, {
          lateFeeBasisPoints: terms.lateFeeBasisPoints + dFee,
          monthlyInterestBasisPoints: terms.monthlyInterestBasisPoints + dInt,
        });
        expect(b.totalCents - b.balanceCents).toBeGreaterThanOrEqual(a.totalCents - a.balanceCents);
        expect(c.totalCents).toBeGreaterThanOrEqual(a.totalCents);
      }),
    );
  });

  it('zero days late: no fee, no interest; from the first day after the due date: the full fee', () => {
    fc.assert(
      fc.property(arbBalance, arbTerms, arbToday, fc.integer({ min: 0, max: 400 }), (balance, terms, due, before) => {
        const onTime = lateCharges({ balanceCents: balance, dueDate: due }, terms, addDays(due, -before));
        expect(onTime).toEqual({ balanceCents: balance, feeCents: 0, interestCents: 0, totalCents: balance, daysLate: 0 });
        const nextDay = lateCharges({ balanceCents: balance, dueDate: due }, terms, addDays(due, 1));
        expect(nextDay.daysLate).toBe(1);
        expect(nextDay.feeCents).toBe(lateChargesForDays(balance, 30, terms).feeCents);
      }),
    );
  });

  it('a full 30-day month costs the monthly rate, as the term says', () => {
    fc.assert(
      fc.property(arbBalance, arbTerms, (balance, terms) => {
        const r = lateChargesForDays(balance, DAYS_PER_MONTH, terms);
        expect(isHalfUpRounding(r.interestCents, BigInt(balance) * BigInt(terms.monthlyInterestBasisPoints), 10_000n)).toBe(true);
      }),
    );
  });
});
