// When Cordial may write to a debtor on its own initiative: the public contract of
// GET|PUT /api/admin/contact-policy (issue 6 design, "Contact policy") and the pure decision the
// outbox asks for each proactive message.
//
// Only proactive messages (notices, reminders) are subject to this. A reply to the debtor's own
// message is answered at once, at any hour, on any day: the debtor started that exchange, and
// making them wait until Monday 08:00 for an answer would be the opposite of courteous. The
// outbox therefore never asks about replies.

import { z } from 'zod';
import type { InLocales } from '../language/inLocales.js';
import { nextAgentOpening } from './agentHours.js';
import { brazilianNationalHolidays } from './brazilianHolidays.js';
import { addDays, isValidIsoDate, type IsoDate } from './dates.js';
import { WEEKDAYS, WeekWindowsSchema, toSettingsErrors, type AgentHours, type TimeWindow, type Weekday } from './escalationRules.js';

function integerBetween(min: number, max: number): z.ZodNumber {
  return z
    .number({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a number') })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });
}

function boolean(): z.ZodBoolean {
  return z.boolean({ error: (issue) => (issue.input === undefined ? 'required' : 'must be true or false') });
}

function object<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject(shape, { error: (issue) => (issue.input === undefined ? 'required' : 'must be an object') });
}

export const MAX_LOCAL_HOLIDAYS = 100;

const LocalHolidaySchema = object({
  date: z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a date YYYY-MM-DD') })
    .refine(isValidIsoDate, { error: 'must be a date YYYY-MM-DD' }),
  name: z
    .string({ error: (issue) => (issue.input === undefined ? 'required' : 'must be a string') })
    .trim()
    .min(1, { error: 'required' })
    .max(80, { error: 'at most 80 characters' }),
  /** Every year on the same day and month (a city's anniversary), or only on that date. */
  recurring: boolean(),
});

/** Windows of local time when proactive messages may go out; the rest of the week is quiet. */
const SendingWindowsSchema = WeekWindowsSchema.superRefine((week, ctx) => {
  const days = Object.values(week as Record<string, unknown>);
  // Only when every day parsed (zod may run this after a continuable issue inside a day).
  if (days.length === 7 && days.every(Array.isArray) && days.every((d) => d.length === 0)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'at least one day needs a sending window, or no proactive message could ever go out' });
  }
});

export const ContactPolicySchema = object({
  quietHours: SendingWindowsSchema,
  holidays: object({
    national: boolean(),
    local: z
      .array(LocalHolidaySchema, { error: (issue) => (issue.input === undefined ? 'required' : 'must be a list of {date, name, recurring}') })
      .max(MAX_LOCAL_HOLIDAYS, { error: `at most ${MAX_LOCAL_HOLIDAYS} local holidays` }),
  }),
  caps: object({
    perDay: integerBetween(1, 20),
    perWeek: integerBetween(1, 50),
  }).superRefine((caps, ctx) => {
    // Only between two valid caps: an out-of-range perDay already has its own message.
    const valid = (n: unknown, max: number) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;
    if (valid(caps.perDay, 20) && valid(caps.perWeek, 50) && caps.perWeek < caps.perDay) {
      ctx.addIssue({ code: 'custom', path: ['perWeek'], message: 'must be at least perDay' });
    }
  }),
  /** Between two proactive messages to the same debtor, on any channels; 10080 = one week. */
  minIntervalMinutes: integerBetween(0, 10_080),
});

export type ContactPolicy = z.infer<typeof ContactPolicySchema>;
export type SendingWindows = AgentHours['week'];

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}

const weekday = (): TimeWindow[] => [{ from: '08:00', to: '20:00' }];

/**
 * São Paulo's Lei 15.426/2014 (collection contact Mon–Fri 8h–20h, Sat 8h–14h, never Sundays or
 * holidays), the strictest common rule in Brazil, so a creditor starts on the safe side.
 *
 * The caps answer the seed article's first mistake, "don't over-contact": a finance contact who
 * gets several collection messages a day, on WhatsApp and Telegram alike, reads them as pressure
 * (and CDC art. 42/71 forbids interfering with work or rest). One unsolicited message a day across
 * all channels, three a week, is enough for a first notice, a reminder and a due date reminder;
 * the four hours between two keep a creditor who raises perDay from sending a burst in one morning.
 * Frozen so that no caller can "adjust" the shared default in place.
 */
export const DEFAULT_CONTACT_POLICY: ContactPolicy = deepFreeze({
  quietHours: { mon: weekday(), tue: weekday(), wed: weekday(), thu: weekday(), fri: weekday(), sat: [{ from: '08:00', to: '14:00' }], sun: [] },
  holidays: { national: true, local: [] },
  caps: { perDay: 1, perWeek: 3 },
  minIntervalMinutes: 240,
});

export type ContactPolicyError = { field: string; message: string; messages?: InLocales };

/** The policy, or one message per bad field ("caps.perDay", "quietHours.mon.0.to", "holidays.local.2.date"). */
export function parseContactPolicy(input: unknown): { ok: true; policy: ContactPolicy } | { ok: false; errors: ContactPolicyError[] } {
  const result = ContactPolicySchema.safeParse(input);
  return result.success ? { ok: true, policy: result.data } : { ok: false, errors: toSettingsErrors(result.error.issues) };
}

export interface PolicyHoliday {
  date: IsoDate;
  name: string;
  kind: 'national' | 'local';
}

/** The days of `year` with no proactive contact under this policy, sorted by date. */
export function holidaysInYear(year: number, holidays: ContactPolicy['holidays']): PolicyHoliday[] {
  const national = holidays.national ? brazilianNationalHolidays(year).map((h) => ({ ...h, kind: 'national' as const })) : [];
  const local: PolicyHoliday[] = [];
  for (const h of holidays.local) {
    // A recurring 29 February is only a holiday in leap years.
    const date = h.recurring ? `${String(year).padStart(4, '0')}${h.date.slice(4)}` : h.date;
    if (date.startsWith(`${String(year).padStart(4, '0')}-`) && isValidIsoDate(date)) local.push({ date, name: h.name, kind: 'local' });
  }
  return [...national, ...local].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export type DeferReason = 'quiet_hours' | 'holiday' | 'daily_cap' | 'weekly_cap' | 'min_interval';

export type ProactiveDecision =
  | { status: 'send' }
  | { status: 'deferred'; until: Date; reason: DeferReason }
  | { status: 'blocked'; reason: 'opted_out' };

export interface ProactiveInput {
  now: Date;
  /** The debtor's IANA time zone: days, weeks and windows are read on their wall clock. */
  timeZone: string;
  policy: ContactPolicy;
  optedOut: boolean;
  /** Proactive messages already sent to this debtor, on every channel and conversation. */
  sentToDebtor: readonly Date[];
  /**
   * False for a message the caps do not count (a payment's receipt): opt-out, holidays and the
   * sending window still apply, the caps and the minimum interval do not — a debtor who just paid
   * is owed its receipt whatever else we wrote that day. Default true.
   */
  countsTowardCaps?: boolean;
}

const MINUTE = 60_000;

// Enough for years of consecutive holidays and capped days; only a policy that leaves no day open
// (which validation prevents) can exhaust it.
const MAX_STEPS = 5_000;

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function localDate(t: number, timeZone: string): IsoDate {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

/** Monday of the (Monday–Sunday) week holding `date`. */
function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
}

const EMPTY_WEEK: SendingWindows = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

/**
 * The first instant of the local day after the one holding `t`. Agent hours' next-opening search
 * with a single all-day window on that weekday finds it, including its DST handling: a day whose
 * midnight falls in a spring-forward gap starts when the clock jumps.
 */
function startOfNextLocalDay(t: number, timeZone: string): number {
  const next = addDays(localDate(t, timeZone), 1);
  const week = { ...EMPTY_WEEK, [weekdayOf(next)]: [{ from: '00:00', to: '24:00' }] };
  return nextAgentOpening(new Date(t), { timeZone, week })!.getTime();
}

function holidayCalendar(holidays: ContactPolicy['holidays']): (date: IsoDate) => boolean {
  const years = new Map<number, Set<IsoDate>>();
  return (date) => {
    const year = Number(date.slice(0, 4));
    let days = years.get(year);
    if (!days) {
      days = new Set(holidaysInYear(year, holidays).map((h) => h.date));
      years.set(year, days);
    }
    return days.has(date);
  };
}

/**
 * Whether a proactive message may go to the debtor now, else until when it waits and why.
 *
 * `until` is the earliest instant every rule allows, found by letting each rule push the candidate
 * forward until none objects (a capped day moves to the next local midnight, which quiet hours then
 * move to the morning, which may be a holiday, and so on). The reason given is the first rule that
 * refuses `now`, checked debtor-specific limits first (weekly cap, daily cap, minimum interval —
 * "we already wrote to them") and then the calendar (holiday, quiet hours).
 */
export function decideProactive(input: ProactiveInput): ProactiveDecision {
  if (input.optedOut) return { status: 'blocked', reason: 'opted_out' };
  const { policy, timeZone } = input;
  const now = input.now.getTime();
  // A send stamped later than `now` (clocks of two machines) still counts, as if sent now.
  const sends = (input.countsTowardCaps === false ? [] : input.sentToDebtor).map((d) => Math.min(d.getTime(), now)).filter(Number.isFinite);
  const sendDates = sends.map((s) => localDate(s, timeZone));
  const lastSend = sends.length ? Math.max(...sends) : null;
  const isHoliday = holidayCalendar(policy.holidays);
  const sendingHours: AgentHours = { timeZone, week: policy.quietHours };

  const obstacle = (t: number): { reason: DeferReason; until: number } | null => {
    const date = localDate(t, timeZone);
    const monday = mondayOf(date);
    const sunday = addDays(monday, 6);
    if (sendDates.filter((d) => d >= monday && d <= sunday).length >= policy.caps.perWeek) {
      // Day by day to next Monday: each day start is checked again by every rule.
      return { reason: 'weekly_cap', until: startOfNextLocalDay(t, timeZone) };
    }
    if (sendDates.filter((d) => d === date).length >= policy.caps.perDay) return { reason: 'daily_cap', until: startOfNextLocalDay(t, timeZone) };
    if (lastSend !== null && t < lastSend + policy.minIntervalMinutes * MINUTE) return { reason: 'min_interval', until: lastSend + policy.minIntervalMinutes * MINUTE };
    if (isHoliday(date)) return { reason: 'holiday', until: startOfNextLocalDay(t, timeZone) };
    const opening = nextAgentOpening(new Date(t), sendingHours);
    if (!opening) throw new RangeError('the contact policy has no sending window on any day');
    if (opening.getTime() > t) return { reason: 'quiet_hours', until: opening.getTime() };
    return null;
  };

  let t = now;
  let reason: DeferReason | null = null;
  for (let step = 0; step < MAX_STEPS; step++) {
    const o = obstacle(t);
    if (!o) return reason ? { status: 'deferred', until: new Date(t), reason } : { status: 'send' };
    reason ??= o.reason;
    t = o.until;
  }
  throw new RangeError('the contact policy leaves no time to send in years');
}
