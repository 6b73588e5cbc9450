// What an overdue instalment costs on a given day, exactly as the agreement term states it
// (prompts/templates/*.json, agreement.term): "a {lateFeePercent} late fee and
// {monthlyInterestPercent} interest per month on the overdue instalment". The creditor stores both
// rates as integer basis points (src/storage/creditorRepository.ts), so no float ever touches
// an amount here.
//
// Rules (the term is silent on the details; these are the usual Brazilian "multa + juros de mora
// de 1% ao mês pro rata die"):
// - Late means today is after the due date. PIX settles every day of the year, so a due date on a
//   weekend or holiday is not moved to the next business day: paid on the due date is on time.
// - daysLate = calendar days from the due date to today (the day after the due date is 1).
// - The fee (multa) is charged once, in full, from the first late day: balance × feeBp / 10 000.
// - Interest (juros de mora) is simple, pro rata die over a 30-day commercial month:
//   balance × monthlyBp × daysLate / (10 000 × 30). Never compounded, never on the fee.
// - Both are computed on the instalment's outstanding balance on the day (what is still unpaid
//   after any partial payment), for the whole period: one base, easy to explain to the debtor, and
//   never more than charging each stretch on the balance it had.
// - Rounding: each component is rounded ONCE, half-up to the cent, from its exact rational value
//   (no intermediate rounding, no rounding of the rate); the total is the plain sum of the parts,
//   so what the message shows adds up to the PIX amount.

import { diffDays, type IsoDate } from './dates.js';
import { divRoundHalfUp } from './money.js';

/** The creditor's late-payment terms, as stored (basis points: 200 = 2 %). */
export interface LateChargeTerms {
  lateFeeBasisPoints: number;
  monthlyInterestBasisPoints: number;
}

export interface LateCharges {
  /** The instalment's outstanding balance the charges apply to. */
  balanceCents: number;
  feeCents: number;
  interestCents: number;
  /** balanceCents + feeCents + interestCents: the amount of the updated PIX code. */
  totalCents: number;
  daysLate: number;
}

/** Days in the commercial month the monthly rate is spread over (pro rata die). */
export const DAYS_PER_MONTH = 30;

function assertNonNegativeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
}

function toSafeNumber(v: bigint, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} exceeds the safe integer range`);
  return n;
}

/** Calendar days past the due date on `today` (0 on or before the due date). */
export function daysLate(dueDate: IsoDate, today: IsoDate): number {
  return Math.max(0, diffDays(dueDate, today));
}

/** The charges on `balanceCents` after `days` late days (0 days: not late, nothing added). */
export function lateChargesForDays(balanceCents: number, days: number, terms: LateChargeTerms): LateCharges {
  assertNonNegativeInteger(balanceCents, 'balanceCents');
  assertNonNegativeInteger(days, 'daysLate');
  assertNonNegativeInteger(terms.lateFeeBasisPoints, 'lateFeeBasisPoints');
  assertNonNegativeInteger(terms.monthlyInterestBasisPoints, 'monthlyInterestBasisPoints');
  if (days === 0) return { balanceCents, feeCents: 0, interestCents: 0, totalCents: balanceCents, daysLate: 0 };
  const balance = BigInt(balanceCents);
  const fee = divRoundHalfUp(balance * BigInt(terms.lateFeeBasisPoints), 10_000n);
  const interest = divRoundHalfUp(
    balance * BigInt(terms.monthlyInterestBasisPoints) * BigInt(days),
    10_000n * BigInt(DAYS_PER_MONTH),
  );
  return {
    balanceCents,
    feeCents: toSafeNumber(fee, 'feeCents'),
    interestCents: toSafeNumber(interest, 'interestCents'),
    totalCents: toSafeNumber(balance + fee + interest, 'totalCents'),
    daysLate: days,
  };
}

/** The updated amount of an instalment due on `dueDate` with `balanceCents` unpaid, on `today`. */
export function lateCharges(
  installment: { balanceCents: number; dueDate: IsoDate },
  terms: LateChargeTerms,
  today: IsoDate,
): LateCharges {
  return lateChargesForDays(installment.balanceCents, daysLate(installment.dueDate, today), terms);
}
