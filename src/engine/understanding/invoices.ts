/**
 * Invoice numbers (the second identity factor on web chat, and "which invoice?" answers).
 *
 * Candidates, not facts: the flow compares them with the debtor's open invoices. Two passes:
 *  1. after a keyword ("NF 1234", "nota 00123", "nota fiscal nº 452.100", "fatura A-778",
 *     "a fatura é a R7310", "fatura: 2026/0042", "boleto 9981", "invoice #991", "#991",
 *     "código de acesso K7M2P9QX"), any code containing a digit, thousands dots included;
 *     lists continue ("notas 12, 13 e 14"). Runs before money so "NF 123.456" is never R$ 123.456.
 *  2. after money, any remaining bare number of 3+ digits ("12345") or letter-prefixed code
 *     ("A778", "AB-1234") that no other rule claimed (not a CNPJ, date, amount, count, choice,
 *     phone or time) and was not written in words.
 * Output is upper case without spaces, dots or a leading "#"; leading zeros and inner hyphens are
 * kept as typed ("00123", "A-778"): src/domain/invoiceNumber.ts compares them loosely with the
 * stored invoices.
 */

import type { WrittenSpan } from '../../language/numberize.js';
import type { Spans } from './spans.js';

const PREFIX =
  /(?<![a-z0-9])(?:nfs-?e|nf-?e|nfs|nf|notas?\s+fisca(?:l|is)|notas?|faturas?|invoices?|inv|boletos?|titulos?|duplicatas?|pedidos?|documentos?|doc|numero|bill|codigo(?:\s+de\s+acesso)?|access\s+code|code)(?![a-z])\.?(?:\s*:|\s+(?:e|eh|is|era)(?:\s+(?:a|o|the))?(?=\s))?\s*(?:(?:n|no|numero|num|number|nr)\b\.?\s*)?(?:de\s+numero\s+)?#?\s*(?=[a-z0-9/.-]{0,25}\d)([a-z0-9][a-z0-9/.-]{0,24})|#\s?(\d[a-z0-9/.-]{0,24})/g;

/** Continuation of a list after a prefixed code: ", 13", " e 14", " and 15", " / 16". */
const LIST_NEXT = /^\s*(?:,|\be\b|\band\b|&|\/)\s*#?\s*(?=[a-z0-9/.-]{0,25}\d)([a-z0-9][a-z0-9/.-]{0,24})/;

/** A code followed by these is an amount or a count, not an invoice: "nota de 1500 reais". */
const NOT_A_CODE_AFTER = /^\s?(?:reais|real|mil\b|k\b|%|x\b|vezes|parcelas?|dias?\b|meses)/;

function clean(code: string): string {
  // Thousands dots are print layout, not part of the number: "452.100" is 452100.
  return code.replace(/[/.-]+$/, '').replace(/\./g, '').toUpperCase();
}

/** A code's span without the punctuation that ends a sentence ("NF 123." is "123"). */
function trimEnd(code: string): string {
  return code.replace(/[/.-]+$/, '');
}

export function findPrefixedInvoices(num: string, spans: Spans): string[] {
  const out: string[] = [];
  for (const m of num.matchAll(PREFIX)) {
    const code = trimEnd((m[1] ?? m[2]) as string);
    const start = (m.index ?? 0) + m[0].lastIndexOf(code);
    let end = start + code.length;
    if (spans.overlaps(start, end) || NOT_A_CODE_AFTER.test(num.slice(end, end + 12))) continue;
    if (!/\d/.test(code)) continue;
    spans.add(start, end);
    out.push(clean(code));
    for (let guard = 0; guard < 50; guard++) {
      const next = LIST_NEXT.exec(num.slice(end, end + 40));
      if (!next) break;
      const nextCode = trimEnd(next[1] as string);
      const nextStart = end + next[0].length - nextCode.length;
      const nextEnd = nextStart + nextCode.length;
      if (spans.overlaps(nextStart, nextEnd) || NOT_A_CODE_AFTER.test(num.slice(nextEnd, nextEnd + 12))) break;
      spans.add(nextStart, nextEnd);
      out.push(clean(nextCode));
      end = nextEnd;
    }
  }
  return out;
}

const BARE = /(?<![a-z0-9$/.,-])(?:[a-z]{1,3}-?\d{3,}|\d{3,})(?![a-z0-9/]|[.,]\d|-\d)/g;

export function findBareInvoices(num: string, spans: Spans, written: readonly WrittenSpan[]): string[] {
  const out: string[] = [];
  for (const m of num.matchAll(BARE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (spans.overlaps(start, end)) continue;
    if (written.some((w) => w.start < end && start < w.end)) continue;
    // "rs500", "r500": money typos; "R7310" (four digits or more after one letter) is a printed code.
    if (/^[a-z]/.test(m[0]) && (/^(?:rs|us|usd|brl)-?\d/.test(m[0]) || /^r-?\d{1,3}$/.test(m[0]))) continue;
    // "em 2027", "até 2026": a year
    if (/^(?:19|20)\d\d$/.test(m[0]) && /\b(?:em|de|ate|in|of|until|by|ano|year)\s+$/.test(num.slice(Math.max(0, start - 8), start))) continue;
    out.push(clean(m[0]));
  }
  // An access code typed alone ("K7M2P9QX"): letters and digits mixed, at least two of each.
  for (const m of num.matchAll(MIXED_CODE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (spans.overlaps(start, end) || !/\d.*\d/.test(m[0]) || !/[a-z].*[a-z]/.test(m[0])) continue;
    spans.add(start, end);
    out.push(clean(m[0]));
  }
  return out;
}

const MIXED_CODE = /(?<![a-z0-9$/.,-])[a-z0-9]{6,12}(?![a-z0-9/]|[.,]\d|-\d)/g;

/**
 * Claim numbers that are neither invoices nor amounts: clock times ("15h", "15:30", "10 horas")
 * and phone numbers ("(11) 98765-4321", "+55 11 98765-4321").
 */
const TIME = /\b\d{1,2}(?::\d{2}\b|h(?:\d{2})?\b|\s?(?:hs|hrs|horas)\b)/g;
const PHONE = /(?:\+?55\s?)?(?:\(\d{2}\)|\b\d{2})\s?9?\d{4}[-\s]\d{4}\b/g;

/** When the debtor talks about a phone, a bare 10–13 digit number is that phone. */
const PHONE_HINT = /\b(?:telefone|celular|cel|fone|whatsapp|whats|zap|contato|phone|mobile|number)\b/;
const BARE_PHONE = /(?<![\d.,/-])\+?\d{10,13}(?![\d.,/-])/g;

export function claimTimesAndPhones(num: string, spans: Spans): void {
  const patterns = PHONE_HINT.test(num) ? [TIME, PHONE, BARE_PHONE] : [TIME, PHONE];
  for (const re of patterns) {
    for (const m of num.matchAll(re)) {
      const start = m.index ?? 0;
      spans.add(start, start + m[0].length);
    }
  }
}
