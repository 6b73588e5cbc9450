// CNPJ, numeric and the alphanumeric format the Receita Federal issues from July 2026
// (IN RFB 2.229/2024): 12 characters [0-9A-Z] (8 root + 4 branch) and 2 numeric check digits.
// Old numeric CNPJs stay valid under the same algorithm, because a digit's value
// (charCode − 48) is the digit itself.

const FIRST_WEIGHTS = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;
const SECOND_WEIGHTS = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] as const;

const BASE = /^[0-9A-Z]{12}$/;
const FULL = /^[0-9A-Z]{12}[0-9]{2}$/;

/** Strips the usual mask characters (. / - and whitespace) and uppercases. */
export function normalizeCnpj(s: string): string {
  return s.replace(/[.\/\-\s]/g, '').toUpperCase();
}

function checkDigit(chars: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    // Letters map to 17..42 (A = 65 − 48): that is the whole alphanumeric extension.
    sum += (chars.charCodeAt(i) - 48) * (weights[i] ?? 0);
  }
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

/** The two check digits ("35") for a 12-character base (mask allowed). */
export function cnpjCheckDigits(base12: string): string {
  const base = normalizeCnpj(base12);
  if (!BASE.test(base)) throw new RangeError(`CNPJ base must be 12 characters [0-9A-Z], got "${base12}"`);
  const first = checkDigit(base, FIRST_WEIGHTS);
  const second = checkDigit(base + String(first), SECOND_WEIGHTS);
  return `${first}${second}`;
}

export type CnpjProblem = 'format' | 'repeated' | 'check_digits';

/**
 * Why a CNPJ is invalid, or null when it is valid. Separate from isValidCnpj so the portfolio
 * import can tell the admin *what* is wrong ("invalid check digits" vs a malformed value).
 */
export function cnpjProblem(s: string): CnpjProblem | null {
  const c = normalizeCnpj(s);
  if (!FULL.test(c)) return 'format';
  // 00000000000000, 11111111111111… pass the checksum but are not real registrations.
  if (/^(.)\1{13}$/.test(c)) return 'repeated';
  return cnpjCheckDigits(c.slice(0, 12)) === c.slice(12) ? null : 'check_digits';
}

export function isValidCnpj(s: string): boolean {
  return cnpjProblem(s) === null;
}

/** "12.ABC.345/01DE-35". Values that are not 14 characters come back normalised, unmasked. */
export function formatCnpj(s: string): string {
  const c = normalizeCnpj(s);
  if (c.length !== 14) return c;
  return `${c.slice(0, 2)}.${c.slice(2, 5)}.${c.slice(5, 8)}/${c.slice(8, 12)}-${c.slice(12)}`;
}
