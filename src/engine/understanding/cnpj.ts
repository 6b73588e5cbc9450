/**
 * CNPJ in free text.
 *
 * A CNPJ has 14 characters: 12 identifying characters and 2 numeric mod-11 check digits. From
 * July 2026 the 12 identifying characters may be letters (the "CNPJ alfanumérico"): each
 * character's value is its ASCII code minus 48 ("0" = 0 … "9" = 9, "A" = 17 … "Z" = 42), which keeps
 * the old all-digit rule unchanged.
 *
 * The check-digit rule itself lives in src/domain/cnpj.ts; this file only finds CNPJs in text.
 */

import { isValidCnpj } from '../../domain/cnpj.js';

export interface CnpjResult {
  cnpj?: string;
  invalid?: boolean;
  /** Ranges of the text that looked like a CNPJ (valid or not): no other rule may read them. */
  spans: Array<[number, number]>;
}

/**
 * Full or partial CNPJ punctuation ("12.345.678/0001-95", "12345678/0001-95", "12345678000195",
 * "12.ABC.345/01DE-35"). Fixed-length pieces, so no backtracking blow-up.
 */
const SHAPE = /(?<![a-z0-9])([a-z0-9]{2})(\.?)([a-z0-9]{3})(\.?)([a-z0-9]{3})(\/?)([a-z0-9]{4})(-?)(\d{2})(?![a-z0-9])/g;

/** 11–16 digits with CNPJ punctuation, used only when the debtor says "cnpj" (a typo'd CNPJ). */
const NEAR_MISS = /(?<![a-z0-9])\d[\d./-]{9,20}\d(?![a-z0-9])/g;

/**
 * Find the first valid CNPJ in normalised (lower-case) text. `invalid` is set when something is
 * CNPJ-shaped (14 digits, or CNPJ punctuation) but no valid one was found, so the bot can say
 * "this CNPJ seems wrong" instead of "I did not understand".
 */
export function findCnpj(norm: string): CnpjResult {
  const spans: Array<[number, number]> = [];
  let valid: string | undefined;
  let invalid = false;
  for (const m of norm.matchAll(SHAPE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const chars = raw.replace(/[./-]/g, '').toUpperCase();
    const punctuated = raw.length > 14;
    const hasLetters = /[A-Z]/.test(chars);
    if (hasLetters && !punctuated) {
      // A bare 14-character alphanumeric word is only a CNPJ if it validates and looks like one
      // (at least 4 digits among the first 12), so "parcelamento12" is never a CNPJ.
      const digits = chars.slice(0, 12).replace(/\D/g, '').length;
      if (digits < 4 || !isValidCnpj(chars)) continue;
    }
    spans.push([start, start + raw.length]);
    if (isValidCnpj(chars)) valid ??= chars;
    else invalid = true;
  }
  if (spans.length === 0 && /\bcnpj\b/.test(norm)) {
    for (const m of norm.matchAll(NEAR_MISS)) {
      const digits = m[0].replace(/\D/g, '').length;
      if (digits >= 11 && digits <= 16) {
        const start = m.index ?? 0;
        spans.push([start, start + m[0].length]);
        invalid = true;
      }
    }
  }
  const result: CnpjResult = { spans };
  if (valid) result.cnpj = valid;
  else if (invalid) result.invalid = true;
  return result;
}
