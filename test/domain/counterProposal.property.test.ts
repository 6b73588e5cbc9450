import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateCounter, type Proposal } from '../../src/domain/counterProposal.js';
import { addDays } from '../../src/domain/dates.js';
import { allowedInstallmentAmounts, checkOffer } from '../../src/domain/offer.js';
import { offerLadder } from '../../src/domain/offerLadder.js';
import { arbDebt, arbPolicy, arbToday } from './arbitraries.js';

/** A proposal scaled to the debt, so that amounts land on both sides of every limit. */
function arbProposal(debt: number, today: string): fc.Arbitrary<Proposal> {
  const amount = fc.oneof(
    fc.integer({ min: -2, max: Math.max(1, debt * 2) }),
    fc.integer({ min: Math.max(1, Math.floor(debt * 0.5)), max: debt }),
    fc.constantFrom(0, 1, debt, debt + 1),
  );
  return fc.record(
    {
      cash: fc.boolean(),
      totalCents: amount,
      installments: fc.oneof(fc.integer({ min: 0, max: 250 }), fc.integer({ min: 1, max: 12 })),
      perInstallmentCents: amount,
      firstDueDate: fc.integer({ min: -30, max: 200 }).map((n) => addDays(today, n)),
      discountPercent: fc.oneof(fc.integer({ min: 0, max: 10000 }).map((bp) => bp / 100), fc.double({ min: -5, max: 150, noNaN: true })),
    },
    { requiredKeys: [] },
  );
}

/**
 * The offer on the table: none, a rung of this policy's ladder, or a rung made under another
 * (older) policy that may no longer be allowed.
 */
const scenario = fc
  .tuple(arbPolicy, arbPolicy, arbDebt, arbToday, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([policy, oldPolicy, debt, today, round, maxRounds]) =>
    fc.tuple(arbProposal(debt, today), fc.constantFrom('none', 'same', 'old'), fc.nat()).map(([proposal, source, pick]) => {
      const ladder = source === 'none' ? [] : offerLadder(debt, source === 'same' ? policy : oldPolicy, today);
      const current = ladder[pick % Math.max(1, ladder.length)];
      return { policy, debt, today, proposal, ctx: { round, maxRounds, ...(current ? { current } : {}) } };
    }),
  );

describe('evaluateCounter (properties)', () => {
  it('never returns an accept or counter offer that fails checkOffer; amounts are integers and sum exactly', () => {
    fc.assert(
      fc.property(scenario, ({ policy, debt, today, proposal, ctx }) => {
        const d = evaluateCounter(proposal, debt, policy, today, ctx);
        if (d.decision === 'escalate') return;
        expect(checkOffer(d.offer, debt, policy, today)).toEqual({ ok: true });
        expect(d.offer.schedule.reduce((a, e) => a + e.amountCents, 0)).toBe(d.offer.totalCents);
        for (const e of d.offer.schedule) expect(Number.isSafeInteger(e.amountCents)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('escalates only on or after the last round', () => {
    fc.assert(
      fc.property(scenario, ({ policy, debt, today, proposal, ctx }) => {
        const d = evaluateCounter(proposal, debt, policy, today, ctx);
        if (ctx.round < ctx.maxRounds) expect(d.decision).not.toBe('escalate');
      }),
      { numRuns: 400 },
    );
  });

  it('an accept is the proposal itself: same total, count and date where they were given', () => {
    fc.assert(
      fc.property(scenario, ({ policy, debt, today, proposal, ctx }) => {
        const d = evaluateCounter(proposal, debt, policy, today, ctx);
        if (d.decision !== 'accept') return;
        const o = d.offer;
        if (proposal.firstDueDate !== undefined) expect(o.firstDueDate).toBe(proposal.firstDueDate);
        if (o.kind === 'cash' && proposal.totalCents !== undefined) expect(o.totalCents).toBe(proposal.totalCents);
        if (proposal.installments !== undefined && proposal.installments >= 2) expect(o.installments).toBe(proposal.installments);
        if (o.kind === 'installments' && proposal.perInstallmentCents !== undefined) {
          expect(o.installmentCents).toBeLessThanOrEqual(proposal.perInstallmentCents);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a monthly amount alone is answered with the smallest allowed count that fits it', () => {
    fc.assert(
      fc.property(arbPolicy, arbDebt, arbToday, fc.integer({ min: 1, max: 1e10 }), (policy, debt, today, per) => {
        const d = evaluateCounter({ perInstallmentCents: per }, debt, policy, today, { round: 1, maxRounds: 3 });
        if (d.decision !== 'accept') return;
        const n = d.offer.installments;
        for (let m = 2; m < n; m++) {
          const amounts = allowedInstallmentAmounts(debt, m, policy);
          if (amounts) expect(amounts[0]).toBeGreaterThan(per);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a cash total inside the limits is always accepted exactly', () => {
    fc.assert(
      fc.property(arbPolicy, arbDebt, arbToday, fc.double({ min: 0, max: 1, noNaN: true }), (policy, debt, today, f) => {
        const min = Math.max(1, debt - Math.floor((debt * Math.round(policy.cash.maxDiscountPercent * 100)) / 10000));
        const total = Math.min(debt, min + Math.floor((debt - min) * f));
        const d = evaluateCounter({ cash: true, totalCents: total }, debt, policy, today, { round: 9, maxRounds: 3 });
        expect(d.decision).toBe('accept');
        if (d.decision === 'accept') expect(d.offer.totalCents).toBe(total);
      }),
      { numRuns: 300 },
    );
  });
});
