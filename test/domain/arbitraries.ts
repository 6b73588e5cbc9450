// Shared fast-check generators for the offer-engine property tests.
import fc from 'fast-check';
import type { OfferPolicy } from '../../src/domain/policy.js';

/** A percent with up to 2 decimals in [0, maxPercent], biased to the edges. */
const percent = (maxPercent: number): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(0, maxPercent), fc.integer({ min: 0, max: maxPercent * 100 }).map((bp) => bp / 100));

export const arbPolicy: fc.Arbitrary<OfferPolicy> = fc.record({
  cash: fc.record({ maxDiscountPercent: percent(100) }),
  installments: fc.record({
    max: fc.oneof(fc.constantFrom(1, 2, 120), fc.integer({ min: 1, max: 120 })),
    minAmountCents: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 1e9 })),
    monthlyInterestPercent: percent(30),
  }),
  firstDueInDays: fc.record({ max: fc.oneof(fc.constantFrom(0, 90), fc.integer({ min: 0, max: 90 })) }),
  escalateAboveCents: fc.integer({ min: 0, max: 1e12 }),
});

/** 1 cent … 10^10 cents, with small debts well represented. */
export const arbDebt: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 1000 }),
  fc.integer({ min: 1, max: 10_000_000 }),
  fc.integer({ min: 1, max: 1e10 }),
);

export const arbToday: fc.Arbitrary<string> = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
