import { describe, expect, it } from 'vitest';
import { checkCreditor } from '../../../src/phrasing/guardrails/creditor.js';
import { CREDITOR, templateText } from './fixtures.js';

const facts = { creditor: CREDITOR };
const welcome = templateText('welcome', 'pt-BR');
const noDebt = templateText('noDebt', 'pt-BR');

describe('creditor (CDC art. 42-A)', () => {
  it('requires the name and the CNPJ when the template has them', () => {
    expect(checkCreditor(welcome, welcome, facts)).toEqual([]);
    const f = checkCreditor('Olá! Qual é o CNPJ da sua empresa?', welcome, facts).map((x) => x.detail);
    expect(f).toEqual([
      'the creditor\'s name "Distribuidora Exemplo Ltda" is in the template but not in the text',
      "the creditor's CNPJ 11222333000181 is in the template but not in the text",
    ]);
  });

  it('accepts the CNPJ in any punctuation and the name in any case, accents or without the company type', () => {
    expect(checkCreditor('Aqui é a DISTRIBUIDORA EXEMPLO, CNPJ 11222333000181.', welcome, facts)).toEqual([]);
    expect(checkCreditor('Aqui é a distribuidora exemplo ltda (CNPJ 11 222 333 0001 81).', welcome, facts)).toEqual([]);
    expect(checkCreditor("Distribuidora Exemplo Ltda's assistant, CNPJ 11.222.333/0001-81.", welcome, facts)).toEqual([]);
  });

  it('rejects another name or another CNPJ', () => {
    expect(checkCreditor('Aqui é a Distribuidora Modelo Ltda (CNPJ 11.222.333/0001-81).', welcome, facts)).toHaveLength(1);
    expect(checkCreditor('Aqui é a Distribuidora Exemplo Ltda (CNPJ 11.222.333/0002-62).', welcome, facts)).toHaveLength(1);
  });

  it('requires only what the template has', () => {
    expect(checkCreditor('Obrigado! Nada em aberto com a Distribuidora Exemplo Ltda.', noDebt, facts)).toEqual([]);
    expect(checkCreditor('Obrigado! Nada em aberto.', noDebt, facts)).toHaveLength(1);
    expect(checkCreditor('Olá de novo!', 'Olá de novo!', facts)).toEqual([]);
    expect(checkCreditor('Olá de novo!', 'Olá de novo!', {})).toEqual([]);
  });
});
