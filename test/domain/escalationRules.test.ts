import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ESCALATION_RULES,
  EscalationRulesSchema,
  escalationRulesErrors as errorsInBothLanguages,
  isValidTimeZone,
  parseEscalationRules,
} from '../../src/domain/escalationRules.js';

// The contract's English; the Portuguese beside it is checked in settingsMessages.test.ts.
const plain = (errors: { field: string; message: string }[]) => errors.map(({ field, message }) => ({ field, message }));
const escalationRulesErrors = (input: unknown) => plain(errorsInBothLanguages(input));
const clone = (): Record<string, any> => structuredClone(DEFAULT_ESCALATION_RULES) as Record<string, any>;
const weekday = [{ from: '08:00', to: '18:00' }];

describe('EscalationRulesSchema', () => {
  it('accepts the documented defaults', () => {
    expect(DEFAULT_ESCALATION_RULES).toEqual({
      insultsBeforeHandoff: 2,
      misunderstandingsBeforeHandoff: 3,
      debtAboveThreshold: true,
      paymentProof: true,
      waitingMessageAfterMinutes: 10,
      agentHours: {
        timeZone: 'America/Sao_Paulo',
        week: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
      },
    });
    expect(EscalationRulesSchema.safeParse(DEFAULT_ESCALATION_RULES).success).toBe(true);
    expect(escalationRulesErrors(DEFAULT_ESCALATION_RULES)).toEqual([]);
  });

  it('accepts the boundary values', () => {
    const low = clone();
    Object.assign(low, { insultsBeforeHandoff: 0, misunderstandingsBeforeHandoff: 2, debtAboveThreshold: false, paymentProof: false, waitingMessageAfterMinutes: 1 });
    low.agentHours.week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(escalationRulesErrors(low)).toEqual([]);

    const high = clone();
    Object.assign(high, { insultsBeforeHandoff: 10, misunderstandingsBeforeHandoff: 10, waitingMessageAfterMinutes: 1440 });
    high.agentHours.timeZone = 'Europe/Lisbon';
    high.agentHours.week.sat = [{ from: '00:00', to: '24:00' }];
    high.agentHours.week.sun = [
      { from: '00:00', to: '06:00' },
      { from: '06:00', to: '12:00' }, // touching is not overlapping
      { from: '12:30', to: '18:00' },
      { from: '23:59', to: '24:00' },
    ];
    expect(escalationRulesErrors(high)).toEqual([]);
  });

  it('cannot be mutated in place', () => {
    expect(() => {
      (DEFAULT_ESCALATION_RULES as { insultsBeforeHandoff: number }).insultsBeforeHandoff = 5;
    }).toThrow(TypeError);
    expect(() => {
      (DEFAULT_ESCALATION_RULES.agentHours.week.mon as unknown[]).push({ from: '20:00', to: '21:00' });
    }).toThrow(TypeError);
  });
});

describe('escalationRulesErrors', () => {
  it.each([
    ['insultsBeforeHandoff', (r: any) => (r.insultsBeforeHandoff = -1), 'must be between 0 and 10'],
    ['insultsBeforeHandoff', (r: any) => (r.insultsBeforeHandoff = 11), 'must be between 0 and 10'],
    ['insultsBeforeHandoff', (r: any) => (r.insultsBeforeHandoff = 1.5), 'must be an integer'],
    ['insultsBeforeHandoff', (r: any) => (r.insultsBeforeHandoff = '2'), 'must be a number'],
    ['misunderstandingsBeforeHandoff', (r: any) => (r.misunderstandingsBeforeHandoff = 1), 'must be between 2 and 10'],
    ['misunderstandingsBeforeHandoff', (r: any) => (r.misunderstandingsBeforeHandoff = 11), 'must be between 2 and 10'],
    ['misunderstandingsBeforeHandoff', (r: any) => delete r.misunderstandingsBeforeHandoff, 'required'],
    ['debtAboveThreshold', (r: any) => (r.debtAboveThreshold = 'yes'), 'must be true or false'],
    ['debtAboveThreshold', (r: any) => delete r.debtAboveThreshold, 'required'],
    ['paymentProof', (r: any) => (r.paymentProof = 1), 'must be true or false'],
    ['waitingMessageAfterMinutes', (r: any) => (r.waitingMessageAfterMinutes = 0), 'must be between 1 and 1440'],
    ['waitingMessageAfterMinutes', (r: any) => (r.waitingMessageAfterMinutes = 1441), 'must be between 1 and 1440'],
    ['waitingMessageAfterMinutes', (r: any) => (r.waitingMessageAfterMinutes = Number.NaN), 'must be a number'],
    ['agentHours', (r: any) => delete r.agentHours, 'required'],
    ['agentHours', (r: any) => (r.agentHours = []), 'must be an object'],
    ['agentHours.timeZone', (r: any) => delete r.agentHours.timeZone, 'required'],
    ['agentHours.week', (r: any) => (r.agentHours.week = 'weekdays'), 'must be an object'],
    ['agentHours.week.sun', (r: any) => delete r.agentHours.week.sun, 'required'],
    ['agentHours.week.mon', (r: any) => (r.agentHours.week.mon = { from: '08:00', to: '18:00' }), 'must be a list of {from, to} windows'],
    ['agentHours.week.mon.0', (r: any) => (r.agentHours.week.mon = ['08:00-18:00']), 'must be an object'],
    ['agentHours.week.mon.0.from', (r: any) => delete r.agentHours.week.mon[0].from, 'required'],
    ['agentHours.week.mon.0.from', (r: any) => (r.agentHours.week.mon[0].from = '8:00'), 'must be a time HH:MM from 00:00 to 24:00'],
    ['agentHours.week.mon.0.from', (r: any) => (r.agentHours.week.mon[0].from = '08:60'), 'must be a time HH:MM from 00:00 to 24:00'],
    ['agentHours.week.mon.0.to', (r: any) => (r.agentHours.week.mon[0].to = '24:01'), 'must be a time HH:MM from 00:00 to 24:00'],
    ['agentHours.week.mon.0.to', (r: any) => (r.agentHours.week.mon[0].to = '25:00'), 'must be a time HH:MM from 00:00 to 24:00'],
    ['agentHours.week.mon.0.to', (r: any) => (r.agentHours.week.mon[0].to = 1800), 'must be a time HH:MM from 00:00 to 24:00'],
    ['agentHours.week.mon.0.to', (r: any) => (r.agentHours.week.mon[0].to = '08:00'), 'must be later than from'],
    ['agentHours.week.mon.0.to', (r: any) => (r.agentHours.week.mon[0] = { from: '18:00', to: '08:00' }), 'must be later than from'],
    ['agentHours.week.mon.0.to', (r: any) => (r.agentHours.week.mon[0] = { from: '24:00', to: '24:00' }), 'must be later than from'],
  ])('reports %s: %s', (field, mutate, message) => {
    const r = clone();
    mutate(r);
    expect(escalationRulesErrors(r)).toEqual([{ field, message }]);
  });

  it.each(['Mars/Olympus', 'America/Sao Paulo', '', '-03:00', 'GMT-3'])('refuses the time zone %j', (timeZone) => {
    const r = clone();
    r.agentHours.timeZone = timeZone;
    expect(escalationRulesErrors(r)).toEqual([{ field: 'agentHours.timeZone', message: 'must be an IANA time zone such as America/Sao_Paulo' }]);
  });

  it('accepts IANA zones Intl knows, with or without DST', () => {
    for (const tz of ['America/Sao_Paulo', 'America/New_York', 'Europe/Lisbon', 'Asia/Kolkata', 'UTC']) expect(isValidTimeZone(tz)).toBe(true);
  });

  it('refuses overlapping windows under the later window’s path', () => {
    const r = clone();
    r.agentHours.week.tue = [
      { from: '08:00', to: '12:00' },
      { from: '11:30', to: '18:00' },
    ];
    expect(escalationRulesErrors(r)).toEqual([{ field: 'agentHours.week.tue.1', message: 'overlaps the previous window (08:00–12:00)' }]);
  });

  it('refuses a window that lies inside the previous one', () => {
    const r = clone();
    r.agentHours.week.tue = [
      { from: '08:00', to: '18:00' },
      { from: '08:00', to: '09:00' },
    ];
    expect(escalationRulesErrors(r)).toEqual([{ field: 'agentHours.week.tue.1', message: 'overlaps the previous window (08:00–18:00)' }]);
  });

  it('refuses windows out of order', () => {
    const r = clone();
    r.agentHours.week.wed = [
      { from: '13:00', to: '18:00' },
      { from: '08:00', to: '12:00' },
    ];
    expect(escalationRulesErrors(r)).toEqual([{ field: 'agentHours.week.wed.1', message: 'windows must be sorted by time' }]);
  });

  it('allows at most 4 windows per day', () => {
    const r = clone();
    r.agentHours.week.thu = ['08:00', '10:00', '12:00', '14:00', '16:00'].map((from) => ({ from, to: from.replace(/^(\d\d):00$/, '$1:30') }));
    expect(escalationRulesErrors(r)).toEqual([{ field: 'agentHours.week.thu', message: 'at most 4 windows per day' }]);
  });

  it('reports a backwards window once, not again as an overlap', () => {
    const r = clone();
    r.agentHours.week.fri = [
      { from: '08:00', to: '12:00' },
      { from: '14:00', to: '10:00' },
    ];
    expect(escalationRulesErrors(r)).toEqual([{ field: 'agentHours.week.fri.1.to', message: 'must be later than from' }]);
  });

  it('refuses unknown fields at every level, each under its own path', () => {
    const r = clone();
    r.insultBeforeHandoff = 3;
    r.agentHours.tz = 'UTC';
    r.agentHours.week.holidays = [];
    r.agentHours.week.mon[0].label = 'morning';
    const errors = escalationRulesErrors(r);
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'insultBeforeHandoff', message: 'unknown field' },
        { field: 'agentHours.tz', message: 'unknown field' },
        { field: 'agentHours.week.holidays', message: 'unknown field' },
        { field: 'agentHours.week.mon.0.label', message: 'unknown field' },
      ]),
    );
    expect(errors).toHaveLength(4);
  });

  it('refuses the always-on reasons as settings: they are not configurable', () => {
    const r = clone();
    r.askedForPerson = false;
    r.dispute = false;
    expect(escalationRulesErrors(r)).toEqual([
      { field: 'askedForPerson', message: 'unknown field' },
      { field: 'dispute', message: 'unknown field' },
    ]);
  });

  it('gives one message per bad field, for every bad field', () => {
    const r = clone();
    r.insultsBeforeHandoff = 10.5; // not an integer AND out of range: one message
    r.waitingMessageAfterMinutes = 0;
    r.agentHours.timeZone = 'Nowhere/Land';
    const fields = escalationRulesErrors(r).map((e) => e.field);
    expect(fields.sort()).toEqual(['agentHours.timeZone', 'insultsBeforeHandoff', 'waitingMessageAfterMinutes']);
  });

  it('reports a non-object body at the root', () => {
    expect(escalationRulesErrors(null)).toEqual([{ field: '', message: 'must be an object' }]);
    expect(escalationRulesErrors(undefined)).toEqual([{ field: '', message: 'required' }]);
  });

  it('parseEscalationRules returns the typed rules or the same errors', () => {
    expect(parseEscalationRules(clone())).toEqual({ ok: true, rules: DEFAULT_ESCALATION_RULES });
    const bad = clone();
    bad.agentHours.week.mon[0].to = '07:00';
    expect(parseEscalationRules(bad)).toEqual({ ok: false, errors: errorsInBothLanguages(bad) });
  });
});
