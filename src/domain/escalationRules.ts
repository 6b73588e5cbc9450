// When the bot hands a conversation to a person: the public contract of
// GET|PUT /api/admin/escalation-rules (issue 5 design, "Escalation rules"). Every level is
// .strict() so a typo ("insultBeforeHandoff") is reported instead of silently ignored and the
// real rule left at its old value.
//
// Deliberately NOT configurable — the engine always hands off when:
// - the debtor asks for a person: a bot that refuses one traps the debtor, turns a negotiation into
//   a complaint, and no creditor setting should be able to do that;
// - the debtor disputes the debt: someone has to look at the evidence, and pressing on with
//   collection of a contested debt is exactly the abusive practice the bot must never commit;
// - judicial recovery or bankruptcy: the debt then belongs to a court process, and a payment agreed
//   with one creditor outside it can be undone or favour that creditor unlawfully — a legal call;
// - a counter-proposal outside the policy after the last concession: the bot has nothing left it is
//   allowed to offer, so only a person can decide; otherwise the debtor meets a dead end or a loop.
// Each of these is a duty towards the debtor or the law, not a preference about staffing, so they
// stay out of the switches below (which only tune workload: how patient, how early, when staffed).

import { z } from 'zod';
import type { InLocales } from '../language/inLocales.js';
import { settingError } from './settingsMessages.js';

function number(): z.ZodNumber {
  return z.number({
    error: (issue) => (issue.input === undefined ? 'required' : 'must be a number'),
  });
}

function integerBetween(min: number, max: number): z.ZodNumber {
  return number()
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });
}

function boolean(): z.ZodBoolean {
  return z.boolean({
    error: (issue) => (issue.input === undefined ? 'required' : 'must be true or false'),
  });
}

function object<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) => (issue.input === undefined ? 'required' : 'must be an object'),
  });
}

// "24:00" is allowed so that a window can run to the end of the day; as a `from` it can never be
// before `to`, so it is refused there by the ordering check.
const TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const TIME_MESSAGE = 'must be a time HH:MM from 00:00 to 24:00';

function time() {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : TIME_MESSAGE) })
    .regex(TIME, { error: TIME_MESSAGE });
}

/** Minutes since local midnight of a validated "HH:MM" (0..1440). */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export const MAX_WINDOWS_PER_DAY = 4;

const TimeWindowSchema = object({ from: time(), to: time() }).refine((w) => !TIME.test(w.from) || !TIME.test(w.to) || w.from < w.to, {
  error: 'must be later than from',
  path: ['to'],
});

const DaySchema = z
  .array(TimeWindowSchema, {
    error: (issue) => (issue.input === undefined ? 'required' : 'must be a list of {from, to} windows'),
  })
  .max(MAX_WINDOWS_PER_DAY, { error: `at most ${MAX_WINDOWS_PER_DAY} windows per day` })
  .superRefine((windows, ctx) => {
    // Zod may run this after a continuable issue (an unknown key, from >= to) inside a window; only
    // compare windows that are themselves valid, so each problem is reported once.
    let previous: { from: string; to: string } | undefined;
    windows.forEach((w, i) => {
      if (!TIME.test(w.from) || !TIME.test(w.to) || w.from >= w.to) return;
      if (previous && w.from < previous.from) {
        ctx.addIssue({ code: 'custom', path: [i], message: 'windows must be sorted by time' });
      } else if (previous && w.from < previous.to) {
        ctx.addIssue({ code: 'custom', path: [i], message: `overlaps the previous window (${previous.from}–${previous.to})` });
      }
      previous = w;
    });
  });

/** Accepts what the runtime's Intl (IANA tz database) knows; offsets like "-03:00" have no DST rules. */
export function isValidTimeZone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const TimeZoneSchema = z
  .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') })
  .refine(isValidTimeZone, { error: 'must be an IANA time zone such as America/Sao_Paulo' });

/** Windows per weekday (mon..sun): agent hours here, and the contact policy's sending windows. */
export const WeekWindowsSchema = object({
  mon: DaySchema,
  tue: DaySchema,
  wed: DaySchema,
  thu: DaySchema,
  fri: DaySchema,
  sat: DaySchema,
  sun: DaySchema,
});

export const AgentHoursSchema = object({
  timeZone: TimeZoneSchema,
  week: WeekWindowsSchema,
});

export const EscalationRulesSchema = object({
  /** 0 = insults never hand off (the bot stays courteous). */
  insultsBeforeHandoff: integerBetween(0, 10),
  /** In a row; at least 2 so that one garbled message never costs a person's time. */
  misunderstandingsBeforeHandoff: integerBetween(2, 10),
  /** Debts above policy.escalateAboveCents go to a person once identity is verified. */
  debtAboveThreshold: boolean(),
  /** A photo or document from a verified debtor goes to a person. */
  paymentProof: boolean(),
  /** How long a debtor waits for a person before being told so. */
  waitingMessageAfterMinutes: integerBetween(1, 1440),
  agentHours: AgentHoursSchema,
});

export type EscalationRules = z.infer<typeof EscalationRulesSchema>;
export type AgentHours = EscalationRules['agentHours'];
export type Weekday = keyof AgentHours['week'];
export type TimeWindow = AgentHours['week'][Weekday][number];

/** Indexed like Date#getUTCDay (0 = Sunday). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}

const businessDay = () => [{ from: '08:00', to: '18:00' }];

/** Frozen so that no caller can "adjust" the shared default in place. */
export const DEFAULT_ESCALATION_RULES: EscalationRules = deepFreeze({
  insultsBeforeHandoff: 2,
  misunderstandingsBeforeHandoff: 3,
  debtAboveThreshold: true,
  paymentProof: true,
  waitingMessageAfterMinutes: 10,
  agentHours: {
    timeZone: 'America/Sao_Paulo',
    week: { mon: businessDay(), tue: businessDay(), wed: businessDay(), thu: businessDay(), fri: businessDay(), sat: [], sun: [] },
  },
});

export type EscalationRulesError = { field: string; message: string; messages?: InLocales };

/**
 * One message per bad field, with a dotted path ("agentHours.week.mon.0.to"); [] when valid.
 * Unknown keys are reported under their own path ("agentHours.foo": "unknown field").
 */
export function escalationRulesErrors(input: unknown): EscalationRulesError[] {
  const result = EscalationRulesSchema.safeParse(input);
  return result.success ? [] : toSettingsErrors(result.error.issues);
}

/** zod issues as the admin API's 422 list: one message per dotted field path, unknown keys by name. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): EscalationRulesError[] {
  const errors: EscalationRulesError[] = [];
  const seen = new Set<string>();
  const add = (path: readonly PropertyKey[], message: string): void => {
    const field = path.map(String).join('.');
    if (seen.has(field)) return;
    seen.add(field);
    errors.push({ field, message });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], 'unknown field');
    } else {
      add(issue.path, issue.message);
    }
  }
  return errors;
}

/** toFieldErrors for an admin settings form: each message in Portuguese too where the settings have it. */
export function toSettingsErrors(issues: readonly z.core.$ZodIssue[]): EscalationRulesError[] {
  return toFieldErrors(issues).map((e) => settingError(e.field, e.message));
}

export function parseEscalationRules(
  input: unknown,
): { ok: true; rules: EscalationRules } | { ok: false; errors: EscalationRulesError[] } {
  const result = EscalationRulesSchema.safeParse(input);
  return result.success ? { ok: true, rules: result.data } : { ok: false, errors: toSettingsErrors(result.error.issues) };
}
