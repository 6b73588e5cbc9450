/**
 * 'numbers': every amount, percentage, date, time, count and code in the text equals one the
 * facts give or the template states — compared as values, so "R$ 1.234,56", "1.234,56 reais" and
 * "mil duzentos e trinta e quatro reais e cinquenta e seis centavos" are the same amount, and
 * "R$ 1.234,00" or "R$ 1.234,55" are not. The reverse holds too: an amount, rate, date, time or
 * code of the facts that the template states must still be in the text (a rewording that drops
 * the due date or a PIX code changes the substance), and so must the number of instalments.
 *
 * Opaque fact strings (PIX copia-e-cola codes, agreement ids) must appear verbatim: they are
 * copied and pasted by the debtor, so one changed character is a different payment.
 */

import { formatMoney } from '../../domain/money.js';
import { WEEKDAY_NAMES } from '../../language/calendarWords.js';
import type { Locale } from '../../language/locale.js';
import {
  allowedNumbers,
  mentionAllowed,
  numbersFromFacts,
  readingAllowed,
  weekdayOf,
  type AllowedNumbers,
} from './allowedNumbers.js';
import { analyseNumbers, extractNumbers, normalizeCode, type NumberMention, type Reading } from './extractNumbers.js';
import { factAt, maskStrings, opaqueFactStrings, quote } from './text.js';
import type { Failure } from './types.js';

export interface NumbersInput {
  text: string;
  templateText: string;
  facts: Record<string, unknown>;
  locale: Locale;
  timeZone?: string;
  now?: Date | string;
}

export function describeReading(r: Reading, locale: Locale): string {
  switch (r.kind) {
    case 'money':
      return `amount ${formatMoney(r.value as number, locale)}`;
    case 'percent':
      return `percentage ${(r.value as number) / 100}%`;
    case 'date':
      return `date ${r.value}`;
    case 'time': {
      const v = r.value as number;
      return `time ${String(Math.floor(v / 60)).padStart(2, '0')}:${String(v % 60).padStart(2, '0')}`;
    }
    case 'weekday':
      return `weekday ${WEEKDAY_NAMES[locale][r.value as number]}`;
    default:
      return `${r.kind} ${r.value}`;
  }
}

function sameReading(a: Reading, b: Reading): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind !== 'date') return a.value === b.value;
  const x = a.value as string;
  const y = b.value as string;
  if (x === y) return true;
  // A full date and a day-month without year are the same date when day and month agree.
  const dm = (s: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? `-${s.slice(4)}` : /^--\d{2}-\d{2}$/.test(s) ? s : undefined);
  return dm(x) !== undefined && dm(x) === dm(y);
}

function readings(m: NumberMention): Reading[] {
  return [m, ...(m.alts ?? [])];
}

/** The full dates a (possibly partial) date mention can denote, given the allowed dates. */
function candidateDates(a: AllowedNumbers, v: string): string[] {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return [v];
  if (/^--\d{2}-\d{2}$/.test(v)) return [...a.dates].filter((d) => `-${d.slice(4)}` === v);
  if (/^---\d{2}$/.test(v)) return [...a.dates].filter((d) => d.slice(8) === v.slice(3));
  return [];
}

function weekdayFailure(text: string, w: NumberMention, mentions: readonly NumberMention[], a: AllowedNumbers, locale: Locale): string | undefined {
  const date = mentions.find(
    (d) =>
      d.kind === 'date' &&
      ((w.end <= d.start && d.start - w.end <= 12 && /^[\s,(]*(?:dia\s+|the\s+)?$/.test(text.slice(w.end, d.start))) ||
        (d.end <= w.start && w.start - d.end <= 4 && /^[\s,(-]*$/.test(text.slice(d.end, w.start)))),
  );
  if (date) {
    const dates = candidateDates(a, date.value as string);
    if (dates.length === 0 || dates.some((d) => weekdayOf(d) === w.value)) return undefined;
    return `${quote(w.raw)} next to ${quote(date.raw)}: that date is not a ${WEEKDAY_NAMES[locale][w.value as number]}`;
  }
  return a.weekdays.has(w.value as number) ? undefined : `${quote(w.raw)} (${describeReading(w, locale)}) names a day the facts do not give`;
}

export function checkNumbers(input: NumbersInput): Failure[] {
  const failures: Failure[] = [];
  const fail = (detail: string): void => {
    if (!failures.some((f) => f.detail === detail)) failures.push({ check: 'numbers', detail });
  };
  const opaque = opaqueFactStrings(input.facts);
  const tMasked = maskStrings(input.templateText, opaque);
  const cMasked = maskStrings(input.text, opaque);
  for (const s of tMasked.found) {
    if (!cMasked.found.has(s)) fail(`the code ${quote(s, 40)} of the facts is missing or altered (it must be copied verbatim)`);
  }

  const factNums = numbersFromFacts(input.facts, { timeZone: input.timeZone ?? 'America/Sao_Paulo', now: input.now });
  const tMentions = extractNumbers(tMasked.text, input.locale);
  const { text: cText, mentions: cMentions } = analyseNumbers(cMasked.text, input.locale);
  const allowed = allowedNumbers(factNums, tMentions);

  for (const m of cMentions) {
    if (m.kind === 'weekday') {
      const why = weekdayFailure(cText, m, cMentions, allowed, input.locale);
      if (why) fail(why);
      continue;
    }
    if (!mentionAllowed(allowed, m)) fail(`${quote(m.raw)} (${describeReading(m, input.locale)}) is not in the facts or the template`);
  }

  // Omissions: what the facts say through the template must survive the rewording.
  const creditorCnpj = factAt(input.facts, 'creditor.cnpj');
  const creditorCode = typeof creditorCnpj === 'string' ? normalizeCode(creditorCnpj) : undefined;
  for (const t of tMentions) {
    if (!['money', 'percent', 'date', 'time', 'code'].includes(t.kind)) continue;
    if (t.kind === 'date' && !/^(?:\d{4})?-?-\d{2}-\d{2}$/.test(t.value as string)) continue; // "dia 15", "dezembro": examples, not facts
    if (t.kind === 'code' && t.value === creditorCode) continue; // the 'creditor' check owns the creditor's CNPJ
    if (!readingAllowed(factNums, t)) continue; // a literal of the template, not a fact
    const present = cMentions.some((c) => readings(c).some((r) => readings(t).some((x) => sameReading(x, r))));
    if (!present) fail(`${quote(t.raw)} (${describeReading(t, input.locale)}) from the template is missing`);
  }
  const n = factNums.installmentCount;
  if (n !== undefined && tMentions.some((t) => t.kind === 'count' && t.value === n)) {
    const present = cMentions.some((c) => readings(c).some((r) => r.kind === 'count' && r.value === n));
    if (!present) fail(`the number of instalments (${n}) from the template is missing`);
  }
  return failures;
}
