// Text utilities shared by the checks. Everything here is linear in the input length: no regex
// with nested or overlapping quantifiers, no unbounded look-behind.

/** Latin look-alikes (Cyrillic, Greek) used to dodge lexicons: "Ѕеrаѕа" is "Serasa". */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y',
  х: 'x', і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g', ο: 'o', α: 'a', ε: 'e', ι: 'i', κ: 'k',
  ν: 'v', ρ: 'p', τ: 't', υ: 'u', χ: 'x', β: 'b', μ: 'u',
};
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g');

/**
 * Memoise a function of one string (bounded, oldest evicted first). The checks fold and scan the
 * same template and candidate several times per checkText call; results are treated as
 * read-only by every caller, so sharing them is safe.
 */
export function memo<T>(fn: (s: string) => T, size = 64): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string): T => {
    if (s.length > 20_000) return fn(s); // huge texts fail the length check anyway: do not keep them
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as T;
    const v = fn(s);
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(s, v);
    return v;
  };
}

/**
 * Canonical form for analysis: NFKC (fullwidth letters, ligatures, "ª"/"º" become plain
 * letters), invisible characters removed (zero-width space, soft hyphen, BOM: they split words to
 * dodge lexicons), every kind of space a plain space, dashes "-", curly quotes straight (backticks stay: they are markdown), lower
 * case, accents stripped, look-alike letters mapped to Latin.
 */
export const fold = memo(foldUncached, 128);

function foldUncached(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u034F\u180E]/g, '')
    .replace(/[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201A\u201B\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u00AB\u00BB]/g, '"')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c);
}

/** Collapse runs of whitespace: for substring comparisons of names and codes. */
export function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Code points, not UTF-16 units: an emoji is one character. */
export function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Every string and number in the facts, depth first, with its key path ("agreement.installments.0.pix"). */
export function walkFacts(facts: unknown, visit: (path: string, key: string, value: string | number | boolean) => void): void {
  const seen = new Set<unknown>();
  const go = (v: unknown, path: string, key: string, depth: number): void => {
    if (depth > 8) return;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      visit(path, key, v);
      return;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((item, i) => go(item, path ? `${path}.${i}` : String(i), key, depth + 1));
      return;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) go(child, path ? `${path}.${k}` : k, k, depth + 1);
  };
  go(facts, '', '', 0);
}

/** Every string value in the facts. */
export function factStrings(facts: Record<string, unknown>): string[] {
  const out: string[] = [];
  walkFacts(facts, (_p, _k, v) => {
    if (typeof v === 'string') out.push(v);
  });
  return out;
}

/** The value at a dotted path, or undefined. */
export function factAt(facts: Record<string, unknown>, path: string): unknown {
  let cur: unknown = facts;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/**
 * Long opaque fact strings (PIX copia-e-cola codes, agreement ids): they contain e-mails, names,
 * cities and digits that every other check would misread, so they are cut out before analysis.
 * Only verbatim copies are cut: a PIX code with one character changed stays in the text and
 * fails the numbers check as an unknown code.
 */
export function opaqueFactStrings(facts: Record<string, unknown>): string[] {
  const out = new Set<string>();
  walkFacts(facts, (_p, key, v) => {
    if (typeof v !== 'string') return;
    const opaque = v.length >= 12 && /\d/.test(v) && /[A-Za-z]/.test(v) && /^[\x21-\x7e]+$/.test(v) && !/^\d{4}-\d{2}-\d{2}/.test(v);
    if ((opaque && key !== 'cnpj') || (key === 'pix' && v.length > 0)) out.add(v);
  });
  return [...out].sort((a, b) => b.length - a.length);
}

export const MASK = '\u00A4';

/** Replace each occurrence of the given strings by " ¤ " (longest first). Returns the masked text and which were found. */
export function maskStrings(text: string, strings: readonly string[]): { text: string; found: Set<string> } {
  const found = new Set<string>();
  let out = text;
  for (const s of strings) {
    if (s.length === 0 || !out.includes(s)) continue;
    found.add(s);
    out = out.split(s).join(` ${MASK} `);
  }
  return { text: out, found };
}

export interface Word {
  /** The word as folded ("negativacao"). */
  w: string;
  start: number;
  end: number;
}

/** Words of a folded text: runs of letters and digits (plus @ and $, for "s3r@s@"). */
export function words(folded: string): Word[] {
  const out: Word[] = [];
  for (const m of folded.matchAll(/[a-z0-9@$]+/g)) {
    const start = m.index ?? 0;
    out.push({ w: m[0], start, end: start + m[0].length });
  }
  return out;
}

/** A short quote of the text for failure details. */
export function quote(s: string, max = 60): string {
  const t = squash(s);
  return `"${t.length > max ? `${t.slice(0, max - 1)}…` : t}"`;
}

/** Remove the given names (creditor, debtor company) from a folded text so lexicons do not read them. */
export function removeNames(folded: string, names: readonly string[]): string {
  let out = folded;
  for (const n of names) {
    const f = squash(fold(n));
    if (f.length >= 3 && out.includes(f)) out = out.split(f).join(' ');
  }
  return out;
}

/** Names in the facts: creditor and debtor company. */
export function factNames(facts: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const p of ['creditor.name', 'debt.companyName']) {
    const v = factAt(facts, p);
    if (typeof v === 'string' && v.trim() !== '') out.push(v);
  }
  return out;
}
