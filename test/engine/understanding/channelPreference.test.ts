import { describe, expect, it } from 'vitest';
import { toFlowEvent } from '../../../src/engine/toFlowEvent.js';
import { understand } from '../../../src/engine/understanding/understand.js';

const read = (text: string, locale: 'pt-BR' | 'en' = 'pt-BR') => understand(text, { locale, today: '2026-12-03' });

describe('a preferred channel said in the chat', () => {
  it.each([
    ['prefiro e-mail', 'email'],
    ['Prefiro receber os avisos por email', 'email'],
    ['pode me chamar no WhatsApp', 'whatsapp'],
    ['podem me mandar as mensagens pelo zap', 'whatsapp'],
    ['manda por e-mail, por favor', 'email'],
    ['prefiro ser contatado pelo telegram', 'telegram'],
  ])('reads "%s" as %s', (text, channel) => {
    expect(read(text).preferredChannel).toBe(channel);
  });

  it.each([['I prefer email', 'email'], ['contact me on WhatsApp', 'whatsapp']])('reads "%s" as %s in English', (text, channel) => {
    expect(read(text, 'en').preferredChannel).toBe(channel);
  });

  it.each(['não me mande e-mail', 'prefiro pagar no pix', 'meu email é rita@empresa.com.br', 'prefiro e-mail ou whatsapp'])('reads no preference in "%s"', (text) => {
    expect(read(text).preferredChannel).toBeUndefined();
  });

  it('is an event of its own only when the message answers nothing else', () => {
    expect(toFlowEvent(read('prefiro e-mail'), '2026-12-03', new Date())).toMatchObject({ type: 'INTENT', intent: 'preferChannel' });
    expect(toFlowEvent(read('aceito, mas prefiro e-mail'), '2026-12-03', new Date())).toMatchObject({ type: 'TEXT' });
    // An escalating intent outranks it: a legal threat goes to a person whatever else is said.
    expect(toFlowEvent(read('vou entrar na justiça, prefiro e-mail'), '2026-12-03', new Date())).toMatchObject({ type: 'INTENT', intent: 'judicial' });
  });
});
