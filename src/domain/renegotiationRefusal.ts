// When a renegotiation goes to a person instead of the bot (issue 12): "past maxPerDebtorPerYear,
// or a second break, goes to a person".

import type { LedgerAgreement } from './agreementLedger.js';

/** Why a renegotiation goes to a person instead of the bot; null when the bot may offer one. */
export type RenegotiationRefusal = 'yearly_limit' | 'second_break';

/**
 * Past `maxPerYear` renegotiations for the debtor in the last 365 days, or an agreement that
 * itself came from a renegotiation and broke again: a person looks at it (issue 12).
 */
export function renegotiationRefusal(old: Pick<LedgerAgreement, 'status' | 'renegotiates'>, renegotiationsInLastYear: number, maxPerYear: number): RenegotiationRefusal | null {
  if (old.status === 'broken' && old.renegotiates) return 'second_break';
  if (renegotiationsInLastYear >= maxPerYear) return 'yearly_limit';
  return null;
}
