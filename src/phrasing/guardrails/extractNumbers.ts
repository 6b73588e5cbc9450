/**
 * Every number a message states, normalised to a comparable value, whatever way it is written.
 *
 *   kind       value                          written as
 *   money      integer cents                  "R$ 1.234,56", "1234,56", "R$1,234.56", "1.234 reais", "mil reais",
 *                                             "mil e duzentos reais", "dois mil", "2 mil", "R$ 2k", "parcelas de 500"
 *   percent    basis points                   "10%", "10 %", "dez por cento", "ten percent", "7,5%"
 *   date       'YYYY-MM-DD' | '--MM-DD'       "15/12/2026", "12/15/2026" (en), "15 de dezembro (de 2026)", "December 15",
 *              | '---DD' | '--MM'             "15/12", "dia 15", "the 15th", "em dezembro" (month only)
 *   time       minutes after midnight         "14:30", "14h30", "8h", "2:30 PM", "8am", "às 18 horas"
 *   count      integer (+ unit)               "6 parcelas", "seis parcelas", "6x", "6 vezes", "six instalments", "2 títulos", "1 hora"
 *   ordinal    integer                        "1ª", "2nd", a list marker "1." at the start of a line
 *   code       normalised string              CNPJ, CPF, phone, PIX/agreement codes, invoice numbers ("NF 10234", "10234")
 *   number     integer or decimal             anything else made of digits ("14", "2026", "7,5")
 *   weekday    0 (Sunday) … 6                 "segunda-feira", "sábado", "Friday"
 *   relative   canonical phrase               "amanhã", "semana que vem", "tomorrow", "next month"
 *
 * Written numbers are read too ("seis parcelas", "dez por cento"), but a written number only
 * counts when it is a quantity: money, percent, date, time or a count with a unit — "uma pessoa",
 * "um acordo", "os dois lados" are not numbers, and a written 1 is never a count ("uma parcela").
 *
 * Ambiguous tokens carry alternatives (`alts`): "2.000" with no currency is the number 2000 or
 * R$ 2.000,00; "2:30" in English is 02:30 or 14:30. A mention matches if any reading does.
 * Linear in the input: one pass over digit tokens with fixed-size context windows.
 */

import { parseMoneyInput } from '../../domain/money.js';
import { MONTH_ALTERNATION, MONTHS, weekdayNumber } from '../../language/calendarWords.js';
import type { Locale } from '../../language/locale.js';
import { numberize, type NumberizeRules, type WrittenSpan } from '../../language/numberize.js';
import { CNPJ_MASKED, CPF_MASKED, findLinks, findPhones } from './patterns.js';
import { fold, memo } from './text.js';

export type NumberKind =
  | 'money'
  | 'percent'
  | 'date'
  | 'time'
  | 'count'
  | 'ordinal'
  | 'code'
  | 'number'
  | 'weekday'
  | 'relative';

export type CountUnit = 'installments' | 'invoices' | 'days' | 'hours' | 'minutes' | 'weeks' | 'months' | 'years' | 'other';

export interface Reading {
  kind: NumberKind;
  value: number | string;
}

export interface NumberMention extends Reading {
  /** The mention as it reads in the analysed (folded) text. */
  raw: string;
  start: number;
  end: number;
  /** Written in words ("seis parcelas"). */
  written?: boolean;
  unit?: CountUnit;
  /** Other readings of an ambiguous token. */
  alts?: Reading[];
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Month names that stand alone as a date ("em dezembro"); "may", "march", "marco" do not (verbs, nouns). */
const LONE_MONTHS = new Set([
  'janeiro', 'fevereiro', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro',
  'january', 'february', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);

const UNIT_WORDS: ReadonlyArray<[RegExp, CountUnit]> = [
  [/^(?:parcelas?|prestac(?:ao|oes)|mensalidades?|vez(?:es)?|pagamentos?|boletos?|installments?|instalments?|payments?)$/, 'installments'],
  [/^(?:titulos?|notas?|faturas?|duplicatas?|invoices?|bills?)$/, 'invoices'],
  [/^(?:dias?|days?)$/, 'days'],
  [/^(?:horas?|hours?|hrs?|hs)$/, 'hours'],
  [/^(?:minutos?|minutes?|mins?)$/, 'minutes'],
  [/^(?:semanas?|weeks?)$/, 'weeks'],
  [/^(?:meses|mes|months?)$/, 'months'],
  [/^(?:anos?|years?)$/, 'years'],
  [/^(?:tentativas?|attempts?|caracteres?|characters?|digitos?|digits?|opcoes|opcao|options?|pessoas?|people|persons?)$/, 'other'],
];

/** Words allowed between a number and its unit ("6 parcelas mensais" needs none, "3 monthly instalments" one). */
const UNIT_ADJECTIVES = new Set([
  'mensais', 'iguais', 'fixas', 'fixos', 'novas', 'novos', 'sucessivas', 'consecutivas', 'restantes', 'demais',
  'outras', 'outros', 'abertas', 'abertos', 'vencidas', 'vencidos', 'pendentes', 'corridos', 'uteis', 'mais',
  'monthly', 'equal', 'fixed', 'new', 'consecutive', 'remaining', 'other', 'open', 'overdue', 'outstanding',
  'more', 'additional', 'adicionais', 'business', 'calendar', 'further',
]);

const SCALES: Readonly<Record<string, number>> = {
  mil: 1_000, k: 1_000, thousand: 1_000, milhao: 1_000_000, milhoes: 1_000_000, million: 1_000_000, millions: 1_000_000, mi: 1_000_000,
};

function unitOf(word: string): CountUnit | undefined {
  for (const [re, unit] of UNIT_WORDS) if (re.test(word)) return unit;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Written numbers

/**
 * How this reader differs from understanding's (see NumberizeRules): an LLM's text is compared
 * with its template, so "primeiro de dezembro" is a date, "onze mil, cento e seis" one amount, and
 * a written number with a scale word ("dois mil") reads as money even without a currency.
 */
const GUARDRAIL_RULES: NumberizeRules = {
  firstOfMonth: true,
  commaAfterScale: true,
  dezIsMonthAfter: 'digits',
  maxWords: 14,
  markScaled: true,
};

// ---------------------------------------------------------------------------------------------
// Context patterns (all anchored, applied to bounded windows)

const CURRENCY_BEFORE = /(?:r\s?\$|us\$|\$|\bbrl|\busd|\breais de)\s?$/;
const CURRENCY_AFTER = /^\s?(?:reais|real|brl|dollars?|bucks|usd)(?![a-z])/;
const CENTAVOS_ONLY = /^\s?(?:centavos?|cents?)(?![a-z])/;
const CENTS_AFTER = /^\s+(?:e|and)\s+(\d{1,2})\s+(?:centavos?|cents?)(?![a-z])/;
const SCALE_AFTER = /^\s?(mil|k|thousand|milhao|milhoes|millions?|mi)(?![a-z])/;
const SCALE_REMAINDER = /^\s+(?:e|and)\s+(\d{1,3}(?:[.,]\d{3})?)(?![\d.,])(?!\s?(?:x|vezes|parcelas?|dias|meses)\b)/;
const PER_INSTALLMENT_BEFORE =
  /(?:parcelas?|prestac(?:ao|oes)|mensalidades?|pagamentos?|boletos?|entrada|installments?|instalments?|payments?|down payment)\s+(?:(?:mensais|iguais|fixas|monthly|equal|fixed)\s+)?(?:de|of)\s+(?:r\s?\$\s?|\$\s?)?$|\d\s?x\s?(?:de\s+)?(?:r\s?\$\s?)?$/;
const PERCENT_AFTER = /^\s?(?:%|por\s?cento(?![a-z])|porcento(?![a-z])|percent(?![a-z])|per\s?cent(?![a-z])|pct(?![a-z]))/;
const DAY_MONTH_AFTER = new RegExp(
  `^(?:o|a|st|nd|rd|th)?\\.?\\s*(?:de\\s+|of\\s+)?(${MONTH_ALTERNATION})(?![a-z])\\.?(?:(?:\\s*,\\s*|\\s+de\\s+|\\s+)(\\d{4})(?![\\d]))?`,
);
const MONTH_BEFORE = new RegExp(`(?:^|[^a-z])(${MONTH_ALTERNATION})\\.?\\s+(?:the\\s+)?$`);
const YEAR_AFTER_MONTH_DAY = /^(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(\d{4})(?!\d)/;
const ORDINAL_SUFFIX = /^(?:st|nd|rd|th)(?![a-z])/;
const DIA_BEFORE = /(?:^|[^a-z])dia\s+$/;
const THE_BEFORE = /(?:^|[^a-z])(?:the|on)\s+$/;
const TIME_HM_AFTER = /^h(\d{2})?(?![a-z\d])/;
const AMPM_AFTER = /^\s?(a\.?m\.?|p\.?m\.?)(?![a-z])/;
const AT_BEFORE = /(?:^|[^a-z])(?:as|das|ate as|a partir das|at|from|until|till|by)\s+$/;
const HOURS_AFTER = /^\s?(?:horas?|hs?|hrs?|o'?clock)(?![a-z])/;
const ORDINAL_GLUED = /^(?:o|a|st|nd|rd|th)(?![a-z])/;
const CODE_BEFORE = /(?:^|[^a-z])(?:nf-?e?|nota(?: fiscal)?|fatura|invoice|titulo|duplicata|n|no|numero|number|nr|acordo|agreement|protocolo|codigo|code|id)\s?[:.#o-]?\s?$|#\s?$/;
const LIST_MARKER_AFTER = /^[.)](?:\s|$)/;
/** Letters glued to digits that do not make a code: units, scales, ordinals, clock hours. */
const GLUED_OK = /^(?:\d+(?:x|k|h|hs|hrs|am|pm|st|nd|rd|th|a|o|mil|reais|min|mins|d|mes|meses|anos)|\d{1,2}h\d{2}(?:min)?)$/;

/** Words that announce a relative date: a date the facts cannot back without knowing today. */
const RELATIVE_AT =
  /(depois de amanha|amanha|semana que vem|proxima semana|mes que vem|proximo mes|fim do mes|final do mes|fim da semana|day after tomorrow|tomorrow|next week|next month|end of (?:the |this )?month|end of (?:the |this )?week|this weekend|fim de semana)(?![a-z])/y;
const RELATIVE_FIRST = new Set(['depois', 'amanha', 'semana', 'proxima', 'mes', 'proximo', 'fim', 'final', 'day', 'tomorrow', 'next', 'end', 'this']);
const PT_BARE_WEEKDAYS = new Set(['segunda', 'terca', 'quarta', 'quinta', 'sexta']);
/** "segunda parcela", "quinta via": ordinals, not weekdays. */
const NOT_WEEKDAY_AFTER = /^\s+(?:via|vez|opcao|alternativa|parcela|prestacao|nota|fatura|boleto|pessoa|tentativa)/;
/** "segunda a sexta", "terça e quinta": a range or list of weekdays. */
const WEEKDAY_RANGE_AFTER = /^\s+(?:a|e|ou|ate)\s+(?:segunda|terca|quarta|quinta|sexta|sabado|domingo)(?![a-z])/;
const WEEKDAY_CONTEXT_BEFORE = /(?:^|[^a-z])(?:na|nesta|nessa|proxima|ate|ate a|de|toda|todas as|a|e|ou|dia)\s+$/;

// ---------------------------------------------------------------------------------------------

function isValidYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= dim && y >= 1900 && y <= 2200;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function dateValue(d: number, m: number | undefined, y: number | undefined): string | undefined {
  if (m === undefined) return d >= 1 && d <= 31 ? `---${pad(d)}` : undefined;
  if (y === undefined) return isValidYmd(2024, m, d) ? `--${pad(m)}-${pad(d)}` : undefined; // 2024: leap, so 29/02 is possible
  return isValidYmd(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

function fullYear(y: string | undefined): number | undefined {
  if (y === undefined) return undefined;
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/** Decimal value of "7,5" / "7.5" / "10" (no thousands separators). */
function plainDecimal(tok: string): number | undefined {
  if (!/^\d{1,6}(?:[.,]\d{1,4})?$/.test(tok)) return undefined;
  return Number(tok.replace(',', '.'));
}

class Claims {
  private readonly used: Uint8Array;
  constructor(length: number) {
    this.used = new Uint8Array(length + 1);
  }
  add(start: number, end: number): void {
    this.used.fill(1, start, end);
  }
  any(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.used[i]) return true;
    return false;
  }
}

export interface ExtractOptions {
  /** The text is already folded (see text.ts): skip folding. */
  folded?: boolean;
}

/** Every number in a text (see the file comment). Offsets refer to the folded, numberized text. */
export function extractNumbers(input: string, locale: Locale, options: ExtractOptions = {}): NumberMention[] {
  return analyseNumbers(input, locale, options).mentions;
}

const analysed: Record<Locale, (folded: string) => { text: string; mentions: NumberMention[] }> = {
  'pt-BR': memo((f) => analyseFolded(f, 'pt-BR')),
  en: memo((f) => analyseFolded(f, 'en')),
};

/**
 * extractNumbers, plus the analysed text (folded, written numbers as digits) its offsets refer to.
 * Memoised: treat the result as read-only.
 */
export function analyseNumbers(input: string, locale: Locale, options: ExtractOptions = {}): { text: string; mentions: NumberMention[] } {
  return analysed[locale](options.folded ? input : fold(input));
}

function analyseFolded(folded: string, locale: Locale): { text: string; mentions: NumberMention[] } {
  const { text, written } = numberize(folded, GUARDRAIL_RULES);
  const claims = new Claims(text.length);
  const writtenAt = writtenIndex(text.length, written);
  const out: NumberMention[] = [];
  const push = (m: NumberMention): void => {
    out.push(m);
    claims.add(m.start, m.end);
  };

  // Links and e-mails are the links/foreignData checks' business; their digits are not numbers here.
  for (const l of findLinks(text)) claims.add(l.start, l.end);

  for (const re of [CNPJ_MASKED, CPF_MASKED]) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      push({ kind: 'code', value: normalizeCode(m[0]), raw: m[0], start, end: start + m[0].length });
    }
  }
  for (const p of findPhones(text)) {
    if (claims.any(p.start, p.end)) continue;
    push({ kind: 'code', value: p.digits, raw: text.slice(p.start, p.end), start: p.start, end: p.end });
  }
  let cursor = 0;
  for (const m of text.matchAll(/\d+(?:[.,/:-]\d+)*/g)) {
    const tok = m[0];
    const start = m.index ?? 0;
    const end0 = start + tok.length;
    if (start < cursor || claims.any(start, end0)) continue;
    // Letters glued before the digits make a code ("AC7K2M", "NF10234"): left to the word pass below.
    if (start > 0 && /[a-z]/.test(text[start - 1] as string)) continue;
    const mention = classify(text, tok, start, end0, locale, writtenOver(writtenAt, written, start, end0));
    for (const x of mention) {
      push(x);
      cursor = Math.max(cursor, x.end);
    }
  }

  // One pass over words: codes of letters and digits, lone month names, relative dates, weekdays.
  for (const m of text.matchAll(/[a-z0-9]+/g)) {
    const w = m[0];
    const start = m.index ?? 0;
    const end = start + w.length;
    if (/\d/.test(w)) {
      // Letters and digits glued together: a code ("AC7K2M", "NF10234"), unless a unit ("6x", "2k", "14h30").
      if (!/[a-z]/.test(w) || GLUED_OK.test(w) || claims.any(start, end)) continue;
      if (/^\d/.test(w) && unitOf(w.replace(/^\d+/, '')) !== undefined) continue; // "6parcelas"
      push({ kind: 'code', value: normalizeCode(w), raw: w, start, end });
      continue;
    }
    if (LONE_MONTHS.has(w)) {
      if (!claims.any(start, end)) push({ kind: 'date', value: `--${pad(MONTHS[w] as number)}`, raw: w, start, end });
      continue;
    }
    if (RELATIVE_FIRST.has(w)) {
      RELATIVE_AT.lastIndex = start;
      const r = RELATIVE_AT.exec(text);
      if (r && !/[a-z]/.test(text[start - 1] ?? ' ')) push({ kind: 'relative', value: r[1] as string, raw: r[0], start, end: start + r[0].length });
      continue;
    }
    const day = weekdayNumber(w);
    if (day !== undefined && !/[a-z]/.test(text[start - 1] ?? ' ')) {
      const feira = /^-?feira(?![a-z])/.exec(text.slice(end, end + 7));
      if (PT_BARE_WEEKDAYS.has(w) && !feira) {
        // Bare "segunda"…"sexta" (pt) is a weekday only in a weekday context ("de segunda a sexta", "na sexta").
        const after = text.slice(end, end + 30);
        const before = text.slice(Math.max(0, start - 14), start);
        if (NOT_WEEKDAY_AFTER.test(after) || !(WEEKDAY_CONTEXT_BEFORE.test(before) || WEEKDAY_RANGE_AFTER.test(after))) continue;
      }
      const stop = end + (feira ? feira[0].length : 0);
      push({ kind: 'weekday', value: day, raw: text.slice(start, stop), start, end: stop });
    }
  }

  // Written numbers count only as quantities; a written 1 is an article ("uma parcela", "one invoice").
  const kept = out.filter((x) => {
    const w = writtenOver(writtenAt, written, x.start, x.end);
    if (!w) return true;
    x.written = true;
    if (x.kind === 'money' || x.kind === 'percent' || x.kind === 'date' || x.kind === 'time') return true;
    if (x.kind === 'count') return x.value !== 1;
    return false;
  });
  for (const x of kept) x.raw = text.slice(x.start, x.end);
  return { text, mentions: kept.sort((a, b) => a.start - b.start) };
}

/** Codes compare on letters and digits only, upper case, without a leading invoice prefix or zeros. */
export function normalizeCode(s: string): string {
  return s
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/^(?:NFE|NF|NOTA|FATURA|INVOICE|NUMERO|NO|NR|N)(?=\d)/, '')
    .replace(/^0+(?=.)/, '');
}

/** For each character of the text, 1 + the index of the written number covering it (0: none). */
function writtenIndex(length: number, written: readonly WrittenSpan[]): Int32Array {
  const at = new Int32Array(length + 1);
  written.forEach((w, i) => at.fill(i + 1, w.start, w.end));
  return at;
}

function writtenOver(at: Int32Array, written: readonly WrittenSpan[], start: number, end: number): WrittenSpan | undefined {
  for (let i = start; i < end; i++) if (at[i]) return written[(at[i] as number) - 1];
  return undefined;
}

function classify(text: string, tok: string, start: number, end: number, locale: Locale, writtenSpan: WrittenSpan | undefined): NumberMention[] {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 60);
  const isInt = /^\d+$/.test(tok);
  const n = isInt ? Number(tok) : NaN;
  const mk = (kind: NumberKind, value: number | string, e = end, extra: Partial<NumberMention> = {}): NumberMention[] => [
    { kind, value, raw: text.slice(start, e), start, end: e, ...extra },
  ];

  // --- numeric dates: 15/12/2026, 15/12, 2026-12-15, 15.12.2026, 15-12-2026
  let dm = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?$/.exec(tok) ?? /^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/.exec(tok);
  if (dm) {
    const a = Number(dm[1]);
    const b = Number(dm[2]);
    const y = fullYear(dm[3]);
    const orders: Array<[number, number]> = locale === 'en' ? [[b, a], [a, b]] : [[a, b], [b, a]];
    for (const [d, mo] of orders) {
      const v = dateValue(d, mo, y);
      if (v) return mk('date', v);
    }
    return mk('number', tok);
  }
  dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(tok);
  if (dm) {
    const v = dateValue(Number(dm[3]), Number(dm[2]), Number(dm[1]));
    return v ? mk('date', v) : mk('number', tok);
  }

  // --- clock times: 14:30, 2:30 pm, 14h30, 8h, 8am, "às 18 horas"
  dm = /^(\d{1,2}):(\d{2})$/.exec(tok);
  if (dm) {
    let h = Number(dm[1]);
    const min = Number(dm[2]);
    let e = end;
    const ap = AMPM_AFTER.exec(after);
    const alts: Reading[] = [];
    if (ap) {
      e += ap[0].length;
      const pm = (ap[1] as string).startsWith('p');
      if (pm && h < 12) h += 12;
      if (!pm && h === 12) h = 0;
    } else {
      const hm = /^\s?h(?![a-z])/.exec(after);
      if (hm) e += hm[0].length;
      if (locale === 'en' && h >= 1 && h < 12) alts.push({ kind: 'time', value: (h + 12) * 60 + min });
    }
    if (h <= 24 && min < 60) return mk('time', h * 60 + min, e, alts.length ? { alts } : {});
    return mk('number', tok);
  }
  if (isInt && tok.length <= 2) {
    const hm = TIME_HM_AFTER.exec(after);
    if (hm && n <= 23) return mk('time', n * 60 + (hm[1] ? Number(hm[1]) : 0), end + hm[0].length);
    if (hm && !hm[1]) return mk('count', n, end + hm[0].length, { unit: 'hours' }); // "24h", "48h"
    const ap = AMPM_AFTER.exec(after);
    if (ap && n >= 1 && n <= 12) {
      const pm = (ap[1] as string).startsWith('p');
      const h = pm ? (n % 12) + 12 : n % 12;
      return mk('time', h * 60, end + ap[0].length);
    }
    if (AT_BEFORE.test(before) && n <= 23) {
      const hrs = HOURS_AFTER.exec(after);
      if (hrs) return mk('time', n * 60, end + hrs[0].length);
    }
  }

  // --- dates with a month name: "15 de dezembro de 2026", "15th of December", "December 15, 2026"
  if (isInt && n >= 1 && n <= 31) {
    const dma = DAY_MONTH_AFTER.exec(after);
    if (dma && !(dma[1] === 'out' && /^\s+of(?![a-z])/.test(after.slice(dma[0].length)))) {
      const v = dateValue(n, MONTHS[dma[1] as string], dma[2] ? Number(dma[2]) : undefined);
      if (v) return mk('date', v, end + dma[0].length);
    }
    const mb = MONTH_BEFORE.exec(before);
    if (mb) {
      const ya = YEAR_AFTER_MONTH_DAY.exec(after);
      const suffix = ORDINAL_SUFFIX.exec(after);
      const v = dateValue(n, MONTHS[mb[1] as string], ya ? Number(ya[1]) : undefined);
      const monthStart = start - mb[0].length + mb[0].indexOf(mb[1] as string);
      if (v) return [{ kind: 'date', value: v, raw: '', start: monthStart, end: end + (ya ? ya[0].length : suffix ? suffix[0].length : 0) }];
    }
    if (DIA_BEFORE.test(before)) return mk('date', dateValue(n, undefined, undefined) as string);
    const suffix = ORDINAL_SUFFIX.exec(after);
    // "on the 15th" is a day; "the 2nd instalment" an ordinal.
    const nextWord = /^\s+([a-z]+)/.exec(after.slice(suffix?.[0].length ?? 0))?.[1];
    const ordinalOf = nextWord !== undefined && (unitOf(nextWord) !== undefined || /^(?:one|option|time|step)s?$/.test(nextWord));
    if (suffix && THE_BEFORE.test(before) && !ordinalOf) return mk('date', dateValue(n, undefined, undefined) as string, end + suffix[0].length);
  }

  // --- percentages
  const pc = PERCENT_AFTER.exec(after);
  if (pc) {
    const v = plainDecimal(tok);
    if (v !== undefined) return mk('percent', Math.round(v * 100), end + pc[0].length);
  }

  // --- money
  const money = moneyAt(text, tok, start, end, before, after, writtenSpan);
  if (money) return [money];

  // --- counts: "6 parcelas", "6x", "3 monthly instalments", "1 hora"
  if (isInt) {
    const c = countAfter(after);
    if (c) return mk('count', n, end + c.length, { unit: c.unit });
  }

  // --- ordinals: "1ª", "2nd", list markers
  if (isInt && ORDINAL_GLUED.test(after)) return mk('ordinal', n, end + (ORDINAL_GLUED.exec(after)?.[0].length ?? 0));
  if (isInt && tok.length <= 2 && /(?:^|\n)[ \t]*$/.test(before) && LIST_MARKER_AFTER.test(after)) return mk('ordinal', n);

  // --- codes: long digit runs, or digits right after "NF", "nº", "acordo", "#"
  if (isInt && (tok.length >= 5 || CODE_BEFORE.test(before))) {
    return mk('code', normalizeCode(tok), end, { alts: [{ kind: 'number', value: n }] });
  }
  if (/^\d[\d.\-/]{6,}\d$/.test(tok) && !/^\d{1,3}(?:[.,]\d{3})+$/.test(tok)) return mk('code', normalizeCode(tok));

  // --- bare numbers
  if (isInt) return mk('number', n);
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(tok)) {
    const cents = parseMoneyInput(tok);
    const value = Number(tok.replace(/[.,]/g, ''));
    return mk('number', value, end, cents !== null ? { alts: [{ kind: 'money', value: cents }] } : {});
  }
  const dec = plainDecimal(tok);
  if (dec !== undefined) {
    return mk('number', dec, end, { alts: [{ kind: 'money', value: Math.round(dec * 100) }, { kind: 'percent', value: Math.round(dec * 100) }] });
  }
  // Anything else ("1-3", "1.2.3"): each digit run on its own.
  return [...tok.matchAll(/\d+/g)].map((d) => ({
    kind: 'number' as const,
    value: Number(d[0]),
    raw: d[0],
    start: start + (d.index ?? 0),
    end: start + (d.index ?? 0) + d[0].length,
  }));
}

function moneyAt(
  text: string,
  tok: string,
  start: number,
  end: number,
  before: string,
  after: string,
  writtenSpan: WrittenSpan | undefined,
): NumberMention | undefined {
  const currencyBefore = CURRENCY_BEFORE.test(before);
  const scale = SCALE_AFTER.exec(after);
  const currencyAfterScale = scale ? CURRENCY_AFTER.test(after.slice(scale[0].length)) : false;
  const currencyAfter = CURRENCY_AFTER.exec(after);
  const centavos = CENTAVOS_ONLY.exec(after);
  const perInstallment = PER_INSTALLMENT_BEFORE.test(before);
  const decimals = /^\d{1,3}(?:([.,])\d{3})*[.,]\d{2}$/.test(tok) || /^\d+[.,]\d{2}$/.test(tok);
  const writtenScaled = writtenSpan?.scaled === true;
  if (!(currencyBefore || scale || currencyAfter || centavos || perInstallment || decimals || writtenScaled)) return undefined;

  if (centavos && !currencyBefore && /^\d{1,2}$/.test(tok)) {
    return { kind: 'money', value: Number(tok), raw: '', start, end: end + centavos[0].length };
  }
  let cents = parseMoneyInput(tok);
  if (cents === null) {
    // "1,5" before "mil" is fine for parseMoneyInput; "1.5k" too. Anything else is not money.
    return undefined;
  }
  let e = end;
  if (scale) {
    cents *= SCALES[scale[1] as string] as number;
    e += scale[0].length;
    const rest = SCALE_REMAINDER.exec(text.slice(e, e + 20));
    if (rest) {
      const rem = parseMoneyInput(rest[1] as string);
      if (rem !== null && rem < cents) {
        cents += rem;
        e += rest[0].length;
      }
    }
    if (currencyAfterScale) e += (CURRENCY_AFTER.exec(text.slice(e, e + 20))?.[0].length ?? 0);
  } else if (currencyAfter) {
    e += currencyAfter[0].length;
  }
  if (currencyBefore || currencyAfter || currencyAfterScale) {
    const c = CENTS_AFTER.exec(text.slice(e, e + 30));
    if (c && cents % 100 === 0) {
      cents += Number(c[1]);
      e += c[0].length;
    }
  }
  if (!Number.isSafeInteger(cents)) return undefined;
  return { kind: 'money', value: cents, raw: '', start, end: e };
}

function countAfter(after: string): { length: number; unit: CountUnit } | undefined {
  const x = /^\s?x(?![a-z])/.exec(after);
  if (x) return { length: x[0].length, unit: 'installments' };
  // The unit, after up to two adjectives ("6 parcelas", "6 equal monthly instalments").
  const m = /^(\s?)([a-z]+)(?:\s+([a-z]+))?(?:\s+([a-z]+))?/.exec(after);
  if (!m) return undefined;
  const ws = [m[2], m[3], m[4]];
  let length = (m[1] as string).length;
  for (let i = 0; i < 3; i++) {
    const w = ws[i];
    if (w === undefined) return undefined;
    const unit = unitOf(w);
    if (unit) {
      if (unit === 'days' && i === 0 && /^\s?dia\s+\d/.test(after)) return undefined;
      length = after.indexOf(w, length) + w.length;
      const paren = /^\(s\)/.exec(after.slice(length));
      return { length: length + (paren ? paren[0].length : 0), unit };
    }
    if (!UNIT_ADJECTIVES.has(w)) return undefined;
    length = after.indexOf(w, length) + w.length;
  }
  return undefined;
}
