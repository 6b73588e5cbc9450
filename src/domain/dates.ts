// Calendar dates are date-only strings 'YYYY-MM-DD'. Due dates are days in the debtor's time
// zone, not instants, so they never go through a local-time Date: all arithmetic happens on
// UTC midnights, where every day is exactly 86 400 000 ms long (no DST surprises).

import type { Locale } from '../language/locale.js';
import { zonedParts } from './zonedParts.js';

export type IsoDate = string;

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

function parts(d: IsoDate): { y: number; m: number; day: number } {
  const match = ISO.exec(d);
  if (match) {
    const y = Number(match[1]);
    const m = Number(match[2]);
    const day = Number(match[3]);
    if (y >= 1 && m >= 1 && m <= 12 && day >= 1 && day <= daysInMonth(y, m)) return { y, m, day };
  }
  throw new RangeError(`not a valid date (YYYY-MM-DD): "${d}"`);
}

function fromParts(y: number, m: number, day: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toUtcMs(d: IsoDate): number {
  const { y, m, day } = parts(d);
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  date.setUTCFullYear(y, m - 1, day);
  return date.getTime();
}

function fromUtcMs(ms: number): IsoDate {
  const date = new Date(ms);
  return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function isValidIsoDate(s: string): boolean {
  try {
    parts(s);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date at `now` in `timeZone` (e.g. 'America/Sao_Paulo'). */
export function todayIn(timeZone: string, now: Date): IsoDate {
  const p = zonedParts(now, timeZone);
  return fromParts(p.year, p.month, p.day);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer, got ${n}`);
  return fromUtcMs(toUtcMs(d) + n * DAY_MS);
}

/**
 * Same day n months later, clamped to the month's end (2026-01-31 + 1 -> 2026-02-28).
 * Always computed from the original date, so a schedule built as addMonths(first, k) keeps
 * the 31st in months that have one instead of drifting to the 28th forever.
 */
export function addMonths(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`months must be an integer, got ${n}`);
  const { y, m, day } = parts(d);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return fromParts(year, month, Math.min(day, daysInMonth(year, month)));
}

/** b − a in whole days (positive when b is later). */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  // Zero-padded ISO dates order lexicographically; parts() rejects anything else first.
  parts(a);
  parts(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

const BR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Accepts "2026-03-31" and "31/03/2026" (also "1/3/2026"); impossible dates give null. */
export function parseDateInput(s: string): IsoDate | null {
  const t = s.trim();
  if (ISO.test(t)) return isValidIsoDate(t) ? t : null;
  const match = BR.exec(t);
  if (!match) return null;
  const candidate = fromParts(Number(match[3]), Number(match[2]), Number(match[1]));
  return isValidIsoDate(candidate) ? candidate : null;
}

/** pt-BR "31/03/2026", en "03/31/2026". */
export function formatDate(d: IsoDate, locale: Locale): string {
  const { y, m, day } = parts(d);
  const dd = String(day).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  const yyyy = String(y).padStart(4, '0');
  return locale === 'pt-BR' ? `${dd}/${mm}/${yyyy}` : `${mm}/${dd}/${yyyy}`;
}

/** The offset (ms) of `timeZone` from UTC at instant `t`. */
function offsetAt(t: number, timeZone: string): number {
  const p = zonedParts(new Date(t), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t;
}

/** The instant the wall clock of `timeZone` reads `hour`:00 on `date` (e.g. a day's start, its noon). */
export function wallClockInstant(date: IsoDate, hour: number, timeZone: string): Date {
  const { y, m, day } = parts(date);
  const wall = Date.UTC(y, m - 1, day, hour);
  // Twice: the offset at the first guess may differ from the one at the answer (a DST change that day).
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return new Date(t);
}
