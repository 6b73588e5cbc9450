import { describe, expect, it } from 'vitest';
import { parseDecimalCents } from '../../../src/engine/understanding/numbers.js';

describe('parseDecimalCents', () => {
  it.each([
    ['1500', 150000], ['1.500', 150000], ['1,500', 150000], ['1.234,56', 123456], ['1,234.56', 123456],
    ['1.234.567,89', 123456789], ['2,000.50', 200050], ['1,5', 150], ['10.50', 1050], ['1500,00', 150000],
    ['0,99', 99], ['12.345.678', 1234567800],
  ])('%s = %d cents', (raw, cents) => {
    expect(parseDecimalCents(raw)).toBe(cents);
  });

  it.each(['1.23.4', '12,3456', '1.2345', '1,234,5', '1234.567'])('rejects %s', (raw) => {
    expect(parseDecimalCents(raw)).toBeUndefined();
  });
});
