import { memo } from './text.js';

// Patterns shared by several checks: links and e-mails, phone numbers, CNPJ/CPF shapes.
// Each finder is linear: candidates are located by a cheap scan (a character, a digit run) and
// then tested with anchored, bounded regexes.

export interface Found {
  kind: 'url' | 'domain' | 'email';
  /** Lower case, without scheme, "www." and trailing punctuation. */
  value: string;
  start: number;
  end: number;
}

/** Top-level domains worth recognising in a bare "name.tld" (a sentence typo like "pix.depois" has none). */
const TLDS = new Set([
  'com', 'br', 'net', 'org', 'io', 'me', 'ly', 'app', 'info', 'biz', 'co', 'xyz', 'link', 'site', 'online',
  'gov', 'edu', 'ai', 'gl', 'gg', 'to', 'tv', 'us', 'uk', 'pt', 'es', 'de', 'fr', 'it', 'store', 'shop',
  'pay', 'cash', 'bank', 'finance', 'top', 'club', 'live', 'ws', 'cc', 'li', 'sh', 'dev', 'page', 'tk', 'ml',
  'ga', 'cf', 'click', 'money', 'legal', 'law', 'email', 'mobi', 'one', 'digital', 'tech', 'cloud', 'website',
]);

/** Whitespace-delimited chunks, with trailing/leading punctuation trimmed. */
function chunks(text: string): { s: string; start: number }[] {
  const out: { s: string; start: number }[] = [];
  for (const m of text.matchAll(/[^\s<>"'()[\]{}]+/g)) {
    let s = m[0];
    if (!/[.@:]/.test(s)) continue; // no link or e-mail without a dot, an @ or a scheme
    let start = m.index ?? 0;
    const lead = /^[.,;:!?*_~-]+/.exec(s);
    if (lead) {
      start += lead[0].length;
      s = s.slice(lead[0].length);
    }
    s = s.replace(/[.,;:!?*_~-]+$/, '');
    if (s) out.push({ s, start });
  }
  return out;
}

const EMAIL = /^[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}$/i;
const SCHEME = /^(?:https?|ftp|wss?):\/\//i;
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}([a-z]{2,24})(?::\d{1,5})?(?:[/?#][^\s]*)?$/i;

/** URLs ("https://…", "www.…", "bit.ly/x", "pague.me") and e-mails in a text (memoised: read-only result). */
export const findLinks = memo(findLinksUncached);

function findLinksUncached(text: string): Found[] {
  // Nothing can be a link without an @, a scheme, "www." or a dot between a letter/digit and two letters.
  if (!/@|:\/\/|www\.|[a-z0-9-]\.[a-z]{2}/i.test(text)) return [];
  const out: Found[] = [];
  for (const { s, start } of chunks(text)) {
    if (s.length > 2048) {
      // A 2 KB run without spaces is not a message; report it when it carries a scheme.
      if (/(?:https?:\/\/|www\.)/i.test(s.slice(0, 4096))) out.push({ kind: 'url', value: s.slice(0, 80).toLowerCase(), start, end: start + s.length });
      continue;
    }
    const at = s.indexOf('@');
    if (at > 0) {
      // "email:a@b.com" or "(a@b.com)": take the e-mail-looking part around the @.
      const local = /[a-z0-9._%+-]+$/i.exec(s.slice(0, at));
      const domain = /^[a-z0-9.-]+/i.exec(s.slice(at + 1));
      if (local && domain) {
        const email = `${local[0]}@${domain[0].replace(/\.+$/, '')}`;
        if (EMAIL.test(email)) {
          const eStart = start + at - local[0].length;
          out.push({ kind: 'email', value: email.toLowerCase(), start: eStart, end: eStart + email.length });
          continue;
        }
      }
    }
    if (SCHEME.test(s)) {
      out.push({ kind: 'url', value: normalizeLink(s), start, end: start + s.length });
      continue;
    }
    const h = HOST.exec(s);
    const tld = h?.[1] ?? '';
    // A capitalised "TLD" is a missing space after a full stop ("obrigado.Me avise"), not a domain.
    if (h && TLDS.has(tld.toLowerCase()) && (tld === tld.toLowerCase() || /^www\./i.test(s)) && /[a-z]/i.test(s.split('.')[0] ?? '')) {
      // "R$1.234,56" or "1.5" never get here (the TLD must be letters); "Ltda.me" is a domain.
      out.push({ kind: /^www\./i.test(s) || /[/?#]/.test(s) ? 'url' : 'domain', value: normalizeLink(s), start, end: start + s.length });
    }
  }
  return out;
}

/** "HTTPS://www.Exemplo.com.br/pagar/" -> "exemplo.com.br/pagar". */
export function normalizeLink(s: string): string {
  return s
    .trim()
    .toLowerCase()
    .replace(SCHEME, '')
    .replace(/^www\./, '')
    .replace(/[/.,;:!?]+$/, '');
}

/** The host of a normalised link or the domain of an e-mail. */
export function hostOf(normalised: string): string {
  const at = normalised.lastIndexOf('@');
  const rest = at >= 0 ? normalised.slice(at + 1) : normalised;
  return rest.split(/[/?#:]/)[0] ?? rest;
}

export interface PhoneFound {
  digits: string;
  start: number;
  end: number;
}

/**
 * Phone numbers: Brazilian ("(11) 98765-4321", "11 98765-4321", "+55 11 3333-4444",
 * "0800 123 4567"), North-American ("(555) 123-4567") and any "+<country> …" number.
 * Runs on a folded text. Bare digit runs are left to the caller (they may be invoice numbers).
 */
const PHONE_RES: RegExp[] = [
  /(?<![\d/.,])(?:\+\s?55[\s.-]?)?\(?\d{2}\)?[\s.-]?9?\d{4}[\s.-]\d{4}(?![\d/])/g,
  /(?<![\d/.,])\+\s?55[\s.-]?\(?\d{2}\)?[\s.-]?9?\d{4}[\s.-]?\d{4}(?![\d/])/g,
  /(?<![\d/.,])\(\d{2}\)\s?9?\d{4}-?\d{4}(?![\d/])/g,
  /(?<![\d/.,])0(?:800|300|500|900)[\s.-]?\d{3}[\s.-]?\d{4}(?![\d/])/g,
  /(?<![\d/.,])(?:\+1[\s.-]?)?\(\d{3}\)[\s.-]?\d{3}[\s.-]\d{4}(?![\d/])/g,
  /(?<![\d/.,])\+\s?[1-9]\d{0,2}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\d/])/g,
  /(?<![\d/.,])9\d{4}-\d{4}(?![\d/])/g,
];

export const findPhones = memo(findPhonesUncached);

function findPhonesUncached(text: string): PhoneFound[] {
  const out: PhoneFound[] = [];
  for (const re of PHONE_RES) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const digits = m[0].replace(/\D/g, '');
      if (digits.length < 8 || digits.length > 15) continue;
      if (out.some((p) => start < p.end && p.start < end)) continue;
      out.push({ digits, start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** CNPJ masks: numeric "11.222.333/0001-81" and alphanumeric "12.ABC.345/01DE-35" (on folded text). */
export const CNPJ_MASKED = /(?<![0-9a-z])[0-9a-z]{2}\.[0-9a-z]{3}\.[0-9a-z]{3}\/[0-9a-z]{4}-\d{2}(?![0-9a-z])/g;
/** CPF mask "123.456.789-09". */
export const CPF_MASKED = /(?<![\d.])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\d])/g;

/** CPF check digits (mod 11), for telling an 11-digit run that is a CPF from one that is not. */
export function isValidCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  const calc = (len: number): number => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(digits[i]) * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return calc(9) === Number(digits[9]) && calc(10) === Number(digits[10]);
}
