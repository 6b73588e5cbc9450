import { describe, expect, it } from 'vitest';
import { TemplateError, renderTemplate } from '../../src/phrasing/renderTemplate.js';
import { LOCALES } from '../../src/language/locale.js';
import { commonKeys, loadTemplates } from '../../src/phrasing/templates.js';

describe('renderTemplate', () => {
  it('formats money, dates, percentages and CNPJs from facts with domain code', () => {
    const facts = { o: { total: 123456, due: '2026-12-15', pct: 7.5 }, c: { cnpj: '11222333000181' } };
    const t = '{o.total|money} até {o.due|date}, {o.pct|percent} off, CNPJ {c.cnpj|cnpj}';
    expect(renderTemplate(t, facts, 'pt-BR')).toBe('R$ 1.234,56 até 15/12/2026, 7,5% off, CNPJ 11.222.333/0001-81');
    expect(renderTemplate(t, facts, 'en')).toBe('R$1,234.56 até 12/15/2026, 7.5% off, CNPJ 11.222.333/0001-81');
  });

  it('repeats each-blocks over lists', () => {
    const facts = { a: { list: [{ n: 1, v: 100 }, { n: 2, v: 250 }] } };
    expect(renderTemplate('Parcelas:{#each a.list}\n{item.n}. {item.v|money}{/each}', facts, 'pt-BR')).toBe('Parcelas:\n1. R$ 1,00\n2. R$ 2,50');
  });

  it('fails loudly on a missing fact instead of sending a hole', () => {
    expect(() => renderTemplate('Total {offer.totalCents|money}', {}, 'pt-BR')).toThrow(TemplateError);
    expect(() => renderTemplate('{x|shout}', { x: 1 }, 'pt-BR')).toThrow(/unknown filter/);
  });

  it('has the same keys and placeholders in every locale', () => {
    const t = loadTemplates();
    const keys = commonKeys(t);
    for (const l of LOCALES) expect(Object.keys(t[l]).sort()).toEqual([...keys].sort());
    const placeholders = (s: string) => [...s.matchAll(/\{[^}]+\}/g)].map((m) => m[0]).sort();
    for (const k of keys) expect(placeholders(t.en[k]!), k).toEqual(placeholders(t['pt-BR'][k]!));
  });

  it('never writes a literal amount into a template: numbers come from facts', () => {
    const t = loadTemplates();
    for (const l of LOCALES) {
      for (const [k, v] of Object.entries(t[l])) expect(v.replace(/\{[^}]+\}/g, ''), `${l} ${k}`).not.toMatch(/R\$\s?\d/);
    }
  });
});
