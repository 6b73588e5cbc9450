/**
 * Dates in free text, resolved against `today` (a calendar date in the debtor's time zone) to
 * 'YYYY-MM-DD'. Runs on numberized text ("dia quinze" is already "dia 15").
 *
 * Resolution rules (all deterministic, no clock access):
 *  - "dia 15", "the 15th": the next 15th, today counts ("dia 23" on the 23rd is today); a day the
 *    month lacks moves to the next month that has it ("dia 31" in November is 31 December).
 *  - "15/12", "15 de dezembro", "Dec 15": this year if not past, else next year.
 *    Numeric dates are day/month; with locale 'en', month/day is tried first ("12/15").
 *  - "15/12/2026", "15-12-26", "2026-12-15": as written (two-digit years are 20xx).
 *  - "hoje"/"today" +0, "amanhã"/"tomorrow" +1, "depois de amanhã" +2, "semana que vem"/
 *    "next week" +7, "daqui a N dias|semanas|meses", "em N dias", "in N days|weeks|months".
 *  - weekdays ("sexta", "sexta-feira", "friday", "próxima sexta"): the next one strictly after today;
 *    "sexta da semana que vem"/"next week on friday": that weekday in the next calendar week
 *    (weeks start on Monday).
 *  - "fim do mês"/"end of the month": last day of this month; "fim do mês que vem": of next month;
 *    "mês que vem"/"next month": same day next month (clamped); "início do mês (que vem)": next 1st.
 * When several dates appear, the first one in the text wins (the longest at the same place).
 * Every matched date claims its characters so its numbers are never money or instalments.
 */

import { MONTH_ALTERNATION, MONTHS, WEEKDAY_ALTERNATION, WEEKDAYS } from '../../language/calendarWords.js';
import type { Spans } from './spans.js';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function parseYmd(s: string): Ymd | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValid(ymd) ? ymd : undefined;
}

export function formatYmd({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isValid({ y, m, d }: Ymd): boolean {
  return y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function toUtc({ y, m, d }: Ymd): number {
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): Ymd {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(date: Ymd, days: number): Ymd {
  return fromUtc(toUtc(date) + days * 86_400_000);
}

export function addMonths(date: Ymd, months: number): Ymd {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

function compare(a: Ymd, b: Ymd): number {
  return toUtc(a) - toUtc(b);
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(date: Ymd): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** Next date with day-of-month `day`, today included. */
function nextDayOfMonth(today: Ymd, day: number): Ymd | undefined {
  if (day < 1 || day > 31) return undefined;
  for (let k = 0; k < 12; k++) {
    const base = addMonths({ y: today.y, m: today.m, d: 1 }, k);
    const candidate = { ...base, d: day };
    if (isValid(candidate) && compare(candidate, today) >= 0) return candidate;
  }
  return undefined;
}

/** Day and month without a year: this year unless already past. */
function nextDayMonth(today: Ymd, day: number, month: number): Ymd | undefined {
  for (const y of [today.y, today.y + 1]) {
    const c = { y, m: month, d: day };
    if (isValid(c) && compare(c, today) >= 0) return c;
  }
  // 29 February of a non-leap year: no "next" within a year.
  return undefined;
}

const NEXT_WEEK_ALT = 'semana que vem|proxima semana|semana seguinte|next week';
/** "segunda via" (a duplicate boleto), "quinta parcela", "segunda opção" are not weekdays. */
const NOT_A_WEEKDAY_AFTER = /^\s+(?:via|vez|opcao|alternativa|parcela|prestacao|nota|fatura|boleto|option|one|installment)\b/;

type Resolver = (m: RegExpExecArray, today: Ymd, locale: string) => Ymd | undefined;

interface Rule {
  re: RegExp;
  resolve: Resolver;
  /** The rule reads a weekday word, which may instead be an ordinal ("a segunda opção"). */
  weekday?: boolean;
}

function numericDayMonth(a: number, b: number, locale: string, year: number | undefined, today: Ymd): Ymd | undefined {
  const orders: Array<[number, number]> = locale === 'en' ? [[b, a], [a, b]] : [[a, b]];
  for (const [d, m] of orders) {
    if (m < 1 || m > 12) continue;
    if (year !== undefined) {
      const c = { y: year, m, d };
      if (isValid(c)) return c;
    } else {
      const c = nextDayMonth(today, d, m);
      if (c) return c;
    }
  }
  return undefined;
}

function year4(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  return s.length === 2 ? 2000 + Number(s) : Number(s);
}

function nextWeekday(today: Ymd, target: number): Ymd {
  const delta = (target - weekday(today) + 7) % 7 || 7;
  return addDays(today, delta);
}

function weekdayOfNextWeek(today: Ymd, target: number): Ymd {
  const mondayOffset = (weekday(today) + 6) % 7; // days since Monday
  const nextMonday = addDays(today, 7 - mondayOffset);
  return addDays(nextMonday, (target + 6) % 7);
}

function lastDay(date: Ymd): Ymd {
  return { ...date, d: daysInMonth(date.y, date.m) };
}

const RULES: readonly Rule[] = [
  {
    // 2026-12-15
    re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g,
    resolve: (m) => {
      const c = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
      return isValid(c) ? c : undefined;
    },
  },
  {
    // 15/12/2026, 15-12-26, 15.12.2026 (same separator twice)
    re: /(?<![\d/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/]|[.,]\d)/g,
    resolve: (m, today, locale) => numericDayMonth(Number(m[1]), Number(m[3]), locale, year4(m[4]), today),
  },
  {
    // 15/12 (slash only: "1.500" and "10-12" are too ambiguous without a year)
    re: /(?<![\d/.,-])(\d{1,2})\/(\d{1,2})(?![\d/]|[.,]\d)/g,
    resolve: (m, today, locale) => numericDayMonth(Number(m[1]), Number(m[2]), locale, undefined, today),
  },
  {
    // (dia) 15 de dezembro (de 2026), 15 dez, 15th of December, 1o de marco
    re: new RegExp(
      `\\b(?:dia\\s+)?(\\d{1,2})(?:o|st|nd|rd|th)?\\s+(?:de\\s+|of\\s+)?(${MONTH_ALTERNATION})\\b\\.?(?:,?\\s+(?:de\\s+)?(\\d{4})\\b)?`,
      'g',
    ),
    resolve: (m, today) => {
      const d = Number(m[1]);
      const month = MONTHS[m[2] as string] as number;
      const y = year4(m[3]);
      if (y !== undefined) {
        const c = { y, m: month, d };
        return isValid(c) ? c : undefined;
      }
      return nextDayMonth(today, d, month);
    },
  },
  {
    // Dec 15, December 15th, 2026; dezembro 15
    re: new RegExp(
      `\\b(${MONTH_ALTERNATION})\\.?\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s?(?:[.,]\\d|mil\\b|k\\b|reais\\b|%|x\\b|dollars\\b|bucks\\b))(?:,?\\s+(\\d{4})\\b)?`,
      'g',
    ),
    resolve: (m, today) => {
      const month = MONTHS[m[1] as string] as number;
      const d = Number(m[2]);
      const y = year4(m[3]);
      if (y !== undefined) {
        const c = { y, m: month, d };
        return isValid(c) ? c : undefined;
      }
      return nextDayMonth(today, d, month);
    },
  },
  {
    // dia 15 (do mes que vem)
    re: /\bdia\s+(\d{1,2})\b(?![/.-]\d|[.,]\d)(\s+(?:do|de)\s+(?:mes que vem|proximo mes|mes seguinte))?/g,
    resolve: (m, today) => {
      const d = Number(m[1]);
      if (m[2]) {
        const c = { ...addMonths({ ...today, d: 1 }, 1), d };
        return isValid(c) ? c : undefined;
      }
      return nextDayOfMonth(today, d);
    },
  },
  {
    // the 15th, on the 3rd
    re: /\b(\d{1,2})(?:st|nd|rd|th)\b/g,
    resolve: (m, today) => nextDayOfMonth(today, Number(m[1])),
  },
  {
    re: /\b(?:depois de amanha|day after tomorrow)\b/g,
    resolve: (_m, today) => addDays(today, 2),
  },
  { re: /\b(?:amanha|tomorrow)\b/g, resolve: (_m, today) => addDays(today, 1) },
  { re: /\b(?:hoje|today|tonight)\b/g, resolve: (_m, today) => today },
  {
    // sexta, sexta-feira, proxima sexta, sexta que vem, sexta da semana que vem, next friday,
    // semana que vem na sexta, next week on friday
    re: new RegExp(
      `\\b(?:(${NEXT_WEEK_ALT})\\s+(?:na\\s+|on\\s+)?)?(?:proxima\\s+|proximo\\s+|next\\s+|this\\s+|nessa\\s+|essa\\s+|na\\s+)?` +
        `(${WEEKDAY_ALTERNATION})(?:[- ]feira)?\\b(?:\\s+(?:da|na|de)\\s+(${NEXT_WEEK_ALT})|\\s+que vem\\b)?`,
      'g',
    ),
    weekday: true,
    resolve: (m, today) => {
      const target = WEEKDAYS[m[2] as string] as number;
      return m[1] || m[3] ? weekdayOfNextWeek(today, target) : nextWeekday(today, target);
    },
  },
  {
    // fim do mes (que vem), final do mes, end of (the) month, end of next month
    re: /\b(?:(?:fim|final)\s+(?:do|de|deste|desse|dese)\s+(?:(proximo)\s+)?mes(\s+(?:que vem|seguinte))?|end\s+of\s+(?:the\s+)?(next\s+)?month)\b/g,
    resolve: (m, today) => lastDay(m[1] || m[2] || m[3] ? addMonths({ ...today, d: 1 }, 1) : today),
  },
  {
    // inicio do mes (que vem), comeco do proximo mes, beginning/start of next month
    re: /\b(?:(?:inicio|comeco)\s+(?:do|de)\s+(?:proximo\s+)?mes(?:\s+(?:que vem|seguinte))?|(?:beginning|start)\s+of\s+(?:the\s+|next\s+)?month)\b/g,
    resolve: (_m, today) => nextDayOfMonth(today, 1),
  },
  {
    re: /\b(?:mes que vem|proximo mes|mes seguinte|next month)\b/g,
    resolve: (_m, today) => addMonths(today, 1),
  },
  {
    re: new RegExp(`\\b(?:${NEXT_WEEK_ALT})\\b`, 'g'),
    resolve: (_m, today) => addDays(today, 7),
  },
  {
    // daqui a 10 dias, daqui 2 semanas, em 10 dias, in 10 days, dentro de 5 dias, 15 dias
    re: /\b(?:(daqui)\s+(?:a\s+)?|(?:em|in|dentro de|within)\s+)?(\d{1,3})\s+(dias?|semanas?|mes|meses|days?|weeks?|months?)\b(?!\s+(?:de\s+atraso|atrasad|em\s+atraso|overdue|late|ago|atras)\b)/g,
    resolve: (m, today) => {
      const n = Number(m[2]);
      const unit = m[3] as string;
      const isMonth = /^(?:mes|meses|months?)$/.test(unit);
      // "em 12 meses" / "12 meses" is a number of instalments, not a date: only "daqui a N meses"
      // and "in N months" are dates.
      if (isMonth) return m[1] || /^in\b/.test(m[0]) ? addMonths(today, n) : undefined;
      const days = /^(?:semanas?|weeks?)$/.test(unit) ? n * 7 : n;
      return days <= 366 ? addDays(today, days) : undefined;
    },
  },
];

export interface DateOptions {
  /** The weekday word is being used as an ordinal choice ("a segunda"): do not read a date. */
  skipWeekdays?: boolean;
}

/** First date in the text, or undefined. Claims the characters of every date it recognises. */
export function findDate(num: string, today: Ymd, locale: string, spans: Spans, opts: DateOptions = {}): string | undefined {
  const hits: Array<{ start: number; end: number; date: Ymd; weekday: boolean }> = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (const m of num.matchAll(rule.re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      if (spans.overlaps(start, end)) continue;
      if (rule.weekday) {
        if (opts.skipWeekdays) continue;
        if (NOT_A_WEEKDAY_AFTER.test(num.slice(end, end + 20))) continue;
      }
      const date = rule.resolve(m as unknown as RegExpExecArray, today, locale);
      if (date && isValid(date)) hits.push({ start, end, date, weekday: rule.weekday === true });
    }
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // Keep only non-overlapping hits (earliest, then longest) and claim them.
  const kept: typeof hits = [];
  for (const h of hits) {
    const prev = kept[kept.length - 1];
    if (prev && h.start < prev.end) continue;
    spans.add(h.start, h.end);
    kept.push(h);
  }
  const [first, second] = kept;
  if (!first) return undefined;
  // "sexta, 28/11", "sexta-feira (dia 28)": a weekday right before a calendar date names that
  // date; the calendar date is the more precise of the two.
  if (first.weekday && second && !second.weekday && /^[\s,(-]*(?:dia\s*)?$/.test(num.slice(first.end, second.start))) {
    return formatYmd(second.date);
  }
  return formatYmd(first.date);
}
