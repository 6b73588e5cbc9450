import { describe, expect, it } from 'vitest';
import { cutForScrubbing, SCRUB_MAX_CHARS, scrubPersonalData } from '../../src/domain/redact.js';

// Shapes that made the old e-mail pattern try every start position (about 6 s each on 100 KB).
const HUGE: [string, string][] = [
  ['letters', 'a'.repeat(100_000)],
  ['digits', '1'.repeat(100_000)],
  ['dotted words', 'ab.'.repeat(34_000)],
  ['at signs', 'a@'.repeat(50_000)],
  ['words without a domain dot', 'nome@empresa '.repeat(8_000)],
];

describe('scrubPersonalData', () => {
  it('replaces e-mails, CNPJs, CPFs and phones', () => {
    expect(scrubPersonalData('mail joao.silva+x@empresa.com.br, fone (11) 98765-4321, cnpj 11.222.333/0001-81, cpf 123.456.789-09')).toBe(
      'mail [email], fone [phone], cnpj [cnpj], cpf [cpf]',
    );
  });

  // The test timeout is the bound: no wall-clock assertion, a quadratic pattern simply times out.
  it.each(HUGE)('finishes on 100 KB of %s, even when told to read all of it', { timeout: 3000 }, (_name, text) => {
    expect(scrubPersonalData(text, 1_000_000).length).toBeGreaterThan(0);
    expect(scrubPersonalData(text).length).toBeLessThanOrEqual(SCRUB_MAX_CHARS + 1);
  });

  it('scrubs the whole text when it is long but under the limit', () => {
    const text = `${'palavra '.repeat(900)}contato: maria@empresa.com.br`;
    expect(scrubPersonalData(text, 1_000_000)).toMatch(/contato: \[email\]$/);
  });
});

describe('cutForScrubbing', () => {
  it('leaves short texts alone', () => {
    expect(cutForScrubbing('curto', 10)).toBe('curto');
  });

  it('cuts long texts at a word boundary and says so, so half an e-mail never survives unscrubbed', () => {
    const text = `${'x '.repeat(20)}joao@empresa.com.br resto`;
    const cut = cutForScrubbing(text, 50);
    expect(cut).toBe(`${'x '.repeat(20).trimEnd()}…`);
    expect(scrubPersonalData(text, 50)).not.toMatch(/joao|empresa/);
  });
});
