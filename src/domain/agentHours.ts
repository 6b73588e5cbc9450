// Whether people are at work, per the creditor's agentHours (escalation rules), in its time zone.
//
// The time-zone maths stays with Intl, but without walking minute by minute: between two changes
// of the zone's UTC offset the local wall clock is just `instant + offset`, so the next opening is
// plain arithmetic on wall-clock time. Only when an offset change (DST, or a zone changing its
// rules) falls before that answer do we find the change instant and start again from there. That
// also gets the awkward days right: a window opening inside the spring-forward gap opens when the
// clock jumps past it, and the hour repeated at fall-back is inside a window both times round.

import { WEEKDAYS, minutesOfDay, type AgentHours } from './escalationRules.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Real zones change offset months apart; sampling every few hours cannot step over a change and its
// reversal, and keeps the search to a few dozen Intl calls for a week.
const OFFSET_SAMPLE_STEP = 6 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What to add to an instant (ms) to read the zone's wall clock as if it were UTC. */
function offsetAt(t: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  // Intl shows whole seconds; offsets and their changes fall on whole seconds too.
  return wall - Math.floor(t / 1000) * 1000;
}

/**
 * The first wall-clock time >= `wall` (local time read as UTC ms) inside a window, looking at most
 * 8 local days ahead (enough to reach the same weekday again); null when the week has no window.
 */
function nextWallOpening(wall: number, week: AgentHours['week']): number | null {
  const firstDay = Math.floor(wall / DAY);
  for (let d = 0; d <= 7; d++) {
    const dayStart = (firstDay + d) * DAY;
    let best: number | null = null;
    for (const w of week[WEEKDAYS[new Date(dayStart).getUTCDay()]!]) {
      if (dayStart + minutesOfDay(w.to) * MINUTE <= wall) continue;
      const opening = Math.max(wall, dayStart + minutesOfDay(w.from) * MINUTE);
      if (best === null || opening < best) best = opening;
    }
    if (best !== null) return best;
  }
  return null;
}

/** The first instant in (from, to] whose offset differs from `offset`, or null if none does. */
function firstOffsetChange(from: number, to: number, offset: number, timeZone: string): number | null {
  let lo = from;
  while (lo < to) {
    const hi = Math.min(lo + OFFSET_SAMPLE_STEP, to);
    if (offsetAt(hi, timeZone) !== offset) {
      // Invariant: offset(lo) === offset, offset(hi) !== offset.
      let a = lo;
      let b = hi;
      while (b - a > 1) {
        const mid = Math.floor((a + b) / 2);
        if (offsetAt(mid, timeZone) === offset) a = mid;
        else b = mid;
      }
      return b;
    }
    lo = hi;
  }
  return null;
}

/** Whether `at` falls inside one of the day's windows [from, to) on the zone's wall clock. */
export function isAgentHours(at: Date, hours: AgentHours): boolean {
  const wall = at.getTime() + offsetAt(at.getTime(), hours.timeZone);
  return nextWallOpening(wall, hours.week) === wall;
}

/**
 * The first instant >= `at` inside agent hours (`at` itself when people are at work); null when no
 * day of the week has a window, i.e. nobody is ever there.
 */
export function nextAgentOpening(at: Date, hours: AgentHours): Date | null {
  let start = at.getTime();
  // Each pass either answers or moves past one offset change; a week holds at most a couple.
  for (let pass = 0; pass < 10; pass++) {
    const offset = offsetAt(start, hours.timeZone);
    const wall = nextWallOpening(start + offset, hours.week);
    if (wall === null) return null;
    const candidate = wall - offset;
    const change = firstOffsetChange(start, candidate, offset, hours.timeZone);
    if (change === null) return new Date(candidate);
    start = change;
  }
  throw new RangeError(`time zone ${hours.timeZone} changes offset too often to find the next agent opening`);
}
