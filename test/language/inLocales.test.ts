import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REPORT_INPUT, zodIssueInLocales } from '../../src/language/inLocales.js';

const Schema = z
  .object({
    name: z.string().max(5, 'at most 5 characters'),
    count: z.number().int(),
    kind: z.enum(['cash', 'installments']),
    cnpj: z.string().refine((v) => v.length === 14, 'not a CNPJ'),
  })
  .strict();

const issues = (input: unknown, opts = REPORT_INPUT) => {
  const r = Schema.safeParse(input, opts);
  if (r.success) throw new Error('expected issues');
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, messages: zodIssueInLocales(i) }));
};

describe('zodIssueInLocales', () => {
  it('says each issue in Portuguese from zod’s own locale, keeping the English message', () => {
    expect(issues({ name: 'abcdef', count: 1.5, kind: 'pix', cnpj: '12345678000195', extra: 1 })).toEqual([
      { path: 'name', message: 'at most 5 characters', messages: { en: 'at most 5 characters', 'pt-BR': 'Grande demais: esperava que o texto tivesse <= 5 caracteres' } },
      { path: 'count', message: 'Invalid input: expected int, received number', messages: { en: 'Invalid input: expected int, received number', 'pt-BR': 'Entrada inválida: esperava um número inteiro, recebeu um número' } },
      { path: 'kind', message: 'Invalid option: expected one of "cash"|"installments"', messages: expect.objectContaining({ 'pt-BR': 'Opção inválida: esperava uma das seguintes opções: "cash"|"installments"' }) },
      { path: '', message: 'Unrecognized key: "extra"', messages: expect.objectContaining({ 'pt-BR': 'Chave inválida: "extra"' }) },
    ]);
  });

  it('says a missing field is required, not that it "received undefined"', () => {
    expect(issues({ count: 1, kind: 'cash', cnpj: '12345678000195' })[0]!.messages).toEqual({ en: 'Invalid input: expected string, received undefined', 'pt-BR': 'Obrigatório: esperava um texto' });
  });

  it('leaves in English what it cannot say faithfully: a refinement’s own words, a type error whose input was not kept', () => {
    expect(issues({ name: 'a', count: 1, kind: 'cash', cnpj: '1' })).toEqual([{ path: 'cnpj', message: 'not a CNPJ', messages: undefined }]);
    expect(issues({ name: 1, count: 1, kind: 'cash', cnpj: '12345678000195' }, {} as typeof REPORT_INPUT)[0]!.messages).toBeUndefined();
  });
});
