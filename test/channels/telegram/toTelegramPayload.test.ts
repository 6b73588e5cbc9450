import { describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../../src/channels/channelPort.js';
import { splitText, toTelegramPayload } from '../../../src/channels/telegram/toTelegramPayload.js';

const PIX = '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865406120.005802BR5913Cordial Ltda6009SAO PAULO62070503***6304ABCD';

describe('toTelegramPayload', () => {
  it('sends plain text without parse_mode or keyboard when there are no options', () => {
    const [p, ...rest] = toTelegramPayload({ text: 'Olá, <b>Maria</b> *teste*', options: [] });
    expect(rest).toEqual([]);
    expect(p).toEqual({ text: 'Olá, <b>Maria</b> *teste*' });
    expect(p).not.toHaveProperty('parse_mode');
  });

  it('puts options on an inline keyboard, one numbered button per row, callback_data = option id', () => {
    const [p] = toTelegramPayload({ text: 'O que prefere?', options: [{ id: 'accept', label: 'Aceitar' }, { id: 'installments', label: 'Parcelar' }] });
    expect(p).toEqual({
      text: 'O que prefere?',
      reply_markup: { inline_keyboard: [[{ text: '1. Aceitar', callback_data: 'accept' }], [{ text: '2. Parcelar', callback_data: 'installments' }]] },
    });
  });

  it('rejects, as a permanent bad_request, an option id over 64 bytes of callback_data', () => {
    const send = () => toTelegramPayload({ text: 'x', options: [{ id: 'ç'.repeat(33), label: 'A' }] });
    expect(send).toThrow(ChannelSendError);
    try {
      send();
    } catch (e) {
      expect(e).toMatchObject({ code: 'bad_request', permanent: true });
    }
  });

  it('asks for the contact with a one-time request_contact reply keyboard', () => {
    const [p] = toTelegramPayload({ text: 'Para confirmar, compartilhe seu telefone.', options: [], requestContact: true });
    expect(p?.reply_markup).toEqual({ keyboard: [[{ text: '📱 Compartilhar meu telefone', request_contact: true }]], one_time_keyboard: true, resize_keyboard: true });
  });

  it('lets request_contact win over options, which become numbered lines in the text', () => {
    const [p] = toTelegramPayload({ text: 'Compartilhe seu telefone ou escolha:', options: [{ id: 'human', label: 'Falar com uma pessoa' }], requestContact: true }, { contactButtonLabel: '📱 Share my phone' });
    expect(p?.text).toBe('Compartilhe seu telefone ou escolha:\n\n1. Falar com uma pessoa');
    expect(p?.reply_markup).toMatchObject({ keyboard: [[{ text: '📱 Share my phone', request_contact: true }]] });
    expect(p?.reply_markup).not.toHaveProperty('inline_keyboard');
  });

  it('splits a text over 4096 characters at line breaks, keeping every PIX line whole, keyboard on the last part', () => {
    const lines: string[] = [];
    for (let i = 1; i <= 24; i++) lines.push(`Parcela ${i}: R$ 100,00 — vence em ${String(i).padStart(2, '0')}/03/2026`, `PIX copia e cola: ${PIX}`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(4096);
    const parts = toTelegramPayload({ text, options: [{ id: 'ok', label: 'Entendi' }] });
    expect(parts.length).toBe(2);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.text).join('\n')).toBe(text);
    for (const p of parts) for (const line of p.text.split('\n')) expect(lines).toContain(line);
    expect(parts[0]?.reply_markup).toBeUndefined();
    expect(parts[1]?.reply_markup).toEqual({ inline_keyboard: [[{ text: '1. Entendi', callback_data: 'ok' }]] });
  });
});

describe('splitText', () => {
  it('leaves a short text alone', () => {
    expect(splitText('a\nb', 10)).toEqual(['a\nb']);
  });

  it('cuts a single over-long line at spaces, and mid-word only when there is none', () => {
    expect(splitText('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('never produces an empty message from blank lines at a cut', () => {
    expect(splitText('aaaa\n\n\nbbbb', 4)).toEqual(['aaaa', 'bbbb']);
  });
});
