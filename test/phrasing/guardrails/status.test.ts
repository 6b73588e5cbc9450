import { describe, expect, it } from 'vitest';
import { auditTemplate } from '../../../src/phrasing/guardrails/checkText.js';
import { checkForeignData } from '../../../src/phrasing/guardrails/foreignData.js';
import { checkStatus } from '../../../src/phrasing/guardrails/status.js';
import { AGREEMENT, DEBT, factsFor, templateText } from './fixtures.js';

const summary = templateText('debt.summary', 'pt-BR');
const claims = (text: string, template: string, facts: Record<string, unknown>): string[] => checkStatus(text, template, facts).map((f) => f.detail.split(':')[0] as string);

describe('status', () => {
  it.each([
    ['Sua dívida está quitada.', 'settled'],
    ['Nada consta em nome da empresa.', 'settled'],
    ['Não há mais pendências com a gente.', 'settled'],
    ['Recebemos o seu pagamento.', 'settled'],
    ['O débito foi liquidado.', 'settled'],
    ['Your balance has been settled.', 'settled'],
    ['The debt is paid in full.', 'settled'],
    ['You owe nothing.', 'settled'],
    ['O acordo foi cancelado.', 'cancelled'],
    ['A cobrança está suspensa.', 'cancelled'],
    ['Your debt was forgiven.', 'cancelled'],
    ['The agreement has been terminated.', 'cancelled'],
    ['Desconsidere esta mensagem.', 'disregard'],
    ['Esta cobrança foi enviada por engano.', 'disregard'],
    ['Please disregard this message.', 'disregard'],
    ['This reminder was sent in error.', 'disregard'],
  ])('"%s" is a %s claim the facts do not make', (sentence, claim) => {
    expect(claims(`${summary} ${sentence}`, summary, factsFor('debt.summary'))).toContain(claim);
  });

  it.each([
    'O total a ser pago é de R$ 12.340,56.',
    'Assim que quiser, podemos negociar a dívida.',
    'There are 2 invoices to be paid.',
    'Meanwhile, automatic messages are suspended.',
    'Recebemos o comprovante de pagamento e vamos conferir.',
  ])('"%s" claims nothing', (sentence) => {
    expect(checkStatus(`${summary} ${sentence}`, summary, factsFor('debt.summary'))).toEqual([]);
  });

  it('allows what the template says: the noDebt template says nothing is open', () => {
    const noDebt = templateText('noDebt', 'pt-BR');
    expect(checkStatus('Obrigado! Nada consta em aberto para essa empresa.', noDebt, factsFor('noDebt'))).toEqual([]);
  });

  it('allows "settled" and "cancelled" when the facts say so, and only then', () => {
    const text = 'O acordo está quitado.';
    expect(claims(text, '', { agreement: { ...AGREEMENT, status: 'active' } })).toEqual(['settled']);
    expect(checkStatus(text, '', { agreement: { ...AGREEMENT, status: 'settled' } })).toEqual([]);
    expect(checkStatus('Nada consta.', '', { debt: { ...DEBT, totalCents: 0 } })).toEqual([]);
    expect(claims('O acordo foi cancelado.', '', { agreement: { ...AGREEMENT, status: 'active' } })).toEqual(['cancelled']);
    expect(checkStatus('O acordo foi cancelado.', '', { agreement: { ...AGREEMENT, status: 'cancelled' } })).toEqual([]);
  });

  it('auditTemplate: a template may state what its state means, never take itself back', () => {
    const facts = factsFor('noDebt');
    expect(auditTemplate({ text: 'Nada consta em aberto para a sua empresa.', facts, locale: 'pt-BR' }).failures).toEqual([]);
    expect(auditTemplate({ text: 'Se já pagou, desconsidere esta mensagem.', facts, locale: 'pt-BR' }).failures.map((f) => f.check)).toEqual(['status']);
  });
});

describe('foreignData: other debtors', () => {
  it.each([
    'Outros clientes também atrasaram e já regularizaram.',
    'Muitos devedores aceitaram esta proposta.',
    'Outras empresas na mesma situação já pagaram.',
    'Other debtors have already paid.',
    'Many customers accepted this offer.',
  ])('"%s" mentions other debtors', (sentence) => {
    expect(checkForeignData(`${summary} ${sentence}`, summary, factsFor('debt.summary')).map((f) => f.detail)).toEqual([expect.stringMatching(/^other debtors:/)]);
  });
});
