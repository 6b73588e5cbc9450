// RFC 3339 timestamps ("2026-12-05T13:00:00.000Z", "2026-12-05T10:00:00-03:00"), the format of
// every instant in the Banco Central Pix API. `new Date(s)` is not a validator: it accepts
// "2026-02-30T10:00:00Z" as 2 March and reads a timestamp without an offset in the server's own
// time zone. This parser accepts exactly RFC 3339 section 5.6 date-time and nothing else:
// - an offset is required ("Z" or ±hh:mm): an instant without one is ambiguous;
// - the calendar date must exist, hours 00–23, minutes and seconds 00–59 (a leap second ":60"
//   is refused: a Date cannot hold it, and PSP clocks smear leap seconds anyway);
// - fractional seconds may have any number of digits; they are truncated to milliseconds
//   (never rounded up into the next second, minute or day);
// - "T"/"Z" may be lower case, as RFC 3339 allows.

import { isValidIsoDate } from './dates.js';

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** The instant, or null when `s` is not an RFC 3339 date-time. */
export function parseRfc3339(s: string): Date | null {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const [, date, hh, mm, ss, fraction, zulu, sign, oh, om] = m;
  if (!isValidIsoDate(date!)) return null;
  const hours = Number(hh);
  const minutes = Number(mm);
  const seconds = Number(ss);
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  let offsetMinutes = 0;
  if (!zulu) {
    const offH = Number(oh);
    const offM = Number(om);
    if (offH > 23 || offM > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offH * 60 + offM);
  }
  const ms = Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  const [y, mo, d] = date!.split('-').map(Number) as [number, number, number];
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(hours, minutes - offsetMinutes, seconds, ms);
  return Number.isNaN(t.getTime()) ? null : t;
}
