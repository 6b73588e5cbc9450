// A debtor's counter-proposal, already parsed to numbers by the understanding layer, is
// accepted as asked, countered with the nearest offer the policy allows, or escalated to a
// person. No free text and no LLM is involved: the decision is a pure function of the numbers.
//
// BEHAVIOUR
// • Kind: installments ≥ 2, or perInstallmentCents without cash: true, means instalments;
//   cash / totalCents / discountPercent / installments = 1 mean cash; a proposal with only a
//   firstDueDate re-dates ctx.current (or, with no current offer, the whole debt in cash).
// • Cash with totalCents: inside [minCashTotal, debt] → accept exactly that total (the discount
//   percent is derived, 2 decimals); below → counter with the maximum-discount cash offer;
//   above the debt → counter with the debt itself. With discountPercent: ≤ max → accept, else
//   counter with the maximum. Bare "cash" → accept the ladder's opening cash discount.
// • Instalments with a count: allowed → accept; too many or instalments under the minimum →
//   counter with the nearest allowed count (the largest allowed below it). With only a monthly
//   amount: the smallest allowed n whose regular instalment ≤ that amount → accept; none →
//   counter with the largest allowed n. With both ("3x de 600") and the count's instalment
//   above the amount → counter with the smallest allowed n that fits (else the largest).
//   Instalments carry no discount and cost the Price total: a discount or a lower total asked
//   alongside → counter with the plain plan. No instalment plan allowed at all (tiny debt,
//   installments.max = 1) → counter with the maximum-discount cash.
// • First due date: missing → ctx.current's date if still allowed, else "soon" (see the ladder);
//   before today → today; after the limit → the latest allowed date (counter).
// • "Far outside" the limits (a discount over 2× the maximum, more than 2× the allowed
//   instalments, an instalment under half the smallest allowed one, a date beyond 2× the
//   window, a non-positive amount): escalated when ctx.round ≥ ctx.maxRounds, countered
//   before that. Anything merely outside the limits is always countered.
// • Every accept/counter offer passes checkOffer; if one ever did not, the result is an
//   escalation ("no valid offer") rather than an offer outside the policy.

import { compareDates, diffDays, isValidIsoDate, type IsoDate } from './dates.js';
import { basisPointsToPercent, formatMoney, percentToBasisPoints } from './money.js';
import {
  allowedInstallmentAmounts,
  cashOffer,
  cashOfferForTotal,
  checkOffer,
  installmentOffer,
  latestFirstDueDate,
  minCashTotal,
  type Offer,
} from './offer.js';
import { allowedInstallmentCounts, offerLadder, openingCashDiscountPercent, soonDueDate } from './offerLadder.js';
import type { OfferPolicy } from './policy.js';

export type Proposal = {
  cash?: boolean;
  totalCents?: number;
  installments?: number;
  perInstallmentCents?: number;
  firstDueDate?: IsoDate;
  discountPercent?: number;
};

export type CounterReason =
  | 'no_proposal'
  | 'invalid_amount'
  | 'discount_above_max'
  | 'total_above_debt'
  | 'installments_above_max'
  | 'installment_below_min'
  | 'installment_above_request'
  | 'installments_unavailable'
  | 'discount_with_installments'
  | 'total_below_price_total'
  | 'due_date_before_today'
  | 'due_date_after_limit'
  | 'invalid_date'
  | 'no_valid_offer';

export type CounterDecision =
  | { decision: 'accept'; offer: Offer }
  | { decision: 'counter'; offer: Offer; why: string; reasons?: CounterReason[] }
  | { decision: 'escalate'; why: string; reasons?: CounterReason[] };

export type CounterContext = {
  /** 1-based negotiation round of this proposal. */
  round: number;
  maxRounds: number;
  /** The offer on the table, if any: a date-only proposal ("can it be on the 20th?") re-dates it. */
  current?: Offer;
};

type Notes = { reasons: CounterReason[]; why: string[]; far: boolean };

const money = (cents: number): string => formatMoney(cents, 'en');
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

function note(notes: Notes, reason: CounterReason, why: string, far = false): void {
  notes.reasons.push(reason);
  notes.why.push(why);
  notes.far ||= far;
}

function chooseDate(p: Proposal, policy: OfferPolicy, today: IsoDate, ctx: CounterContext, notes: Notes): IsoDate {
  const latest = latestFirstDueDate(policy, today);
  const inWindow = (d: IsoDate): boolean => compareDates(d, today) >= 0 && compareDates(d, latest) <= 0;
  const fallback =
    ctx.current && isValidIsoDate(ctx.current.firstDueDate) && inWindow(ctx.current.firstDueDate)
      ? ctx.current.firstDueDate
      : soonDueDate(policy, today);
  const asked = p.firstDueDate;
  if (asked === undefined) return fallback;
  if (!isValidIsoDate(asked)) {
    note(notes, 'invalid_date', `"${asked}" is not a date`);
    return fallback;
  }
  if (compareDates(asked, today) < 0) {
    note(notes, 'due_date_before_today', `${asked} is in the past; the earliest date is ${today}`);
    return today;
  }
  if (compareDates(asked, latest) > 0) {
    const far = diffDays(today, asked) > 2 * policy.firstDueInDays.max;
    note(notes, 'due_date_after_limit', `${asked} is after the latest allowed first due date ${latest}`, far);
    return latest;
  }
  return asked;
}

function twoDecimalBasisPoints(percent: number): number | null {
  try {
    return percentToBasisPoints(percent);
  } catch {
    // "5.555 %" is not something a debtor means precisely; round it to what we can express.
    return Number.isFinite(percent) ? Math.round(percent * 100) : null;
  }
}

function evaluateCash(
  p: Proposal,
  debt: number,
  policy: OfferPolicy,
  today: IsoDate,
  date: IsoDate,
  ctx: CounterContext,
  notes: Notes,
): Offer {
  const max = policy.cash.maxDiscountPercent;
  const maxBp = percentToBasisPoints(max);
  const best = (): Offer => cashOffer(debt, max, date);

  if (p.totalCents !== undefined) {
    const t = p.totalCents;
    if (!isInt(t) || t < 1) {
      note(notes, 'invalid_amount', `${String(t)} is not a payable amount`, true);
      return best();
    }
    if (t > debt) {
      note(notes, 'total_above_debt', `${money(t)} is more than the debt of ${money(debt)}`);
      return cashOfferForTotal(debt, debt, date);
    }
    const min = minCashTotal(debt, max);
    if (t < min) {
      // Far: the discount asked is more than twice the maximum (exact integer comparison).
      const far = BigInt(debt - t) * 10_000n > 2n * BigInt(maxBp) * BigInt(debt);
      note(notes, 'discount_above_max', `${money(t)} is below the minimum cash payment of ${money(min)} (maximum discount ${max}%)`, far);
      return best();
    }
    return cashOfferForTotal(debt, t, date);
  }

  if (p.discountPercent !== undefined) {
    const bp = twoDecimalBasisPoints(p.discountPercent);
    if (bp === null || bp < 0 || bp > 10_000) {
      note(notes, 'invalid_amount', `${String(p.discountPercent)} is not a discount percentage`, true);
      return best();
    }
    if (bp > maxBp) {
      note(notes, 'discount_above_max', `a ${basisPointsToPercent(bp)}% discount is above the maximum of ${max}%`, bp > 2 * maxBp);
      return best();
    }
    return cashOffer(debt, basisPointsToPercent(bp), date);
  }

  const kept = ctx.current?.kind === 'cash' ? redate(ctx.current, debt, policy, date, today) : null;
  if (kept) return kept;
  // A bare "I'll pay in cash": the ladder's opening cash discount, not the maximum — the
  // debtor has not asked for more.
  return cashOffer(debt, openingCashDiscountPercent(policy), date);
}

function evaluateInstallments(p: Proposal, debt: number, policy: OfferPolicy, date: IsoDate, notes: Notes): Offer {
  const rate = policy.installments.monthlyInterestPercent;
  const counts = allowedInstallmentCounts(debt, policy);
  const nMax = counts[counts.length - 1];
  const regular = (n: number): number => allowedInstallmentAmounts(debt, n, policy)?.[0] ?? Infinity;

  if (nMax === undefined) {
    const cash = cashOffer(debt, policy.cash.maxDiscountPercent, date);
    const askedN = isInt(p.installments) ? p.installments : 0;
    const per = p.perInstallmentCents;
    const far = askedN > 2 || (per !== undefined && (!isInt(per) || per * 2 < cash.totalCents));
    note(notes, 'installments_unavailable', `no instalment plan is allowed for ${money(debt)}; the best offer is one payment`, far);
    return cash;
  }

  if (p.discountPercent !== undefined && p.discountPercent > 0) {
    note(notes, 'discount_with_installments', 'instalment plans carry no discount');
  }

  let n: number;
  const askedN = p.installments;
  const per = p.perInstallmentCents;
  if (isInt(askedN) && askedN >= 2) {
    if (counts.includes(askedN)) {
      n = askedN;
    } else {
      const below = counts.filter((c) => c < askedN);
      n = below.length > 0 ? Math.max(...below) : Math.min(...counts);
      const far = askedN > 2 * nMax;
      if (askedN > policy.installments.max) {
        note(notes, 'installments_above_max', `${askedN} instalments exceed the maximum of ${n}`, far);
      } else {
        note(notes, 'installment_below_min', `${askedN} instalments would be below the minimum instalment of ${money(policy.installments.minAmountCents)}`, far);
      }
    }
    // "6x of 300" where 6x costs more a month: the monthly amount is the real constraint, so
    // move to the smallest allowed count that fits it (or the largest allowed one).
    if (per !== undefined && isInt(per) && regular(n) > per) {
      const fits = counts.find((c) => c >= n && regular(c) <= per);
      const far = fits === undefined && per * 2 < regular(nMax);
      note(notes, 'installment_above_request', `${n} instalments would be ${money(regular(n))} a month, more than ${money(per)}`, far);
      n = fits ?? nMax;
    }
  } else if (per !== undefined) {
    if (!isInt(per) || per < 1) {
      note(notes, 'invalid_amount', `${String(per)} is not a payable monthly amount`, true);
      n = nMax;
    } else {
      const fits = counts.find((c) => regular(c) <= per);
      if (fits !== undefined) {
        n = fits;
      } else {
        n = nMax;
        const smallest = regular(nMax);
        note(notes, 'installment_below_min', `${money(per)} a month is below the smallest instalment allowed, ${money(smallest)} in ${nMax}x`, per * 2 < smallest);
      }
    }
  } else {
    n = nMax;
  }

  const offer = installmentOffer(debt, n, rate, date);
  if (p.totalCents !== undefined && isInt(p.totalCents) && p.totalCents < offer.totalCents) {
    note(notes, 'total_below_price_total', `${n} instalments total ${money(offer.totalCents)} with interest, not ${money(p.totalCents)}`);
  }
  return offer;
}

/**
 * The offer on the table moved to another date, or null when it is no longer valid (it may come
 * from a snapshot taken under an older policy): then the caller falls back to a fresh offer
 * instead of escalating over a stale one.
 */
function redate(current: Offer, debt: number, policy: OfferPolicy, date: IsoDate, today: IsoDate): Offer | null {
  try {
    const moved =
      current.kind === 'cash'
        ? cashOfferForTotal(debt, current.totalCents, date)
        : installmentOffer(debt, current.installments, policy.installments.monthlyInterestPercent, date);
    return checkOffer(moved, debt, policy, today).ok ? moved : null;
  } catch {
    return null;
  }
}

export function evaluateCounter(
  p: Proposal,
  debtCents: number,
  policy: OfferPolicy,
  today: IsoDate,
  ctx: CounterContext,
): CounterDecision {
  if (!isInt(debtCents) || debtCents < 1) throw new RangeError(`debtCents must be a positive integer, got ${debtCents}`);
  const notes: Notes = { reasons: [], why: [], far: false };
  const date = chooseDate(p, policy, today, ctx, notes);

  const wantsInstallments =
    (isInt(p.installments) && p.installments >= 2) || (p.perInstallmentCents !== undefined && p.cash !== true);
  const wantsCash =
    p.cash === true || p.totalCents !== undefined || p.discountPercent !== undefined || p.installments === 1;

  let offer: Offer;
  if (wantsInstallments) {
    offer = evaluateInstallments(p, debtCents, policy, date, notes);
  } else if (wantsCash) {
    offer = evaluateCash(p, debtCents, policy, today, date, ctx, notes);
  } else if (p.firstDueDate !== undefined) {
    // Only a date: move the offer on the table, or the whole debt if nothing is on it yet.
    offer = (ctx.current && redate(ctx.current, debtCents, policy, date, today)) ?? cashOfferForTotal(debtCents, debtCents, date);
  } else {
    const opening = offerLadder(debtCents, policy, today)[0];
    if (opening === undefined) return escalate(['no_valid_offer'], 'no offer is possible under the policy');
    note(notes, 'no_proposal', 'no amount, count or date was understood; repeating the opening offer');
    offer = opening;
  }

  const check = checkOffer(offer, debtCents, policy, today);
  if (!check.ok) {
    return escalate(['no_valid_offer'], `no valid offer near the proposal: ${check.violations.join('; ')}`);
  }
  if (notes.reasons.length === 0) return { decision: 'accept', offer };
  if (notes.far && ctx.round >= ctx.maxRounds) {
    return escalate(notes.reasons, `far outside the limits after the last round: ${notes.why.join('; ')}`);
  }
  return { decision: 'counter', offer, why: notes.why.join('; '), reasons: notes.reasons };
}

function escalate(reasons: CounterReason[], why: string): CounterDecision {
  return { decision: 'escalate', why, reasons };
}
