/**
 * The numbers a message may state: everything derivable from its facts, plus everything the
 * template text states. Each kind compares as a value (see extractNumbers.ts).
 *
 * From the facts:
 *  - money: every `…Cents` amount;  percent: every `…Percent` rate (basis points);
 *  - dates: every 'YYYY-MM-DD' value, and the local date and time of ISO timestamps (lock.until,
 *    handoff.answerBy) in the conversation's time zone;
 *  - counts: offer.installments (and one less: "the other 5"), invoiceCount, agreement.count, the
 *    length of every list, the lock's duration ("1 hora", "60 minutos");
 *  - codes: every string fact with a digit (invoice numbers, agreement id, PIX, CNPJ);
 *  - bare integers: all of the above plus day, month and year of each date, whole reais of each
 *    amount, instalment numbers (`n`).
 * From the template: every mention, by kind. A template number that the facts do not explain is
 * a literal of the template ("14 caracteres", "3 parcelas de 500", "dia 15"): it is allowed in
 * every reading, because a rewording may write it differently ("três parcelas de R$ 500").
 */

import { IDENTITY_LOCK_MS } from '../../domain/identity.js';
import { percentToBasisPoints } from '../../domain/money.js';
import { zonedParts } from '../../domain/zonedParts.js';
import { normalizeCode, type NumberMention, type Reading } from './extractNumbers.js';
import { walkFacts } from './text.js';

export interface AllowedNumbers {
  money: Set<number>;
  percent: Set<number>;
  /** Full dates 'YYYY-MM-DD'. */
  dates: Set<string>;
  /** Day-month pairs '--MM-DD' (from template partial dates, and every full date). */
  dayMonths: Set<string>;
  /** Days of month (from every date, and template "dia 15"). */
  days: Set<number>;
  months: Set<number>;
  times: Set<number>;
  counts: Set<number>;
  codes: Set<string>;
  ints: Set<number>;
  weekdays: Set<number>;
  relative: Set<string>;
  /** Largest instalment/list count the facts give: ordinals up to it are fine ("a 3ª parcela"). */
  maxOrdinal: number;
}

export interface FactNumbers extends AllowedNumbers {
  /** The number of instalments of an instalment offer: a rewording must keep it. */
  installmentCount?: number;
}

function empty(): FactNumbers {
  return {
    money: new Set(), percent: new Set(), dates: new Set(), dayMonths: new Set(), days: new Set(), months: new Set(),
    times: new Set(), counts: new Set(), codes: new Set(), ints: new Set(), weekdays: new Set(), relative: new Set(), maxOrdinal: 0,
  };
}

function localParts(iso: string, timeZone: string): { date: string; minutes: number } | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  try {
    const p = zonedParts(d, timeZone);
    const two = (n: number) => String(n).padStart(2, '0');
    return { date: `${p.year}-${two(p.month)}-${two(p.day)}`, minutes: p.hour * 60 + p.minute };
  } catch {
    return undefined;
  }
}

export function addDate(a: AllowedNumbers, iso: string): void {
  a.dates.add(iso);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  a.dayMonths.add(`-${iso.slice(4)}`);
  a.days.add(d);
  a.months.add(m);
  a.ints.add(d);
  a.ints.add(m);
  a.ints.add(y);
}

/** 0 (Sunday) … 6 of a full 'YYYY-MM-DD'. */
export function weekdayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export interface FactOptions {
  timeZone: string;
  now?: Date | string;
}

/** Numbers derivable from the facts alone. */
export function numbersFromFacts(facts: Record<string, unknown>, opts: FactOptions): FactNumbers {
  const a = empty();
  const now = opts.now === undefined ? undefined : new Date(opts.now);
  const today = now && !Number.isNaN(now.getTime()) ? localParts(now.toISOString(), opts.timeZone)?.date : undefined;
  const countFields = new Set(['installments', 'invoiceCount', 'count']);
  walkFacts(facts, (path, key, v) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return;
      if (/Cents$/.test(key)) {
        a.money.add(v);
        if (v % 100 === 0) a.ints.add(v / 100);
      } else if (/Percent$/.test(key)) {
        let bp: number;
        try {
          bp = percentToBasisPoints(v);
        } catch {
          bp = Math.round(v * 100);
        }
        a.percent.add(bp);
        if (bp % 100 === 0) a.ints.add(bp / 100);
      } else if (countFields.has(key) && Number.isInteger(v)) {
        a.counts.add(v);
        a.ints.add(v);
        a.maxOrdinal = Math.max(a.maxOrdinal, v);
        if (key === 'installments' && /(?:^|\.)offer\.installments$/.test(path)) {
          if (v > 1) a.counts.add(v - 1);
        }
      } else if (Number.isInteger(v)) {
        a.ints.add(v);
      }
      return;
    }
    if (typeof v !== 'string') return;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
      addDate(a, v);
      if (today) {
        const days = Math.round((Date.parse(v) - Date.parse(today)) / 86_400_000);
        if (days >= 0) a.counts.add(days);
      }
      return;
    }
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
      // An instant (lock.until, handoff.answerBy): its local date and clock time, as the |time
      // filter shows them in the conversation's zone. Not also in UTC: the facts carry the instant
      // in UTC ("…T11:00:00.000Z"), so "11h" is the misreading to catch, not a second way to say
      // 08:00. UTC only stands in when the zone cannot be read.
      const p = localParts(v, opts.timeZone) ?? localParts(v, 'UTC');
      if (p) {
        addDate(a, p.date);
        a.times.add(p.minutes);
        a.ints.add(Math.floor(p.minutes / 60));
      }
      if (now) {
        const ms = Date.parse(v) - now.getTime();
        if (ms > 0) {
          a.counts.add(Math.round(ms / 60_000));
          a.counts.add(Math.ceil(ms / 3_600_000));
        }
      }
      return;
    }
    if (/\d/.test(v)) {
      const code = normalizeCode(v);
      a.codes.add(code);
      if (/^\d{1,15}$/.test(code)) a.ints.add(Number(code));
    }
  });
  // Lists: their length is a count ("2 notas", "3 parcelas"); `n` of their items an ordinal.
  const lists: unknown[] = [];
  walkLists(facts, lists);
  for (const l of lists as unknown[][]) {
    a.counts.add(l.length);
    a.ints.add(l.length);
    a.maxOrdinal = Math.max(a.maxOrdinal, l.length);
    if (l.length > 1) a.counts.add(l.length - 1);
  }
  if ('lock' in facts) {
    // The lock lasts IDENTITY_LOCK_MS from the third failure: "bloqueado por 1 hora".
    a.counts.add(Math.round(IDENTITY_LOCK_MS / 3_600_000));
    a.counts.add(Math.round(IDENTITY_LOCK_MS / 60_000));
  }
  const offer = facts.offer as { kind?: unknown; installments?: unknown } | undefined;
  if (offer && offer.kind === 'installments' && typeof offer.installments === 'number') a.installmentCount = offer.installments;
  for (const c of a.counts) a.ints.add(c);
  return a;
}

function walkLists(v: unknown, out: unknown[], depth = 0): void {
  if (depth > 6 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    out.push(v);
    for (const x of v) walkLists(x, out, depth + 1);
    return;
  }
  for (const x of Object.values(v as Record<string, unknown>)) walkLists(x, out, depth + 1);
}

/** Whether one reading is explained by the facts (used to tell template literals from fact-derived numbers). */
export function readingAllowed(a: AllowedNumbers, r: Reading): boolean {
  const v = r.value;
  switch (r.kind) {
    case 'money':
      return a.money.has(v as number);
    case 'percent':
      return a.percent.has(v as number);
    case 'date':
      return dateAllowed(a, v as string);
    case 'time':
      return a.times.has(v as number);
    case 'count':
      return a.counts.has(v as number);
    case 'ordinal':
      return (v as number) >= 1 && ((v as number) <= a.maxOrdinal || a.ints.has(v as number));
    case 'code':
      return a.codes.has(v as string) || (/^\d{1,15}$/.test(v as string) && a.ints.has(Number(v)));
    case 'number':
      return a.ints.has(v as number) || (!Number.isInteger(v) && (a.money.has(Math.round((v as number) * 100)) || a.percent.has(Math.round((v as number) * 100))));
    case 'weekday':
      return a.weekdays.has(v as number);
    case 'relative':
      return a.relative.has(v as string);
  }
}

export function mentionAllowed(a: AllowedNumbers, m: NumberMention): boolean {
  if (readingAllowed(a, m)) return true;
  return (m.alts ?? []).some((r) => readingAllowed(a, r));
}

function dateAllowed(a: AllowedNumbers, v: string): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return a.dates.has(v) || a.dayMonths.has(`-${v.slice(4)}`);
  if (/^--\d{2}-\d{2}$/.test(v)) return a.dayMonths.has(v);
  if (/^---\d{2}$/.test(v)) return a.days.has(Number(v.slice(3)));
  if (/^--\d{2}$/.test(v)) return a.months.has(Number(v.slice(2)));
  return false;
}

/** Add one template mention (and, for a literal the facts do not explain, all its readings). */
function addTemplateMention(a: AllowedNumbers, m: NumberMention, literal: boolean): void {
  addReading(a, m);
  for (const r of m.alts ?? []) addReading(a, r);
  if (!literal) return;
  // A literal of the template: allowed in every reading a rewording might give it.
  const n = typeof m.value === 'number' ? m.value : /^\d{1,9}$/.test(m.value) ? Number(m.value) : undefined;
  if (n === undefined) return;
  if (m.kind === 'money') {
    if (m.value as number % 100 === 0) {
      a.ints.add((m.value as number) / 100);
      a.counts.add((m.value as number) / 100);
    }
    return;
  }
  if (m.kind === 'time') {
    a.ints.add(Math.floor(n / 60));
    a.counts.add(Math.floor(n / 60));
    return;
  }
  if (m.kind === 'percent') {
    if (n % 100 === 0) a.ints.add(n / 100);
    return;
  }
  if (m.kind === 'date') return;
  if (Number.isInteger(n)) {
    a.ints.add(n);
    a.counts.add(n);
    a.money.add(n * 100);
  }
}

function addReading(a: AllowedNumbers, r: Reading): void {
  const v = r.value;
  switch (r.kind) {
    case 'money':
      a.money.add(v as number);
      break;
    case 'percent':
      a.percent.add(v as number);
      break;
    case 'date': {
      const s = v as string;
      if (/^\d{4}-\d{2}-\d{2}$/.test(s)) addDate(a, s);
      else if (/^--\d{2}-\d{2}$/.test(s)) {
        a.dayMonths.add(s);
        a.months.add(Number(s.slice(2, 4)));
        a.days.add(Number(s.slice(5)));
        a.ints.add(Number(s.slice(2, 4)));
        a.ints.add(Number(s.slice(5)));
      } else if (/^---\d{2}$/.test(s)) {
        a.days.add(Number(s.slice(3)));
        a.ints.add(Number(s.slice(3)));
      } else if (/^--\d{2}$/.test(s)) a.months.add(Number(s.slice(2)));
      break;
    }
    case 'time':
      a.times.add(v as number);
      a.ints.add(Math.floor((v as number) / 60));
      break;
    case 'count':
      a.counts.add(v as number);
      a.ints.add(v as number);
      break;
    case 'ordinal':
      a.ints.add(v as number);
      a.maxOrdinal = Math.max(a.maxOrdinal, v as number);
      break;
    case 'code':
      a.codes.add(v as string);
      break;
    case 'number':
      a.ints.add(v as number);
      break;
    case 'weekday':
      a.weekdays.add(v as number);
      break;
    case 'relative':
      a.relative.add(v as string);
      break;
  }
}

/** Facts ∪ template: the numbers a candidate text may state. */
export function allowedNumbers(facts: FactNumbers, templateMentions: readonly NumberMention[]): AllowedNumbers {
  const a: AllowedNumbers = {
    money: new Set(facts.money), percent: new Set(facts.percent), dates: new Set(facts.dates), dayMonths: new Set(facts.dayMonths),
    days: new Set(facts.days), months: new Set(facts.months), times: new Set(facts.times), counts: new Set(facts.counts),
    codes: new Set(facts.codes), ints: new Set(facts.ints), weekdays: new Set<number>(), relative: new Set(facts.relative), maxOrdinal: facts.maxOrdinal,
  };
  // Weekdays are allowed only when the template names them ("segunda a sexta"); a weekday next to
  // a date is checked against that date instead (see numbers.ts).
  for (const m of templateMentions) addTemplateMention(a, m, !mentionAllowed(facts, m));
  return a;
}
