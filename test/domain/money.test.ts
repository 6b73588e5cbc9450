import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPercent, divRoundHalfUp, formatMoney, parseMoneyInput, percentToBasisPoints } from '../../src/domain/money.js';

describe('formatMoney', () => {
  it.each([
    [123456, 'R$ 1.234,56', 'R$1,234.56'],
    [0, 'R$ 0,00', 'R$0.00'],
    [5, 'R$ 0,05', 'R$0.05'],
    [100, 'R$ 1,00', 'R$1.00'],
    [99999999, 'R$ 999.999,99', 'R$999,999.99'],
    [123456789012, 'R$ 1.234.567.890,12', 'R$1,234,567,890.12'],
    [-123456, '-R$ 1.234,56', '-R$1,234.56'],
  ])('formats %i cents as %s (pt-BR) and %s (en)', (cents, pt, en) => {
    expect(formatMoney(cents, 'pt-BR')).toBe(pt);
    expect(formatMoney(cents, 'en')).toBe(en);
  });

  it('rejects non-integer cents instead of rounding them silently', () => {
    expect(() => formatMoney(1.5, 'pt-BR')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'en')).toThrow(RangeError);
  });

  it('agrees with Intl digit for digit for every safe amount up to 10^12 cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const intl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' })
          .format(cents / 100)
          .replace(/\u00a0/g, ' ');
        expect(formatMoney(cents, 'pt-BR')).toBe(intl);
      }),
    );
  });
});

describe('parseMoneyInput', () => {
  it.each([
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1234', 123400],
    ['R$ 1.234,56', 123456],
    ['R$1.234,56', 123456],
    ['R$\u00a01.234,56', 123456],
    ['r$ 10', 1000],
    ['  2000  ', 200000],
    ['1.234', 123400],
    ['1,234', 123400],
    ['1,23', 123],
    ['1.5', 150],
    ['0,5', 50],
    [',50', 50],
    ['1.234.567', 123456700],
    ['1,234,567.89', 123456789],
    ['1.234.567,8', 123456780],
    ['0', 0],
    ['12.345,6', 1234560],
  ])('reads %j as %i cents', (input, cents) => {
    expect(parseMoneyInput(input)).toBe(cents);
  });

  it.each([
    '',
    'abc',
    '12a',
    '-10',
    '-1.234,56',
    'R$ -5',
    '1.234,567',
    '1234.567',
    '0,001',
    '1.',
    '1,',
    '1.23.45',
    '1,234,56',
    '12.34.567',
    '1.2345,00',
    '1 234,56',
    '1,234.5.6',
    '99999999999999999999',
    'R$',
  ])('rejects %j', (input) => {
    expect(parseMoneyInput(input)).toBeNull();
  });

  it('round-trips every amount formatted in either locale', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (cents) => {
        expect(parseMoneyInput(formatMoney(cents, 'pt-BR'))).toBe(cents);
        expect(parseMoneyInput(formatMoney(cents, 'en'))).toBe(cents);
      }),
    );
  });
});

describe('applyPercent', () => {
  it('rounds half up to whole cents', () => {
    expect(applyPercent(12345, 10)).toBe(1235); // 1234.5 -> 1235
    expect(applyPercent(12344, 10)).toBe(1234); // 1234.4 -> 1234
    expect(applyPercent(210000, 10)).toBe(21000);
    expect(applyPercent(100, 1.99)).toBe(2); // 1.99 -> 2
    expect(applyPercent(50, 1)).toBe(1); // 0.5 -> 1
    expect(applyPercent(49, 1)).toBe(0); // 0.49 -> 0
  });

  it('treats 1.99 as exactly 199 basis points despite binary floating point', () => {
    expect(percentToBasisPoints(1.99)).toBe(199);
    expect(percentToBasisPoints(0.29)).toBe(29);
    expect(applyPercent(1_000_000, 1.99)).toBe(19_900);
  });

  it('refuses a percent with more than two decimals', () => {
    expect(() => applyPercent(100, 1.999)).toThrow(RangeError);
  });

  it('is exact for large amounts where a float product would lose cents', () => {
    expect(applyPercent(9_007_199_254_740_991, 50)).toBe(4_503_599_627_370_496);
  });

  it('matches exact rational rounding for any cents and 2-decimal percent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 10000 }), (cents, bp) => {
        const exact = (BigInt(cents) * BigInt(bp) * 2n + 10000n) / 20000n;
        expect(applyPercent(cents, bp / 100)).toBe(Number(exact));
      }),
    );
  });
});

describe('divRoundHalfUp', () => {
  it('rounds halves away from zero symmetrically', () => {
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfUp(4n, 3n)).toBe(1n);
    expect(divRoundHalfUp(-4n, 3n)).toBe(-1n);
  });
});
