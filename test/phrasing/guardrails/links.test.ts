import { describe, expect, it } from 'vitest';
import { checkLinks } from '../../../src/phrasing/guardrails/links.js';
import { factsFor, templateText } from './fixtures.js';

const T = 'Uma proposta: pagamento à vista.';
const links = (text: string, allowed: string[] = [], template = T): string[] => checkLinks(text, template, {}, allowed).map((f) => f.detail);

describe('links', () => {
  it.each([
    'Pague em https://pagar.example.com/x',
    'Pague em http://192.168.0.1/pay',
    'Veja www.exemplo-acordos.com.br',
    'Veja bit.ly/abc',
    'Veja pague.me/123',
    'Fale em wa.me/5511987654321',
    'Escreva para contato@cobranca.com.br',
    'Veja exemplo.com.br.',
    'See [here](https://portal.example.com).',
  ])('rejects %s', (text) => {
    expect(links(text)).toHaveLength(1);
  });

  it.each([
    'Valor: R$ 1.234,56. Depois, 2.000 à vista.',
    'Obrigado.Me avise quando puder.', // a missing space, not a domain
    'Distribuidora Exemplo Ltda. CNPJ 11.222.333/0001-81.',
    'E.g. the 15th, i.e. next payment.',
    'Às 15:30 de 23/11.',
  ])('does not see a link in %s', (text) => {
    expect(links(text)).toEqual([]);
  });

  it('allows links in the template and on the allow-list (a domain allows its subdomains and paths)', () => {
    expect(links('Pague em https://pagar.exemplo.com.br/x', ['exemplo.com.br'])).toEqual([]);
    expect(links('Pague em https://exemplo.com.br.evil.io/x', ['exemplo.com.br'])).toHaveLength(1);
    expect(links('Pague em https://pague.exemplo.com.br/a', ['https://pague.exemplo.com.br/a'])).toEqual([]);
    expect(links('Pague em https://pague.exemplo.com.br/b', ['https://pague.exemplo.com.br/a'])).toHaveLength(1);
    expect(links('Veja https://site.exemplo.com.br', [], 'Veja https://site.exemplo.com.br')).toEqual([]);
  });

  it('does not read the e-mail inside a PIX code of the facts as a link', () => {
    const t = templateText('agreement.term', 'pt-BR');
    expect(checkLinks(t, t, factsFor('agreement.term'))).toEqual([]);
  });
});
