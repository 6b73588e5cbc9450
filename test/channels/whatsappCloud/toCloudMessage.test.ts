import { describe, expect, it } from 'vitest';
import { toCloudMessage } from '../../../src/channels/whatsappCloud/toCloudMessage.js';

const opts = (...labels: string[]) => labels.map((label, i) => ({ id: `o${i}`, label }));

describe('toCloudMessage', () => {
  it('sends a text without options as a text message', () => {
    expect(toCloudMessage('5511987654321', { text: 'Olá, **Ana**', options: [] })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '5511987654321',
      type: 'text',
      text: { body: 'Olá, *Ana*', preview_url: false },
    });
  });

  it('offers up to three short options as reply buttons whose ids are the options', () => {
    const p = toCloudMessage('55', { text: 'Proposta', options: opts('Aceitar', 'Ver outra opção', 'Falar com uma pessoa') });
    expect(p.interactive).toEqual({
      type: 'button',
      body: { text: 'Proposta' },
      action: { buttons: [0, 1, 2].map((i) => ({ type: 'reply', reply: { id: `o${i}`, title: ['Aceitar', 'Ver outra opção', 'Falar com uma pessoa'][i] } })) },
    });
  });

  it('uses a list for four to ten options or a label longer than a button, the whole label in the description', () => {
    const four = toCloudMessage('55', { text: 'Escolha', options: opts('1x', '2x', '3x', '4x') });
    expect(four.interactive).toMatchObject({ type: 'list', action: { button: 'Ver opções', sections: [{ rows: [{ id: 'o0', title: '1x' }, { id: 'o1' }, { id: 'o2' }, { id: 'o3' }] }] } });
    const long = toCloudMessage('55', { text: 'Escolha', options: opts('À vista com 10% de desconto até sexta') });
    const row = (long.interactive as { action: { sections: { rows: { title: string; description?: string }[] }[] } }).action.sections[0]!.rows[0]!;
    expect(row.title).toHaveLength(24);
    expect(row.title.endsWith('…')).toBe(true);
    expect(row.description).toBe('À vista com 10% de desconto até sexta');
  });

  it('falls back to the numbered menu past ten options or a body longer than 1,024 characters', () => {
    const many = toCloudMessage('55', { text: 'Escolha', options: opts(...Array.from({ length: 11 }, (_, i) => `Opção ${i + 1}`)) });
    expect(many.type).toBe('text');
    expect((many.text as { body: string }).body).toMatch(/^Escolha\n\n1\. Opção 1\n2\. Opção 2[\s\S]*11\. Opção 11$/);
    const longBody = toCloudMessage('55', { text: 'x'.repeat(1025), options: opts('Sim') });
    expect(longBody.type).toBe('text');
    expect((longBody.text as { body: string }).body.endsWith('1. Sim')).toBe(true);
  });
});
