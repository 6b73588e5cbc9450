import { isValidIsoDate, type IsoDate } from './dates.js';
import { allowedInstallmentAmounts, cashOffer, checkOffer, installmentOffer, latestFirstDueDate, type Offer } from './offer.js';
import { soonDueDate } from './offerLadder.js';
import type { OfferPolicy } from './policy.js';

/** What an agent asks for in the console; the amounts are always computed here, never typed. */
export interface AgentOfferRequest {
  kind: 'cash' | 'installments';
  discountPercent?: number;
  installments?: number;
  firstDueDate?: IsoDate;
}

export type FieldError = { field: string; message: string };

/**
 * An offer an agent makes by hand, held to the same policy as the bot's (checkOffer is the one
 * definition of "inside the limits"). Errors name the form field they concern.
 */
export function agentOffer(debtCents: number, req: AgentOfferRequest, policy: OfferPolicy, today: IsoDate): { ok: true; offer: Offer } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const first = req.firstDueDate ?? soonDueDate(policy, today);
  if (!isValidIsoDate(first)) errors.push({ field: 'firstDueDate', message: 'must be a date (YYYY-MM-DD)' });
  else if (first < today) errors.push({ field: 'firstDueDate', message: `must be today (${today}) or later` });
  else if (first > latestFirstDueDate(policy, today)) errors.push({ field: 'firstDueDate', message: `must be on or before ${latestFirstDueDate(policy, today)} (the policy allows ${policy.firstDueInDays.max} days)` });

  let offer: Offer | undefined;
  if (req.kind === 'cash') {
    const d = req.discountPercent ?? 0;
    if (!Number.isFinite(d) || d < 0 || d > policy.cash.maxDiscountPercent) {
      errors.push({ field: 'discountPercent', message: `must be between 0 and ${policy.cash.maxDiscountPercent} %` });
    } else if (Math.round(d * 100) !== d * 100) {
      errors.push({ field: 'discountPercent', message: 'at most two decimals' });
    }
    if (!errors.length) offer = cashOffer(debtCents, d, first);
  } else {
    const n = req.installments;
    if (n === undefined || !Number.isSafeInteger(n) || n < 2) {
      errors.push({ field: 'installments', message: 'must be a whole number of at least 2' });
    } else if (allowedInstallmentAmounts(debtCents, n, policy) === null) {
      errors.push({
        field: 'installments',
        message: `not allowed for this debt: at most ${policy.installments.max} instalments, each at least ${policy.installments.minAmountCents} cents`,
      });
    }
    if (req.discountPercent) errors.push({ field: 'discountPercent', message: 'instalments carry no discount' });
    if (!errors.length) offer = installmentOffer(debtCents, n!, policy.installments.monthlyInterestPercent, first);
  }
  if (errors.length || !offer) return { ok: false, errors };
  const check = checkOffer(offer, debtCents, policy, today);
  if (!check.ok) return { ok: false, errors: check.violations.map((message) => ({ field: 'offer', message })) };
  return { ok: true, offer };
}
