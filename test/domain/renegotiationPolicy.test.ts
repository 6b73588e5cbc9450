import { describe, expect, it } from 'vitest';
import { checkOffer } from '../../src/domain/offer.js';
import { offerLadder } from '../../src/domain/offerLadder.js';
import { DEFAULT_POLICY, parsePolicy, policyErrors } from '../../src/domain/policy.js';
import { renegotiationPolicy } from '../../src/domain/renegotiationPolicy.js';

describe('the policy renegotiations are offered with', () => {
  it('gives no discount without a renegotiation block, and keeps every other limit', () => {
    const p = renegotiationPolicy(DEFAULT_POLICY);
    expect(p).toEqual({ ...DEFAULT_POLICY, cash: { maxDiscountPercent: 0 } });
    expect(p).not.toHaveProperty('renegotiation');
    // Every rung of the ladder on a remaining balance: the balance or more, never less.
    for (const offer of offerLadder(170_000, p, '2026-12-20')) {
      expect(offer.totalCents).toBeGreaterThanOrEqual(170_000);
      expect(checkOffer(offer, 170_000, p, '2026-12-20')).toEqual({ ok: true });
    }
  });

  it('applies the admin’s stricter limits, never looser ones than the policy', () => {
    const stricter = { ...DEFAULT_POLICY, renegotiation: { maxDiscountPercent: 5, maxInstallments: 3 } };
    expect(renegotiationPolicy(stricter)).toMatchObject({ cash: { maxDiscountPercent: 5 }, installments: { max: 3, minAmountCents: 50_000 } });
    const looser = { ...DEFAULT_POLICY, renegotiation: { maxDiscountPercent: 50, maxInstallments: 24 } };
    expect(renegotiationPolicy(looser)).toMatchObject({ cash: { maxDiscountPercent: 10 }, installments: { max: 6 } });
  });

  it('is validated with the policy: optional, strict, in range', () => {
    expect(parsePolicy({ ...DEFAULT_POLICY, renegotiation: { maxDiscountPercent: 2.5, maxInstallments: 12 } })).toMatchObject({ ok: true });
    expect(policyErrors({ ...DEFAULT_POLICY, renegotiation: { maxDiscountPercent: 101, maxInstallments: 0, extra: 1 } })).toEqual([
      expect.objectContaining({ field: 'renegotiation.maxDiscountPercent', message: 'must be between 0 and 100' }),
      expect.objectContaining({ field: 'renegotiation.maxInstallments', message: 'must be between 1 and 120' }),
      expect.objectContaining({ field: 'renegotiation.extra', message: 'unknown field' }),
    ]);
    expect(policyErrors({ ...DEFAULT_POLICY, renegotiation: {} })).toEqual([
      { field: 'renegotiation.maxDiscountPercent', message: 'required', messages: { en: 'required', 'pt-BR': 'obrigatório' } },
      expect.objectContaining({ field: 'renegotiation.maxInstallments', message: 'required' }),
    ]);
  });
});
