/**
 * Lexicon phrase matching on words, robust to the ways a text dodges a word list:
 *  - case, accents, look-alike letters, zero-width characters (fold, text.ts);
 *  - leetspeak inside words ("s3r@s@", "pr0cessar", "$PC");
 *  - spelling by sound: "cerasa"/"seraza"/"serassa" = "serasa", "prosesar" = "processar",
 *    "kaloteiro" = "caloteiro" (c/k, ç/s/ss/z before e/i, ph/f, y/i, doubled letters);
 *  - letters spelled out: "S.P.C.", "S P C", "s-e-r-a-s-a";
 *  - one typo (a substitution, a swap or an extra letter; not a missing letter, which would turn
 *    "negativar" into the adjective "negativa") in the long words an entry marks `fuzzy`.
 *
 * Phrase syntax: words separated by spaces; "a|b" alternatives for one word; "stem*" a prefix
 * (3+ letters); "…" any 0–2 words; " / " separates whole alternative phrases. A phrase never
 * spans a sentence end (. ! ? ; or a line break). Apostrophes inside words are dropped first
 * ("don't" = "dont"). `unless`: words that, right after the match, make it harmless
 * ("processar o pagamento"). Matching is O(words × entries per bucket): entries are indexed by their
 * first word (exact) or its first three letters (prefix), so a 100 KB text stays fast.
 */

import { fold, memo, removeNames, words, type Word } from './text.js';

export interface LexEntry {
  /** Category (hostility) or concept (promises, injection). */
  id: string;
  phrase: string;
  /** Why this entry is in the lexicon. */
  why: string;
  /** Allow one typo in its long (7+ letter) words. */
  fuzzy?: boolean;
  /** Words that cancel the hit when one of the next three words is one of them. */
  unless?: readonly string[];
}

type Alt = { key: string; prefix: boolean };
type Tok = { gap: true } | { gap: false; alts: Alt[] };

interface Compiled {
  entry: LexEntry;
  toks: Tok[];
  unless: Set<string>;
}

export interface Hit {
  entry: LexEntry;
  /** The matched words as they read in the folded text. */
  text: string;
  start: number;
  end: number;
}

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

const PHON_CACHE = new Map<string, string>();

/** Sound key of a folded word (see the file comment). Deterministic; applied to text and lexicon alike. */
export function phon(word: string): string {
  const hit = PHON_CACHE.get(word);
  if (hit !== undefined) return hit;
  const key = phonUncached(word);
  if (PHON_CACHE.size >= 20_000) PHON_CACHE.clear();
  PHON_CACHE.set(word, key);
  return key;
}

function phonUncached(word: string): string {
  let s = word;
  let letters = 0;
  for (const c of s) if (c >= 'a' && c <= 'z') letters++;
  if (letters >= 2 && /[013457@$]/.test(s)) s = s.replace(/[013457@$]/g, (c) => LEET[c] ?? c);
  s = s
    .replace(/ph/g, 'f')
    .replace(/k/g, 'c')
    .replace(/y/g, 'i')
    .replace(/z/g, 's')
    .replace(/c(?=[ei])/g, 's')
    .replace(/([a-z])\1+/g, '$1');
  return s;
}

function compile(entry: LexEntry, phrase: string): Compiled {
  const toks: Tok[] = phrase
    .trim()
    .split(/\s+/)
    .map((t): Tok => {
      if (t === '…' || t === '...') return { gap: true };
      return {
        gap: false,
        alts: t.split('|').map((a) => {
          const prefix = a.endsWith('*');
          return { key: phon(fold(prefix ? a.slice(0, -1) : a).replace(/'/g, '')), prefix };
        }),
      };
    });
  if (toks[0]?.gap !== false || toks[toks.length - 1]?.gap !== false) throw new Error(`lexicon phrase must start and end with a word: "${phrase}"`);
  return { entry, toks, unless: new Set((entry.unless ?? []).map((w) => phon(fold(w)))) };
}

/** Damerau–Levenshtein distance ≤ 1 (one insertion, deletion, substitution or swap). */
function withinOne(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class PhraseMatcher {
  private readonly exact = new Map<string, Compiled[]>();
  private readonly prefix = new Map<string, Compiled[]>();
  private readonly fuzzy = new Map<string, Compiled[]>();

  constructor(readonly entries: readonly LexEntry[]) {
    for (const e of entries) for (const phrase of e.phrase.split(' / ')) this.add(compile(e, phrase));
  }

  private add(c: Compiled): void {
    const e = c.entry;
    const first = c.toks[0] as Extract<Tok, { gap: false }>;
    for (const alt of first.alts) {
      const map = alt.prefix ? this.prefix : this.exact;
      const k = alt.prefix ? alt.key.slice(0, 3) : alt.key;
      if (alt.prefix && alt.key.length < 3) throw new Error(`prefix too short in "${e.phrase}"`);
      map.set(k, [...(map.get(k) ?? []), c]);
      if (e.fuzzy && !alt.prefix && alt.key.length >= 7) this.fuzzy.set(alt.key[0]!, [...(this.fuzzy.get(alt.key[0]!) ?? []), c]);
    }
  }

  /** All hits in a text. `names` (creditor, debtor company) are removed first: a name is not a word choice. */
  find(text: string, names: readonly string[] = []): Hit[] {
    const folded = removeNames(fold(text), names);
    return this.findFolded(folded);
  }

  /** Hits in an already folded text (memoised: treat the result as read-only). */
  readonly findFolded: (folded: string) => Hit[] = memo((folded) => this.scan(folded));

  private scan(input: string): Hit[] {
    const { folded, ws, keys, breaks } = tokenize(input);
    const hits: Hit[] = [];
    for (let i = 0; i < ws.length; i++) {
      const k = keys[i]!;
      const exact = this.exact.get(k);
      const prefix = this.prefix.get(k.slice(0, 3));
      const fuzzy = k.length >= 6 ? this.fuzzy.get(k[0]!) : undefined;
      if (!exact && !prefix && !fuzzy) continue;
      const cands = new Set<Compiled>([...(exact ?? []), ...(prefix ?? []), ...(fuzzy ?? [])]);
      for (const c of cands) {
        const end = this.matchAt(c, 0, keys, i, breaks);
        if (end < 0) continue;
        if (c.unless.size > 0 && keys.slice(end, end + 3).some((x, j) => c.unless.has(x) && !breaks.slice(end - 1, end + j).some(Boolean))) continue;
        const start = ws[i]!.start;
        const stop = ws[end - 1]!.end;
        hits.push({ entry: c.entry, text: folded.slice(start, stop), start, end: stop });
      }
    }
    return hits;
  }

  /** Index after the last matched word, or -1. */
  private matchAt(c: Compiled, ti: number, keys: readonly string[], wi: number, breaks: readonly boolean[]): number {
    if (ti === c.toks.length) return wi;
    // Every word after the first must be in the same sentence as the one before it.
    if (ti > 0 && (wi === 0 || breaks[wi - 1])) return -1;
    const tok = c.toks[ti]!;
    if (tok.gap) {
      for (let skip = 0; skip <= 2 && wi + skip <= keys.length; skip++) {
        if (skip > 0 && breaks[wi + skip - 1]) break;
        const r = this.matchAt(c, ti + 1, keys, wi + skip, breaks);
        if (r >= 0) return r;
      }
      return -1;
    }
    const k = keys[wi];
    if (k === undefined) return -1;
    const ok = tok.alts.some((a) => (a.prefix ? k.startsWith(a.key) : k === a.key || (c.entry.fuzzy === true && a.key.length >= 7 && k.length >= a.key.length && k[0] === a.key[0] && withinOne(k, a.key))));
    return ok ? this.matchAt(c, ti + 1, keys, wi + 1, breaks) : -1;
  }
}

interface Tokens {
  folded: string;
  ws: Word[];
  keys: string[];
  /** breaks[i]: a sentence ends between word i and word i + 1. */
  breaks: boolean[];
}

/** Words, sound keys and sentence breaks of a folded text; shared by every matcher (memoised). */
const tokenize = memo((input: string): Tokens => {
  const folded = input.replace(/([a-z])'(?=[a-z])/g, '$1');
  const ws = joinSpelledOut(folded, words(folded));
  const keys = ws.map((w) => phon(w.w));
  const breaks = ws.map((w, i) => i + 1 < ws.length && /[.!?;\n]/.test(folded.slice(w.end, ws[i + 1]!.start)));
  return { folded, ws, keys, breaks };
});

/**
 * "s.p.c", "s p c", "s-e-r-a-s-a" -> one word. Runs of single characters joined by one
 * separator: 3+ with a dot, dash, underscore or asterisk; 3+ consonants, or 4+ of anything, with spaces.
 */
function joinSpelledOut(folded: string, ws: Word[]): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < ws.length) {
    let j = i;
    let spacesOnly = true;
    while (j + 1 < ws.length && ws[j]!.w.length === 1 && ws[j + 1]!.w.length === 1) {
      const gap = folded.slice(ws[j]!.end, ws[j + 1]!.start);
      if (!/^[ .\-_*]$/.test(gap)) break;
      if (gap !== ' ') spacesOnly = false;
      j++;
    }
    const run = j - i + 1;
    const letters = ws.slice(i, j + 1).map((w) => w.w).join('');
    const join = run >= 3 && (!spacesOnly || run >= 4 || !/[aeiou]/.test(letters));
    if (join) {
      out.push({ w: letters, start: ws[i]!.start, end: ws[j]!.end });
      i = j + 1;
    } else {
      out.push(ws[i]!);
      i++;
    }
  }
  return out;
}
