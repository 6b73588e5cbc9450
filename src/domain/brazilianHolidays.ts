// Brazil's national holidays for any year, computed rather than listed so that no table runs out.
// Fixed dates come from federal law (Lei 662/1949 and later ones); the moveable ones follow Easter.
// State and municipal holidays vary by place: the creditor adds them to the contact policy.

import { addDays, type IsoDate } from './dates.js';

export interface Holiday {
  date: IsoDate;
  name: string;
}

/** The Gregorian computus works from 1583, the first full year of the Gregorian calendar. */
export const FIRST_GREGORIAN_YEAR = 1583;
export const LAST_SUPPORTED_YEAR = 9999;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new RangeError(`year must be an integer from ${FIRST_GREGORIAN_YEAR} to ${LAST_SUPPORTED_YEAR}, got ${year}`);
  }
}

function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher): integer arithmetic only. */
export function easterSunday(year: number): IsoDate {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** Lei 14.759/2023 (published in December 2023) made 20 November a national holiday from 2024. */
const CONSCIENCIA_NEGRA_FROM = 2024;

/** The national holidays of `year`, sorted by date (two on one day, e.g. Good Friday on 21 April, both appear). */
export function brazilianNationalHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const holidays: Holiday[] = [
    { date: iso(year, 1, 1), name: 'Confraternização Universal' },
    // Carnival is a "ponto facultativo" nationally, not a legal holiday; offices close and nobody
    // expects a collection message then, so the contact policy treats both days as holidays.
    { date: addDays(easter, -48), name: 'Carnaval (segunda-feira)' },
    { date: addDays(easter, -47), name: 'Carnaval (terça-feira)' },
    { date: addDays(easter, -2), name: 'Sexta-feira Santa' },
    { date: iso(year, 4, 21), name: 'Tiradentes' },
    { date: iso(year, 5, 1), name: 'Dia do Trabalho' },
    // Also a ponto facultativo in federal terms, but a holiday in most municipalities.
    { date: addDays(easter, 60), name: 'Corpus Christi' },
    { date: iso(year, 9, 7), name: 'Independência do Brasil' },
    { date: iso(year, 10, 12), name: 'Nossa Senhora Aparecida' },
    { date: iso(year, 11, 2), name: 'Finados' },
    { date: iso(year, 11, 15), name: 'Proclamação da República' },
    ...(year >= CONSCIENCIA_NEGRA_FROM ? [{ date: iso(year, 11, 20), name: 'Dia Nacional de Zumbi e da Consciência Negra' }] : []),
    { date: iso(year, 12, 25), name: 'Natal' },
  ];
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}
