import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pricePayment, priceSchedule, priceTotal, tryPriceSchedule } from '../../src/domain/installments.js';

/** Replays a schedule against the loan: interest per period rounded half-up on the balance. */
function remainingBalance(pv: number, bp: number, schedule: number[]): number {
  let balance = pv;
  for (const payment of schedule) {
    const interest = Math.floor((balance * bp * 2 + 10000) / 20000); // half-up, balance ≥ 0 here
    balance = balance + interest - payment;
  }
  return balance;
}

describe('pricePayment', () => {
  it('matches the product card example: 3.000,00 over 6 months at 2 % = 535,58', () => {
    expect(pricePayment(300000, 6, 2)).toBe(53558);
  });

  it('matches known Price tables', () => {
    // 10.000,00 in 12x at 1.99 %: 945.0153… (50-digit decimal arithmetic)
    expect(pricePayment(1_000_000, 12, 1.99)).toBe(94502);
    // 1.000,00 in 2x at 30 %: 1000·0.3·1.69/0.69 = 734.78
    expect(pricePayment(100_000, 2, 30)).toBe(73478);
  });

  it('divides evenly (half-up) with no interest', () => {
    expect(pricePayment(300000, 6, 0)).toBe(50000);
    expect(pricePayment(100, 3, 0)).toBe(33);
    expect(pricePayment(101, 2, 0)).toBe(51);
  });

  it('rejects bad arguments', () => {
    expect(() => pricePayment(-1, 2, 1)).toThrow(RangeError);
    expect(() => pricePayment(100, 0, 1)).toThrow(RangeError);
    expect(() => pricePayment(100.5, 2, 1)).toThrow(RangeError);
    expect(() => pricePayment(100, 2, 1.234)).toThrow(RangeError);
  });
});

describe('priceSchedule', () => {
  it('pays n − 1 PMTs and lets the last absorb the rounding', () => {
    const s = priceSchedule(300000, 6, 2);
    expect(s.slice(0, 5)).toEqual([53558, 53558, 53558, 53558, 53558]);
    expect(s).toHaveLength(6);
    expect(remainingBalance(300000, 200, s)).toBe(0);
    expect(priceTotal(300000, 6, 2)).toBe(s.reduce((a, b) => a + b, 0));
    expect(Math.abs((s[5] ?? 0) - 53558)).toBeLessThanOrEqual(3);
  });

  it('is [pv] for a single instalment (no interest inside the first-due window)', () => {
    expect(priceSchedule(123456, 1, 1.99)).toEqual([123456]);
  });

  it('splits with no interest so the parts add up exactly', () => {
    expect(priceSchedule(100, 3, 0)).toEqual([33, 33, 34]);
    expect(priceSchedule(101, 2, 0)).toEqual([51, 50]);
  });

  it('refuses amounts too small to split (an instalment would be ≤ 0)', () => {
    expect(tryPriceSchedule(9, 6, 0)).toBeNull(); // 2,2,2,2,2,-1
    expect(tryPriceSchedule(1, 2, 0)).toBeNull(); // PMT rounds to 1, last 0
    expect(() => priceSchedule(9, 6, 0)).toThrow(RangeError);
    expect(tryPriceSchedule(0, 1, 0)).toBeNull();
  });

  it('amortises any loan to exactly zero with integer instalments', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e10 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 3000 }),
        (pv, n, bp) => {
          const s = tryPriceSchedule(pv, n, bp / 100);
          if (s === null) return;
          expect(s).toHaveLength(n);
          for (const a of s) {
            expect(Number.isSafeInteger(a)).toBe(true);
            expect(a).toBeGreaterThanOrEqual(1);
          }
          if (n > 1) {
            const pmt = pricePayment(pv, n, bp / 100);
            expect(s.slice(0, -1).every((a) => a === pmt)).toBe(true);
            expect(remainingBalance(pv, bp, s)).toBe(0);
          }
          const total = s.reduce((a, b) => a + b, 0);
          expect(total).toBeGreaterThanOrEqual(pv);
          if (bp === 0) expect(total).toBe(pv);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('splits any loan of at least R$ 100 a month at ordinary rates (≤ 3 %, ≤ 60 months)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 1e9 }), (n, bp, extra) => {
        expect(tryPriceSchedule(n * 10_000 + extra, n, bp / 100)).not.toBeNull();
      }),
    );
  });

  it('reports "cannot split" rather than a negative last instalment at extreme rates and terms', () => {
    // At 27.9 % a month over 70 months the half-cent rounding of the PMT compounds to more
    // than a whole instalment by the end; the offer engine then simply does not offer 70x.
    expect(tryPriceSchedule(133_188_360, 70, 27.9)).toBeNull();
  });
});
