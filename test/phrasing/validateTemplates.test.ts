import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/phrasing/templates.js';
import { validateTemplates } from '../../src/phrasing/validateTemplates.js';

const files = loadTemplates();
const withText = (locale: 'pt-BR' | 'en', key: string, text: string) => {
  const t = structuredClone(files);
  t[locale][key] = text;
  return t;
};
const messages = (input: unknown) => {
  const r = validateTemplates(input);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('validateTemplates (what an admin may publish)', () => {
  it('accepts the shipped templates', () => {
    expect(messages(files)).toEqual([]);
  });

  it.each([
    ['{offer.totl|money}', /missing fact "offer.totl"/],
    ['{ofer.totalCents|money}', /unknown fact "ofer.totalCents"/],
    ['{offer.totalCents|reais}', /unknown filter "reais"/],
    ['{#each debt.invoices}{item.number}', /without its "\{\/each\}"/],
    ['Total {offer.totalCents|money', /opens or closes nothing/],
    ['{ offer.totalCents }', /malformed placeholder/],
  ])('refuses the placeholder mistake %s', (placeholder, why) => {
    const errs = messages(withText('pt-BR', 'offer.cash', `Proposta: ${placeholder} à vista, com desconto.`));
    expect(errs.some((e) => e.startsWith('templates.pt-BR.offer.cash: ') && why.test(e))).toBe(true);
  });

  it('refuses threats, pressure, links and the wrong language with the guardrails', () => {
    expect(messages(withText('pt-BR', 'noDebt', 'Se não pagar hoje, vamos protestar o nome da sua empresa.')).join('\n')).toMatch(/templates\.pt-BR\.noDebt: hostility/);
    expect(messages(withText('pt-BR', 'noDebt', 'Veja em https://exemplo-golpe.com o que fazer.')).join('\n')).toMatch(/templates\.pt-BR\.noDebt: links/);
    expect(messages(withText('en', 'noDebt', 'Obrigado! Não encontrei pendências em aberto para essa empresa.')).join('\n')).toMatch(/templates\.en\.noDebt: language/);
  });

  it('refuses a missing locale, an unknown locale and non-text values', () => {
    expect(messages({ 'pt-BR': files['pt-BR'] })).toContain('templates.en: required: an object of key -> text');
    expect(messages({ ...files, fr: {} })).toContain('templates.fr: unknown locale (locales: pt-BR, en)');
    expect(messages(withText('en', 'welcome', 42 as unknown as string))).toContain('templates.en.welcome: must be text');
    expect(messages(withText('en', 'welcome', '  '))).toContain('templates.en.welcome: must not be empty');
  });
});
