// Where an agreement stands as days pass, and the moves only a person or a renegotiation makes
// (issue 12, "States that say where each agreement stands").
//
// Rules (where the issue is silent):
// - Days are calendar days in the creditor's time zone ('YYYY-MM-DD'; the caller takes `today`
//   from dates.todayIn). An instalment is due *on* its due date: paying that day is on time, it is
//   late from the next day while not fully paid (a partial payment does not stop lateness).
// - The agreement breaks when an instalment stays unpaid for more than `graceDays` days: with
//   graceDays 5 and due 2026-12-05 the debtor still has the whole of 12-10 to pay, and the
//   agreement is broken on 12-11. graceDays 0 breaks it the day after the due date. `brokenOn` is
//   that day, computed from the due date, so a job that runs late records when it really broke.
// - Broken stays broken: payments still count (and settle it if they pay everything), but only a
//   renegotiation, a cancellation or a person's `reinstate` moves it on.
// - Renegotiated, cancelled and settled agreements are final here: statusOn leaves them alone.
// - Reasons given by people are short codes ('debtor_request'), never free text, because the
//   events go to the audit trail, which holds no personal data; notes belong elsewhere.

import {
  LedgerError,
  ledgerTotals,
  type AgreementStatus,
  type LedgerAgreement,
  type LedgerEvent,
  type LedgerInstallment,
  type LedgerTotals,
} from './agreementLedger.js';
import { addDays, diffDays, isValidIsoDate, type IsoDate } from './dates.js';

export interface LedgerChange {
  /** The same object when nothing changed. */
  agreement: LedgerAgreement;
  events: LedgerEvent[];
}

/** The longest grace the ledger accepts: a year unpaid is not "grace". */
export const MAX_GRACE_DAYS = 365;

function assertToday(today: IsoDate): void {
  if (typeof today !== 'string' || !isValidIsoDate(today)) {
    throw new LedgerError('invalid_date', `today must be a date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  }
}

function assertGraceDays(graceDays: number): void {
  if (!Number.isSafeInteger(graceDays) || graceDays < 0 || graceDays > MAX_GRACE_DAYS) {
    throw new LedgerError('invalid_grace_days', `graceDays must be a whole number of days between 0 and ${MAX_GRACE_DAYS}, got ${String(graceDays)}`);
  }
}

const REASON = /^[a-z][a-z0-9_]{0,39}$/;

function assertReason(reason: string): void {
  if (typeof reason !== 'string' || !REASON.test(reason)) {
    throw new LedgerError('invalid_reason', `reason must be a short code (lower-case letters, digits, _; e.g. debtor_request), got ${JSON.stringify(reason)}`);
  }
}

const unpaid = (i: LedgerInstallment): boolean => i.paidCents < i.amountCents;

/** The first unpaid instalment more than graceDays past due on `today`, if any. */
function beyondGrace(agreement: LedgerAgreement, today: IsoDate, graceDays: number): LedgerInstallment | undefined {
  return agreement.installments.find((i) => unpaid(i) && diffDays(i.dueDate, today) > graceDays);
}

/**
 * The agreement as it stands on `today`: unpaid instalments past due become late, and an active
 * agreement with one unpaid for more than graceDays becomes broken. Idempotent: run it again on
 * the same day (or any later day with nothing new) and it returns no events.
 */
export function statusOn(agreement: LedgerAgreement, today: IsoDate, graceDays: number): LedgerChange {
  assertToday(today);
  assertGraceDays(graceDays);
  if (agreement.status !== 'active' && agreement.status !== 'broken') return { agreement, events: [] };

  const events: LedgerEvent[] = [];
  let changed = false;
  const installments = agreement.installments.map((i) => {
    const daysLate = diffDays(i.dueDate, today);
    if (!unpaid(i) || daysLate <= 0 || i.status === 'late') return i;
    changed = true;
    events.push({ type: 'installment_late', data: { agreementId: agreement.id, n: i.n, dueDate: i.dueDate, daysLate, dueCents: i.amountCents - i.paidCents } });
    return { ...i, status: 'late' as const };
  });
  let next: LedgerAgreement = changed ? { ...agreement, installments } : agreement;

  const overdue = next.status === 'active' ? beyondGrace(next, today, graceDays) : undefined;
  if (overdue) {
    const brokenOn = addDays(overdue.dueDate, graceDays + 1);
    next = { ...next, status: 'broken', brokenOn };
    events.push({
      type: 'agreement_broken',
      data: {
        agreementId: agreement.id,
        n: overdue.n,
        dueDate: overdue.dueDate,
        daysLate: diffDays(overdue.dueDate, today),
        graceDays,
        brokenOn,
        remainingCents: ledgerTotals(next).remainingCents,
      },
    });
  }
  return { agreement: next, events };
}

export interface RenegotiationResult extends LedgerChange {
  /**
   * What the new agreement negotiates: remainingCents = totalCents − paidCents, the instalments
   * already paid (in whole or in part) credited. Overpayment cannot occur here (an agreement with
   * overpayment is fully paid, hence settled) and held payments were never counted.
   */
  balance: LedgerTotals;
}

/**
 * The old agreement gives way to a new one (`newAgreementId`, which should carry
 * `renegotiates: old.id`). Allowed from active (a debtor who is late and asks) or broken, while
 * something remains to pay. Later payments on the old one are held for a person.
 */
export function renegotiate(old: LedgerAgreement, newAgreementId: string): RenegotiationResult {
  if (typeof newAgreementId !== 'string' || newAgreementId.trim() === '' || newAgreementId === old.id) {
    throw new LedgerError('invalid_id', 'the new agreement needs its own id');
  }
  if (old.status !== 'active' && old.status !== 'broken') {
    throw new LedgerError('not_renegotiable', `agreement ${old.id} is ${old.status}: only an active or broken agreement can be renegotiated`);
  }
  const balance = ledgerTotals(old);
  if (balance.remainingCents === 0) throw new LedgerError('not_renegotiable', `agreement ${old.id} is fully paid: nothing remains to renegotiate`);
  const agreement: LedgerAgreement = { ...old, status: 'renegotiated', renegotiatedBy: newAgreementId };
  const event: LedgerEvent = {
    type: 'agreement_renegotiated',
    data: { agreementId: old.id, renegotiatedBy: newAgreementId, fromStatus: old.status, totalCents: balance.totalCents, paidCents: balance.paidCents, remainingCents: balance.remainingCents },
  };
  return { agreement, balance, events: [event] };
}

const CANCELLABLE: readonly AgreementStatus[] = ['active', 'broken'];

/**
 * A person cancels an agreement (made in error, debt disputed, …). What was paid stays recorded;
 * later payments are held. `reason` is a short code, not free text.
 */
export function cancelAgreement(agreement: LedgerAgreement, reason: string): LedgerChange {
  assertReason(reason);
  if (!CANCELLABLE.includes(agreement.status)) {
    throw new LedgerError('not_cancellable', `agreement ${agreement.id} is ${agreement.status}: only an active or broken agreement can be cancelled`);
  }
  const totals = ledgerTotals(agreement);
  const event: LedgerEvent = {
    type: 'agreement_cancelled',
    data: { agreementId: agreement.id, fromStatus: agreement.status, reason, totalCents: totals.totalCents, paidCents: totals.paidCents, remainingCents: totals.remainingCents },
  };
  return { agreement: { ...agreement, status: 'cancelled' }, events: [event] };
}

/**
 * A person puts a broken agreement back in force, when the debtor has caught up: refused while an
 * instalment is still unpaid beyond the grace period on `today`, since statusOn would break it
 * again at once (that case is a renegotiation, with new dates).
 */
export function reinstate(agreement: LedgerAgreement, today: IsoDate, graceDays: number, reason: string): LedgerChange {
  assertToday(today);
  assertGraceDays(graceDays);
  assertReason(reason);
  if (agreement.status !== 'broken') throw new LedgerError('not_reinstatable', `agreement ${agreement.id} is ${agreement.status}, not broken`);
  const overdue = beyondGrace(agreement, today, graceDays);
  if (overdue) {
    throw new LedgerError('not_reinstatable', `instalment ${overdue.n} (due ${overdue.dueDate}) is still unpaid beyond the grace period: renegotiate instead`);
  }
  const event: LedgerEvent = {
    type: 'agreement_reinstated',
    data: { agreementId: agreement.id, brokenOn: agreement.brokenOn, reason, remainingCents: ledgerTotals(agreement).remainingCents },
  };
  return { agreement: { ...agreement, status: 'active' }, events: [event] };
}
