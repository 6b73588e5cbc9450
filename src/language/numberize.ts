/**
 * Numbers written out in words, pt-BR and English: the word tables, `parseWrittenNumber()` and
 * `numberize()`, the one reader of written numbers that understanding (debtors' messages) and the
 * guardrails (outgoing texts) share.
 *
 * `numberize()` rewrites written numbers as digits ("dois mil reais" -> "2000 reais", "quatro
 * parcelas" -> "4 parcelas", "dia quinze" -> "dia 15") so the money, date and instalment rules
 * only ever look at digits. It reports where it wrote each number (WrittenSpan), because a number
 * typed in words is a different signal: "mil e quinhentos" is an amount of money even without
 * "R$", and a written number is never an invoice number.
 *
 * Input is folded text: lower case, no accents.
 */

import { monthNumber } from './calendarWords.js';

export interface WrittenSpan {
  /** Offsets in the rewritten text. */
  start: number;
  end: number;
  value: number;
  /** Only with NumberizeRules.markScaled: the number has a scale word ("dois mil", "five hundred"). */
  scaled?: boolean;
}

/**
 * Where the two readers differ. Understanding uses the defaults; the guardrails (which compare an
 * LLM's text with the template it rewrites) set every field — see GUARDRAIL_RULES in
 * phrasing/guardrails/extractNumbers.ts. They are kept apart so sharing the reader changed
 * neither's results.
 */
export interface NumberizeRules {
  /** "primeiro de dezembro", "first of December": "primeiro"/"first" is the 1st. */
  firstOfMonth?: boolean;
  /** A comma may follow a scale word inside one number: "onze mil, cento e seis". */
  commaAfterScale?: boolean;
  /**
   * When "dez" after digits stays a word (December): 'day' — after a day number, maybe with an
   * ordinal suffix ("15 de dez", "1o de dez"); 'digits' — after any digits ("2026 dez").
   */
  dezIsMonthAfter?: 'day' | 'digits';
  /** At most this many words (joiners included) make one number. */
  maxWords?: number;
  /** Report WrittenSpan.scaled. */
  markScaled?: boolean;
}

/**
 * The word tables are Maps: one lookup per word on the hot path of every message and every
 * outgoing text, and no inherited keys (a plain object's `table[w]` finds "constructor").
 */
function table(entries: Record<string, number>): ReadonlyMap<string, number> {
  return new Map(Object.entries(entries));
}

/** 0–19. "um"/"uma" are also articles; that is harmless because only numeric rules read them. */
const SMALL: ReadonlyMap<string, number> = table({
  zero: 0, um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7,
  oito: 8, nove: 9, dez: 10, onze: 11, doze: 12, treze: 13, quatorze: 14, catorze: 14, quinze: 15,
  dezesseis: 16, dezasseis: 16, dezessete: 17, dezoito: 18, dezenove: 19,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
});

const TENS: ReadonlyMap<string, number> = table({
  vinte: 20, trinta: 30, quarenta: 40, cinquenta: 50, cincoenta: 50, sessenta: 60, setenta: 70,
  oitenta: 80, noventa: 90,
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80,
  ninety: 90,
});

/** pt-BR hundreds are single words; English uses "<unit> hundred" (see HUNDRED). */
const HUNDREDS: ReadonlyMap<string, number> = table({
  cem: 100, cento: 100, duzentos: 200, duzentas: 200, trezentos: 300, trezentas: 300,
  quatrocentos: 400, quatrocentas: 400, quinhentos: 500, quinhentas: 500, seiscentos: 600,
  seiscentas: 600, setecentos: 700, setecentas: 700, oitocentos: 800, oitocentas: 800,
  novecentos: 900, novecentas: 900,
});

const HUNDRED = 'hundred';

const SCALES: ReadonlyMap<string, number> = table({
  mil: 1_000, thousand: 1_000, milhao: 1_000_000, milhoes: 1_000_000, million: 1_000_000,
  millions: 1_000_000,
});

/** Words that join parts of one number: "mil E quinhentos", "one hundred AND five". */
const JOINERS: ReadonlySet<string> = new Set(['e', 'and']);

const NUMBER_WORDS: ReadonlySet<string> = new Set([...SMALL.keys(), ...TENS.keys(), ...HUNDREDS.keys(), ...SCALES.keys(), HUNDRED]);

/** A word that can be (part of) a written number; not a joiner. */
export function isNumberWord(w: string): boolean {
  return NUMBER_WORDS.has(w);
}

function isScaleWord(w: string): boolean {
  return SCALES.has(w);
}

function valueIn(table: ReadonlyMap<string, number>, w: string): number | undefined {
  return table.get(w);
}

/**
 * Accumulator for one written number. Within a group below 1000 the parts must come in
 * decreasing order (hundreds, tens, units); a part that breaks the order starts a new number
 * ("dois tres" is two numbers). Scales must decrease too ("dois milhões e quinhentos mil").
 */
interface Acc {
  total: number;
  group: number;
  /** 4 = fresh group, 3 = hundreds used, 2 = tens used, 1 = units used. */
  rank: number;
  hasTens: boolean;
  lastScale: number;
}

function extend(acc: Acc, w: string): Acc | undefined {
  const small = valueIn(SMALL, w);
  if (small !== undefined) {
    if (acc.rank <= 1) return undefined;
    if (small >= 10 && acc.hasTens) return undefined; // "vinte onze"
    if (small === 0 && (acc.group > 0 || acc.total > 0)) return undefined;
    return { ...acc, group: acc.group + small, rank: 1 };
  }
  const tens = valueIn(TENS, w);
  if (tens !== undefined) {
    if (acc.rank <= 2) return undefined;
    return { ...acc, group: acc.group + tens, rank: 2, hasTens: true };
  }
  const hundreds = valueIn(HUNDREDS, w);
  if (hundreds !== undefined) {
    if (acc.rank <= 3) return undefined;
    return { ...acc, group: acc.group + hundreds, rank: 3 };
  }
  if (w === HUNDRED) {
    // "hundred", "a hundred", "two hundred", "fifteen hundred" (= 1500); not "twenty hundred"
    if (acc.rank === 4 && acc.group === 0) return { ...acc, group: 100, rank: 3 };
    if (acc.rank === 1 && !acc.hasTens && acc.group >= 1 && acc.group <= 19) {
      return { ...acc, group: acc.group * 100, rank: 3 };
    }
    return undefined;
  }
  const scale = valueIn(SCALES, w);
  if (scale !== undefined) {
    if (scale >= acc.lastScale) return undefined;
    const multiplier = acc.group === 0 ? 1 : acc.group;
    return { total: acc.total + multiplier * scale, group: 0, rank: 4, hasTens: false, lastScale: scale };
  }
  return undefined;
}

const FRESH: Acc = { total: 0, group: 0, rank: 4, hasTens: false, lastScale: Infinity };

/** Value of a list of number words ("mil", "e", "quinhentos"), or undefined if it is not one number. */
export function parseWrittenNumber(words: readonly string[]): number | undefined {
  let acc: Acc | undefined = FRESH;
  let expectNumber = true;
  for (const w of words) {
    if (JOINERS.has(w) && !expectNumber) {
      expectNumber = true;
      continue;
    }
    acc = acc ? extend(acc, w) : undefined;
    if (!acc) return undefined;
    expectNumber = false;
  }
  if (!acc || expectNumber) return undefined;
  return acc.total + acc.group;
}

/** Only spaces (or a hyphen, "twenty-five") may separate the words of one number. */
const GAP = /^(?:\s+|\s*-\s*)$/;

/** Between two words of one number: spaces, a hyphen ("twenty-five") or, by rule, a comma after a scale word. */
function joins(text: string, a: Word, b: Word, rules: NumberizeRules): boolean {
  const gap = text.slice(a.end, b.start);
  return GAP.test(gap) || (rules.commaAfterScale === true && isScaleWord(a.w) && /^,\s*$/.test(gap));
}

interface Word {
  w: string;
  start: number;
  end: number;
}

/**
 * Rewrite written numbers as digits. Exceptions keep other rules working:
 *  - "mil"/"thousand" right after digits stays a word ("2 mil", "1,5 mil" are read as money);
 *  - "dez" right after a day number stays a word ("15 de dez" is December);
 *  - "cento" in "por cento" stays a word ("dez por cento" is a percentage).
 */
export function numberize(text: string, rules: NumberizeRules = {}): { text: string; written: WrittenSpan[] } {
  const words: Word[] = [...text.matchAll(/[a-z]+/g)].map((m) => ({
    w: m[0],
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
  const found: Array<{ start: number; end: number; value: number; scaled: boolean }> = [];
  let i = 0;
  while (i < words.length) {
    const first = words[i];
    if (first && rules.firstOfMonth && (first.w === 'primeiro' || first.w === 'first')) {
      const next = words[i + 1];
      const month = next && (next.w === 'de' || next.w === 'of') ? words[i + 2] : undefined;
      if (next && month && monthNumber(month.w) !== undefined && joins(text, first, next, rules)) {
        found.push({ start: first.start, end: first.end, value: 1, scaled: false });
      }
      i++;
      continue;
    }
    if (!first || !isNumberWord(first.w) || !canStart(text, first.start, first.w, rules)) {
      i++;
      continue;
    }
    let acc = extend(FRESH, first.w);
    if (!acc) {
      i++;
      continue;
    }
    const limit = i + (rules.maxWords ?? Infinity);
    let last = i;
    let j = i + 1;
    for (;;) {
      const next = words[j];
      const prev = words[last];
      if (!next || !prev || j >= limit || !joins(text, prev, next, rules)) break;
      if (JOINERS.has(next.w)) {
        const after = words[j + 1];
        if (!after || j + 1 >= limit || !joins(text, next, after, rules)) break;
        const extended = extend(acc, after.w);
        if (!extended) break;
        acc = extended;
        last = j + 1;
        j += 2;
        continue;
      }
      const extended = extend(acc, next.w);
      if (!extended) break;
      acc = extended;
      last = j;
      j++;
    }
    const lastWord = words[last] ?? first;
    const scaled = words.slice(i, last + 1).some((x) => isScaleWord(x.w) || x.w === HUNDRED);
    found.push({ start: first.start, end: lastWord.end, value: acc.total + acc.group, scaled });
    i = last + 1;
  }
  if (found.length === 0) return { text, written: [] };
  let out = '';
  let cursor = 0;
  const written: WrittenSpan[] = [];
  for (const f of found) {
    out += text.slice(cursor, f.start);
    const start = out.length;
    out += String(f.value);
    written.push(rules.markScaled ? { start, end: out.length, value: f.value, scaled: f.scaled } : { start, end: out.length, value: f.value });
    cursor = f.end;
  }
  out += text.slice(cursor);
  return { text: out, written };
}

const DEZ_AFTER_DAY = /(?:^|[^\d])\d{1,2}(?:o|st|nd|rd|th)?\s+(?:de\s+)?$/;
const DEZ_AFTER_DIGITS = /\d\s+(?:de\s+)?$/;

function canStart(text: string, start: number, w: string, rules: NumberizeRules): boolean {
  const before = text.slice(Math.max(0, start - 12), start);
  if (isScaleWord(w) && /\d\s?$/.test(before)) return false; // "2 mil", "1,5mil"
  if (w === 'cento' && /\bpor\s?$/.test(before)) return false; // "dez por cento"
  const dez = rules.dezIsMonthAfter === 'digits' ? DEZ_AFTER_DIGITS : DEZ_AFTER_DAY;
  if (w === 'dez' && dez.test(before)) return false; // "15 de dez"
  return true;
}
