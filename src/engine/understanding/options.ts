/**
 * Which of the offered options the debtor picked.
 *
 * A debtor answers an option by its number, its label, or the words of it (product rule). In
 * order of confidence:
 *  1. by number: the message is just a number once polite filler is removed ("2", "a 2",
 *     "opção 2", "quero a opção 2 por favor", "2️⃣", "dois"), or says "opção N" anywhere;
 *  2. by ordinal: "a segunda", "segunda opção", "the second one", "a última";
 *  3. by label or synonym: the whole label appears in the message (accent/case-insensitive);
 *  4. by the words of it: distinctive words of one label (words no other option shares) appear in
 *     the message, allowing inflection and one typo ("parcelar"/"parsela" ~ "Parcelado"), and they
 *     make up at least a third of the message's content words (so one stray "desconto" in a long
 *     message does not pick the discount option);
 *  5. by instalment count: plans offered as "3x de R$ 1.000" / "6x de R$ 520" are picked by
 *     "3x", "em 6 vezes", "dez parcelas" when exactly one label has that count.
 * Numbers inside labels are ignored by (4): "4x" must not pick "Parcelado em 6x" by accident.
 * A negated label word does not count ("não quero parcelar").
 */

import { numberize } from '../../language/numberize.js';
import { isNegated } from './negation.js';
import { normalize, wordsOnly } from './normalize.js';

export interface OptionSpec {
  id: string;
  label: string;
  synonyms?: string[];
}

/** Words that carry no choice of their own around a number or ordinal. */
const FILLER: ReadonlySet<string> = new Set([
  'quero', 'queria', 'gostaria', 'prefiro', 'escolho', 'escolhi', 'escolher', 'vou', 'de', 'fico',
  'com', 'a', 'o', 'as', 'os', 'opcao', 'alternativa', 'numero', 'item', 'essa', 'esta', 'esse',
  'este', 'entao', 'pode', 'ser', 'seria', 'sera', 'por', 'favor', 'sim', 'ok', 'e', 'mesmo',
  'beleza', 'isso', 'la', 'eu', 'acho', 'melhor', 'fechado', 'manda', 'vai',
  'the', 'option', 'number', 'choice', 'i', 'want', 'ill', 'will', 'take', 'pick', 'choose', 'go',
  'with', 'please', 'id', 'like', 'select', 'one', 'lets', 'yes', 'sure',
]);

const OPTION_NOUNS: ReadonlySet<string> = new Set(['opcao', 'alternativa', 'option', 'one', 'choice', 'item']);

/** Ordinals; -1 is "the last one". "segunda"/"quinta"/"sexta" are also weekdays: see dates.ts. */
const ORDINALS: Readonly<Record<string, number>> = {
  primeira: 1, primeiro: 1, '1a': 1, '1o': 1, first: 1, '1st': 1,
  segunda: 2, segundo: 2, '2a': 2, '2o': 2, second: 2, '2nd': 2,
  terceira: 3, terceiro: 3, '3a': 3, '3o': 3, third: 3, '3rd': 3,
  quarta: 4, quarto: 4, '4a': 4, '4o': 4, fourth: 4, '4th': 4,
  quinta: 5, quinto: 5, '5a': 5, '5o': 5, fifth: 5, '5th': 5,
  sexta: 6, sexto: 6, '6a': 6, '6o': 6, sixth: 6, '6th': 6,
  ultima: -1, ultimo: -1, last: -1,
};

const EXPLICIT = /\b(?:opcao|alternativa|option|item|escolha|choice)\s*(?:numero\s*)?#?\s*(\d{1,2})\b(?![.,]\d|\s?(?:x\b|mil\b|k\b|%|reais|vezes|parcelas))/;

export interface NumberChoice {
  index: number; // 1-based
  start: number;
  end: number;
}

/** Choice by number, on numberized text. Returns where the number is so no other rule reads it. */
export function choiceByNumber(num: string, count: number): NumberChoice | undefined {
  const explicit = EXPLICIT.exec(num);
  if (explicit) {
    const n = Number(explicit[1]);
    const start = (explicit.index ?? 0) + explicit[0].lastIndexOf(explicit[1] as string);
    if (n >= 1 && n <= count) return { index: n, start, end: start + (explicit[1] as string).length };
  }
  const tokens = [...num.matchAll(/[a-z]+|\d+(?:[.,]\d+)*|[^\sa-z\d]/g)];
  const rest = tokens.filter((t) => !FILLER.has(t[0]) && !/^[.,!?;:)(#*+=-]$/.test(t[0]));
  const only = rest[0];
  if (rest.length !== 1 || !only || !/^\d{1,2}$/.test(only[0])) return undefined;
  const n = Number(only[0]);
  if (n < 1 || n > count) return undefined;
  const start = only.index ?? 0;
  return { index: n, start, end: start + only[0].length };
}

/** Choice by ordinal word, on normalised text. 1-based index or undefined. */
export function choiceByOrdinal(norm: string, count: number): number | undefined {
  const words = wordsOnly(norm).split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const ord = ORDINALS[w];
    if (ord === undefined) continue;
    const prev = words[i - 1];
    const next = words[i + 1];
    const adjacent = (prev !== undefined && OPTION_NOUNS.has(prev)) || (next !== undefined && OPTION_NOUNS.has(next));
    const alone = words.every((x, k) => k === i || FILLER.has(x) || OPTION_NOUNS.has(x));
    if (!adjacent && !alone) continue;
    const index = ord === -1 ? count : ord;
    if (index >= 1 && index <= count) return index;
  }
  return undefined;
}

const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'o', 'as', 'os', 'um', 'uma', 'uns', 'umas', 'de', 'da', 'do', 'das', 'dos', 'em', 'no', 'na',
  'nos', 'nas', 'com', 'sem', 'para', 'pra', 'pro', 'por', 'e', 'ou', 'ate', 'que', 'se', 'meu',
  'minha', 'seu', 'sua', 'eu', 'quero', 'me', 'te', 'voce', 'opcao', 'pagar', 'pago', 'pagamento',
  'the', 'an', 'of', 'in', 'on', 'to', 'for', 'with', 'and', 'or', 'up', 'my', 'your', 'i', 'want',
  'option', 'pay', 'payment', 'mais', 'more',
  // verbs and courtesy that say nothing about which option (they would dilute the coverage ratio)
  'pode', 'ser', 'tenho', 'temos', 'consigo', 'fazer', 'vou', 'vai', 'esta', 'estou', 'isso', 'esse',
  'essa', 'entao', 'acho', 'melhor', 'prefiro', 'gostaria', 'queria', 'favor', 'bom', 'dia', 'tarde',
  'noite', 'sim', 'please', 'like', 'would', 'can', 'could', 'prefer', 'rather', 'take', 'lets', 'thanks',
]);

function contentWords(phrase: string): string[] {
  return (phrase.match(/[a-z]+/g) ?? []).filter((w) => w.length >= 3 && !STOPWORDS.has(w));
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/**
 * Same word, allowing inflection ("parcelar" ~ "parcelado": common prefix of 5+) and one typo
 * ("atendenti" ~ "atendente"; "parsela" ~ "parcelado" on their first six letters).
 */
export function fuzzyEq(a: string, b: string): boolean {
  if (a === b) return true;
  const min = Math.min(a.length, b.length);
  if (min < 4) return false;
  let p = 0;
  while (p < min && a[p] === b[p]) p++;
  if (p >= 5 || (p === min && min >= 4)) return true;
  if (min >= 5 && levenshtein(a, b) <= 1) return true;
  if (min >= 6 && levenshtein(a.slice(0, 6), b.slice(0, 6)) <= 1) return true;
  return false;
}

function phrasesOf(o: OptionSpec): string[] {
  return [o.label, ...(o.synonyms ?? [])].map((p) => wordsOnly(normalize(p))).filter((p) => p.length > 0);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Choice by label, synonym or distinctive label words, on normalised text. 1-based or undefined. */
export function choiceByWords(norm: string, options: readonly OptionSpec[]): number | undefined {
  const text = wordsOnly(norm);
  if (text === '') return undefined;
  const phrases = options.map(phrasesOf);

  // exact label / synonym
  for (let i = 0; i < options.length; i++) if ((phrases[i] as string[]).includes(text)) return i + 1;

  // whole label / synonym inside the message (longest wins), unless negated
  let best: { index: number; len: number } | undefined;
  for (let i = 0; i < options.length; i++) {
    for (const p of phrases[i] as string[]) {
      if (p.length < 3 || (best && best.len >= p.length)) continue;
      const re = new RegExp(`(?<![a-z0-9])${p.split(' ').map(escapeRe).join('[^a-z0-9]+')}(?![a-z0-9])`);
      const m = re.exec(norm);
      if (m && !isNegated(norm, m.index, 'loose', 4)) best = { index: i + 1, len: p.length };
    }
  }
  if (best) return best.index;

  // distinctive words
  const words = phrases.map((ps) => [...new Set(ps.flatMap(contentWords))]);
  const distinctive = words.map((ws, i) =>
    ws.filter((w) => !words.some((other, j) => j !== i && other.some((o) => fuzzyEq(o, w)))),
  );
  const textWords = [...norm.matchAll(/[a-z]+/g)].filter((m) => m[0].length >= 3 && !STOPWORDS.has(m[0]));
  const scores = distinctive.map((ws) =>
    ws.filter((w) => textWords.some((t) => fuzzyEq(t[0], w) && !isNegated(norm, t.index ?? 0, 'loose', 4))).length,
  );
  const top = Math.max(0, ...scores);
  if (top === 0 || scores.filter((s) => s === top).length > 1) return undefined;
  if (top / textWords.length < 1 / 3) return undefined;
  return scores.indexOf(top) + 1;
}

/** Choice by the instalment count the debtor said (see 5. above). 1-based or undefined. */
export function choiceByInstallments(count: number, options: readonly OptionSpec[]): number | undefined {
  const re = new RegExp(`(?<![\\d.,])${count}\\s?(?:x(?![a-z])|vezes|parcelas|prestacoes|installments|payments|meses|months)`);
  const hits = options
    .map((o, i) => ({ i, labels: [o.label, ...(o.synonyms ?? [])].map((l) => numberize(normalize(l)).text) }))
    .filter(({ labels }) => labels.some((l) => re.test(l)));
  return hits.length === 1 ? (hits[0] as { i: number }).i + 1 : undefined;
}
