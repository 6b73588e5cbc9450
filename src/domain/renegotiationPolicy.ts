// The limits a renegotiation is offered with (issue 12, "offers come from the policy; admins may
// set stricter limits for renegotiations").
//
// Rules (where the issue is silent):
// - The debt is what remains of the old agreement (paid instalments credited), and the ladder,
//   counter-proposals and checks are the ones every negotiation uses, with this policy.
// - Without a `renegotiation` block, a renegotiation gives no discount: the debtor already had the
//   first agreement's concessions; what it gets now is new dates and instalments.
// - With one, its limits apply but can only be stricter than the policy's: a renegotiation never
//   gets a larger discount or more instalments than a first negotiation of the same debt would.

import type { OfferPolicy } from './policy.js';

export function renegotiationPolicy(policy: OfferPolicy): OfferPolicy {
  const r = policy.renegotiation;
  const maxDiscountPercent = Math.min(policy.cash.maxDiscountPercent, r?.maxDiscountPercent ?? 0);
  const max = Math.min(policy.installments.max, r?.maxInstallments ?? policy.installments.max);
  const { renegotiation: _ignored, ...rest } = policy;
  return { ...rest, cash: { maxDiscountPercent }, installments: { ...policy.installments, max } };
}
