import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_SETTINGS,
  MAX_REMINDERS_PER_LIST,
  ReminderSettingsSchema,
  parseReminderSettings,
} from '../../src/domain/reminderSettings.js';

const valid = () => structuredClone(DEFAULT_REMINDER_SETTINGS) as Record<string, any>;
// The contract's English; the Portuguese beside it is checked in settingsMessages.test.ts.
const plain = (errors: { field: string; message: string }[]) => errors.map(({ field, message }) => ({ field, message }));
const errorsOf = (input: unknown) => {
  const r = parseReminderSettings(input);
  return r.ok ? [] : plain(r.errors);
};

describe('ReminderSettingsSchema', () => {
  it('has the issue\'s defaults, frozen', () => {
    expect(DEFAULT_REMINDER_SETTINGS).toEqual({
      beforeDueDays: [3],
      onDueDay: true,
      afterDueDays: [1],
      graceDays: 5,
      renegotiation: { maxPerDebtorPerYear: 2 },
    });
    expect(parseReminderSettings(DEFAULT_REMINDER_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_REMINDER_SETTINGS });
    expect(Object.isFrozen(DEFAULT_REMINDER_SETTINGS.beforeDueDays)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REMINDER_SETTINGS.renegotiation)).toBe(true);
  });

  it('accepts empty lists (no reminders of that kind) and stores the days sorted', () => {
    const r = parseReminderSettings({ ...valid(), beforeDueDays: [7, 1, 3], afterDueDays: [], onDueDay: false });
    expect(r).toMatchObject({ ok: true, settings: { beforeDueDays: [1, 3, 7], afterDueDays: [], onDueDay: false } });
  });

  it('accepts after-due days up to the grace period, inclusive', () => {
    expect(errorsOf({ ...valid(), afterDueDays: [1, 5], graceDays: 5 })).toEqual([]);
  });

  it.each([
    [{ beforeDueDays: [0] }, 'beforeDueDays.0', 'must be between 1 and 30'],
    [{ beforeDueDays: [31] }, 'beforeDueDays.0', 'must be between 1 and 30'],
    [{ beforeDueDays: [1.5] }, 'beforeDueDays.0', 'must be an integer'],
    [{ beforeDueDays: 3 }, 'beforeDueDays', 'must be a list of days'],
    [{ beforeDueDays: [7, 3, 7] }, 'beforeDueDays.2', 'day 7 is already in the list'],
    [{ beforeDueDays: [1, 2, 3, 4, 5, 6] }, 'beforeDueDays', `at most ${MAX_REMINDERS_PER_LIST} days`],
    [{ onDueDay: 'yes' }, 'onDueDay', 'must be true or false'],
    [{ afterDueDays: ['1'] }, 'afterDueDays.0', 'must be a number'],
    [{ graceDays: 0 }, 'graceDays', 'must be between 1 and 30'],
    [{ graceDays: 31 }, 'graceDays', 'must be between 1 and 30'],
    [{ renegotiation: { maxPerDebtorPerYear: 13 } }, 'renegotiation.maxPerDebtorPerYear', 'must be between 0 and 12'],
    [{ renegotiation: { maxPerDebtorPerYear: 2, max: 3 } }, 'renegotiation.max', 'unknown field'],
    [{ renegotiation: undefined }, 'renegotiation', 'required'],
    [{ graceDay: 5 }, 'graceDay', 'unknown field'],
  ])('%j -> %s: %s', (over, field, message) => {
    expect(errorsOf({ ...valid(), ...over })).toEqual([{ field, message }]);
  });

  it('refuses an after-due reminder past the grace period, at the place it was typed', () => {
    expect(errorsOf({ ...valid(), afterDueDays: [9, 1], graceDays: 5 })).toEqual([
      {
        field: 'afterDueDays.0',
        message: 'must be at most graceDays (5): the agreement breaks after that and the broken-agreement message replaces this reminder',
      },
    ]);
  });

  it('reports every bad field at once', () => {
    expect(errorsOf({ beforeDueDays: [0], afterDueDays: [1] }).map((e) => e.field)).toEqual([
      'beforeDueDays.0',
      'onDueDay',
      'graceDays',
      'renegotiation',
    ]);
    expect(errorsOf(null)).toEqual([{ field: '', message: 'must be an object' }]);
  });

  it('parsing is idempotent: valid settings parse to themselves once sorted (property)', () => {
    const days = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: MAX_REMINDERS_PER_LIST });
    fc.assert(
      fc.property(days, fc.boolean(), days, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 12 }), (before, onDue, after, grace, max) => {
        const input = { beforeDueDays: before, onDueDay: onDue, afterDueDays: after, graceDays: grace, renegotiation: { maxPerDebtorPerYear: max } };
        const r = ReminderSettingsSchema.safeParse(input);
        expect(r.success).toBe(after.every((d) => d <= grace));
        if (r.success) {
          expect(r.data.beforeDueDays).toEqual([...before].sort((a, b) => a - b));
          expect(ReminderSettingsSchema.parse(r.data)).toEqual(r.data);
        }
      }),
    );
  });
});
