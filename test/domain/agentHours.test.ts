import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAgentHours, nextAgentOpening } from '../../src/domain/agentHours.js';
import { AgentHoursSchema, DEFAULT_ESCALATION_RULES, WEEKDAYS, type AgentHours, type TimeWindow } from '../../src/domain/escalationRules.js';

const SP = DEFAULT_ESCALATION_RULES.agentHours; // Mon–Fri 08:00–18:00, São Paulo (UTC−3, no DST since 2019)
const at = (iso: string) => new Date(iso);
const next = (iso: string, hours: AgentHours) => nextAgentOpening(at(iso), hours)?.toISOString() ?? null;

const EMPTY_WEEK: AgentHours['week'] = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
function hours(timeZone: string, week: Partial<AgentHours['week']>): AgentHours {
  return { timeZone, week: { ...EMPTY_WEEK, ...week } };
}
const weekdays = (w: TimeWindow[]) => ({ mon: w, tue: w, wed: w, thu: w, fri: w });

// 2026-11-23 is a Monday.
describe('agent hours in São Paulo (no DST)', () => {
  it('is inside from the opening minute up to, not including, the closing minute', () => {
    expect(isAgentHours(at('2026-11-23T10:59:59.999Z'), SP)).toBe(false); // Mon 07:59:59.999
    expect(isAgentHours(at('2026-11-23T11:00:00Z'), SP)).toBe(true); // Mon 08:00
    expect(isAgentHours(at('2026-11-23T20:59:59Z'), SP)).toBe(true); // Mon 17:59:59
    expect(isAgentHours(at('2026-11-23T21:00:00Z'), SP)).toBe(false); // Mon 18:00
    expect(isAgentHours(at('2026-11-28T15:00:00Z'), SP)).toBe(false); // Sat 12:00
    expect(isAgentHours(at('2026-11-29T15:00:00Z'), SP)).toBe(false); // Sun 12:00
  });

  it('answers `at` itself while people are at work', () => {
    expect(next('2026-11-23T12:34:56.789Z', SP)).toBe('2026-11-23T12:34:56.789Z');
    expect(next('2026-11-23T11:00:00Z', SP)).toBe('2026-11-23T11:00:00.000Z');
  });

  it('waits for the opening later the same day', () => {
    expect(next('2026-11-23T08:00:00Z', SP)).toBe('2026-11-23T11:00:00.000Z'); // Mon 05:00 -> Mon 08:00
    expect(next('2026-11-23T02:59:00Z', SP)).toBe('2026-11-23T11:00:00.000Z'); // Sun 23:59 -> Mon 08:00
  });

  it('goes from Friday 18:00 to Monday 08:00', () => {
    expect(next('2026-11-27T21:00:00Z', SP)).toBe('2026-11-30T11:00:00.000Z');
  });

  it('goes from Saturday to Monday 08:00', () => {
    expect(next('2026-11-28T15:00:00Z', SP)).toBe('2026-11-30T11:00:00.000Z');
  });

  it('opens after a lunch gap between two windows', () => {
    const lunch = hours('America/Sao_Paulo', weekdays([
      { from: '08:00', to: '12:00' },
      { from: '13:30', to: '18:00' },
    ]));
    expect(isAgentHours(at('2026-11-23T14:59:00Z'), lunch)).toBe(true); // 11:59
    expect(isAgentHours(at('2026-11-23T15:00:00Z'), lunch)).toBe(false); // 12:00
    expect(isAgentHours(at('2026-11-23T16:29:59Z'), lunch)).toBe(false); // 13:29:59
    expect(isAgentHours(at('2026-11-23T16:30:00Z'), lunch)).toBe(true); // 13:30
    expect(next('2026-11-23T15:00:00Z', lunch)).toBe('2026-11-23T16:30:00.000Z');
    expect(next('2026-11-23T21:00:00Z', lunch)).toBe('2026-11-24T11:00:00.000Z'); // after 18:00 -> next morning
  });

  it('honours minutes: a window opening at 08:30', () => {
    const late = hours('America/Sao_Paulo', weekdays([{ from: '08:30', to: '17:15' }]));
    expect(isAgentHours(at('2026-11-23T11:29:00Z'), late)).toBe(false); // 08:29
    expect(isAgentHours(at('2026-11-23T11:30:00Z'), late)).toBe(true); // 08:30
    expect(isAgentHours(at('2026-11-23T20:14:59Z'), late)).toBe(true); // 17:14:59
    expect(isAgentHours(at('2026-11-23T20:15:00Z'), late)).toBe(false); // 17:15
    expect(next('2026-11-23T11:00:00Z', late)).toBe('2026-11-23T11:30:00.000Z');
  });

  it('runs across midnight with a window to 24:00 and one from 00:00', () => {
    const night = hours('America/Sao_Paulo', { mon: [{ from: '22:00', to: '24:00' }], tue: [{ from: '00:00', to: '02:00' }] });
    expect(isAgentHours(at('2026-11-24T02:59:59Z'), night)).toBe(true); // Mon 23:59:59
    expect(isAgentHours(at('2026-11-24T03:00:00Z'), night)).toBe(true); // Tue 00:00
    expect(isAgentHours(at('2026-11-24T05:00:00Z'), night)).toBe(false); // Tue 02:00
    expect(next('2026-11-24T05:00:00Z', night)).toBe('2026-12-01T01:00:00.000Z'); // next Mon 22:00
  });

  it('comes back a week later when the only window of the week has just closed', () => {
    const mondayMorning = hours('America/Sao_Paulo', { mon: [{ from: '08:00', to: '09:00' }] });
    expect(next('2026-11-23T13:00:00Z', mondayMorning)).toBe('2026-11-30T11:00:00.000Z');
  });

  it('returns null for a week without any window', () => {
    const never = hours('America/Sao_Paulo', {});
    expect(isAgentHours(at('2026-11-23T12:00:00Z'), never)).toBe(false);
    expect(nextAgentOpening(at('2026-11-23T12:00:00Z'), never)).toBeNull();
  });

  it('reads the clock of the configured zone, not the server’s', () => {
    const manaus = { ...SP, timeZone: 'America/Manaus' }; // UTC−4
    expect(isAgentHours(at('2026-11-23T11:30:00Z'), manaus)).toBe(false); // 07:30 there
    expect(next('2026-11-23T11:30:00Z', manaus)).toBe('2026-11-23T12:00:00.000Z');
  });
});

describe('agent hours across DST changes', () => {
  const ny = hours('America/New_York', weekdays([{ from: '08:00', to: '18:00' }]));
  const lisbon = hours('Europe/Lisbon', weekdays([{ from: '09:00', to: '17:00' }]));

  // New York 2026: clocks go 02:00 EST -> 03:00 EDT on Sun 8 Mar (07:00Z) and 02:00 EDT -> 01:00 EST on Sun 1 Nov (06:00Z).
  it('New York: Friday 18:00 EST to Monday 08:00 EDT over the spring-forward weekend', () => {
    expect(next('2026-03-06T23:00:00Z', ny)).toBe('2026-03-09T12:00:00.000Z');
    expect(isAgentHours(at('2026-03-09T11:59:00Z'), ny)).toBe(false); // 07:59 EDT
    expect(isAgentHours(at('2026-03-09T12:00:00Z'), ny)).toBe(true);
  });

  it('New York: Friday 18:00 EDT to Monday 08:00 EST over the fall-back weekend', () => {
    expect(next('2026-10-30T22:00:00Z', ny)).toBe('2026-11-02T13:00:00.000Z');
    expect(isAgentHours(at('2026-11-02T12:30:00Z'), ny)).toBe(false); // 07:30 EST
  });

  it('New York: a window opening inside the skipped hour opens when the clock jumps past it', () => {
    const early = hours('America/New_York', { sun: [{ from: '02:30', to: '05:00' }] });
    expect(next('2026-03-07T17:00:00Z', early)).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(isAgentHours(at('2026-03-08T06:59:59.999Z'), early)).toBe(false); // 01:59:59.999 EST
    expect(isAgentHours(at('2026-03-08T07:00:00Z'), early)).toBe(true); // 03:00 EDT
  });

  it('New York: a window wholly inside the skipped hour is skipped that day', () => {
    const lost = hours('America/New_York', { sun: [{ from: '02:00', to: '02:30' }] });
    expect(next('2026-03-08T05:00:00Z', lost)).toBe('2026-03-15T06:00:00.000Z'); // next Sunday 02:00 EDT
  });

  it('New York: the repeated hour at fall-back is inside a window both times round', () => {
    const repeated = hours('America/New_York', { sun: [{ from: '01:00', to: '01:30' }] });
    expect(isAgentHours(at('2026-11-01T05:15:00Z'), repeated)).toBe(true); // 01:15 EDT
    expect(isAgentHours(at('2026-11-01T05:45:00Z'), repeated)).toBe(false); // 01:45 EDT
    expect(isAgentHours(at('2026-11-01T06:15:00Z'), repeated)).toBe(true); // 01:15 EST
    expect(isAgentHours(at('2026-11-01T06:30:00Z'), repeated)).toBe(false); // 01:30 EST
    expect(next('2026-11-01T04:00:00Z', repeated)).toBe('2026-11-01T05:00:00.000Z'); // 00:00 EDT -> 01:00 EDT
    expect(next('2026-11-01T05:45:00Z', repeated)).toBe('2026-11-01T06:00:00.000Z'); // 01:45 EDT -> 01:00 EST
  });

  // Lisbon 2026: 01:00 WET -> 02:00 WEST on Sun 29 Mar (01:00Z); 02:00 WEST -> 01:00 WET on Sun 25 Oct (01:00Z).
  it('Lisbon: Friday 17:00 to Monday 09:00 over both changes', () => {
    expect(next('2026-03-27T17:00:00Z', lisbon)).toBe('2026-03-30T08:00:00.000Z'); // Mon 09:00 WEST
    expect(next('2026-10-23T16:00:00Z', lisbon)).toBe('2026-10-26T09:00:00.000Z'); // Mon 09:00 WET
  });

  it('Lisbon: a Sunday open all day is open all of its 23 hours', () => {
    const sunday = hours('Europe/Lisbon', { sun: [{ from: '00:00', to: '24:00' }] });
    expect(next('2026-03-28T12:00:00Z', sunday)).toBe('2026-03-29T00:00:00.000Z');
    expect(isAgentHours(at('2026-03-29T01:00:00Z'), sunday)).toBe(true); // 02:00 WEST
    expect(isAgentHours(at('2026-03-29T22:59:59Z'), sunday)).toBe(true); // 23:59:59 WEST
    expect(isAgentHours(at('2026-03-29T23:00:00Z'), sunday)).toBe(false); // Monday 00:00
  });

  it('Lord Howe: a half-hour DST change', () => {
    // Australia/Lord_Howe: 02:00 +10:30 -> 02:30 +11:00 on Sun 4 Oct 2026 (15:30Z on the 3rd).
    const early = hours('Australia/Lord_Howe', { sun: [{ from: '02:00', to: '04:00' }] });
    expect(next('2026-10-03T12:00:00Z', early)).toBe('2026-10-03T15:30:00.000Z'); // 02:30 +11
  });
});

// ---- properties -------------------------------------------------------------------------------

const ZONES = ['America/Sao_Paulo', 'America/New_York', 'Europe/Lisbon', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
// Spring-forward and fall-back instants of 2026, to put `at` near them often.
const TRANSITIONS = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'].map(Date.parse);
const DAY_MS = 86_400_000;

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** 0–4 sorted, non-overlapping windows on whole minutes. */
const arbDay: fc.Arbitrary<TimeWindow[]> = fc
  .uniqueArray(fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.constantFrom(0, 60, 120, 150, 180, 480, 1440)), { maxLength: 8 })
  .map((edges) => {
    const sorted = [...edges].sort((a, b) => a - b);
    const windows: TimeWindow[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) windows.push({ from: hhmm(sorted[i]!), to: hhmm(sorted[i + 1]!) });
    return windows;
  });

const arbHours: fc.Arbitrary<AgentHours> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  week: fc.record({ mon: arbDay, tue: arbDay, wed: arbDay, thu: arbDay, fri: arbDay, sat: arbDay, sun: arbDay }),
});

const arbAt: fc.Arbitrary<Date> = fc
  .oneof(
    fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
    fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -8 * DAY_MS, max: DAY_MS })).map(([t, d]) => t + d),
  )
  .map((ms) => new Date(ms));

/** The obvious, slow answer: window edges and offset changes fall on whole minutes, so look at each one. */
function bruteForceNextOpening(from: Date, h: AgentHours): Date | null {
  if (isAgentHours(from, h)) return from;
  const firstMinute = Math.ceil(from.getTime() / 60_000) * 60_000;
  for (let t = firstMinute; t <= from.getTime() + 8 * DAY_MS; t += 60_000) if (isAgentHours(new Date(t), h)) return new Date(t);
  return null;
}

describe('nextAgentOpening properties', () => {
  it('generates valid agent hours', () => {
    fc.assert(fc.property(arbHours, (h) => AgentHoursSchema.safeParse(h).success));
  });

  it('is at or after `at`, inside agent hours, and nothing just before it is (null only for an empty week)', () => {
    fc.assert(
      fc.property(arbHours, arbAt, (h, from) => {
        const result = nextAgentOpening(from, h);
        const empty = WEEKDAYS.every((d) => h.week[d].length === 0);
        if (result === null) return empty;
        if (empty) return false;
        if (result.getTime() < from.getTime() || !isAgentHours(result, h)) return false;
        return result.getTime() === from.getTime() ? isAgentHours(from, h) : !isAgentHours(new Date(result.getTime() - 1), h);
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a minute-by-minute search around DST changes', () => {
    const arbNearChange = fc.tuple(fc.constantFrom(...TRANSITIONS), fc.integer({ min: -2 * DAY_MS, max: DAY_MS })).map(([t, d]) => new Date(t + d));
    const arbSparse = arbHours.map((h) => ({ ...h, timeZone: h.timeZone === 'America/Sao_Paulo' ? 'America/New_York' : h.timeZone }));
    fc.assert(
      fc.property(arbSparse, arbNearChange, (h, from) => {
        expect(nextAgentOpening(from, h)?.toISOString()).toBe(bruteForceNextOpening(from, h)?.toISOString());
      }),
      { numRuns: 60 },
    );
  });
});
