import { describe, expect, it } from 'vitest';
import { checkLanguage, languageScores } from '../../../src/phrasing/guardrails/language.js';
import { TEMPLATES, factsFor, templateText } from './fixtures.js';

describe('language', () => {
  it('accepts every real template in its own locale', () => {
    for (const locale of ['pt-BR', 'en'] as const) {
      for (const key of Object.keys(TEMPLATES[locale])) expect(checkLanguage(templateText(key, locale), locale, factsFor(key)), `${locale} ${key}`).toEqual([]);
    }
  });

  it('rejects every substantial real template in the other locale', () => {
    let checked = 0;
    for (const [locale, other] of [['pt-BR', 'en'], ['en', 'pt-BR']] as const) {
      for (const key of Object.keys(TEMPLATES[locale])) {
        const t = templateText(key, locale);
        const s = languageScores(t, factsFor(key));
        if (s.pt + s.en < 6) continue; // short texts get the benefit of the doubt
        checked++;
        expect(checkLanguage(t, other, factsFor(key)), `${locale} ${key} as ${other}`).toHaveLength(1);
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('catches Spanish in either conversation', () => {
    const es = 'Hola, gracias. Usted puede pagar la deuda con un descuento, y estoy aquí para ayudar.';
    expect(checkLanguage(es, 'pt-BR')[0]?.detail).toMatch(/Spanish/);
    expect(checkLanguage(es, 'en')[0]?.detail).toMatch(/Spanish/);
  });

  it('catches a long text in a language it has no list for', () => {
    const fr = 'Bonjour ! Nous vous proposons un paiement comptant avec une remise, par PIX, avant la date prévue, merci beaucoup.';
    expect(checkLanguage(fr, 'pt-BR')[0]?.detail).toMatch(/not pt-BR/);
    expect(checkLanguage(fr, 'en')[0]?.detail).toMatch(/not en/);
  });

  it('gives short texts the benefit of the doubt', () => {
    expect(checkLanguage('OK!', 'pt-BR')).toEqual([]);
    expect(checkLanguage('Accept', 'pt-BR')).toEqual([]);
    expect(checkLanguage('Thank you!', 'pt-BR')).toEqual([]);
  });

  it('does not read names from the facts as language', () => {
    const facts = { creditor: { name: 'The Best Company For You And Me Ltd' } };
    expect(checkLanguage('Olá! Aqui é a The Best Company For You And Me Ltd. Qual é o CNPJ da empresa?', 'pt-BR', facts)).toEqual([]);
  });
});
