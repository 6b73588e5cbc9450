// Tabela Price (French amortisation): equal instalments PMT = PV·i·(1+i)^n / ((1+i)^n − 1).
// Only the PMT factor uses floating point; the schedule itself is integer cents, period by
// period, so the instalments add up to exactly what the agreement says.

import { divRoundHalfUp, percentToBasisPoints } from './money.js';

function assertArgs(pvCents: number, n: number): void {
  if (!Number.isSafeInteger(pvCents) || pvCents < 0) {
    throw new RangeError(`pvCents must be a non-negative safe integer, got ${pvCents}`);
  }
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
}

/** The regular instalment, rounded half-up to cents. 0 % interest gives pv / n. */
export function pricePayment(pvCents: number, n: number, monthlyInterestPercent: number): number {
  assertArgs(pvCents, n);
  const bp = percentToBasisPoints(monthlyInterestPercent);
  if (bp < 0) throw new RangeError('interest cannot be negative');
  if (bp === 0) return Number(divRoundHalfUp(BigInt(pvCents), BigInt(n)));
  const i = bp / 10_000;
  const growth = (1 + i) ** n;
  // Math.round is half-up for the positive values we have here.
  return Math.round((pvCents * i * growth) / (growth - 1));
}

/** Interest of one period on an integer balance, rounded half-up to cents. */
function periodInterest(balanceCents: number, bp: number): number {
  return Number(divRoundHalfUp(BigInt(balanceCents) * BigInt(bp), 10_000n));
}

/**
 * The instalments of a Price loan of pvCents over n months. The first n − 1 are the PMT; the
 * last pays the remaining balance plus its interest, absorbing every rounding cent, so the sum
 * is the exact amount due. n = 1 is [pv]: a single payment inside the first-due window carries
 * no interest.
 *
 * Throws RangeError when the amount is too small to split that way (an instalment would be
 * below 1 cent, e.g. 9 cents over 6 months); use tryPriceSchedule to probe.
 */
export function priceSchedule(pvCents: number, n: number, monthlyInterestPercent: number): number[] {
  const schedule = tryPriceSchedule(pvCents, n, monthlyInterestPercent);
  if (schedule === null) {
    throw new RangeError(`${pvCents} cents cannot be split into ${n} instalments of at least 1 cent`);
  }
  return schedule;
}

/** priceSchedule, or null when some instalment would be below 1 cent. */
export function tryPriceSchedule(pvCents: number, n: number, monthlyInterestPercent: number): number[] | null {
  assertArgs(pvCents, n);
  if (n === 1) return pvCents >= 1 ? [pvCents] : null;
  const bp = percentToBasisPoints(monthlyInterestPercent);
  const pmt = pricePayment(pvCents, n, monthlyInterestPercent);
  if (pmt < 1) return null;
  const schedule: number[] = [];
  let balance = pvCents;
  for (let k = 1; k < n; k++) {
    const interest = periodInterest(balance, bp);
    balance -= pmt - interest;
    schedule.push(pmt);
  }
  const last = balance + periodInterest(balance, bp);
  // A PMT rounded up n − 1 times can overpay a tiny loan before the end (9 cents / 6 -> 2,2,2,2,2,-1).
  if (last < 1) return null;
  schedule.push(last);
  return schedule;
}

/** What the debtor pays in all under Tabela Price (sum of priceSchedule). */
export function priceTotal(pvCents: number, n: number, monthlyInterestPercent: number): number {
  return priceSchedule(pvCents, n, monthlyInterestPercent).reduce((a, b) => a + b, 0);
}
