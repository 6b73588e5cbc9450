import { describe, expect, it } from 'vitest';
import { checkForeignData } from '../../../src/phrasing/guardrails/foreignData.js';
import { TEMPLATES, factsFor, templateText } from './fixtures.js';

const summary = templateText('debt.summary', 'pt-BR');
const facts = factsFor('debt.summary');
const fd = (extra: string): string[] => checkForeignData(`${summary}\n${extra}`, summary, facts).map((f) => f.detail);

describe('foreignData', () => {
  it('passes every real template, both locales', () => {
    for (const locale of ['pt-BR', 'en'] as const) {
      for (const key of Object.keys(TEMPLATES[locale])) {
        const t = templateText(key, locale);
        expect(checkForeignData(t, t, factsFor(key)), `${locale} ${key}`).toEqual([]);
      }
    }
  });

  it.each([
    ['CNPJ 45.723.174/0001-10', /CNPJ/],
    ['CNPJ 45723174000110', /CNPJ/],
    ['filial 11.222.333/0002-62', /CNPJ/],
    ['CPF 123.456.789-09', /CPF/],
    ['CPF 12345678909', /CPF/],
    ['Ligue (11) 98765-4321', /phone/],
    ['Ligue +55 11 3333-4444', /phone/],
    ['Ligue 0800 123 4567', /phone/],
    ['Escreva para joao@padaria.com.br', /e-mail/],
    ['Agência 1234, conta 56789-0', /bank details/],
    ['CEP 01310-100', /CEP/],
    ['Rua das Flores, 123', /address/],
    ['RG 12.345.678-9', /RG/],
    ['A Mercado Bom Preço Ltda também deve.', /company name/],
    ['Acme Foods Inc. also owes.', /company name/],
    ['Fale com o Sr. Ricardo.', /person's name/],
    ['Olá, Marina!', /person's name/],
  ])('flags %s', (extra, re) => {
    expect(fd(extra).join('\n')).toMatch(re);
  });

  it.each([
    'A Padaria Pão Quente Ltda tem 2 títulos.',
    'A Distribuidora Exemplo Ltda agradece.',
    'Padaria Pão Quente, tudo certo.',
    'Olá, tudo bem?',
    'Olá de novo!',
    'Total R$ 12.340,56, vencimento 10/08/2026.',
  ])('does not flag %s', (extra) => {
    expect(fd(extra)).toEqual([]);
  });
});
