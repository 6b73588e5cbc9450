// The offer ladder: the sequence of offers the bot makes, one concession at a time.
//
// LADDER RULE
// Candidates (normal):
//   1. cash, half the maximum discount (rounded down to 0.01 %), due soon
//   2. cash, the maximum discount, due soon
//   3. instalments, about half the largest allowed count, first due soon
//   4. instalments, the largest allowed count, first due on the latest allowed date
// Candidates (hardship: true) — start with instalments and more time:
//   1. instalments, about half the largest allowed count, first due on the latest allowed date
//   2. instalments, the largest allowed count, first due on the latest allowed date
//   (if no instalments are possible: cash at the maximum discount on the latest allowed date)
// "due soon" = today + min(FIRST_RUNG_DUE_IN_DAYS, firstDueInDays.max).
// "largest allowed count" = the largest n ≤ installments.max whose every Price instalment
// (the last one included) is ≥ minAmountCents; none when even n = 2 fails.
//
// The candidates are then ordered by debtor-favourability (compareFavourability: a smaller
// first payment is better; then a later first due date; then a smaller total) and any rung
// that is not STRICTLY better than the previous one is dropped. So the ladder is monotone by
// construction, has 1–4 rungs, starts at the creditor's best and ends at the policy's limits,
// and degenerate policies (0 % discount, 1 instalment, tiny debts) simply yield fewer rungs.
// Every rung is passed through checkOffer; an offer that failed it would be dropped rather
// than shown (property tests assert that never happens).
//
// Why the first payment is the measure: what a debtor in arrears lacks is cash now. Moving
// from a discounted cash payment to instalments costs more in total (interest) but asks for
// far less at once, which is the concession that matters to them.

import { addDays, compareDates, type IsoDate } from './dates.js';
import { allowedInstallmentAmounts, cashOffer, checkOffer, installmentOffer, type Offer } from './offer.js';
import { percentToBasisPoints } from './money.js';
import type { OfferPolicy } from './policy.js';

/** A few days to arrange a PIX or boleto without letting the promise go cold. */
export const FIRST_RUNG_DUE_IN_DAYS = 3;

export function soonDueDate(policy: OfferPolicy, today: IsoDate): IsoDate {
  return addDays(today, Math.min(FIRST_RUNG_DUE_IN_DAYS, policy.firstDueInDays.max));
}

/** The opening cash rung's discount: half the maximum, rounded down to 0.01 %. */
export function openingCashDiscountPercent(policy: OfferPolicy): number {
  return Math.floor(percentToBasisPoints(policy.cash.maxDiscountPercent) / 2) / 100;
}

/** Every instalment count n ≥ 2 the policy allows for this debt, ascending. */
export function allowedInstallmentCounts(debtCents: number, policy: OfferPolicy): number[] {
  const counts: number[] = [];
  for (let n = 2; n <= policy.installments.max; n++) {
    if (allowedInstallmentAmounts(debtCents, n, policy) !== null) counts.push(n);
  }
  return counts;
}

/** The allowed count nearest to ceil(max/2), strictly between 1 and max; null if none. */
function middleCount(counts: number[]): number | null {
  const max = counts[counts.length - 1];
  if (max === undefined) return null;
  const target = Math.ceil(max / 2);
  const below = counts.filter((n) => n < max);
  if (below.length === 0) return null;
  return below.reduce((best, n) => (Math.abs(n - target) < Math.abs(best - target) ? n : best));
}

/**
 * < 0 when a is less favourable to the debtor than b, > 0 when more, 0 when equal.
 * Order: smaller first payment, then later first due date, then smaller total.
 */
export function compareFavourability(a: Offer, b: Offer): number {
  const firstA = a.schedule[0]?.amountCents ?? a.totalCents;
  const firstB = b.schedule[0]?.amountCents ?? b.totalCents;
  if (firstA !== firstB) return firstB - firstA;
  const byDate = compareDates(a.firstDueDate, b.firstDueDate);
  if (byDate !== 0) return byDate;
  return b.totalCents - a.totalCents;
}

export function isMoreFavourable(a: Offer, b: Offer): boolean {
  return compareFavourability(a, b) > 0;
}

export type LadderOptions = { hardship?: boolean };

export function offerLadder(debtCents: number, policy: OfferPolicy, today: IsoDate, opts: LadderOptions = {}): Offer[] {
  const soon = soonDueDate(policy, today);
  const late = addDays(today, policy.firstDueInDays.max);
  const rate = policy.installments.monthlyInterestPercent;
  const maxDiscount = policy.cash.maxDiscountPercent;
  const halfDiscount = openingCashDiscountPercent(policy);

  const counts = allowedInstallmentCounts(debtCents, policy);
  const nMax = counts[counts.length - 1];
  const nMid = middleCount(counts);

  const candidates: Offer[] = [];
  if (opts.hardship) {
    if (nMid !== null) candidates.push(installmentOffer(debtCents, nMid, rate, late));
    if (nMax !== undefined) candidates.push(installmentOffer(debtCents, nMax, rate, late));
    if (candidates.length === 0) candidates.push(cashOffer(debtCents, maxDiscount, late));
  } else {
    candidates.push(cashOffer(debtCents, halfDiscount, soon));
    candidates.push(cashOffer(debtCents, maxDiscount, soon));
    if (nMid !== null) candidates.push(installmentOffer(debtCents, nMid, rate, soon));
    if (nMax !== undefined) candidates.push(installmentOffer(debtCents, nMax, rate, late));
  }

  const ladder: Offer[] = [];
  for (const offer of candidates.sort(compareFavourability)) {
    if (!checkOffer(offer, debtCents, policy, today).ok) continue;
    const previous = ladder[ladder.length - 1];
    if (previous === undefined || isMoreFavourable(offer, previous)) ladder.push(offer);
  }
  return ladder;
}
