import { describe, expect, it } from 'vitest';
import { foldedPattern } from '../../src/domain/foldedPattern.js';

// The same syntax subset (bracket classes, \s+, escaped punctuation) means the same in JS and in
// PostgreSQL's regular expressions; test/http/portfolioRoutes.test.ts runs it on the database.
const matches = (q: string, text: string) => new RegExp(foldedPattern(q)).test(text);

describe('foldedPattern', () => {
  it('turns each letter into the class of its case and accent variants', () => {
    expect(foldedPattern('Pão')).toBe('[pP][aAáÁàÀâÂãÃäÄåÅ][oOóÓòÒôÔõÕöÖ]');
    expect(foldedPattern('k9')).toBe('[kK]9');
  });

  it('matches whatever the case and accents on either side', () => {
    for (const q of ['pao quente', 'PÃO QUENTE', 'Pão', 'páo', 'QUENTE']) expect(matches(q, 'Padaria Pão Quente Ltda'), q).toBe(true);
    expect(matches('comercio', 'COMÉRCIO E SERVIÇOS')).toBe(true);
    expect(matches('servicos', 'COMÉRCIO E SERVIÇOS')).toBe(true);
    expect(matches('pao', 'Padaria')).toBe(false);
  });

  it('lets one space stand for a run of spaces and trims the ends', () => {
    expect(foldedPattern('  a   b ')).toBe('[aAáÁàÀâÂãÃäÄåÅ]\\s+[bB]');
    expect(matches('padaria pao', 'Padaria  Pão')).toBe(true);
  });

  it('escapes punctuation, so the text is never regex syntax', () => {
    expect(foldedPattern('a.b')).toBe('[aAáÁàÀâÂãÃäÄåÅ]\\.[bB]');
    for (const q of ['.*', 'a|b', '[x]', '(', '\\', '^$', 'x+', '{1}']) {
      expect(() => new RegExp(foldedPattern(q)), q).not.toThrow();
      expect(matches(q, 'nothing special here, ab x'), q).toBe(false);
    }
    expect(matches('nf-1001', 'NF-1001')).toBe(true);
    expect(matches('a@b.com', 'A@B.COM')).toBe(true);
  });
});
