/**
 * Month and weekday names as they read in folded text (lower case, no accents: see
 * engine/understanding/normalize.ts and phrasing/guardrails/text.ts), in pt-BR and English.
 * Understanding reads them in debtors' messages; the guardrails read them in outgoing texts.
 */

import type { Locale } from './locale.js';

/** Month number (1–12) by full name or abbreviation. */
export const MONTHS: Readonly<Record<string, number>> = {
  janeiro: 1, fevereiro: 2, marco: 3, abril: 4, maio: 5, junho: 6, julho: 7, agosto: 8, setembro: 9,
  outubro: 10, novembro: 11, dezembro: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9,
  october: 10, november: 11, december: 12,
  jan: 1, fev: 2, feb: 2, mar: 3, abr: 4, apr: 4, mai: 5, jun: 6, jul: 7, ago: 8, aug: 8, sept: 9, set: 9,
  sep: 9, out: 10, oct: 10, nov: 11, dez: 12, dec: 12,
};

/** The month a word names (own keys only: "constructor" is no month), or undefined. */
export function monthNumber(word: string): number | undefined {
  return Object.hasOwn(MONTHS, word) ? MONTHS[word] : undefined;
}

/**
 * Every key of MONTHS as a regex alternation, longest first so a full name wins over its
 * abbreviation when nothing after the group forces the choice.
 */
export const MONTH_ALTERNATION = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Day of the week, 0 (Sunday) … 6, as JavaScript's Date.getUTCDay() numbers them. */
export const WEEKDAYS: Readonly<Record<string, number>> = {
  domingo: 0, segunda: 1, terca: 2, quarta: 3, quinta: 4, sexta: 5, sabado: 6,
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};

/** The weekday a word names (own keys only), or undefined. */
export function weekdayNumber(word: string): number | undefined {
  return Object.hasOwn(WEEKDAYS, word) ? WEEKDAYS[word] : undefined;
}

/** Every key of WEEKDAYS as a regex alternation (no name is a prefix of another). */
export const WEEKDAY_ALTERNATION = Object.keys(WEEKDAYS).join('|');

/** Weekday names as a message shows them, indexed 0 (Sunday) … 6. */
export const WEEKDAY_NAMES: Readonly<Record<Locale, readonly string[]>> = {
  'pt-BR': ['domingo', 'segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
