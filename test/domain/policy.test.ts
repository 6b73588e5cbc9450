import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, OfferPolicySchema, exceedsEscalationThreshold, parsePolicy, policyErrors } from '../../src/domain/policy.js';

const clone = (): Record<string, any> => structuredClone(DEFAULT_POLICY) as Record<string, any>;

describe('OfferPolicySchema', () => {
  it('accepts the documented default policy', () => {
    expect(DEFAULT_POLICY).toEqual({
      cash: { maxDiscountPercent: 10 },
      installments: { max: 6, minAmountCents: 50000, monthlyInterestPercent: 1.99 },
      firstDueInDays: { max: 10 },
      escalateAboveCents: 5000000,
    });
    expect(OfferPolicySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
    expect(policyErrors(DEFAULT_POLICY)).toEqual([]);
  });

  it('accepts the boundary values', () => {
    const p = {
      cash: { maxDiscountPercent: 100 },
      installments: { max: 120, minAmountCents: 1, monthlyInterestPercent: 30 },
      firstDueInDays: { max: 90 },
      escalateAboveCents: 0,
    };
    expect(policyErrors(p)).toEqual([]);
    expect(policyErrors({ ...p, cash: { maxDiscountPercent: 0 }, installments: { max: 1, minAmountCents: 1, monthlyInterestPercent: 0 }, firstDueInDays: { max: 0 } })).toEqual([]);
  });

  it('cannot be mutated in place', () => {
    expect(() => {
      (DEFAULT_POLICY.cash as { maxDiscountPercent: number }).maxDiscountPercent = 50;
    }).toThrow(TypeError);
  });
});

const IN_PORTUGUESE: Record<string, string> = {
  'must be between 0 and 100': 'deve estar entre 0 e 100',
  'must have at most 2 decimal places': 'no máximo 2 casas decimais',
  'must be between 1 and 120': 'deve estar entre 1 e 120',
  'must be an integer': 'deve ser um número inteiro',
  'must be at least 1': 'deve ser pelo menos 1',
  'must be a number': 'deve ser um número',
  'must be between 0 and 30': 'deve estar entre 0 e 30',
  'must be between 0 and 90': 'deve estar entre 0 e 90',
  'must be at least 0': 'deve ser pelo menos 0',
  required: 'obrigatório',
  'must be an object': 'deve ser um objeto',
};

describe('policyErrors', () => {
  it.each([
    ['cash.maxDiscountPercent', (p: any) => (p.cash.maxDiscountPercent = 100.01), 'must be between 0 and 100'],
    ['cash.maxDiscountPercent', (p: any) => (p.cash.maxDiscountPercent = -1), 'must be between 0 and 100'],
    ['cash.maxDiscountPercent', (p: any) => (p.cash.maxDiscountPercent = 10.005), 'must have at most 2 decimal places'],
    ['installments.max', (p: any) => (p.installments.max = 0), 'must be between 1 and 120'],
    ['installments.max', (p: any) => (p.installments.max = 121), 'must be between 1 and 120'],
    ['installments.max', (p: any) => (p.installments.max = 2.5), 'must be an integer'],
    ['installments.minAmountCents', (p: any) => (p.installments.minAmountCents = 0), 'must be at least 1'],
    ['installments.minAmountCents', (p: any) => (p.installments.minAmountCents = '500'), 'must be a number'],
    ['installments.monthlyInterestPercent', (p: any) => (p.installments.monthlyInterestPercent = 30.01), 'must be between 0 and 30'],
    ['installments.monthlyInterestPercent', (p: any) => (p.installments.monthlyInterestPercent = 1.999), 'must have at most 2 decimal places'],
    ['firstDueInDays.max', (p: any) => (p.firstDueInDays.max = 91), 'must be between 0 and 90'],
    ['firstDueInDays.max', (p: any) => (p.firstDueInDays.max = 1.5), 'must be an integer'],
    ['escalateAboveCents', (p: any) => (p.escalateAboveCents = -1), 'must be at least 0'],
    ['escalateAboveCents', (p: any) => (p.escalateAboveCents = Number.NaN), 'must be a number'],
    ['escalateAboveCents', (p: any) => delete p.escalateAboveCents, 'required'],
    ['installments', (p: any) => delete p.installments, 'required'],
    ['cash', (p: any) => (p.cash = 10), 'must be an object'],
  ])('reports %s: %s', (field, mutate, message) => {
    const p = clone();
    mutate(p);
    // The contract's English words, and the admin console's Portuguese beside them.
    expect(policyErrors(p)).toEqual([{ field, message, messages: { en: message, 'pt-BR': IN_PORTUGUESE[message] } }]);
  });

  it('rejects unknown fields at every level, each under its own path', () => {
    const p = clone();
    p.cash.maxDiscount = 20;
    p.installments.count = 3;
    p.extra = true;
    expect(policyErrors(p)).toEqual(
      expect.arrayContaining([
        { field: 'cash.maxDiscount', message: 'unknown field', messages: { en: 'unknown field', 'pt-BR': 'campo desconhecido' } },
        expect.objectContaining({ field: 'installments.count', message: 'unknown field' }),
        expect.objectContaining({ field: 'extra', message: 'unknown field' }),
      ]),
    );
    expect(policyErrors(p)).toHaveLength(3);
  });

  it('gives one message per bad field, for every bad field', () => {
    const p = clone();
    p.cash.maxDiscountPercent = 150.555; // out of range AND too many decimals: one message
    p.firstDueInDays.max = -3;
    const errors = policyErrors(p);
    expect(errors.map((e) => e.field).sort()).toEqual(['cash.maxDiscountPercent', 'firstDueInDays.max']);
  });

  it('reports a non-object body at the root', () => {
    expect(policyErrors(null)).toEqual([{ field: '', message: 'must be an object', messages: { en: 'must be an object', 'pt-BR': 'deve ser um objeto' } }]);
    expect(policyErrors('x')).toHaveLength(1);
  });

  it('parsePolicy returns the typed policy or the same errors', () => {
    expect(parsePolicy(clone())).toEqual({ ok: true, policy: DEFAULT_POLICY });
    const bad = clone();
    bad.installments.max = 0;
    expect(parsePolicy(bad)).toEqual({ ok: false, errors: policyErrors(bad) });
  });
});

describe('exceedsEscalationThreshold', () => {
  it('is strictly above the threshold', () => {
    expect(exceedsEscalationThreshold(5_000_000, DEFAULT_POLICY)).toBe(false);
    expect(exceedsEscalationThreshold(5_000_001, DEFAULT_POLICY)).toBe(true);
  });
});
