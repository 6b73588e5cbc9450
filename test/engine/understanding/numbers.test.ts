import { describe, expect, it } from 'vitest';
import { numberize, parseDecimalCents, parseWrittenNumber } from '../../../src/engine/understanding/numbers.js';

const w = (s: string) => parseWrittenNumber(s.split(' '));

describe('parseWrittenNumber', () => {
  it.each([
    ['um', 1], ['duas', 2], ['dez', 10], ['quatorze', 14], ['catorze', 14], ['dezenove', 19],
    ['vinte', 20], ['vinte e um', 21], ['noventa e nove', 99], ['cem', 100], ['cento e um', 101],
    ['cento e vinte e tres', 123], ['duzentos', 200], ['quinhentos e cinquenta', 550],
    ['novecentos e noventa e nove', 999], ['mil', 1000], ['mil e quinhentos', 1500],
    ['dois mil', 2000], ['dois mil e quinhentos', 2500], ['cinco mil e trezentos e vinte', 5320],
    ['cem mil', 100000], ['um milhao', 1000000], ['dois milhoes e quinhentos mil', 2500000],
    ['one', 1], ['twelve', 12], ['twenty five', 25], ['ninety nine', 99], ['hundred', 100],
    ['one hundred', 100], ['two hundred and five', 205], ['thousand', 1000], ['two thousand', 2000],
    ['one thousand five hundred', 1500], ['three million', 3000000], ['fifteen hundred', 1500],
    ['twelve hundred and fifty', 1250],
  ])('%s = %d', (text, value) => {
    expect(w(text)).toBe(value);
  });

  it.each(['dois tres', 'vinte onze', 'mil mil', 'e', 'mil e', 'quinhentos cento', 'twenty hundred'])(
    'rejects %s',
    (text) => {
      expect(w(text)).toBeUndefined();
    },
  );
});

describe('numberize', () => {
  it('rewrites written numbers as digits and reports where', () => {
    const r = numberize('posso pagar dois mil e quinhentos em quatro parcelas');
    expect(r.text).toBe('posso pagar 2500 em 4 parcelas');
    expect(r.written).toEqual([
      { start: 12, end: 16, value: 2500 },
      { start: 20, end: 21, value: 4 },
    ]);
  });

  it('keeps "mil" after digits for the money rules', () => {
    expect(numberize('2 mil e quinhentos').text).toBe('2 mil e 500');
    expect(numberize('1,5 mil').text).toBe('1,5 mil');
  });

  it('keeps "dez" as a month after a day number and "cento" in "por cento"', () => {
    expect(numberize('15 de dez').text).toBe('15 de dez');
    expect(numberize('dez por cento').text).toBe('10 por cento');
    expect(numberize('dez parcelas').text).toBe('10 parcelas');
  });

  it('splits numbers that cannot be one ("dois tres")', () => {
    expect(numberize('dois tres').text).toBe('2 3');
  });

  it('joins hyphenated English numbers', () => {
    expect(numberize('twenty-five dollars').text).toBe('25 dollars');
  });

  it('does not join across punctuation', () => {
    expect(numberize('dois, tres').text).toBe('2, 3');
  });

  it('leaves text without number words untouched', () => {
    const r = numberize('nada aqui');
    expect(r).toEqual({ text: 'nada aqui', written: [] });
  });
});

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
