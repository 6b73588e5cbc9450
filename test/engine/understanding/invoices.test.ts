import { describe, expect, it } from 'vitest';
import { claimTimesAndPhones, findBareInvoices, findPrefixedInvoices } from '../../../src/engine/understanding/invoices.js';
import { normalize } from '../../../src/engine/understanding/normalize.js';
import { Spans } from '../../../src/engine/understanding/spans.js';

const prefixed = (t: string) => findPrefixedInvoices(normalize(t), new Spans());
const bare = (t: string) => {
  const spans = new Spans();
  const num = normalize(t);
  claimTimesAndPhones(num, spans);
  return findBareInvoices(num, spans, []);
};

describe('findPrefixedInvoices', () => {
  it.each([
    ['NF 1234', ['1234']], ['nf1234', ['1234']], ['NF-e 5678', ['5678']], ['nota 00123', ['00123']],
    ['nota fiscal nº 887', ['887']], ['fatura A-778', ['A-778']], ['invoice #991', ['991']], ['#991', ['991']],
    ['boleto 9981', ['9981']], ['titulo 44', ['44']], ['duplicata 12/3', ['12/3']], ['pedido n. 778', ['778']],
    ['as notas 12, 13 e 14', ['12', '13', '14']], ['invoices 4471 and 4472', ['4471', '4472']],
    // As printed on the documents debtors hold.
    ['nota fiscal nº 452.100', ['452100']], ['a fatura é a R7310', ['R7310']], ['NF 123.456', ['123456']],
    ['INV1-203-0', ['1-203-0']], ['Fatura 2026/0042', ['2026/0042']], ['fatura: 2026/0042.', ['2026/0042']],
    ['the invoice is INV-77', ['INV-77']], ['código de acesso HJ45KL67', ['HJ45KL67']],
  ])('%s -> %j', (text, expected) => {
    expect(prefixed(text)).toEqual(expected);
  });

  it.each(['nota de 1500 reais', 'boleto de 500', 'a nota venceu', 'fatura 2 mil', 'notas em aberto'])('nothing in %j', (text) => {
    expect(prefixed(text)).toEqual([]);
  });
});

describe('findBareInvoices', () => {
  it.each([
    ['12345', ['12345']], ['123', ['123']], ['a778', ['A778']], ['AB-1234', ['AB-1234']], ['1001 e 1002', ['1001', '1002']],
    ['R7310', ['R7310']], ['K7M2P9QX', ['K7M2P9QX']], ['4N7QX2AB', ['4N7QX2AB']],
  ])('%s -> %j', (text, expected) => {
    expect(bare(text)).toEqual(expected);
  });

  it.each([
    '12', '1.500', 'r$1500', '15h30', '10:30', '(11) 98765-4321', '11 98765-4321', 'meu celular 11987654321',
    '4x500', 'em 2027', '2,50',
  ])('nothing in %j', (text) => {
    expect(bare(text)).toEqual([]);
  });
});
