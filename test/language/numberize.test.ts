import { describe, expect, it } from 'vitest';
import { numberize, parseWrittenNumber } from '../../src/language/numberize.js';

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

describe('numberize: words that only look like table keys', () => {
  it('reads "constructor" as a word, not as a number found on Object.prototype', () => {
    expect(numberize('o constructor tem dois mil')).toEqual({ text: 'o constructor tem 2000', written: [{ start: 18, end: 22, value: 2000 }] });
  });
});

describe('numberize: the rules the guardrails read with', () => {
  it('reads "primeiro de <month>" as the 1st only with firstOfMonth', () => {
    expect(numberize('primeiro de dezembro').text).toBe('primeiro de dezembro');
    expect(numberize('primeiro de dezembro', { firstOfMonth: true }).text).toBe('1 de dezembro');
    expect(numberize('first of December'.toLowerCase(), { firstOfMonth: true }).text).toBe('1 of december');
    expect(numberize('primeiro lugar', { firstOfMonth: true }).text).toBe('primeiro lugar');
  });

  it('joins across a comma after a scale word only with commaAfterScale', () => {
    expect(numberize('onze mil, cento e seis').text).toBe('11000, 106');
    expect(numberize('onze mil, cento e seis', { commaAfterScale: true }).text).toBe('11106');
  });

  it('keeps "dez" as December after a day number, or after any digits', () => {
    expect(numberize('1o de dez').text).toBe('1o de dez');
    expect(numberize('1o de dez', { dezIsMonthAfter: 'digits' }).text).toBe('1o de 10');
    expect(numberize('2026 dez').text).toBe('2026 10');
    expect(numberize('2026 dez', { dezIsMonthAfter: 'digits' }).text).toBe('2026 dez');
  });

  it('stops a number at maxWords words', () => {
    const text = 'novecentos e noventa e nove milhoes novecentos e noventa e nove mil novecentos e noventa e nove';
    expect(numberize(text).text).toBe('999999999');
    expect(numberize(text, { maxWords: 14 }).text).toBe('999999900 e 99');
  });

  it('marks numbers with a scale word only with markScaled', () => {
    expect(numberize('dois mil e cinco').written).toEqual([{ start: 0, end: 4, value: 2005 }]);
    expect(numberize('dois mil e quinhentos, five hundred, quinhentos', { markScaled: true }).written).toEqual([
      { start: 0, end: 4, value: 2500, scaled: true },
      { start: 6, end: 9, value: 500, scaled: true },
      { start: 11, end: 14, value: 500, scaled: false },
    ]);
  });
});
