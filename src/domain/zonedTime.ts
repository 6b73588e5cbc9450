// The period of a report and the instants it shows, on the wall clocks of a named time zone
// (America/Sao_Paulo by default): Intl knows every zone's offsets, so no time-zone library.

import { addDays, wallClockInstant, type IsoDate } from './dates.js';

/** The instants of the calendar days [from, to] of `timeZone`, both included, as [start, end). */
export function periodInstants(from: IsoDate, to: IsoDate, timeZone: string): { start: Date; end: Date } {
  return { start: wallClockInstant(from, 0, timeZone), end: wallClockInstant(addDays(to, 1), 0, timeZone) };
}

/** The wall-clock date and minute of instant `at` in `timeZone`: "2026-11-30", "23:30". */
export function wallClockOf(at: Date, timeZone: string): { date: IsoDate; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}
