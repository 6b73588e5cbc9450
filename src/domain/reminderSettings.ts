// When Cordial reminds a debtor of an agreement's instalments and when a missed one breaks the
// agreement: the public contract of GET|PUT /api/admin/reminders (issue 12). Validated like the
// offer policy: every level .strict(), one message per bad field with a dotted path.
//
// Rules where the issue is silent:
// - Days are whole calendar days, 1..30 (a "0 days before" reminder is onDueDay; more than a month
//   ahead is not a reminder any more). Each list holds at most MAX_REMINDERS_PER_LIST distinct days:
//   reminders count toward the contact caps, and more would only be deferred or dropped.
// - Lists are stored sorted ascending, so two equal settings look equal (versions, diffs, audit).
// - graceDays (1..30) is the tolerance after the due date: an instalment unpaid on day
//   dueDate + graceDays is still within grace (paying then keeps the agreement); the agreement
//   breaks on dueDate + graceDays + 1. At least one day, because breaking an agreement the morning
//   after a missed date is not the courteous product the issue asks for.
// - Every afterDueDays entry must be ≤ graceDays: an after-due reminder is for an agreement still
//   in force, and a day past the grace would never be sent (the "broken" message replaces it).
// - renegotiation.maxPerDebtorPerYear 0..12: 0 sends every renegotiation to a person.

import { z } from 'zod';
import type { InLocales } from '../language/inLocales.js';
import { toSettingsErrors } from './escalationRules.js';
import { booleanField, deepFreeze, integerBetween, strictObject as object } from './settingsFields.js';

export const MAX_REMINDERS_PER_LIST = 5;
const MIN_DAY = 1;
const MAX_DAY = 30;

/** Distinct days in 1..30, at most MAX_REMINDERS_PER_LIST; a repeated day is reported at its second place. */
function dayList() {
  return z
    .array(integerBetween(MIN_DAY, MAX_DAY), { error: (issue) => (issue.input === undefined ? 'required' : 'must be a list of days') })
    .max(MAX_REMINDERS_PER_LIST, { error: `at most ${MAX_REMINDERS_PER_LIST} days` })
    .superRefine((days, ctx) => {
      days.forEach((d, i) => {
        if (days.indexOf(d) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `day ${d} is already in the list` });
      });
    });
}

const ascending = (days: readonly number[]): number[] => [...days].sort((a, b) => a - b);

export const ReminderSettingsSchema = object({
  beforeDueDays: dayList(),
  onDueDay: booleanField(),
  afterDueDays: dayList(),
  graceDays: integerBetween(1, 30),
  renegotiation: object({
    maxPerDebtorPerYear: integerBetween(0, 12),
  }),
}).superRefine((s, ctx) => {
  // Only when graceDays itself is valid: zod may run this after continuable issues elsewhere, and
  // a bad graceDays is already reported on its own.
  if (!Array.isArray(s.afterDueDays) || !Number.isInteger(s.graceDays) || s.graceDays < 1 || s.graceDays > 30) return;
  s.afterDueDays.forEach((d, i) => {
    if (Number.isInteger(d) && d > s.graceDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['afterDueDays', i],
        message: `must be at most graceDays (${s.graceDays}): the agreement breaks after that and the broken-agreement message replaces this reminder`,
      });
    }
  });
})
  // Sorted only after validation, so that error paths point at the places the admin typed.
  .transform((s) => ({ ...s, beforeDueDays: ascending(s.beforeDueDays), afterDueDays: ascending(s.afterDueDays) }));

export type ReminderSettings = z.infer<typeof ReminderSettingsSchema>;

/** The issue's defaults; frozen so that no caller can "adjust" the shared default in place. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = deepFreeze({
  beforeDueDays: [3],
  onDueDay: true,
  afterDueDays: [1],
  graceDays: 5,
  renegotiation: { maxPerDebtorPerYear: 2 },
});

export type ReminderSettingsError = { field: string; message: string; messages?: InLocales };

export function parseReminderSettings(
  input: unknown,
): { ok: true; settings: ReminderSettings } | { ok: false; errors: ReminderSettingsError[] } {
  const result = ReminderSettingsSchema.safeParse(input);
  return result.success ? { ok: true, settings: result.data } : { ok: false, errors: toSettingsErrors(result.error.issues) };
}
