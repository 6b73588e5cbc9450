import { describe, expect, it } from 'vitest';
import { MAX_ANALYSED_CHARS, normalize, wordsOnly } from '../../../src/engine/understanding/normalize.js';

describe('normalize', () => {
  it('lower-cases, strips accents and collapses whitespace', () => {
    expect(normalize('  Não   RECONHEÇO\n\tessa DÍVIDA ')).toBe('nao reconheco essa divida');
  });

  it('keeps the punctuation numbers, money, dates and negation scope need', () => {
    expect(normalize('R$ 1.234,56 até 15/12, ok?')).toBe('r$ 1.234,56 ate 15/12, ok?');
    expect(normalize('12.ABC.345/01DE-35')).toBe('12.abc.345/01de-35');
    expect(normalize('10% #991 (urgente)!')).toBe('10% #991 (urgente)!');
  });

  it('turns keycap emoji into digits and drops other emoji', () => {
    expect(normalize('2️⃣')).toBe('2');
    expect(normalize('2\u20E3')).toBe('2'); // keycap without the variation selector
    expect(normalize('🔟 parcelas')).toBe('10 parcelas');
    expect(normalize('😡😡 paguei 🙏🏽')).toBe('paguei');
    expect(normalize('👨‍👩‍👧 oi')).toBe('oi');
  });

  it('reads thumbs up / down as ok / nao', () => {
    expect(normalize('👍')).toBe('ok');
    expect(normalize('👍🏻')).toBe('ok');
    expect(normalize('👎')).toBe('nao');
  });

  it('collapses stretched letters', () => {
    expect(normalize('Siiiiim')).toBe('sim');
    expect(normalize('naaaao')).toBe('nao');
    expect(normalize('porraaaa')).toBe('porra');
    expect(normalize('kkkkkk')).toBe('k');
  });

  it('expands chat abbreviations and fixes frequent misspellings', () => {
    expect(normalize('vc pode parsela em 3 vezez pq ta dificil')).toBe('voce pode parcela em 3 vezes porque ta dificil');
    expect(normalize('blz, obg')).toBe('beleza, obrigado');
    expect(normalize('quero um atendenti')).toBe('quero um atendente');
    expect(normalize('semana q vem')).toBe('semana que vem');
  });

  it('reads a lone "n" as "nao" but keeps "n" before a number', () => {
    expect(normalize('n')).toBe('nao');
    expect(normalize('n quero')).toBe('nao quero');
    expect(normalize('n 123')).toBe('n 123');
    expect(normalize('nº 123')).toBe('numero 123');
    expect(normalize('N° 55')).toBe('numero 55');
  });

  it('handles ordinal indicators and abbreviations with a slash', () => {
    expect(normalize('1ª parcela')).toBe('1a parcela');
    expect(normalize('2º')).toBe('2o');
    expect(normalize('p/ dia 10')).toBe('para dia 10');
  });

  it('removes apostrophes so English contractions become one word', () => {
    expect(normalize("I don't owe, I’m sure")).toBe('i dont owe, im sure');
  });

  it('only reads the first MAX_ANALYSED_CHARS characters', () => {
    const long = 'a '.repeat(MAX_ANALYSED_CHARS) + 'quero falar com atendente';
    expect(normalize(long)).not.toContain('atendente');
    expect(normalize(long).length).toBeLessThanOrEqual(MAX_ANALYSED_CHARS);
  });

  it('wordsOnly drops punctuation', () => {
    expect(wordsOnly('a vista, com 10% de desconto!')).toBe('a vista com 10 de desconto');
  });
});
