import { describe, expect, it } from 'vitest';
import { findMoney, findPercent, type Money } from '../../../src/engine/understanding/money.js';
import { normalize } from '../../../src/engine/understanding/normalize.js';
import { numberize } from '../../../src/language/numberize.js';
import { Spans } from '../../../src/engine/understanding/spans.js';

function money(text: string): Money | undefined {
  const { text: num, written } = numberize(normalize(text));
  return findMoney(num, new Spans(), written);
}

describe('findMoney', () => {
  it.each([
    ['R$ 2.000', 200000], ['R$2.000,00', 200000], ['r$ 1.234,56', 123456], ['R$1500', 150000],
    ['R $ 80', 8000], ['2 mil', 200000], ['2mil', 200000], ['1,5 mil', 150000], ['2 mil e 500', 250000],
    ['2k', 200000], ['1.5k', 150000], ['dois mil reais', 200000], ['mil e quinhentos', 150000],
    ['cem reais', 10000], ['500 reais', 50000], ['500reais', 50000], ['1.234,56', 123456],
    ['$2,000.50', 200050], ['2,000 dollars', 200000], ['US$ 300', 30000], ['um milhao', 100000000],
    ['posso pagar 1500', 150000], ['consigo 800', 80000], ['I can do 1500', 150000], ['pago 50,50', 5050],
    ['entrada de 500', 50000], ['100 conto', 10000],
  ])('%s = %d cents', (text, cents) => {
    expect(money(text)?.cents).toBe(cents);
  });

  it.each([
    ['parcelas de 300', 30000], ['4x de 500', 50000], ['4x500', 50000], ['4 x R$ 500', 50000],
    ['500 por mes', 50000], ['500/mes', 50000], ['300 a parcela', 30000], ['R$ 250 mensais', 25000],
    ['$500 a month', 50000], ['3 payments of $800', 80000], ['500 each', 50000],
  ])('%s is per instalment', (text, cents) => {
    expect(money(text)).toEqual({ cents, perInstallment: true });
  });

  it.each([
    '3', '1500', '12345', 'tenho 3 notas', '10 dias', '4 parcelas', '15%', 'consigo em 3',
    'pagar em 2027', 'pago 5', '1a parcela', 'nota a778', 'ha 3 meses', 'posso pagar 3 vezes',
    'tenho 2 mil funcionarios',
  ])('no money in %j', (text) => {
    expect(money(text)).toBeUndefined();
  });

  it('prefers a strong amount over a weak one, and the first strong one', () => {
    expect(money('posso pagar 300, ou R$ 500 se precisar')?.cents).toBe(50000);
    expect(money('R$ 2.000 em 4x de 500')).toEqual({ cents: 200000, perInstallment: false });
  });

  it('skips numbers already claimed by other rules', () => {
    const spans = new Spans();
    spans.add(0, 5);
    expect(findMoney('R$ 50 e R$ 70', spans, [])?.cents).toBe(7000);
  });
});

describe('findPercent', () => {
  const pct = (t: string) => findPercent(numberize(normalize(t)).text, new Spans());
  it.each([
    ['10%', 10], ['10 %', 10], ['dez por cento', 10], ['15 por cento de desconto', 15], ['2,5%', 2.5],
    ['90% de desconto', 90], ['100%', 100], ['20 percent', 20], ['vinte porcento', 20],
  ])('%s = %d', (text, value) => {
    expect(pct(text)).toBe(value);
  });

  it.each(['150%', 'R$ 10', 'cento e dez', 'nada'])('no percent in %j', (text) => {
    expect(pct(text)).toBeUndefined();
  });
});
