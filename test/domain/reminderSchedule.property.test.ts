import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, compareDates, diffDays } from '../../src/domain/dates.js';
import type { AgreementStatus, InstallmentStatus } from '../../src/domain/agreementLedger.js';
import { dueReminders, reminderPlan, type ReminderInstallment } from '../../src/domain/reminderSchedule.js';
import { MAX_REMINDERS_PER_LIST, ReminderSettingsSchema, type ReminderSettings } from '../../src/domain/reminderSettings.js';
import { arbToday } from './arbitraries.js';

const arbDays = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: MAX_REMINDERS_PER_LIST });
const arbSettings: fc.Arbitrary<ReminderSettings> = fc
  .record({
    beforeDueDays: arbDays,
    onDueDay: fc.boolean(),
    graceDays: fc.integer({ min: 1, max: 30 }),
    afterDays: arbDays,
    maxPerDebtorPerYear: fc.integer({ min: 0, max: 12 }),
  })
  .map(({ afterDays, graceDays, maxPerDebtorPerYear, ...rest }) =>
    ReminderSettingsSchema.parse({
      ...rest,
      graceDays,
      afterDueDays: afterDays.filter((d) => d <= graceDays),
      renegotiation: { maxPerDebtorPerYear },
    }),
  );
const arbInstallment: fc.Arbitrary<ReminderInstallment> = fc
  .record({
    dueDate: arbToday,
    agreedBefore: fc.integer({ min: 0, max: 40 }),
    status: fc.constantFrom<InstallmentStatus>('open', 'late', 'paid'),
    agreementStatus: fc.constantFrom<AgreementStatus>('active', 'broken', 'settled', 'renegotiated', 'cancelled'),
  })
  .map(({ agreedBefore, ...r }) => ({ id: 'I1', agreementId: 'A1', agreedOn: addDays(r.dueDate, -agreedBefore), ...r }));
const arbOffset = fc.integer({ min: -45, max: 75 });

describe('reminderSchedule (properties)', () => {
  it('at most one reminder is owed on any day, and windows are ordered and disjoint', () => {
    fc.assert(
      fc.property(arbInstallment, arbSettings, arbOffset, (i, s, offset) => {
        expect(dueReminders(i, s, addDays(i.dueDate, offset)).length).toBeLessThanOrEqual(1);
        const plan = reminderPlan(i, s);
        for (const [k, r] of plan.entries()) {
          expect(compareDates(r.date, r.lastDay)).toBeLessThanOrEqual(0);
          if (k > 0) expect(compareDates(plan[k - 1]!.lastDay, r.date)).toBeLessThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every promise of its kind: before strictly before the due date, due on it, after within grace, broken past it', () => {
    fc.assert(
      fc.property(arbInstallment, arbSettings, arbOffset, (i, s, offset) => {
        const today = addDays(i.dueDate, offset);
        for (const r of dueReminders(i, s, today)) {
          const late = diffDays(i.dueDate, today);
          expect(i.status).not.toBe('paid');
          expect(compareDates(i.agreedOn, r.date)).toBeLessThan(0);
          if (r.kind.startsWith('before:')) {
            expect(late).toBeLessThan(0);
            expect(-late).toBeLessThanOrEqual(Number(r.kind.slice(7)));
          } else if (r.kind === 'due') {
            expect(late).toBe(0);
            expect(s.onDueDay).toBe(true);
          } else if (r.kind.startsWith('after:')) {
            expect(late).toBeGreaterThanOrEqual(Number(r.kind.slice(6)));
            expect(late).toBeLessThanOrEqual(s.graceDays);
          } else {
            expect(late).toBeGreaterThan(s.graceDays);
            expect(i.agreementStatus).toBe('broken');
          }
          if (r.kind !== 'broken') expect(i.agreementStatus).toBe('active');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('every planned reminder can go out on its own day, and a held-back one is replaced by the latest one meant so far', () => {
    fc.assert(
      fc.property(arbInstallment, arbSettings, fc.nat(40), (raw, s, delay) => {
        const plan = reminderPlan(raw, s);
        for (const r of plan) {
          const i: ReminderInstallment = { ...raw, status: 'open', agreementStatus: r.kind === 'broken' ? 'broken' : 'active' };
          expect(dueReminders(i, s, r.date)).toEqual([r]);
          const later = addDays(r.date, delay);
          const owed = dueReminders(i, s, later);
          const latest = plan.filter((p) => compareDates(p.date, later) <= 0).at(-1)!;
          if (owed.length > 0) expect(owed).toEqual([latest]);
          if (compareDates(later, r.lastDay) <= 0) expect(owed).toEqual([r]);
        }
      }),
    );
  });

  it('keys are distinct within an instalment\'s plan and the same every time it is computed', () => {
    fc.assert(
      fc.property(arbInstallment, arbSettings, (i, s) => {
        const keys = reminderPlan(i, s).map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(reminderPlan(structuredClone(i), structuredClone(s)).map((r) => r.key)).toEqual(keys);
      }),
    );
  });
});
