// The creditor's offer limits: the public contract of GET|PUT /api/admin/policy (README.md "Offer policy").
// Every level is .strict() so a typo ("maxDiscount") is reported instead of silently ignored
// and the real limit left at its old value.

import { z } from 'zod';
import type { InLocales } from '../language/inLocales.js';
import { settingError } from './settingsMessages.js';

function number(): z.ZodNumber {
  return z.number({
    error: (issue) => (issue.input === undefined ? 'required' : 'must be a number'),
  });
}

function integerBetween(min: number, max?: number): z.ZodNumber {
  const base = number().int({ error: 'must be an integer' });
  return max === undefined
    ? base.min(min, { error: `must be at least ${min}` })
    : base
        .min(min, { error: `must be between ${min} and ${max}` })
        .max(max, { error: `must be between ${min} and ${max}` });
}

/** A percentage in [min, max] with at most 2 decimals (it becomes integer basis points). */
function percentBetween(min: number, max: number) {
  return number()
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` })
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) <= 1e-6, {
      error: 'must have at most 2 decimal places',
    });
}

function object<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => (issue.input === undefined ? 'required' : 'must be an object'),
  });
}

export const OfferPolicySchema = object({
  cash: object({
    maxDiscountPercent: percentBetween(0, 100),
  }),
  installments: object({
    max: integerBetween(1, 120),
    minAmountCents: integerBetween(1),
    monthlyInterestPercent: percentBetween(0, 30),
  }),
  firstDueInDays: object({
    max: integerBetween(0, 90),
  }),
  escalateAboveCents: integerBetween(0),
  // Optional, stricter limits for renegotiating an agreement already made (issue 12): without it a
  // renegotiation offers no discount at all, only new dates and instalments (renegotiationPolicy.ts).
  renegotiation: object({
    maxDiscountPercent: percentBetween(0, 100),
    maxInstallments: integerBetween(1, 120),
  }).optional(),
});

export type OfferPolicy = z.infer<typeof OfferPolicySchema>;

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}

/** Frozen so that no caller can "adjust" the shared default in place. */
export const DEFAULT_POLICY: OfferPolicy = deepFreeze({
  cash: { maxDiscountPercent: 10 },
  installments: { max: 6, minAmountCents: 50_000, monthlyInterestPercent: 1.99 },
  firstDueInDays: { max: 10 },
  escalateAboveCents: 5_000_000,
});

export type PolicyError = { field: string; message: string; messages?: InLocales };

/**
 * One message per bad field, with a dotted path ("cash.maxDiscountPercent"); [] when valid.
 * Unknown keys are reported under their own path ("cash.foo": "unknown field").
 */
export function policyErrors(input: unknown): PolicyError[] {
  const result = OfferPolicySchema.safeParse(input);
  if (result.success) return [];
  const errors: PolicyError[] = [];
  const seen = new Set<string>();
  const add = (path: readonly PropertyKey[], message: string): void => {
    const field = path.map(String).join('.');
    if (seen.has(field)) return;
    seen.add(field);
    errors.push(settingError(field, message));
  };
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], 'unknown field');
    } else {
      add(issue.path, issue.message);
    }
  }
  return errors;
}

export function parsePolicy(input: unknown): { ok: true; policy: OfferPolicy } | { ok: false; errors: PolicyError[] } {
  const result = OfferPolicySchema.safeParse(input);
  return result.success ? { ok: true, policy: result.data } : { ok: false, errors: policyErrors(input) };
}

/**
 * Debts above escalateAboveCents go to a person. The offer engine does not apply this itself
 * (it would hide the reason inside an offer decision); the conversation engine checks it
 * before negotiating.
 */
export function exceedsEscalationThreshold(debtCents: number, policy: OfferPolicy): boolean {
  return debtCents > policy.escalateAboveCents;
}
