// Money is always an integer number of cents. Floats only ever appear as *rates*
// (percentages), which are turned into integer basis points before they touch an amount.

import type { Locale } from '../language/locale.js';

function assertCents(cents: number, what = 'cents'): void {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`${what} must be a safe integer, got ${cents}`);
  }
}

/**
 * Integer division rounded half-up (half away from zero for negatives, so that the result is
 * symmetric: -x rounds to -(round x)). BigInt keeps cents × basis points exact even when the
 * product passes 2^53.
 */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/**
 * A percentage with at most two decimals as integer basis points (1.99 % -> 199).
 * Throws on more precision, because silently rounding a creditor's limit would move it.
 */
export function percentToBasisPoints(percent: number): number {
  if (!Number.isFinite(percent)) throw new RangeError(`percent must be finite, got ${percent}`);
  const bp = Math.round(percent * 100);
  // 1.99 * 100 is 198.99999999999997 in binary floating point; anything that close to an
  // integer is that integer, anything further away really has more than two decimals.
  if (Math.abs(percent * 100 - bp) > 1e-6) {
    throw new RangeError(`percent must have at most 2 decimals, got ${percent}`);
  }
  return bp;
}

/** Integer basis points back to a percent number for display/facts (476 -> 4.76). */
export function basisPointsToPercent(bp: number): number {
  // Division by 100 of an integer gives the shortest float that prints as the 2-decimal value.
  return bp / 100;
}

/** cents × percent / 100, rounded half-up to whole cents, with integer maths. */
export function applyPercent(cents: number, percent: number): number {
  assertCents(cents);
  const bp = percentToBasisPoints(percent);
  return Number(divRoundHalfUp(BigInt(cents) * BigInt(bp), 10_000n));
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * "1.234,56" (pt-BR) or "1,234.56" (en): the amount alone, as a spreadsheet of that language reads
 * a number. Built from integer division rather than Intl.NumberFormat on cents/100, so a float can
 * never change a digit.
 */
export function formatAmount(cents: number, locale: Locale): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const units = String(Math.floor(abs / 100));
  const fraction = String(abs % 100).padStart(2, '0');
  if (locale === 'pt-BR') return `${sign}${groupThousands(units, '.')},${fraction}`;
  return `${sign}${groupThousands(units, ',')}.${fraction}`;
}

/**
 * "R$ 1.234,56" (pt-BR) or "R$1,234.56" (en). A plain space (not the NBSP Intl emits) keeps the
 * text stable for guardrail comparisons and tests.
 */
export function formatMoney(cents: number, locale: Locale): string {
  const amount = formatAmount(cents, locale);
  const sign = amount.startsWith('-') ? '-' : '';
  const digits = sign ? amount.slice(1) : amount;
  return locale === 'pt-BR' ? `${sign}R$ ${digits}` : `${sign}R$${digits}`;
}

const THOUSANDS_GROUPED = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;

function toCents(units: string, fraction: string): number | null {
  const cents = Number(units || '0') * 100 + Number(fraction.padEnd(2, '0') || '0');
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Integer part written with one thousands separator kind; "" for none. Null if malformed. */
function parseGroupedUnits(s: string, thousands: '.' | ','): string | null {
  if (/^\d+$/.test(s)) return s;
  if (!THOUSANDS_GROUPED.test(s) || s.includes(thousands === '.' ? ',' : '.')) return null;
  return s.split(thousands).join('');
}

/**
 * Parses what a person types as an amount into cents: "1234.56", "1234,56", "1.234,56",
 * "1,234.56", "R$ 1.234,56", "1234", "1.234". Returns null for anything else (negative,
 * garbage, more than two decimals).
 *
 * Ambiguity rule: when only ONE separator kind appears once, it is a thousands separator if
 * exactly 3 digits follow it (and the group before it is a valid 1–3 digit group), and a decimal
 * separator if 1–2 digits follow — "1,234" is 1234.00, "1,23" is 1.23. When both kinds appear,
 * the last one is the decimal separator.
 */
export function parseMoneyInput(s: string): number | null {
  const t = s.trim().replace(/^R\$\s*/i, '').trim();
  if (t === '' || !/^[\d.,]+$/.test(t)) return null;

  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');

  if (lastDot === -1 && lastComma === -1) return toCents(t, '');

  if (lastDot !== -1 && lastComma !== -1) {
    const decimalSep = lastDot > lastComma ? '.' : ',';
    const thousandsSep = decimalSep === '.' ? ',' : '.';
    const at = Math.max(lastDot, lastComma);
    const fraction = t.slice(at + 1);
    if (!/^\d{1,2}$/.test(fraction)) return null;
    const units = parseGroupedUnits(t.slice(0, at), thousandsSep);
    if (units === null) return null;
    return toCents(units, fraction);
  }

  const sep = lastDot !== -1 ? '.' : ',';
  const parts = t.split(sep);
  if (parts.length > 2) {
    // Repeated single separator: only valid as thousands grouping ("1.234.567").
    const units = parseGroupedUnits(t, sep);
    return units === null ? null : toCents(units, '');
  }
  const [before = '', after = ''] = parts;
  if (/^\d{1,2}$/.test(after)) return toCents(before, after);
  if (after.length === 3 && /^[1-9]\d{0,2}$/.test(before)) return toCents(before + after, '');
  return null;
}
