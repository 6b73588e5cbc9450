// The period of a report and the instants it shows, on the wall clocks of a named time zone
// (America/Sao_Paulo by default): Intl knows every zone's offsets, so no time-zone library.

import { addDays, wallClockInstant, type IsoDate } from './dates.js';
import { zonedParts } from './zonedParts.js';

/** The instants of the calendar days [from, to] of `timeZone`, both included, as [start, end). */
export function periodInstants(from: IsoDate, to: IsoDate, timeZone: string): { start: Date; end: Date } {
  return { start: wallClockInstant(from, 0, timeZone), end: wallClockInstant(addDays(to, 1), 0, timeZone) };
}

/** The wall-clock date and minute of instant `at` in `timeZone`: "2026-11-30", "23:30". */
export function wallClockOf(at: Date, timeZone: string): { date: IsoDate; time: string } {
  const p = zonedParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}`, time: `${two(p.hour)}:${two(p.minute)}` };
}
