// Offer limits per overdue bucket: a debt 200 days late may deserve a deeper discount than one 10
// days late. Buckets are ranges of days overdue (of the oldest open invoice); days no bucket
// covers use the creditor's default policy (GET|PUT /api/admin/policy, README.md "Offer policy").

import { z } from 'zod';
import { diffDays, type IsoDate } from './dates.js';
import { OfferPolicySchema, policyErrors, type OfferPolicy, type PolicyError } from './policy.js';
import { settingError } from './settingsMessages.js';

const days = z.number({ error: (i) => (i.input === undefined ? 'required' : 'must be a number') }).int({ error: 'must be an integer' }).min(0, { error: 'must be at least 0' }).max(36_500);

const BucketSchema = z.strictObject({ fromDays: days, toDays: days.nullable(), policy: OfferPolicySchema });
export const PolicyBucketsSchema = z.strictObject({ buckets: z.array(BucketSchema).max(12, { error: 'at most 12 buckets' }) });
export type PolicyBuckets = z.infer<typeof PolicyBucketsSchema>;
export type PolicyBucket = PolicyBuckets['buckets'][number];

export const NO_BUCKETS: PolicyBuckets = { buckets: [] };

/** Field errors with full paths ("buckets.1.policy.cash.maxDiscountPercent"), ranges checked too. */
export function parsePolicyBuckets(input: unknown): { ok: true; value: PolicyBuckets } | { ok: false; errors: PolicyError[] } {
  const errors: PolicyError[] = [];
  const parsed = PolicyBucketsSchema.safeParse(input);
  if (!parsed.success) {
    const list = (input as { buckets?: unknown } | null)?.buckets;
    for (const issue of parsed.error.issues) {
      // The nested policy's messages come from the policy contract itself, field by field.
      if (issue.path[0] === 'buckets' && issue.path[2] === 'policy') continue;
      const field = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')).join(', ') : issue.path.join('.') || '(body)';
      errors.push(settingError(field, issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message));
    }
    if (Array.isArray(list)) {
      list.forEach((b, i) => {
        for (const e of policyErrors((b as { policy?: unknown } | null)?.policy)) errors.push({ ...e, field: `buckets.${i}.policy${e.field ? `.${e.field}` : ''}` });
      });
    }
    return { ok: false, errors };
  }
  const buckets = parsed.data.buckets;
  buckets.forEach((b, i) => {
    if (b.toDays !== null && b.toDays < b.fromDays) errors.push(settingError(`buckets.${i}.toDays`, 'must be at least fromDays'));
    const prev = buckets[i - 1];
    if (prev && (prev.toDays === null || b.fromDays <= prev.toDays)) {
      errors.push(settingError(`buckets.${i}.fromDays`, 'must come after the previous bucket (sorted by days, no overlap)'));
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** Days the oldest open invoice is overdue, as of `today` (0 when none is overdue yet). */
export function daysOverdue(dueDates: IsoDate[], today: IsoDate): number {
  if (!dueDates.length) return 0;
  const oldest = [...dueDates].sort()[0]!;
  return Math.max(0, diffDays(oldest, today));
}

/** The policy for a debt `days` overdue: its bucket's, or the default. */
export function policyForDays(buckets: PolicyBuckets, days: number, fallback: OfferPolicy): OfferPolicy {
  const b = buckets.buckets.find((x) => days >= x.fromDays && (x.toDays === null || days <= x.toDays));
  return b ? b.policy : fallback;
}
