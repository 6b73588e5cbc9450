/**
 * 'foreignData': no data of another debtor, and nothing that looks like personal data unless the
 * facts (or the template) have it. Product rule 6: never expose the debtor — and never show one
 * debtor another's data.
 *  - CNPJ (masked, or 14 characters that pass the check digits) not among the facts' CNPJs;
 *  - CPF (masked, or 11 digits that pass the CPF check digits);
 *  - phone numbers, e-mail addresses;
 *  - bank details ("agência 1234 conta 56789-0"), CEP, street addresses, RG;
 *  - company names with a company-type suffix ("Padaria Pão Quente Ltda", "Acme Inc.") that are
 *    not the creditor's or the debtor's name;
 *  - a person's name after a title or a greeting ("Sr. Carlos", "Olá, Marina!"): the facts have none;
 *  - other debtors at all ("outros clientes também atrasaram", "other debtors have paid"): a
 *    message about one debtor's debt is about that debtor only (OTHER_DEBTORS, lexicons.ts).
 * Opaque fact strings (PIX codes, which embed a PIX key that may be an e-mail or phone) are cut
 * out first.
 */

import { isValidCnpj, normalizeCnpj } from '../../domain/cnpj.js';
import { cnpjsIn } from './creditor.js';
import { OTHER_DEBTORS } from './lexicons.js';
import { CPF_MASKED, findLinks, findPhones, isValidCpf } from './patterns.js';
import { PhraseMatcher } from './phraseMatcher.js';
import { factNames, factStrings, fold, maskStrings, opaqueFactStrings, quote, squash } from './text.js';
import type { Failure } from './types.js';

const SUFFIX = /(?<![\p{L}\d])(LTDA|Ltda|ltda|S\.\s?A\.?|S\/A|EIRELI|Eireli|Inc|LLC|Ltd|Corp|Cia)(?![\p{L}\d])\.?/gu;
const CAPITALISED = /^[\p{Lu}\d][\p{L}\d&'’.-]*$/u;
const CONNECTORS = new Set(['de', 'da', 'do', 'das', 'dos', 'e', '&', 'of', 'and', 'the']);
const HONORIFIC = /(?<![\p{L}])(?:Sr|Sra|Srta|Dr|Dra|Mr|Mrs|Ms|Senhor|Senhora|Dona|Seu|Prezad[oa]|Car[oa]|Dear)\.?\s+(\p{Lu}\p{Ll}{2,}(?:\s+\p{Lu}\p{Ll}{2,})?)/gu;
const GREETING = /(?<![\p{L}])(?:Olá|Ola|Oi|Hello|Hi|Hey|Bom dia|Boa tarde|Boa noite|Good morning|Good afternoon),?\s+(\p{Lu}\p{Ll}{2,})(?=\s*[!,.?])/gu;
const NOT_NAMES = new Set(['tudo', 'bem', 'again', 'there', 'team', 'equipe', 'pessoal', 'todos', 'all', 'everyone', 'novamente', 'de', 'obrigado']);

const otherDebtors = new PhraseMatcher(OTHER_DEBTORS);

const BANK = /(?<![a-z])(?:agencia|ag\.|conta corrente|conta poupanca|conta|c\/c|iban|routing|account number|acct)\s*(?:n[o.]?\s*)?:?\s*\d[\d.\-x]{2,}/g;
const CEP = /(?<![a-z\d])(?:cep\s*:?\s*\d{5}-?\d{3}|\d{5}-\d{3})(?![\d])/g;
const ADDRESS = /(?<![a-z])(?:rua|avenida|av\.|alameda|travessa|rodovia|estrada|praca|street|avenue|road)\s+[a-z][a-z .]{2,40},?\s*(?:n[o.]?\s*)?\d{1,5}(?![\d/])/g;
const RG = /(?<![a-z])rg\s*:?\s*[\d.\-x]{5,}/g;

function digitsIn(strings: readonly string[]): string {
  return strings.map((s) => s.replace(/\D/g, '')).join(' ');
}

function companyNames(text: string): { name: string; full: string }[] {
  const t = text.normalize('NFC');
  const out: { name: string; full: string }[] = [];
  for (const m of t.matchAll(SUFFIX)) {
    const before = t.slice(Math.max(0, (m.index ?? 0) - 120), m.index ?? 0);
    const ws = before.split(/\s+/).filter((w) => w !== '');
    const name: string[] = [];
    for (let i = ws.length - 1; i >= 0 && name.length < 6; i--) {
      const w = (ws[i] as string).replace(/[,;:]$/, '');
      if (CAPITALISED.test(w) || (CONNECTORS.has(w.toLowerCase()) && name.length > 0)) name.unshift(w);
      else break;
      if (/[,;:!?]$/.test(ws[i - 1] ?? '')) break;
    }
    while (name.length > 0 && CONNECTORS.has((name[0] as string).toLowerCase())) name.shift();
    if (name.length === 0) continue;
    out.push({ name: squash(fold(name.join(' '))), full: `${name.join(' ')} ${m[0]}` });
  }
  return out;
}

function knownName(candidate: string, known: readonly string[]): boolean {
  // The candidate may carry leading words of the sentence ("Olá Padaria Pão Quente"): a known
  // name at its end is enough; a known name may also be longer (the text shortened it).
  return known.some((k) => k !== '' && (candidate === k || candidate.endsWith(` ${k}`) || k.endsWith(candidate) || k.includes(candidate)));
}

export function checkForeignData(text: string, templateText: string, facts: Record<string, unknown>): Failure[] {
  const opaque = opaqueFactStrings(facts);
  const masked = maskStrings(text, opaque).text;
  const tMasked = maskStrings(templateText, opaque).text;
  const folded = fold(masked);
  const tFolded = fold(tMasked);
  const strings = factStrings(facts);
  const factDigits = digitsIn(strings);
  const factLower = strings.map((s) => s.toLowerCase());
  const failures: Failure[] = [];
  const add = (detail: string): void => {
    if (!failures.some((f) => f.detail === detail)) failures.push({ check: 'foreignData', detail });
  };
  // Digit groups of the template as written ("(11) 3333-4444" -> "1133334444") and of each fact.
  const tDigits = (tFolded.match(/\d(?:[\d.\-/()\s]*\d)?/g) ?? []).map((g) => g.replace(/\D/g, ''));
  const groups = [...tDigits, ...factDigits.split(' ')].filter((g) => g !== '');
  const knownDigits = (d: string): boolean => d.length > 0 && groups.some((g) => g === d || (d.length >= 8 && g.includes(d)));

  // CNPJ
  const factCnpjs = new Set(strings.map((s) => normalizeCnpj(s)).filter((s) => s.length === 14));
  const tCnpjs = cnpjsIn(tMasked);
  for (const [c, raw] of cnpjsIn(masked)) {
    // Written with the CNPJ mask, or 14 characters that pass the check digits: a CNPJ.
    const looksLikeCnpj = /[./-]/.test(raw) || isValidCnpj(c);
    if (!factCnpjs.has(c) && !tCnpjs.has(c) && looksLikeCnpj) add(`CNPJ ${quote(raw)} is not in the facts (another company's data?)`);
  }
  // CPF
  for (const m of folded.matchAll(CPF_MASKED)) {
    const d = m[0].replace(/\D/g, '');
    if (!knownDigits(d)) add(`CPF-like number ${quote(m[0])} is not in the facts`);
  }
  for (const m of folded.matchAll(/(?<![\d.\/-])\d{11}(?![\d.\/-])/g)) {
    if (isValidCpf(m[0]) && !knownDigits(m[0])) add(`CPF-like number ${quote(m[0])} is not in the facts`);
  }
  // phones
  for (const p of findPhones(folded)) {
    if (!knownDigits(p.digits)) add(`phone number ${quote(folded.slice(p.start, p.end))} is not in the facts`);
  }
  // e-mails
  const tEmails = new Set(findLinks(tMasked).filter((l) => l.kind === 'email').map((l) => l.value));
  for (const l of findLinks(masked)) {
    if (l.kind !== 'email') continue;
    if (!tEmails.has(l.value) && !factLower.some((s) => s.includes(l.value))) add(`e-mail ${quote(l.value)} is not in the facts`);
  }
  // bank details, CEP, address, RG
  for (const [label, re] of [['bank details', BANK], ['CEP', CEP], ['address', ADDRESS], ['RG', RG]] as const) {
    const tHits = new Set([...tFolded.matchAll(re)].map((m) => m[0]));
    for (const m of folded.matchAll(re)) {
      if (tHits.has(m[0]) || knownDigits(m[0].replace(/\D/g, ''))) continue;
      add(`${label} ${quote(m[0])} is not in the facts`);
    }
  }
  // company names
  const known = [...factNames(facts), ...strings.filter((s) => /[a-z]{3}/i.test(s) && s.length < 120)].map((n) =>
    squash(fold(n)).replace(/\s+(?:ltda|s\.?\s?a|s\/a|eireli|inc|llc|ltd|corp|cia)\.?$/, ''),
  );
  const tCompanies = companyNames(tMasked).map((c) => c.name);
  for (const c of companyNames(masked)) {
    if (knownName(c.name, known) || tCompanies.includes(c.name)) continue;
    add(`company name ${quote(c.full)} is not in the facts (another company's data?)`);
  }
  // other debtors, unless the template itself speaks of them
  const tOthers = new Set(otherDebtors.findFolded(tFolded).map((h) => h.entry));
  for (const h of otherDebtors.findFolded(folded)) {
    if (!tOthers.has(h.entry)) add(`other debtors: ${quote(h.text)} (${h.entry.why})`);
  }
  // people's names
  const allowedWords = new Set([...fold(strings.join(' ')).match(/[a-z]+/g) ?? [], ...(tFolded.match(/[a-z]+/g) ?? [])]);
  for (const re of [HONORIFIC, GREETING]) {
    for (const m of masked.normalize('NFC').matchAll(re)) {
      const nameWords = fold(m[1] as string).match(/[a-z]+/g) ?? [];
      if (nameWords.length === 0 || nameWords.every((w) => allowedWords.has(w) || NOT_NAMES.has(w))) continue;
      add(`a person's name ${quote(m[0])} that the facts do not have`);
    }
  }
  return failures;
}
