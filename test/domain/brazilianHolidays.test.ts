import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brazilianNationalHolidays, easterSunday } from '../../src/domain/brazilianHolidays.js';

const dateOf = (year: number, name: string) => brazilianNationalHolidays(year).find((h) => h.name.startsWith(name))?.date;

describe('Easter (anonymous Gregorian computus)', () => {
  it.each([
    [1961, '1961-04-02'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('falls in %i on %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const easter = easterSunday(year);
        expect(new Date(`${easter}T00:00:00Z`).getUTCDay()).toBe(0);
        expect(easter.slice(0, 4)).toBe(String(year));
        const monthDay = easter.slice(5);
        expect(monthDay >= '03-22' && monthDay <= '04-25').toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses years outside the Gregorian calendar', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('national holidays', () => {
  it('lists 2026 in date order, Carnival and Consciência Negra included', () => {
    expect(brazilianNationalHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Confraternização Universal' },
      { date: '2026-02-16', name: 'Carnaval (segunda-feira)' },
      { date: '2026-02-17', name: 'Carnaval (terça-feira)' },
      { date: '2026-04-03', name: 'Sexta-feira Santa' },
      { date: '2026-04-21', name: 'Tiradentes' },
      { date: '2026-05-01', name: 'Dia do Trabalho' },
      { date: '2026-06-04', name: 'Corpus Christi' },
      { date: '2026-09-07', name: 'Independência do Brasil' },
      { date: '2026-10-12', name: 'Nossa Senhora Aparecida' },
      { date: '2026-11-02', name: 'Finados' },
      { date: '2026-11-15', name: 'Proclamação da República' },
      { date: '2026-11-20', name: 'Dia Nacional de Zumbi e da Consciência Negra' },
      { date: '2026-12-25', name: 'Natal' },
    ]);
  });

  it('moves Carnival, Good Friday and Corpus Christi with Easter', () => {
    expect([dateOf(2024, 'Carnaval (seg'), dateOf(2024, 'Carnaval (ter'), dateOf(2024, 'Sexta'), dateOf(2024, 'Corpus')]).toEqual(['2024-02-12', '2024-02-13', '2024-03-29', '2024-05-30']);
    expect([dateOf(2025, 'Carnaval (seg'), dateOf(2025, 'Sexta'), dateOf(2025, 'Corpus')]).toEqual(['2025-03-03', '2025-04-18', '2025-06-19']);
    expect([dateOf(2027, 'Carnaval (seg'), dateOf(2027, 'Sexta'), dateOf(2027, 'Corpus')]).toEqual(['2027-02-08', '2027-03-26', '2027-05-27']);
    expect([dateOf(2038, 'Carnaval (ter'), dateOf(2038, 'Sexta'), dateOf(2038, 'Corpus')]).toEqual(['2038-03-09', '2038-04-23', '2038-06-24']);
  });

  it('has 20 November as a national holiday from 2024 (Lei 14.759/2023) only', () => {
    expect(dateOf(2023, 'Dia Nacional de Zumbi')).toBeUndefined();
    expect(dateOf(2024, 'Dia Nacional de Zumbi')).toBe('2024-11-20');
    expect(brazilianNationalHolidays(2023)).toHaveLength(12);
    expect(brazilianNationalHolidays(2024)).toHaveLength(13);
  });

  it('keeps both names when Good Friday falls on Tiradentes', () => {
    // Easter 2000 was 23 April.
    expect(brazilianNationalHolidays(2000).filter((h) => h.date === '2000-04-21').map((h) => h.name)).toEqual(['Sexta-feira Santa', 'Tiradentes']);
  });

  it('is sorted and inside its year for any year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const dates = brazilianNationalHolidays(year).map((h) => h.date);
        expect(dates).toEqual([...dates].sort());
        for (const d of dates) expect(d.slice(0, 4)).toBe(String(year).padStart(4, '0'));
      }),
      { numRuns: 500 },
    );
  });
});
