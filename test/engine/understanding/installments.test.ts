import { describe, expect, it } from 'vitest';
import { findCash, findInstallments } from '../../../src/engine/understanding/installments.js';
import { normalize } from '../../../src/engine/understanding/normalize.js';
import { numberize } from '../../../src/language/numberize.js';
import { Spans } from '../../../src/engine/understanding/spans.js';

const inst = (t: string) => findInstallments(numberize(normalize(t)).text, new Spans());
const cash = (t: string) => findCash(normalize(t));

describe('findInstallments', () => {
  it.each([
    ['em 4 vezes', 4], ['4x', 4], ['4 x', 4], ['10x sem juros', 10], ['4x500', 4], ['quatro parcelas', 4],
    ['em duas vezes', 2], ['parcelar em 10', 10], ['parcelado em ate 6', 6], ['dividir em 3', 3],
    ['12 meses', 12], ['em 12 meses', 12], ['3 prestações', 3], ['in 3 installments', 3], ['6 monthly payments', 6],
    ['split into 4', 4], ['pay in 3', 3], ['pagar em 5', 5], ['em 3 vezez', 3], ['5 parselas', 5],
  ])('%s -> %d', (text, n) => {
    expect(inst(text)).toBe(n);
  });

  it.each([
    'atrasado há 3 meses', 'faz 2 meses', '3 meses de atraso', 'R$ 4', 'tenho 3 notas', '4 xicaras', '500 vezes',
    'parcela de 300', '200x', 'parcelar em 10%',
  ])('no instalments in %j', (text) => {
    expect(inst(text)).toBeUndefined();
  });

  it('claims only the count, so "parcelas de 500" keeps its context for money', () => {
    const spans = new Spans();
    findInstallments('3 parcelas de 500', spans);
    expect(spans.overlaps(0, 1)).toBe(true);
    expect(spans.overlaps(2, 17)).toBe(false);
  });
});

describe('findCash', () => {
  it.each(['à vista', 'a vista', 'avista', 'de uma vez', 'tudo de uma vez', 'pix agora', 'parcela única', 'in full', 'lump sum', 'all at once'])(
    'cash: %s',
    (text) => {
      expect(cash(text)).toBe(true);
    },
  );

  it.each(['não consigo à vista', 'nao da pra pagar de uma vez', "I can't pay in full"])('not cash: %s', (text) => {
    expect(cash(text)).toBe(false);
  });

  it.each(['parcelado', 'vista aerea', 'cash flow is tight'])('nothing: %s', (text) => {
    expect(cash(text)).toBeUndefined();
  });
});
