import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContactPolicySchema,
  DEFAULT_CONTACT_POLICY,
  decideProactive,
  holidaysInYear,
  parseContactPolicy,
  type ContactPolicy,
  type ProactiveInput,
} from '../../src/domain/contactPolicy.js';

const SP = 'America/Sao_Paulo'; // UTC−3 (no DST since 2019)
const clone = (): Record<string, any> => structuredClone(DEFAULT_CONTACT_POLICY) as Record<string, any>;
const at = (iso: string) => new Date(iso);

function decide(now: string, over: Partial<ProactiveInput> = {}) {
  const d = decideProactive({ now: at(now), timeZone: SP, policy: DEFAULT_CONTACT_POLICY, optedOut: false, sentToDebtor: [], ...over });
  return d.status === 'deferred' ? { ...d, until: d.until.toISOString() } : d;
}
const sent = (...iso: string[]) => ({ sentToDebtor: iso.map(at) });
const policy = (p: Partial<ContactPolicy>): ContactPolicy => ({ ...structuredClone(DEFAULT_CONTACT_POLICY), ...p });

// The contract's English; the Portuguese beside it is checked in settingsMessages.test.ts.
const plain = (errors: { field: string; message: string }[]) => errors.map(({ field, message }) => ({ field, message }));

describe('ContactPolicySchema', () => {
  it('has the São Paulo preset as its default', () => {
    const weekday = [{ from: '08:00', to: '20:00' }];
    expect(DEFAULT_CONTACT_POLICY).toEqual({
      quietHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [{ from: '08:00', to: '14:00' }], sun: [] },
      holidays: { national: true, local: [] },
      caps: { perDay: 1, perWeek: 3 },
      minIntervalMinutes: 240,
    });
    expect(ContactPolicySchema.safeParse(DEFAULT_CONTACT_POLICY).success).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONTACT_POLICY.caps)).toBe(true);
  });

  it('accepts the boundary values and local holidays', () => {
    const p = clone();
    p.caps = { perDay: 20, perWeek: 50 };
    p.minIntervalMinutes = 10_080;
    p.quietHours.sun = [{ from: '00:00', to: '24:00' }];
    p.holidays.local = [{ date: '2027-01-25', name: 'Aniversário de São Paulo', recurring: true }];
    expect(parseContactPolicy(p)).toEqual({ ok: true, policy: p });
    p.caps = { perDay: 1, perWeek: 1 };
    p.minIntervalMinutes = 0;
    expect(parseContactPolicy(p).ok).toBe(true);
  });

  it('reports one message per bad field, with its path', () => {
    const p = clone();
    p.caps = { perDay: 0, perWeek: 51 };
    p.minIntervalMinutes = 10_081;
    p.quietHours.mon = [{ from: '20:00', to: '08:00' }];
    p.holidays.local = [{ date: '2027-02-30', name: ' ', recurring: 'yes' }];
    p.holidays.regional = true;
    const r = parseContactPolicy(p);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : plain(r.errors)).toEqual(
      expect.arrayContaining([
        { field: 'caps.perDay', message: 'must be between 1 and 20' },
        { field: 'caps.perWeek', message: 'must be between 1 and 50' },
        { field: 'minIntervalMinutes', message: 'must be between 0 and 10080' },
        { field: 'quietHours.mon.0.to', message: 'must be later than from' },
        { field: 'holidays.local.0.date', message: 'must be a date YYYY-MM-DD' },
        { field: 'holidays.local.0.name', message: 'required' },
        { field: 'holidays.local.0.recurring', message: 'must be true or false' },
        { field: 'holidays.regional', message: 'unknown field' },
      ]),
    );
  });

  it('refuses a week cap below the day cap, a week with no window, and missing parts', () => {
    const p = clone();
    p.caps = { perDay: 3, perWeek: 2 };
    p.quietHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    delete p.minIntervalMinutes;
    const r = parseContactPolicy(p);
    expect(r.ok ? [] : plain(r.errors)).toEqual([
      { field: 'quietHours', message: 'at least one day needs a sending window, or no proactive message could ever go out' },
      { field: 'caps.perWeek', message: 'must be at least perDay' },
      { field: 'minIntervalMinutes', message: 'required' },
    ]);
  });
});

describe('holidays of a year under a policy', () => {
  it('merges national and local days, a recurring one every year', () => {
    const holidays = {
      national: true,
      local: [
        { date: '2020-01-25', name: 'Aniversário de São Paulo', recurring: true },
        { date: '2027-07-09', name: 'Revolução Constitucionalista', recurring: false },
        { date: '2024-02-29', name: 'Dia bissexto', recurring: true },
      ],
    };
    const y2027 = holidaysInYear(2027, holidays);
    expect(y2027.slice(0, 3)).toEqual([
      { date: '2027-01-01', name: 'Confraternização Universal', kind: 'national' },
      { date: '2027-01-25', name: 'Aniversário de São Paulo', kind: 'local' },
      { date: '2027-02-08', name: 'Carnaval (segunda-feira)', kind: 'national' },
    ]);
    expect(y2027.find((h) => h.date === '2027-07-09')?.kind).toBe('local');
    expect(y2027.some((h) => h.name === 'Dia bissexto')).toBe(false); // 2027 has no 29 February
    expect(holidaysInYear(2028, holidays).filter((h) => h.kind === 'local').map((h) => h.date)).toEqual(['2028-01-25', '2028-02-29']);
    expect(holidaysInYear(2028, { ...holidays, national: false }).every((h) => h.kind === 'local')).toBe(true);
  });
});

// 2026-11-23 is a Monday; São Paulo is UTC−3, so local 08:00 is 11:00Z.
describe('decideProactive: quiet hours', () => {
  it('opens at 08:00 and closes at 20:00 on weekdays', () => {
    expect(decide('2026-11-23T10:59:00Z')).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2026-11-23T11:00:00.000Z' }); // Mon 07:59
    expect(decide('2026-11-23T11:00:00Z')).toEqual({ status: 'send' }); // Mon 08:00
    expect(decide('2026-11-23T22:59:00Z')).toEqual({ status: 'send' }); // Mon 19:59
    expect(decide('2026-11-23T23:00:00Z')).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2026-11-24T11:00:00.000Z' }); // Mon 20:00
  });

  it('closes at 14:00 on Saturdays and stays closed on Sundays', () => {
    expect(decide('2026-11-28T16:59:00Z')).toEqual({ status: 'send' }); // Sat 13:59
    expect(decide('2026-11-28T17:00:00Z')).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2026-11-30T11:00:00.000Z' }); // Sat 14:00 -> Mon 08:00
    expect(decide('2026-11-30T02:00:00Z')).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2026-11-30T11:00:00.000Z' }); // Sun 23:00
  });

  it('reads the windows on the debtor’s wall clock', () => {
    // 11:30Z is 08:30 in São Paulo but 07:30 in Manaus (UTC−4).
    expect(decide('2026-11-23T11:30:00Z')).toEqual({ status: 'send' });
    expect(decide('2026-11-23T11:30:00Z', { timeZone: 'America/Manaus' })).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2026-11-23T12:00:00.000Z' });
  });
});

describe('decideProactive: holidays', () => {
  it('keeps a whole national holiday quiet and defers to the next allowed morning', () => {
    // Finados, Monday 2 November 2026, 10:00.
    expect(decide('2026-11-02T13:00:00Z')).toEqual({ status: 'deferred', reason: 'holiday', until: '2026-11-03T11:00:00.000Z' });
    // Consciência Negra on a Friday: Saturday morning is a sending day.
    expect(decide('2026-11-20T13:00:00Z')).toEqual({ status: 'deferred', reason: 'holiday', until: '2026-11-21T11:00:00.000Z' });
    // Carnival Monday and Tuesday 2026: Wednesday 08:00.
    expect(decide('2026-02-16T13:00:00Z')).toEqual({ status: 'deferred', reason: 'holiday', until: '2026-02-18T11:00:00.000Z' });
    // Corpus Christi 2026 (Thursday).
    expect(decide('2026-06-04T13:00:00Z')).toEqual({ status: 'deferred', reason: 'holiday', until: '2026-06-05T11:00:00.000Z' });
  });

  it('sends on national holidays when the creditor turns them off', () => {
    expect(decide('2026-11-02T13:00:00Z', { policy: policy({ holidays: { national: false, local: [] } }) })).toEqual({ status: 'send' });
  });

  it('honours local holidays, recurring or on one date', () => {
    const local = policy({
      holidays: {
        national: true,
        local: [
          { date: '2000-01-25', name: 'Aniversário de São Paulo', recurring: true },
          { date: '2027-07-09', name: 'Revolução Constitucionalista', recurring: false },
        ],
      },
    });
    expect(decide('2027-01-25T13:00:00Z', { policy: local })).toEqual({ status: 'deferred', reason: 'holiday', until: '2027-01-26T11:00:00.000Z' });
    expect(decide('2027-07-09T13:00:00Z', { policy: local })).toMatchObject({ status: 'deferred', reason: 'holiday' });
    expect(decide('2026-07-09T13:00:00Z', { policy: local })).toEqual({ status: 'send' }); // not recurring
  });
});

describe('decideProactive: caps across channels and conversations', () => {
  it('a message the caps do not count (a receipt) ignores caps and interval, keeps quiet hours, holidays and opt-out', () => {
    const receipt = { ...sent('2026-11-23T12:00:00Z', '2026-11-23T17:00:00Z', '2026-11-24T12:00:00Z', '2026-11-25T12:00:00Z'), countsTowardCaps: false };
    // Wednesday 10:01 right after a reminder at 09:00: daily cap, weekly cap and interval all passed over.
    expect(decide('2026-11-25T13:01:00Z', receipt)).toEqual({ status: 'send' });
    // Wednesday 23:00 local: the sending window still holds it until Thursday 08:00.
    expect(decide('2026-11-26T02:00:00Z', receipt)).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2026-11-26T11:00:00.000Z' });
    // Friday 20 Nov, Consciência Negra: a holiday still defers it.
    expect(decide('2026-11-20T13:00:00Z', receipt)).toMatchObject({ status: 'deferred', reason: 'holiday' });
    expect(decide('2026-11-25T13:01:00Z', { ...receipt, optedOut: true })).toEqual({ status: 'blocked', reason: 'opted_out' });
    // The same sends hold a counted message.
    expect(decide('2026-11-25T13:01:00Z', { ...receipt, countsTowardCaps: true })).toMatchObject({ status: 'deferred' });
  });

  it('holds a second message the same local day until the next morning', () => {
    // One notice on WhatsApp at 09:00; the Telegram one at 15:00 waits for Tuesday 08:00.
    expect(decide('2026-11-23T18:00:00Z', sent('2026-11-23T12:00:00Z'))).toEqual({ status: 'deferred', reason: 'daily_cap', until: '2026-11-24T11:00:00.000Z' });
  });

  it('counts the day on the debtor’s wall clock, not in UTC', () => {
    // Monday 19:30 in São Paulo is already Tuesday in UTC; Tuesday 08:00 local is a new day.
    expect(decide('2026-11-24T11:00:00Z', sent('2026-11-23T22:30:00Z'))).toEqual({ status: 'send' });
  });

  it('lets the calendar push a capped day further: daily cap -> holiday -> quiet hours', () => {
    // Thursday 19 Nov: sent at 09:00; Friday 20 is Consciência Negra; Saturday 08:00 is next.
    expect(decide('2026-11-19T18:00:00Z', sent('2026-11-19T12:00:00Z'))).toEqual({ status: 'deferred', reason: 'daily_cap', until: '2026-11-21T11:00:00.000Z' });
  });

  it('caps a Monday–Sunday week and opens again on Monday', () => {
    const three = sent('2026-11-23T12:00:00Z', '2026-11-24T12:00:00Z', '2026-11-25T12:00:00Z'); // Mon, Tue, Wed 09:00
    expect(decide('2026-11-26T13:00:00Z', three)).toEqual({ status: 'deferred', reason: 'weekly_cap', until: '2026-11-30T11:00:00.000Z' });
    // Thu, Fri, Sat of the previous week do not count on Monday.
    const lastWeek = sent('2026-11-19T12:00:00Z', '2026-11-20T12:00:00Z', '2026-11-21T12:00:00Z');
    expect(decide('2026-11-23T11:00:00Z', lastWeek)).toEqual({ status: 'send' });
    // Saturday 13:00 after three sends that week waits for Monday, not Sunday.
    expect(decide('2026-11-28T16:00:00Z', three)).toEqual({ status: 'deferred', reason: 'weekly_cap', until: '2026-11-30T11:00:00.000Z' });
  });

  it('keeps the minimum interval between two messages', () => {
    const loose = policy({ caps: { perDay: 5, perWeek: 10 } });
    expect(decide('2026-11-23T14:00:00Z', { policy: loose, ...sent('2026-11-23T12:00:00Z') })).toEqual({ status: 'deferred', reason: 'min_interval', until: '2026-11-23T16:00:00.000Z' });
    expect(decide('2026-11-23T16:00:00Z', { policy: loose, ...sent('2026-11-23T12:00:00Z') })).toEqual({ status: 'send' });
    // Sent at 18:00: four hours later is 22:00, after the window, so Tuesday 08:00.
    expect(decide('2026-11-23T21:30:00Z', { policy: loose, ...sent('2026-11-23T21:00:00Z') })).toEqual({ status: 'deferred', reason: 'min_interval', until: '2026-11-24T11:00:00.000Z' });
    expect(decide('2026-11-23T12:01:00Z', { policy: policy({ caps: { perDay: 5, perWeek: 10 }, minIntervalMinutes: 0 }), ...sent('2026-11-23T12:00:00Z') })).toEqual({ status: 'send' });
  });
});

describe('decideProactive: opt-out and time zones', () => {
  it('blocks a contact who opted out, even inside the window', () => {
    expect(decide('2026-11-23T13:00:00Z', { optedOut: true })).toEqual({ status: 'blocked', reason: 'opted_out' });
  });

  it('finds the next morning across a DST change (New York, spring forward 8 March 2026)', () => {
    // Saturday 15:00 EST -> Monday 08:00 EDT (UTC−4).
    expect(decide('2026-03-07T20:00:00Z', { timeZone: 'America/New_York' })).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2026-03-09T12:00:00.000Z' });
  });

  it('starts a day whose midnight was skipped when the clock jumps (São Paulo, 4 November 2018)', () => {
    // Brazil's last DST began at 00:00 on Sunday 4 Nov 2018 (clocks to 01:00, UTC−2).
    const sundays = policy({ caps: { perDay: 1, perWeek: 3 }, minIntervalMinutes: 0, quietHours: { ...structuredClone(DEFAULT_CONTACT_POLICY.quietHours), sun: [{ from: '00:00', to: '24:00' }] } });
    expect(decide('2018-11-03T14:00:00Z', { policy: sundays, ...sent('2018-11-03T12:00:00Z') })).toEqual({ status: 'deferred', reason: 'daily_cap', until: '2018-11-04T03:00:00.000Z' });
    // With the default week: Saturday 15:00 BRT -> Monday 08:00 BRST (10:00Z).
    expect(decide('2018-11-03T18:00:00Z')).toEqual({ status: 'deferred', reason: 'quiet_hours', until: '2018-11-05T10:00:00.000Z' });
  });
});

describe('decideProactive: properties', () => {
  const zones = ['America/Sao_Paulo', 'America/Manaus', 'America/Noronha', 'America/New_York', 'Europe/Lisbon', 'Australia/Sydney'];
  const arbPolicy = fc.record({
    perDay: fc.integer({ min: 1, max: 4 }),
    extraWeek: fc.integer({ min: 0, max: 6 }),
    minIntervalMinutes: fc.constantFrom(0, 30, 240, 1440, 10_080),
    national: fc.boolean(),
  });

  it('defers to the earliest instant every rule allows, after now', () => {
    fc.assert(
      fc.property(
        fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        arbPolicy,
        fc.array(fc.integer({ min: 1, max: 8 * 24 * 60 }), { maxLength: 8 }),
        (now, timeZone, p, minutesAgo) => {
          const pol = policy({ caps: { perDay: p.perDay, perWeek: p.perDay + p.extraWeek }, minIntervalMinutes: p.minIntervalMinutes, holidays: { national: p.national, local: [] } });
          const sentToDebtor = minutesAgo.map((m) => new Date(now.getTime() - m * 60_000));
          const d = decideProactive({ now, timeZone, policy: pol, optedOut: false, sentToDebtor });
          if (d.status === 'send') return;
          expect(d.status).toBe('deferred');
          if (d.status !== 'deferred') return;
          expect(d.until.getTime()).toBeGreaterThan(now.getTime());
          expect(decideProactive({ now: d.until, timeZone, policy: pol, optedOut: false, sentToDebtor })).toEqual({ status: 'send' });
          // ...and the earliest one: a millisecond before, some rule still objects.
          expect(decideProactive({ now: new Date(d.until.getTime() - 1), timeZone, policy: pol, optedOut: false, sentToDebtor }).status).toBe('deferred');
        },
      ),
      { numRuns: 300 },
    );
  });
});
