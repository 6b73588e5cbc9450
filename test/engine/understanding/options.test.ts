import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/engine/understanding/normalize.js';
import { numberize } from '../../../src/language/numberize.js';
import {
  choiceByInstallments,
  choiceByNumber,
  choiceByOrdinal,
  choiceByWords,
  fuzzyEq,
} from '../../../src/engine/understanding/options.js';

const OFFER = [
  { id: 'cash', label: 'À vista com 10% de desconto' },
  { id: 'installments', label: 'Parcelado em até 6x' },
  { id: 'human', label: 'Falar com um atendente' },
];

const byNumber = (t: string, n = 3) => choiceByNumber(numberize(normalize(t)).text, n)?.index;
const byWords = (t: string, options = OFFER) => choiceByWords(normalize(t), options);

describe('choiceByNumber', () => {
  it.each([
    ['2', 2], ['2.', 2], ['opção 2', 2], ['opcao 2', 2], ['op 2', 2], ['a 2', 2], ['quero a 2', 2],
    ['a opção 3 por favor', 3], ['2️⃣', 2], ['dois', 2], ['1)', 1], ['#3', 3], ['option 1', 1],
    ["I'll take 3", 3], ['vou de 1', 1], ['pode ser a 2', 2], ['quero a opção 2 em 4x', 2],
  ])('%s -> %d', (text, index) => {
    expect(byNumber(text)).toBe(index);
  });

  it.each(['4', '0', '2 mil', '2x', '2 parcelas', 'dia 2', '22', '2,5', 'paguei 2', 'opção 7'])('no choice: %j', (text) => {
    expect(byNumber(text)).toBeUndefined();
  });

  it('reports where the number is so nothing else reads it', () => {
    const num = 'quero a opcao 2';
    expect(choiceByNumber(num, 3)).toEqual({ index: 2, start: 14, end: 15 });
  });
});

describe('choiceByOrdinal', () => {
  it.each([
    ['a segunda', 2], ['segunda opção', 2], ['a primeira', 1], ['primeira', 1], ['a 1ª', 1], ['a terceira opção', 3],
    ['the second one', 2], ['the first option', 1], ['a última', 3], ['last one', 3],
  ])('%s -> %d', (text, index) => {
    expect(choiceByOrdinal(normalize(text), 3)).toBe(index);
  });

  it.each(['na segunda', 'segunda via', 'a segunda parcela', 'sexta', 'a quarta'])('no choice: %j', (text) => {
    expect(choiceByOrdinal(normalize(text), 3)).toBeUndefined();
  });
});

describe('choiceByWords', () => {
  it.each([
    ['à vista com 10% de desconto', 1], ['a vista', 1], ['AVISTA', 1], ['quero o desconto', 1], ['parcelado', 2],
    ['parcelar', 2], ['parsela', 2], ['quero parcelar em 4x', 2], ['falar com atendente', 3], ['atendenti', 3],
    ['nao quero parcelar, prefiro a vista', 1],
  ])('%s -> %d', (text, index) => {
    expect(byWords(text)).toBe(index);
  });

  it.each(['nao quero parcelar', 'bom dia', 'quanto fica?', 'nao quero desconto nem parcelar'])('no choice: %j', (text) => {
    expect(byWords(text)).toBeUndefined();
  });

  it('uses synonyms and prefers the longest whole label', () => {
    const methods = [
      { id: 'pix', label: 'PIX', synonyms: ['pix copia e cola', 'qr code'] },
      { id: 'boleto', label: 'Boleto bancário', synonyms: ['boleto'] },
    ];
    expect(byWords('manda o qr code', methods)).toBe(1);
    expect(byWords('pode ser boleto', methods)).toBe(2);
    expect(byWords('Pix', methods)).toBe(1);
  });

  it('ignores words shared by every option', () => {
    const options = [
      { id: 'a', label: 'Pagamento à vista' },
      { id: 'b', label: 'Pagamento parcelado' },
    ];
    expect(byWords('pagamento', options)).toBeUndefined();
    expect(byWords('pagamento parcelado por favor', options)).toBe(2);
  });

  it('is undecided on ties', () => {
    expect(byWords('a vista ou parcelado?')).toBeUndefined();
  });
});

describe('choiceByInstallments', () => {
  const plans = [
    { id: 'p3', label: '3x de R$ 1.000,00' },
    { id: 'p6', label: '6x de R$ 520,00' },
    { id: 'p10', label: 'Dez parcelas de R$ 330,00' },
  ];
  it('matches the plan with that number of instalments', () => {
    expect(choiceByInstallments(3, plans)).toBe(1);
    expect(choiceByInstallments(6, plans)).toBe(2);
    expect(choiceByInstallments(10, plans)).toBe(3);
    expect(choiceByInstallments(4, plans)).toBeUndefined();
  });
});

describe('fuzzyEq', () => {
  it.each([
    ['parcelado', 'parcelar'], ['parcelas', 'parcelado'], ['parsela', 'parcelado'], ['atendenti', 'atendente'],
    ['desconto', 'descontos'], ['vista', 'vista'],
  ])('%s ~ %s', (a, b) => {
    expect(fuzzyEq(a, b)).toBe(true);
  });

  it.each([['pix', 'pax'], ['vista', 'vistoria'], ['boleto', 'bolsa'], ['falar', 'fatal']])('%s !~ %s', (a, b) => {
    expect(fuzzyEq(a, b)).toBe(false);
  });
});
