/**
 * 'creditor': CDC art. 42-A — a collection message identifies the creditor. Whenever the template
 * text names the creditor (facts.creditor.name) the text must name it too, and whenever the
 * template shows the creditor's CNPJ the text must show the same CNPJ (any punctuation).
 *
 * The name compares folded (case, accents, spacing) and may drop the company-type suffix
 * ("Distribuidora Exemplo" for "Distribuidora Exemplo Ltda"): that still identifies the creditor.
 */

import { normalizeCnpj } from '../../domain/cnpj.js';
import { factAt, fold, squash } from './text.js';
import type { Failure } from './types.js';

const COMPANY_SUFFIX = /\s+(?:ltda\.?|s\.?\/?a\.?|me|epp|eireli|mei|inc\.?|llc|ltd\.?|corp\.?|co\.?)$/;

function nameForms(name: string): string[] {
  const full = squash(fold(name)).replace(/[.,]+$/, '');
  const bare = full.replace(COMPANY_SUFFIX, '').trim();
  return bare.length >= 3 && bare !== full ? [full, bare] : [full];
}

function containsName(text: string, name: string): boolean {
  const t = squash(fold(text).replace(/[''\u2019]s\b/g, ' '));
  return nameForms(name).some((f) => f.length > 0 && t.includes(f));
}

const CNPJ_AT_END = /[^0-9A-Z]([0-9A-Z]{2}[.\s]?[0-9A-Z]{3}[.\s]?[0-9A-Z]{3}\s?\/?\s?[0-9A-Z]{4}\s?-?\s?\d{2})$/;

/** All CNPJs written in a text: normalised -> as written (masked "11.222.333/0001-81" or 14 bare characters). */
export function cnpjsIn(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const up = text.toUpperCase();
  // A CNPJ ends with two check digits: test the pattern only where two digits end a word.
  for (const end of up.matchAll(/\d{2}(?![0-9A-Z])/g)) {
    const stop = (end.index ?? 0) + 2;
    const from = Math.max(0, stop - 23);
    const seg = (from === 0 ? ' ' : '') + up.slice(from, stop);
    const m = CNPJ_AT_END.exec(seg);
    if (!m) continue;
    const c = normalizeCnpj(m[1] as string);
    if (c.length === 14 && /\d/.test(c) && !out.has(c)) out.set(c, m[1] as string);
  }
  return out;
}

export function checkCreditor(text: string, templateText: string, facts: Record<string, unknown>): Failure[] {
  const failures: Failure[] = [];
  const name = factAt(facts, 'creditor.name');
  if (typeof name === 'string' && name.trim() !== '' && containsName(templateText, name) && !containsName(text, name)) {
    failures.push({ check: 'creditor', detail: `the creditor's name "${name}" is in the template but not in the text` });
  }
  const cnpj = factAt(facts, 'creditor.cnpj');
  if (typeof cnpj === 'string' && cnpj.trim() !== '') {
    const c = normalizeCnpj(cnpj);
    if (cnpjsIn(templateText).has(c) && !cnpjsIn(text).has(c)) {
      failures.push({ check: 'creditor', detail: `the creditor's CNPJ ${cnpj} is in the template but not in the text` });
    }
  }
  return failures;
}
