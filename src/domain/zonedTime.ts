// Wall-clock time in a named time zone (America/Sao_Paulo by default) without a time-zone library:
// Intl knows every zone's offsets, and an instant is found from a wall time by asking it twice
// (the offset at the first guess may differ from the one at the answer on a DST change day).

import { addDays, type IsoDate } from './dates.js';

function partsAt(t: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

/** The offset (ms) of `timeZone` from UTC at instant `t`. */
export function offsetAt(t: number, timeZone: string): number {
  const p = partsAt(t, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(t / 1000) * 1000;
}

/** The instant `hour`:00 of `date` shows on the wall clocks of `timeZone`. */
export function wallClockInstant(date: IsoDate, hour: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return new Date(t);
}

/** Where the calendar day `date` of `timeZone` begins (its first instant). */
export function startOfDayIn(date: IsoDate, timeZone: string): Date {
  return wallClockInstant(date, 0, timeZone);
}

/** The instants of the calendar days [from, to] of `timeZone`, both included, as [start, end). */
export function periodInstants(from: IsoDate, to: IsoDate, timeZone: string): { start: Date; end: Date } {
  return { start: startOfDayIn(from, timeZone), end: startOfDayIn(addDays(to, 1), timeZone) };
}

/** The wall-clock date and minute of instant `at` in `timeZone`: "2026-11-30", "23:30". */
export function wallClockOf(at: Date, timeZone: string): { date: IsoDate; time: string } {
  const p = partsAt(at.getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${String(p.y).padStart(4, '0')}-${two(p.m)}-${two(p.d)}`, time: `${two(p.h)}:${two(p.min)}` };
}
