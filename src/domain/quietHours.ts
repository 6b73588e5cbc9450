// When a proactive message may go out (São Paulo's Lei 15.426/2014 as the default: Mon–Fri 8h–20h,
// Sat 8h–14h, never on Sundays). Replies to a debtor's own message are never held by this.
// The app applies the creditor's contact policy instead (contactPolicy.ts: windows, holidays, caps);
// this fixed preset remains what an OutboxSender built without a ContactGate uses.

/** Allowed windows per weekday (0 = Sunday), in whole hours of the debtor's local time: [from, to). */
export type WeeklyWindows = Record<number, [number, number] | null>;

export const SAO_PAULO_WINDOWS: WeeklyWindows = {
  0: null,
  1: [8, 20],
  2: [8, 20],
  3: [8, 20],
  4: [8, 20],
  5: [8, 20],
  6: [8, 14],
};

interface LocalTime {
  weekday: number;
  hour: number;
  minute: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { weekday: WEEKDAYS.indexOf(get('weekday')), hour: Number(get('hour')), minute: Number(get('minute')) };
}

export function isWithinWindows(at: Date, timeZone: string, windows: WeeklyWindows = SAO_PAULO_WINDOWS): boolean {
  const t = localTime(at, timeZone);
  const w = windows[t.weekday];
  return !!w && t.hour >= w[0] && t.hour < w[1];
}

/**
 * The first moment at or after `at` when a proactive message may be sent. Walks forward by the
 * minute to the next window opening (at most a week), which keeps time-zone and DST maths in Intl.
 */
export function nextAllowedTime(at: Date, timeZone: string, windows: WeeklyWindows = SAO_PAULO_WINDOWS): Date {
  if (isWithinWindows(at, timeZone, windows)) return at;
  let t = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  // Jump whole hours while outside, then minutes: windows open on the hour.
  for (let i = 0; i < 24 * 8 && !isWithinWindows(t, timeZone, windows); i++) {
    const { minute } = localTime(t, timeZone);
    t = new Date(t.getTime() + (minute === 0 ? 60 : 60 - minute) * 60_000);
  }
  if (!isWithinWindows(t, timeZone, windows)) throw new RangeError('no allowed window in a week');
  return t;
}
