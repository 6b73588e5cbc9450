// Which reminder an agreement's instalment is owed on a given day (issue 12, "Messages the debtor
// gets"). Pure: the reminder job asks this for each instalment, storage makes each key
// at-most-once, the contact policy decides the minute.
//
// Kinds, each meant for one calendar day (the debtor's) and still worth sending until its lastDay:
//   before:N  dueDate − N   until the day before the next reminder is meant for, at the latest
//                           dueDate − 1 — never on or after the due date ("due in 3 days" would
//                           then be false);
//   due       dueDate       that day only (onDueDay);
//   after:N   dueDate + N   until the day before the next after-reminder, at the latest the last
//                           day of grace (dueDate + graceDays): while the agreement still stands;
//   broken    dueDate + graceDays + 1 (the agreement breaks)   for BROKEN_NOTICE_DAYS days.
// The windows of one instalment never overlap, so at most one reminder is owed on any day: a
// reminder that was held back (quiet hours, a holiday, the server down) is superseded by the next
// one rather than sent alongside it, and a debtor never gets two reminders about one instalment
// at once.
//
// Rules where the issue is silent:
// - Only an unpaid instalment (open or late; a partial payment leaves it unpaid) of an `active`
//   agreement gets before/due/after reminders; only an unpaid instalment of a `broken` agreement
//   gets the broken notice. Settled, renegotiated and cancelled agreements get none.
// - A reminder meant for the day the agreement was accepted, or earlier, is skipped: the term the
//   debtor just received already says the amount, the date and the PIX code.
// - The broken notice is about the agreement, not the instalment: its key is the agreement's, so
//   an agreement with several instalments past grace still gets one notice. It goes out only once
//   storage says the agreement is `broken` (the message must be true when read), and only within
//   BROKEN_NOTICE_DAYS of the break; later a person should look at the case instead.
//
// How this composes with the contact policy (src/domain/contactPolicy.ts): the job computes
// today = todayIn(debtor's time zone, now), asks dueReminders, claims the key (at-most-once, also
// across processes), and asks decideProactive. `send` sends; `deferred until T` keeps the
// reminder in the outbox only while the debtor's date at T is ≤ lastDay — otherwise it is dropped
// now — and the outbox asks dueReminders again when T comes, because the instalment may have been
// paid, or the agreement broken, in between. Reminders count toward the caps like any proactive
// message; this file knows nothing about hours, holidays or caps.

import type { AgreementStatus, InstallmentStatus } from './agreementLedger.js';
import { addDays, compareDates, diffDays, type IsoDate } from './dates.js';
import type { ReminderSettings } from './reminderSettings.js';

export type ReminderKind = `before:${number}` | 'due' | `after:${number}` | 'broken';

/** How long after the break the broken-agreement notice still goes out. */
export const BROKEN_NOTICE_DAYS = 30;

export interface ReminderInstallment {
  id: string;
  agreementId: string;
  dueDate: IsoDate;
  status: InstallmentStatus;
  agreementStatus: AgreementStatus;
  /** The debtor's calendar day the agreement was accepted on. */
  agreedOn: IsoDate;
}

export interface PlannedReminder {
  kind: ReminderKind;
  /** Unique per message that may go out once: storage keeps it at-most-once. */
  key: string;
  /** The day it is meant for. */
  date: IsoDate;
  /** The last day it still makes sense; later it is dropped. */
  lastDay: IsoDate;
}

/** The at-most-once key of a reminder: the instalment's, or the agreement's for the broken notice. */
export function reminderKey(installment: { id: string; agreementId: string }, kind: ReminderKind): string {
  return kind === 'broken' ? `agreement:${installment.agreementId}:broken` : `installment:${installment.id}:${kind}`;
}

/** The first day the agreement is broken if this instalment is still unpaid (grace days are inclusive). */
export function breakDate(dueDate: IsoDate, settings: Pick<ReminderSettings, 'graceDays'>): IsoDate {
  return addDays(dueDate, settings.graceDays + 1);
}

/** Whether an instalment due on dueDate and still unpaid on `today` breaks its agreement. */
export function isPastGrace(dueDate: IsoDate, today: IsoDate, settings: Pick<ReminderSettings, 'graceDays'>): boolean {
  return diffDays(dueDate, today) > settings.graceDays;
}

/**
 * Every reminder the instalment may get under these settings, in date order, each with the day it
 * is meant for and the last day it still makes sense (windows never overlap). Reminders meant for
 * the acceptance day or earlier are left out.
 */
export function reminderPlan(
  installment: Pick<ReminderInstallment, 'id' | 'agreementId' | 'dueDate' | 'agreedOn'>,
  settings: ReminderSettings,
): PlannedReminder[] {
  const due = installment.dueDate;
  const plan: Omit<PlannedReminder, 'key'>[] = [];

  // One run of consecutive windows: each lasts until the next one starts, the last until `end`.
  const run = (entries: { kind: ReminderKind; date: IsoDate }[], end: IsoDate): void => {
    entries.forEach((e, i) => {
      const next = entries[i + 1];
      plan.push({ ...e, lastDay: next ? addDays(next.date, -1) : end });
    });
  };

  const before = [...settings.beforeDueDays].sort((a, b) => b - a);
  run(before.map((n) => ({ kind: `before:${n}` as const, date: addDays(due, -n) })), addDays(due, -1));
  if (settings.onDueDay) plan.push({ kind: 'due', date: due, lastDay: due });
  const after = [...settings.afterDueDays].filter((n) => n <= settings.graceDays).sort((a, b) => a - b);
  run(after.map((n) => ({ kind: `after:${n}` as const, date: addDays(due, n) })), addDays(due, settings.graceDays));
  const broken = breakDate(due, settings);
  plan.push({ kind: 'broken', date: broken, lastDay: addDays(broken, BROKEN_NOTICE_DAYS - 1) });

  return plan
    .filter((r) => compareDates(r.date, installment.agreedOn) > 0)
    .map((r) => ({ ...r, key: reminderKey(installment, r.kind) }));
}

/**
 * The reminders to send now for this instalment (zero or one): the planned reminder whose window
 * holds `today`, if the instalment and its agreement still call for it. Storage decides whether
 * its key already went out.
 */
export function dueReminders(installment: ReminderInstallment, settings: ReminderSettings, today: IsoDate): PlannedReminder[] {
  if (installment.status === 'paid') return [];
  return reminderPlan(installment, settings).filter(
    (r) =>
      compareDates(r.date, today) <= 0 &&
      compareDates(today, r.lastDay) <= 0 &&
      installment.agreementStatus === (r.kind === 'broken' ? 'broken' : 'active'),
  );
}
