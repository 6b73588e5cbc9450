import { describe, expect, it } from 'vitest';
import { toWhatsAppText } from '../../../src/channels/whatsapp/toWhatsAppText.js';

describe('toWhatsAppText', () => {
  it('sends the text alone when there are no options', () => {
    expect(toWhatsAppText({ text: 'Olá, Maria!', options: [] })).toBe('Olá, Maria!');
  });

  it('appends the options as a numbered menu after a blank line', () => {
    const text = toWhatsAppText({
      text: 'Como prefere pagar?',
      options: [
        { id: 'cash', label: 'À vista com 20% de desconto' },
        { id: 'plan', label: '3x de R$ 1.000,00' },
        { id: 'human', label: 'Falar com uma pessoa' },
      ],
    });
    expect(text).toBe('Como prefere pagar?\n\n1. À vista com 20% de desconto\n2. 3x de R$ 1.000,00\n3. Falar com uma pessoa');
  });

  it('numbers past 9 and keeps each option on one line', () => {
    const options = Array.from({ length: 11 }, (_, i) => ({ id: `o${i}`, label: `Opção\n${i + 1}` }));
    const lines = toWhatsAppText({ text: 'Escolha:', options }).split('\n');
    expect(lines.at(-1)).toBe('11. Opção 11');
    expect(lines).toHaveLength(2 + 11);
  });

  it('ignores requestContact: on WhatsApp the number is the identity', () => {
    expect(toWhatsAppText({ text: 'Para confirmar, qual o CNPJ?', options: [], requestContact: true })).toBe('Para confirmar, qual o CNPJ?');
  });

  it('passes PIX codes, amounts and e-mails through byte for byte', () => {
    const pix = '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865406100.005802BR5913FULANO DE TAL6008BRASILIA62070503***63041D3D';
    const text = `Código PIX copia e cola:\n${pix}\nValor: R$ 1.234,56 (3x) — dúvidas: financeiro_cobranca@credora.com.br`;
    expect(toWhatsAppText({ text, options: [] })).toBe(text);
  });

  it('turns Markdown bold into WhatsApp bold instead of showing stray asterisks', () => {
    expect(toWhatsAppText({ text: '**Valor:** R$ 500,00 e **vencimento** amanhã', options: [] })).toBe('*Valor:* R$ 500,00 e *vencimento* amanhã');
    expect(toWhatsAppText({ text: 'a***b e 2**3**4', options: [] })).toBe('a***b e 2**3**4');
  });
});
