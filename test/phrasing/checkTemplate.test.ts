import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/phrasing/checkTemplate.js';
import { loadTemplates } from '../../src/phrasing/templates.js';
import { validateTemplates } from '../../src/phrasing/validateTemplates.js';

describe('checkTemplate (one template, as publishing judges it)', () => {
  it('renders a good text with the sample facts, amounts formatted by locale', () => {
    expect(checkTemplate('pt-BR', 'offer.cash', 'Proposta: {debt.totalCents|money} à vista, com desconto de {offer.discountPercent|percent}.')).toEqual({
      rendered: 'Proposta: R$ 12.340,56 à vista, com desconto de 10%.',
      problems: [],
      messages: [],
    });
    expect(checkTemplate('en', 'offer.cash', 'You owe {debt.totalCents|money} in all.').rendered).toMatch(/R\$ ?12,340\.56/);
  });

  it('names each guardrail that refuses the text, and still shows it rendered', () => {
    const threat = checkTemplate('pt-BR', 'noDebt', 'Se não pagar hoje, vamos protestar o nome da sua empresa.');
    expect(threat.rendered).toBe('Se não pagar hoje, vamos protestar o nome da sua empresa.');
    expect(threat.problems.some((p) => p.startsWith('hostility: '))).toBe(true);
    expect(checkTemplate('pt-BR', 'noDebt', 'Veja em https://exemplo-golpe.com o que fazer.').problems.some((p) => p.startsWith('links: '))).toBe(true);
    expect(checkTemplate('en', 'noDebt', 'Obrigado! Não encontrei pendências em aberto para essa empresa.').problems.some((p) => p.startsWith('language: '))).toBe(true);
  });

  it('allows a link from the allow-list', () => {
    const text = 'Veja em https://pagar.exemplo.com.br o que fazer com a sua fatura.';
    expect(checkTemplate('pt-BR', 'noDebt', text, { allowedLinks: ['pagar.exemplo.com.br'] }).problems).toEqual([]);
  });

  it('does not render a text with a placeholder mistake, and says which', () => {
    expect(checkTemplate('pt-BR', 'offer.cash', 'Total {ofer.totalCents|money} hoje.')).toEqual({
      rendered: null,
      problems: [expect.stringMatching(/^unknown fact "ofer.totalCents"/)],
      messages: [{ en: expect.stringMatching(/^unknown fact "ofer.totalCents"/), 'pt-BR': expect.stringMatching(/^fato desconhecido "ofer.totalCents" \(fatos: creditor, debt/) }],
    });
    expect(checkTemplate('pt-BR', 'offer.cash', 'Total {offer.totl|money} hoje.')).toEqual({ rendered: null, problems: ['missing fact "offer.totl"'], messages: [{ en: 'missing fact "offer.totl"', 'pt-BR': 'fato inexistente "offer.totl"' }] });
    expect(checkTemplate('pt-BR', 'offer.cash', '{#each debt.totalCents}{item.number}{/each} hoje.').messages).toEqual([{ en: '"debt.totalCents" is not a list', 'pt-BR': '"debt.totalCents" não é uma lista' }]);
    expect(checkTemplate('pt-BR', 'offer.cash', '   ')).toEqual({ rendered: null, problems: ['must not be empty'], messages: [{ en: 'must not be empty', 'pt-BR': 'não pode ficar vazio' }] });
    expect(checkTemplate('pt-BR', 'offer.cash', 'a'.repeat(4001)).messages).toEqual([{ en: 'at most 4000 characters', 'pt-BR': 'no máximo 4000 caracteres' }]);
    expect(checkTemplate('en', 'offer.cash', 'Pay {#each debt.invoices}{item.number} today.').messages.map((m) => m['pt-BR'])).toEqual(['"{#each …}" sem o seu "{/each}"']);
  });

  it('does not judge the language of an option label', () => {
    const pt = 'Quero pagar à vista, com o desconto que você me ofereceu.';
    expect(checkTemplate('en', 'option.accept', pt)).toEqual({ rendered: pt, problems: [], messages: [] });
    expect(checkTemplate('en', 'welcomeBack', pt).problems.some((p) => p.startsWith('language: '))).toBe(true);
  });

  it('agrees with validateTemplates on every shipped template and on a broken one', () => {
    const files = loadTemplates();
    for (const locale of ['pt-BR', 'en'] as const) {
      for (const [key, text] of Object.entries(files[locale])) expect(checkTemplate(locale, key, text).problems, `${locale}.${key}`).toEqual([]);
    }
    const text = 'Se não pagar hoje, vamos protestar. Veja https://exemplo-golpe.com';
    const broken = structuredClone(files);
    broken['pt-BR'].noDebt = text;
    const r = validateTemplates(broken);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual(checkTemplate('pt-BR', 'noDebt', text).problems);
  });
});
