import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkOffer, minCashTotal } from '../../src/domain/offer.js';
import { allowedInstallmentCounts, isMoreFavourable, offerLadder } from '../../src/domain/offerLadder.js';
import { OfferPolicySchema, type OfferPolicy } from '../../src/domain/policy.js';
import { arbDebt, arbPolicy, arbToday } from './arbitraries.js';

describe('offerLadder (properties)', () => {
  it('generates only valid policies (sanity check of the generator)', () => {
    fc.assert(fc.property(arbPolicy, (p) => OfferPolicySchema.safeParse(p).success));
  });

  it('every rung passes checkOffer, sums exactly, uses integer cents; 1–4 rungs; strictly more favourable each step', () => {
    fc.assert(
      fc.property(arbPolicy, arbDebt, arbToday, fc.boolean(), (policy: OfferPolicy, debt, today, hardship) => {
        const ladder = offerLadder(debt, policy, today, { hardship });
        expect(ladder.length).toBeGreaterThanOrEqual(1);
        expect(ladder.length).toBeLessThanOrEqual(4);
        for (const offer of ladder) {
          expect(checkOffer(offer, debt, policy, today)).toEqual({ ok: true });
          const sum = offer.schedule.reduce((a, e) => a + e.amountCents, 0);
          expect(sum).toBe(offer.totalCents);
          for (const e of offer.schedule) expect(Number.isSafeInteger(e.amountCents)).toBe(true);
          expect(Number.isSafeInteger(offer.totalCents)).toBe(true);
        }
        for (let k = 1; k < ladder.length; k++) {
          expect(isMoreFavourable(ladder[k]!, ladder[k - 1]!)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reaches the policy limits: the maximum-discount cash and the largest allowed instalment count', () => {
    fc.assert(
      fc.property(arbPolicy, arbDebt, arbToday, (policy, debt, today) => {
        const ladder = offerLadder(debt, policy, today);
        expect(ladder.some((o) => o.kind === 'cash' && o.totalCents === minCashTotal(debt, policy.cash.maxDiscountPercent))).toBe(true);
        const counts = allowedInstallmentCounts(debt, policy);
        const nMax = counts.at(-1);
        if (nMax !== undefined) expect(ladder.some((o) => o.kind === 'installments' && o.installments === nMax)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('with hardship opens with instalments whenever any are allowed', () => {
    fc.assert(
      fc.property(arbPolicy, arbDebt, arbToday, (policy, debt, today) => {
        const ladder = offerLadder(debt, policy, today, { hardship: true });
        const allowed = allowedInstallmentCounts(debt, policy).length > 0;
        expect(ladder[0]?.kind).toBe(allowed ? 'installments' : 'cash');
      }),
      { numRuns: 200 },
    );
  });
});
