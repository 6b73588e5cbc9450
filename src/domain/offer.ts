// Offers are built only here, and checkOffer is the single definition of "inside the policy".
// The ladder and the counter-proposal logic both end with checkOffer, so a bug in either one
// shows up as a missing offer (or an escalation), never as an offer outside the creditor's limits.

import { addDays, addMonths, compareDates, isValidIsoDate, type IsoDate } from './dates.js';
import { divRoundHalfUp, percentToBasisPoints } from './money.js';
import { priceSchedule, tryPriceSchedule } from './installments.js';
import type { OfferPolicy } from './policy.js';

export type ScheduleEntry = { n: number; dueDate: IsoDate; amountCents: number };

export type Offer = {
  kind: 'cash' | 'installments';
  /** What the debtor pays in all. */
  totalCents: number;
  /** The actual discount on the debt, rounded half-up to 2 decimals; 0 for instalments. */
  discountPercent: number;
  /** 1 for cash. */
  installments: number;
  /** The regular instalment (cash: = totalCents). The last one may differ by rounding cents. */
  installmentCents: number;
  firstDueDate: IsoDate;
  /** Sums exactly to totalCents; monthly from firstDueDate (addMonths). */
  schedule: ScheduleEntry[];
};

function assertDebt(debtCents: number): void {
  if (!Number.isSafeInteger(debtCents) || debtCents < 1) {
    throw new RangeError(`debtCents must be a positive safe integer, got ${debtCents}`);
  }
}

function buildSchedule(amounts: number[], firstDueDate: IsoDate): ScheduleEntry[] {
  return amounts.map((amountCents, k) => ({ n: k + 1, dueDate: addMonths(firstDueDate, k), amountCents }));
}

/**
 * The discount that paying totalCents instead of debtCents represents, in percent rounded
 * half-up to 2 decimals (2 000,00 on 2 100,00 -> 4.76). This is what the debtor is told, so it
 * is derived from the amounts rather than from whatever percent was asked for.
 */
export function discountPercentFor(debtCents: number, totalCents: number): number {
  assertDebt(debtCents);
  return Number(divRoundHalfUp(BigInt(debtCents - totalCents) * 10_000n, BigInt(debtCents))) / 100;
}

/**
 * The largest discount in cents that respects maxPercent exactly. Floored, not rounded: a
 * half-up cent would put the total a fraction below debt × (1 − max) and outside the policy.
 */
export function maxDiscountCents(debtCents: number, maxPercent: number): number {
  assertDebt(debtCents);
  const bp = percentToBasisPoints(maxPercent);
  return Number((BigInt(debtCents) * BigInt(bp)) / 10_000n);
}

/** The smallest cash total allowed: debt minus the maximum discount, and never below 1 cent. */
export function minCashTotal(debtCents: number, maxPercent: number): number {
  return Math.max(1, debtCents - maxDiscountCents(debtCents, maxPercent));
}

/** Cash payment with a discount of (at most) discountPercent — see maxDiscountCents. */
export function cashOffer(debtCents: number, discountPercent: number, firstDueDate: IsoDate): Offer {
  assertDebt(debtCents);
  const bp = percentToBasisPoints(discountPercent);
  if (bp < 0 || bp > 10_000) throw new RangeError(`discount must be 0–100 %, got ${discountPercent}`);
  return cashOfferForTotal(debtCents, minCashTotal(debtCents, discountPercent), firstDueDate);
}

/** Cash payment of exactly totalCents (a debtor's "posso pagar 2 mil"); the percent follows. */
export function cashOfferForTotal(debtCents: number, totalCents: number, firstDueDate: IsoDate): Offer {
  assertDebt(debtCents);
  if (!Number.isSafeInteger(totalCents) || totalCents < 1 || totalCents > debtCents) {
    throw new RangeError(`cash total must be 1…${debtCents} cents, got ${totalCents}`);
  }
  if (!isValidIsoDate(firstDueDate)) throw new RangeError(`invalid date "${firstDueDate}"`);
  return {
    kind: 'cash',
    totalCents,
    discountPercent: discountPercentFor(debtCents, totalCents),
    installments: 1,
    installmentCents: totalCents,
    firstDueDate,
    schedule: buildSchedule([totalCents], firstDueDate),
  };
}

/** n monthly Tabela Price instalments on the whole debt (priceSchedule; throws if impossible). */
export function installmentOffer(
  debtCents: number,
  n: number,
  monthlyInterestPercent: number,
  firstDueDate: IsoDate,
): Offer {
  assertDebt(debtCents);
  if (!isValidIsoDate(firstDueDate)) throw new RangeError(`invalid date "${firstDueDate}"`);
  const amounts = priceSchedule(debtCents, n, monthlyInterestPercent);
  return {
    kind: 'installments',
    totalCents: amounts.reduce((a, b) => a + b, 0),
    discountPercent: 0,
    installments: n,
    installmentCents: amounts[0] ?? 0,
    firstDueDate,
    schedule: buildSchedule(amounts, firstDueDate),
  };
}

/**
 * The instalments schedule the policy allows for n, or null: n within installments.max, the
 * split possible, and (for n ≥ 2) every instalment — the last one too — at least minAmountCents.
 */
export function allowedInstallmentAmounts(debtCents: number, n: number, policy: OfferPolicy): number[] | null {
  if (!Number.isSafeInteger(n) || n < 1 || n > policy.installments.max) return null;
  const amounts = tryPriceSchedule(debtCents, n, policy.installments.monthlyInterestPercent);
  if (amounts === null) return null;
  if (n >= 2 && amounts.some((a) => a < policy.installments.minAmountCents)) return null;
  return amounts;
}

/** The latest first due date the policy allows. */
export function latestFirstDueDate(policy: OfferPolicy, today: IsoDate): IsoDate {
  return addDays(today, policy.firstDueInDays.max);
}

export type OfferCheck = { ok: true } | { ok: false; violations: string[] };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function hasTwoDecimals(v: number): boolean {
  try {
    percentToBasisPoints(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether an offer is inside the policy and internally consistent. Defensive about its input
 * (offers come back from storage and conversation snapshots), so it reports rather than throws.
 */
export function checkOffer(offer: Offer, debtCents: number, policy: OfferPolicy, today: IsoDate): OfferCheck {
  const v: string[] = [];
  if (!isInt(debtCents) || debtCents < 1) return { ok: false, violations: ['debt must be a positive integer of cents'] };
  if (offer.kind !== 'cash' && offer.kind !== 'installments') v.push(`unknown kind ${String(offer.kind)}`);

  for (const key of ['totalCents', 'installments', 'installmentCents'] as const) {
    if (!isInt(offer[key])) v.push(`${key} must be an integer`);
  }

  const first = offer.firstDueDate;
  if (!isValidIsoDate(first)) {
    v.push(`firstDueDate ${String(first)} is not a date`);
  } else {
    const latest = latestFirstDueDate(policy, today);
    if (compareDates(first, today) < 0) v.push(`first due date ${first} is before today ${today}`);
    if (compareDates(first, latest) > 0) v.push(`first due date ${first} is after the latest allowed ${latest}`);
  }

  const schedule = Array.isArray(offer.schedule) ? offer.schedule : [];
  if (schedule.length === 0) v.push('schedule is empty');
  if (schedule.length !== offer.installments) v.push(`schedule has ${schedule.length} entries for ${offer.installments} instalments`);
  let sum = 0;
  schedule.forEach((e, k) => {
    if (e.n !== k + 1) v.push(`schedule entry ${k + 1} is numbered ${e.n}`);
    if (!isInt(e.amountCents) || e.amountCents < 1) v.push(`instalment ${k + 1} amount must be a positive integer`);
    else sum += e.amountCents;
    if (isValidIsoDate(first) && e.dueDate !== addMonths(first, k)) {
      v.push(`instalment ${k + 1} is due ${e.dueDate}, expected ${addMonths(first, k)}`);
    }
  });
  if (sum !== offer.totalCents) v.push(`schedule sums to ${sum}, total is ${offer.totalCents}`);
  if (schedule[0] && schedule[0].amountCents !== offer.installmentCents) {
    v.push(`installmentCents ${offer.installmentCents} differs from the first instalment ${schedule[0].amountCents}`);
  }

  if (offer.kind === 'cash') checkCash(offer, debtCents, policy, v);
  if (offer.kind === 'installments') checkInstallments(offer, debtCents, policy, v);
  return v.length === 0 ? { ok: true } : { ok: false, violations: v };
}

function checkCash(offer: Offer, debtCents: number, policy: OfferPolicy, v: string[]): void {
  const max = policy.cash.maxDiscountPercent;
  if (offer.installments !== 1) v.push('a cash offer has exactly 1 payment');
  if (typeof offer.discountPercent !== 'number' || !hasTwoDecimals(offer.discountPercent)) {
    v.push('discountPercent must have at most 2 decimals');
    return;
  }
  if (offer.discountPercent < 0) v.push('discount cannot be negative');
  if (offer.discountPercent > max) v.push(`discount ${offer.discountPercent}% exceeds the maximum ${max}%`);
  if (!isInt(offer.totalCents)) return;
  if (offer.totalCents > debtCents) v.push(`total ${offer.totalCents} exceeds the debt ${debtCents}`);
  const min = minCashTotal(debtCents, max);
  if (offer.totalCents < min) v.push(`total ${offer.totalCents} is below the minimum cash total ${min}`);
  if (offer.totalCents >= 1 && offer.totalCents <= debtCents) {
    const actual = discountPercentFor(debtCents, offer.totalCents);
    if (actual !== offer.discountPercent) {
      v.push(`discountPercent ${offer.discountPercent} does not match the actual discount ${actual}`);
    }
  }
}

function checkInstallments(offer: Offer, debtCents: number, policy: OfferPolicy, v: string[]): void {
  const n = offer.installments;
  if (offer.discountPercent !== 0) v.push('instalment offers carry no discount');
  if (!isInt(n) || n < 1) return;
  if (n > policy.installments.max) v.push(`${n} instalments exceed the maximum ${policy.installments.max}`);
  const expected = tryPriceSchedule(debtCents, n, policy.installments.monthlyInterestPercent);
  if (expected === null) {
    v.push(`the debt cannot be split into ${n} instalments`);
    return;
  }
  const actual = offer.schedule.map((e) => e.amountCents);
  if (actual.length !== expected.length || actual.some((a, k) => a !== expected[k])) {
    v.push(`instalments do not follow Tabela Price at ${policy.installments.monthlyInterestPercent}% a month`);
  }
  if (n >= 2) {
    const min = policy.installments.minAmountCents;
    offer.schedule.forEach((e, k) => {
      if (isInt(e.amountCents) && e.amountCents < min) v.push(`instalment ${k + 1} (${e.amountCents}) is below the minimum ${min}`);
    });
  }
}
