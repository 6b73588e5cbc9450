import { describe, expect, it } from 'vitest';
import { PROMISES } from '../../../src/phrasing/guardrails/lexicons.js';
import { checkPromises } from '../../../src/phrasing/guardrails/promises.js';
import { OFFER_CASH, OFFER_INSTALLMENTS, TEMPLATES, factsFor, templateText } from './fixtures.js';

const cash = templateText('offer.cash', 'pt-BR');
const inst = templateText('offer.installments', 'pt-BR');
const concepts = (text: string, template: string, facts: Record<string, unknown>): string[] =>
  checkPromises(text, template, facts).map((f) => f.detail.split(':')[0] as string);

describe('promises', () => {
  it.each([
    ['Válida só hoje!', 'deadline'],
    ['Oferta por tempo limitado.', 'deadline'],
    ['Responda até amanhã.', 'deadline'],
    ['Essa proposta expira em breve.', 'deadline'],
    ['Today only!', 'deadline'],
    ['This offer expires tomorrow.', 'deadline'],
    ['Isenção de juros para você.', 'waiver'],
    ['Sem juros e sem multa.', 'waiver'],
    ['Podemos fazer o perdão da dívida.', 'waiver'],
    ['We can waive the late fee.', 'waiver'],
    ['Interest-free!', 'waiver'],
    ['Garanto que é a melhor opção.', 'guarantee'],
    ['We guarantee approval.', 'guarantee'],
    ['Pagando, seu nome fica limpo.', 'credit'],
    ['Isso melhora o seu score.', 'credit'],
    ['This will clear your name.', 'credit'],
    ['Pela lei, você tem direito a isso.', 'legal'],
    ['By law you are entitled to this.', 'legal'],
    ['Uma pessoa vai te ligar em instantes.', 'contact'],
    ['Someone will call you right away.', 'contact'],
    ['Ganhe um brinde!', 'benefit'],
    ['E ainda um desconto adicional.', 'extra discount'],
    ['Posso melhorar a proposta.', 'extra discount'],
  ])('%s -> %s', (extra, concept) => {
    expect(concepts(`${inst} ${extra}`, inst, { offer: OFFER_INSTALLMENTS })).toContain(concept);
  });

  it('allows a discount only when the facts have one', () => {
    expect(concepts(`${cash} Aproveite o desconto.`, cash, { offer: OFFER_CASH })).toEqual([]);
    expect(concepts(`${inst} Com desconto.`, inst, { offer: OFFER_INSTALLMENTS })).toEqual(['discount']);
    expect(concepts(`${inst} Com 10% off.`, inst, { offer: OFFER_INSTALLMENTS })).toContain('discount');
  });

  it('does not read a denied discount as a promise', () => {
    expect(concepts(`${inst} Nesta opção não há desconto.`, inst, { offer: OFFER_INSTALLMENTS })).toEqual([]);
    expect(concepts('6 instalments, no discount.', '6 instalments.', { offer: OFFER_INSTALLMENTS })).toEqual([]);
  });

  it('allows what the template itself says', () => {
    const template = 'Sem juros: 6 parcelas.';
    expect(concepts('Parcelamos em 6 vezes, sem juros.', template, {})).toEqual([]);
  });

  it.each([
    'Perdão, não entendi. Pode responder com o número de uma das opções?',
    'Para garantir a sua segurança, preciso do CNPJ.',
    'Em seguida, confira as condições.',
    'Forgive me, I did not understand.',
    'Those are the terms I can offer right now.',
    'Pague via PIX até 15/12/2026.',
  ])('does not trip on %s', (text) => {
    expect(checkPromises(text, 'Texto.', {})).toEqual([]);
  });

  it('passes every real template, both locales', () => {
    for (const locale of ['pt-BR', 'en'] as const) {
      for (const key of Object.keys(TEMPLATES[locale])) {
        const t = templateText(key, locale);
        expect(checkPromises(t, t, factsFor(key)), `${locale} ${key}`).toEqual([]);
      }
    }
  });

  it('documents every lexicon entry', () => {
    for (const e of PROMISES) expect(e.why.length, e.phrase).toBeGreaterThan(3);
  });
});
