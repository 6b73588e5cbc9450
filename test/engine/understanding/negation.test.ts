import { describe, expect, it } from 'vitest';
import { isNegated } from '../../../src/engine/understanding/negation.js';

const at = (text: string, word: string, mode: 'bridge' | 'loose' = 'bridge') => isNegated(text, text.indexOf(word), mode);

describe('isNegated', () => {
  it('negates through bridge words only', () => {
    expect(at('nao quero falar com um atendente', 'falar')).toBe(true);
    expect(at('eu nao paguei', 'paguei')).toBe(true);
    expect(at('nao sei quero falar com alguem', 'falar')).toBe(false);
  });

  it('stops at punctuation and "mas"/"but"', () => {
    expect(at('nao, quero falar', 'falar')).toBe(false);
    expect(at('nao tenho grana mas quero falar', 'falar')).toBe(false);
    expect(at('i dont know but i want to talk', 'talk')).toBe(false);
  });

  it('loose mode negates anything within the window', () => {
    expect(at('nao consigo pagar a vista', 'vista', 'loose')).toBe(true);
    expect(at('nao consigo pagar a vista', 'vista', 'bridge')).toBe(false);
  });

  it('has a bounded window', () => {
    expect(isNegated('nao a b c d e f g h i j alvo', 'nao a b c d e f g h i j '.length, 'loose', 4)).toBe(false);
  });
});
