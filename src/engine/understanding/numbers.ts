/**
 * Digits with Brazilian or English separators, read as cents. (Numbers written in words are
 * digits already by the time this runs: see src/language/numberize.ts.)
 */

/**
 * Parse a digit string with optional separators into cents.
 * Brazilian "1.234,56" and English "1,234.56" both work: when both separators appear, the last
 * one is the decimal mark; a single separator followed by exactly three digits is a thousands
 * separator ("1.500", "2,000"); followed by one or two digits it is the decimal mark ("1,5",
 * "10.50"). Anything else ("1.23.4", "12,3456") is not a number we trust: undefined.
 */
export function parseDecimalCents(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return safe(Number(raw) * 100);
  const seps = raw.match(/[.,]/g) ?? [];
  const lastSepIndex = Math.max(raw.lastIndexOf('.'), raw.lastIndexOf(','));
  const lastSep = raw[lastSepIndex];
  const kinds = new Set(seps);
  let intPart: string;
  let decPart = '';
  if (kinds.size === 2) {
    intPart = raw.slice(0, lastSepIndex);
    decPart = raw.slice(lastSepIndex + 1);
    if (intPart.includes(lastSep as string)) return undefined; // "1.234.5,6.7"
    if (!validThousands(intPart)) return undefined;
    if (decPart.length < 1 || decPart.length > 2) return undefined;
  } else if (seps.length > 1) {
    if (!validThousands(raw)) return undefined;
    intPart = raw;
  } else {
    const tail = raw.slice(lastSepIndex + 1);
    if (tail.length === 3) {
      if (!validThousands(raw)) return undefined;
      intPart = raw;
    } else if (tail.length === 1 || tail.length === 2) {
      intPart = raw.slice(0, lastSepIndex);
      decPart = tail;
    } else {
      return undefined;
    }
  }
  const int = Number(intPart.replace(/[.,]/g, ''));
  const cents = decPart === '' ? 0 : Number(decPart.padEnd(2, '0'));
  return safe(int * 100 + cents);
}

function validThousands(s: string): boolean {
  return /^\d{1,3}(?:[.,]\d{3})+$/.test(s);
}

function safe(n: number): number | undefined {
  return Number.isSafeInteger(n) ? n : undefined;
}
