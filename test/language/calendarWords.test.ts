import { describe, expect, it } from 'vitest';
import { MONTH_ALTERNATION, MONTHS, monthNumber, WEEKDAY_ALTERNATION, WEEKDAYS, weekdayNumber } from '../../src/language/calendarWords.js';

describe('calendar words', () => {
  it('names months and weekdays in both languages, abbreviations included', () => {
    expect([MONTHS.dezembro, MONTHS.dec, MONTHS.sept, MONTHS.marco]).toEqual([12, 12, 9, 3]);
    expect([WEEKDAYS.domingo, WEEKDAYS.sexta, WEEKDAYS.saturday]).toEqual([0, 5, 6]);
  });

  it('looks words up by own keys only', () => {
    expect(monthNumber('constructor')).toBeUndefined();
    expect(weekdayNumber('constructor')).toBeUndefined();
    expect(monthNumber('maio')).toBe(5);
    expect(weekdayNumber('terca')).toBe(2);
  });

  it('builds alternations that match every name as a whole word', () => {
    const month = new RegExp(`^(?:${MONTH_ALTERNATION})$`);
    const weekday = new RegExp(`^(?:${WEEKDAY_ALTERNATION})$`);
    for (const m of Object.keys(MONTHS)) expect(month.test(m)).toBe(true);
    for (const w of Object.keys(WEEKDAYS)) expect(weekday.test(w)).toBe(true);
    expect(new RegExp(`(${MONTH_ALTERNATION})`).exec('setembro')?.[1]).toBe('setembro');
  });
});
