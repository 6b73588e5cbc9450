import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { daysOverdue, parsePolicyBuckets, policyForDays } from '../../src/domain/policyBuckets.js';

const deeper = { ...DEFAULT_POLICY, cash: { maxDiscountPercent: 30 } };
const none = { ...DEFAULT_POLICY, cash: { maxDiscountPercent: 0 } };

describe('offer limits per overdue bucket', () => {
  it('picks the bucket of the days overdue, and the default outside every bucket', () => {
    const parsed = parsePolicyBuckets({ buckets: [{ fromDays: 0, toDays: 30, policy: none }, { fromDays: 181, toDays: null, policy: deeper }] });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(policyForDays(parsed.value, 0, DEFAULT_POLICY)).toEqual(none);
    expect(policyForDays(parsed.value, 30, DEFAULT_POLICY)).toEqual(none);
    expect(policyForDays(parsed.value, 31, DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(policyForDays(parsed.value, 181, DEFAULT_POLICY)).toEqual(deeper);
    expect(policyForDays(parsed.value, 5000, DEFAULT_POLICY)).toEqual(deeper);
  });

  it('counts days from the oldest open invoice, never negative', () => {
    expect(daysOverdue(['2026-11-01', '2026-06-01'], '2026-11-22')).toBe(174);
    expect(daysOverdue(['2026-12-01'], '2026-11-22')).toBe(0);
    expect(daysOverdue([], '2026-11-22')).toBe(0);
  });

  it('reports overlaps, inverted ranges and bad policies with full field paths', () => {
    const r = parsePolicyBuckets({
      buckets: [
        { fromDays: 0, toDays: 90, policy: DEFAULT_POLICY },
        { fromDays: 60, toDays: 30, policy: { ...DEFAULT_POLICY, cash: { maxDiscountPercent: 120 } } },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['buckets.1.policy.cash.maxDiscountPercent']);
    const ranges = parsePolicyBuckets({ buckets: [{ fromDays: 0, toDays: 90, policy: DEFAULT_POLICY }, { fromDays: 60, toDays: 30, policy: DEFAULT_POLICY }] });
    expect(ranges.ok ? [] : ranges.errors.map((e) => e.field).sort()).toEqual(['buckets.1.fromDays', 'buckets.1.toDays']);
    const open = parsePolicyBuckets({ buckets: [{ fromDays: 0, toDays: null, policy: DEFAULT_POLICY }, { fromDays: 100, toDays: null, policy: DEFAULT_POLICY }] });
    expect(open.ok ? [] : open.errors.map((e) => e.field)).toEqual(['buckets.1.fromDays']);
    const extra = parsePolicyBuckets({ buckets: [{ fromDays: -1, toDays: 3, policy: DEFAULT_POLICY, label: 'x' }] });
    expect(extra.ok ? [] : extra.errors.map((e) => e.field).sort()).toEqual(['buckets.0.fromDays', 'buckets.0.label']);
  });
});
