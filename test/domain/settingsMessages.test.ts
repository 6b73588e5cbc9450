import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_POLICY, parseContactPolicy } from '../../src/domain/contactPolicy.js';
import { DEFAULT_ESCALATION_RULES, escalationRulesErrors } from '../../src/domain/escalationRules.js';
import { DEFAULT_POLICY, policyErrors } from '../../src/domain/policy.js';
import { parsePolicyBuckets } from '../../src/domain/policyBuckets.js';
import { DEFAULT_REMINDER_SETTINGS, parseReminderSettings } from '../../src/domain/reminderSettings.js';

// Every message the admin settings can refuse with has Portuguese words for the console. A new
// message added to a settings schema without its line in src/domain/settingsMessages.ts fails here.
type Err = { field: string; message: string; messages?: { 'pt-BR': string; en: string } };
const of = (r: { ok: true } | { ok: false; errors: Err[] }) => (r.ok ? [] : r.errors);
const edit = <T>(base: T, change: (x: any) => void): unknown => {
  const x = structuredClone(base) as any;
  change(x);
  return x;
};
const window = (from: string, to: string) => ({ from, to });

const CASES: [string, Err[]][] = [
  ['escalation: range, type, integer, boolean, time zone', escalationRulesErrors(edit(DEFAULT_ESCALATION_RULES, (r) => {
    r.insultsBeforeHandoff = 11;
    r.misunderstandingsBeforeHandoff = 'três';
    r.waitingMessageAfterMinutes = 2.5;
    r.paymentProof = 'sim';
    r.agentHours.timeZone = 'Brasília';
  }))],
  ['escalation: windows', escalationRulesErrors(edit(DEFAULT_ESCALATION_RULES, (r) => {
    r.agentHours.week.mon = [window('08:00', '12:00'), window('11:00', '13:00')];
    r.agentHours.week.tue = [window('14:00', '16:00'), window('08:00', '09:00')];
    r.agentHours.week.wed = [window('10:00', '09:00')];
    r.agentHours.week.thu = [window('01:00', '02:00'), window('03:00', '04:00'), window('05:00', '06:00'), window('07:00', '08:00'), window('09:00', '10:00')];
    r.agentHours.week.fri = [window('25:00', '26:00')];
    r.agentHours.week.sat = 'never';
    r.agentHours.week.sun = [{ from: '08:00', to: '09:00', note: 'x' }];
  }))],
  ['escalation: required, object', [...escalationRulesErrors(undefined), ...escalationRulesErrors(7), ...escalationRulesErrors(edit(DEFAULT_ESCALATION_RULES, (r) => delete r.agentHours))]],
  ['contact policy', of(parseContactPolicy(edit(DEFAULT_CONTACT_POLICY, (p) => {
    p.caps = { perDay: 3, perWeek: 2 };
    p.holidays.local = [{ date: '2026-02-30', name: 'x'.repeat(81), recurring: 'sim' }];
    p.holidays.national = 'yes';
  })) as never)],
  ['contact policy: no window, not a list', of(parseContactPolicy(edit(DEFAULT_CONTACT_POLICY, (p) => {
    for (const d of Object.keys(p.quietHours)) p.quietHours[d] = [];
  })) as never).concat(of(parseContactPolicy(edit(DEFAULT_CONTACT_POLICY, (p) => { p.holidays.local = 'none'; })) as never))],
  ['contact policy: too many holidays', of(parseContactPolicy(edit(DEFAULT_CONTACT_POLICY, (p) => {
    p.holidays.local = Array.from({ length: 101 }, (_, i) => ({ date: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`, name: `f${i}`, recurring: false }));
  })) as never)],
  ['reminders', of(parseReminderSettings(edit(DEFAULT_REMINDER_SETTINGS, (s) => {
    s.beforeDueDays = [3, 3, 0, 4, 5, 6, 7];
    s.afterDueDays = 'none';
  })) as never).concat(of(parseReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, afterDueDays: [1, 9] }) as never), of(parseReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, beforeDueDays: [3, 3, 0] }) as never))],
  ['policy buckets', of(parsePolicyBuckets({ buckets: [{ fromDays: 10, toDays: 5, policy: DEFAULT_POLICY }, { fromDays: 3, toDays: null, policy: DEFAULT_POLICY }] }) as never).concat(of(parsePolicyBuckets({ buckets: Array.from({ length: 13 }, (_, i) => ({ fromDays: i * 10, toDays: i * 10 + 5, policy: DEFAULT_POLICY })) }) as never))],
  ['policy', policyErrors(edit(DEFAULT_POLICY, (p) => { p.cash.maxDiscountPercent = 10.005; p.extra = 1; }))],
];

describe('settings messages in Portuguese', () => {
  it.each(CASES)('%s: every error has its Portuguese words', (_name, errors) => {
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.messages, `${e.field}: ${e.message}`).toBeDefined();
      expect(e.messages!.en).toBe(e.message);
      expect(e.messages!['pt-BR'], e.message).not.toBe(e.message);
    }
  });

  it('names the limits and the values in the Portuguese as in the English', () => {
    const msgs = CASES.flatMap(([, errors]) => errors.map((e) => e.messages!['pt-BR']));
    expect(msgs).toEqual(expect.arrayContaining([
      'deve estar entre 0 e 10',
      'sobrepõe a janela anterior (08:00–12:00)',
      'deve ser pelo menos o limite por dia (perDay)',
      'o dia 3 já está na lista',
      'deve estar entre 1 e 30',
      expect.stringMatching(/^deve ser no máximo a carência \(graceDays, 5\)/),
      'no máximo 12 faixas',
    ]));
  });
});
