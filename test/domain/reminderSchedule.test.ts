import { describe, expect, it } from 'vitest';
import {
  breakDate,
  dueReminders,
  isPastGrace,
  reminderKey,
  reminderPlan,
  type ReminderInstallment,
} from '../../src/domain/reminderSchedule.js';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../../src/domain/reminderSettings.js';

const inst = (over: Partial<ReminderInstallment> = {}): ReminderInstallment => ({
  id: 'A1P2',
  agreementId: 'A1',
  dueDate: '2026-12-10',
  status: 'open',
  agreementStatus: 'active',
  agreedOn: '2026-11-20',
  ...over,
});
const settings = (over: Partial<ReminderSettings> = {}): ReminderSettings => ({ ...structuredClone(DEFAULT_REMINDER_SETTINGS), ...over });
const kinds = (i: ReminderInstallment, today: string, s = settings()) => dueReminders(i, s, today).map((r) => r.kind);

describe('reminderPlan', () => {
  it('plans the defaults: 3 days before, on the day, 1 day after, and the break after 5 days of grace', () => {
    expect(reminderPlan(inst(), settings())).toEqual([
      { kind: 'before:3', key: 'installment:A1P2:before:3', date: '2026-12-07', lastDay: '2026-12-09' },
      { kind: 'due', key: 'installment:A1P2:due', date: '2026-12-10', lastDay: '2026-12-10' },
      { kind: 'after:1', key: 'installment:A1P2:after:1', date: '2026-12-11', lastDay: '2026-12-15' },
      { kind: 'broken', key: 'agreement:A1:broken', date: '2026-12-16', lastDay: '2027-01-14' },
    ]);
  });

  it('chains several reminders of a kind: each lasts until the next one is meant for', () => {
    const plan = reminderPlan(inst(), settings({ beforeDueDays: [3, 7], afterDueDays: [1, 3], onDueDay: false }));
    expect(plan.map((r) => [r.kind, r.date, r.lastDay])).toEqual([
      ['before:7', '2026-12-03', '2026-12-06'],
      ['before:3', '2026-12-07', '2026-12-09'],
      ['after:1', '2026-12-11', '2026-12-12'],
      ['after:3', '2026-12-13', '2026-12-15'],
      ['broken', '2026-12-16', '2027-01-14'],
    ]);
  });

  it('skips reminders meant for the acceptance day or earlier: the term already told the debtor', () => {
    expect(reminderPlan(inst({ agreedOn: '2026-12-08' }), settings()).map((r) => r.kind)).toEqual(['due', 'after:1', 'broken']);
    expect(reminderPlan(inst({ agreedOn: '2026-12-10' }), settings()).map((r) => r.kind)).toEqual(['after:1', 'broken']);
    expect(reminderPlan(inst({ agreedOn: '2026-12-06' }), settings()).map((r) => r.kind)).toEqual(['before:3', 'due', 'after:1', 'broken']);
  });

  it('crosses months and years', () => {
    const plan = reminderPlan(inst({ dueDate: '2027-01-02', agreedOn: '2026-12-01' }), settings({ graceDays: 30, afterDueDays: [30] }));
    expect(plan.map((r) => r.date)).toEqual(['2026-12-30', '2027-01-02', '2027-02-01', '2027-02-02']);
  });
});

describe('dueReminders', () => {
  it('sends each default reminder on its day', () => {
    expect(kinds(inst(), '2026-12-06')).toEqual([]);
    expect(kinds(inst(), '2026-12-07')).toEqual(['before:3']);
    expect(kinds(inst(), '2026-12-10')).toEqual(['due']);
    expect(kinds(inst({ status: 'late' }), '2026-12-11')).toEqual(['after:1']);
    expect(kinds(inst({ status: 'late', agreementStatus: 'broken' }), '2026-12-16')).toEqual(['broken']);
  });

  it('still sends a before-reminder held back past its day while the due date is ahead, never on or after it', () => {
    expect(dueReminders(inst(), settings(), '2026-12-09')).toEqual([
      { kind: 'before:3', key: 'installment:A1P2:before:3', date: '2026-12-07', lastDay: '2026-12-09' },
    ]);
    expect(kinds(inst({ agreedOn: '2026-11-01' }), '2026-12-10', settings({ onDueDay: false }))).toEqual([]);
    expect(kinds(inst(), '2026-12-10')).toEqual(['due']);
  });

  it('sends the due-day reminder on the due day only', () => {
    expect(kinds(inst({ status: 'late' }), '2026-12-11', settings({ afterDueDays: [] }))).toEqual([]);
  });

  it('sends an after-reminder held back until the grace ends, then never (the agreement breaks)', () => {
    expect(kinds(inst({ status: 'late' }), '2026-12-15')).toEqual(['after:1']);
    expect(kinds(inst({ status: 'late' }), '2026-12-16')).toEqual([]); // not broken yet in storage: nothing, not a stale after:1
  });

  it('lets a later reminder supersede one that never went out', () => {
    const s = settings({ beforeDueDays: [3, 7] });
    expect(kinds(inst(), '2026-12-07', s)).toEqual(['before:3']);
  });

  it('sends nothing for a paid instalment, whatever the day', () => {
    for (const day of ['2026-12-07', '2026-12-10', '2026-12-11', '2026-12-16']) {
      expect(kinds(inst({ status: 'paid' }), day)).toEqual([]);
      expect(kinds(inst({ status: 'paid', agreementStatus: 'broken' }), day)).toEqual([]);
    }
  });

  it('sends a partly paid instalment its reminders (it is still open)', () => {
    expect(kinds(inst({ status: 'open' }), '2026-12-10')).toEqual(['due']);
  });

  it('sends nothing for agreements no longer in force, and the broken notice only for a broken one', () => {
    for (const agreementStatus of ['settled', 'renegotiated', 'cancelled'] as const) {
      for (const day of ['2026-12-07', '2026-12-10', '2026-12-11', '2026-12-16']) {
        expect(kinds(inst({ agreementStatus, status: 'late' }), day)).toEqual([]);
      }
    }
    expect(kinds(inst({ agreementStatus: 'broken', status: 'late' }), '2026-12-11')).toEqual([]);
    expect(kinds(inst({ agreementStatus: 'active', status: 'late' }), '2026-12-16')).toEqual([]);
  });

  it('sends the broken notice for BROKEN_NOTICE_DAYS after the break, then leaves the case to a person', () => {
    const broken = inst({ status: 'late', agreementStatus: 'broken' });
    expect(kinds(broken, '2027-01-14')).toEqual(['broken']);
    expect(kinds(broken, '2027-01-15')).toEqual([]);
  });
});

describe('grace and keys', () => {
  it('counts grace days inclusively', () => {
    expect(breakDate('2026-12-10', { graceDays: 5 })).toBe('2026-12-16');
    expect(isPastGrace('2026-12-10', '2026-12-15', { graceDays: 5 })).toBe(false);
    expect(isPastGrace('2026-12-10', '2026-12-16', { graceDays: 5 })).toBe(true);
  });

  it('keys the broken notice by agreement, the rest by instalment', () => {
    expect(reminderKey({ id: 'A1P1', agreementId: 'A1' }, 'broken')).toBe(reminderKey({ id: 'A1P2', agreementId: 'A1' }, 'broken'));
    expect(reminderKey({ id: 'A1P1', agreementId: 'A1' }, 'due')).not.toBe(reminderKey({ id: 'A1P2', agreementId: 'A1' }, 'due'));
  });
});
