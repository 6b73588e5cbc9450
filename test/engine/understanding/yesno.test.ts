import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/engine/understanding/normalize.js';
import { detectYesNo } from '../../../src/engine/understanding/yesno.js';

const yn = (t: string) => detectYesNo(normalize(t));

describe('detectYesNo', () => {
  it.each([
    'sim', 's', 'S', 'claro', 'pode ser', 'aceito', 'fechado', 'ok', 'OK!', 'beleza', 'blz', 'tá bom', 'ta bom',
    'yes', 'sure', 'deal', 'siiim', 'sim sim', 'isso', 'isso mesmo', 'certo', 'combinado', 'de acordo', '👍',
    'com certeza', 'claro que sim', 'quero sim', 'pode mandar', 'aceito a proposta', 'sim, mas só em 4x',
    'oi, sim', 'ah ok', 'ta ok', 'yeah', 'yep', 'sounds good', 'of course', 'agreed',
  ])('yes: %s', (text) => {
    expect(yn(text)).toBe(true);
  });

  it.each([
    'não', 'nao', 'n', 'no', 'nope', 'não aceito', 'nao quero', 'claro que não', 'de jeito nenhum', 'nem pensar',
    'não, obrigado', 'nao obrigado', 'no thanks', 'não consigo', 'nao da', 'agora nao', '👎', 'NÃO!!!', 'naaao',
    'not interested', "I don't accept", 'não, quero falar com alguém', 'nao ta bom', 'absolutely not',
  ])('no: %s', (text) => {
    expect(yn(text)).toBe(false);
  });

  it.each([
    'não sei', 'nao entendi', 'não paguei ainda', 'isso está errado', 'quero falar com alguém', 'certo?', 'tudo bem?',
    'oi tudo bem', 'no dia 15', 'quanto fica?', 'bom dia', '', 'kkk', 'talvez', 'vou ver', 'pode?',
  ])('neither: %j', (text) => {
    expect(yn(text)).toBeUndefined();
  });
});
