import { describe, expect, it } from 'vitest';
import { cloudToInbound } from '../../../src/channels/whatsappCloud/cloudToInbound.js';
import { MAX_INBOUND_CHARS } from '../../../src/channels/inboundText.js';

const base = { from: '5511987654321', id: 'wamid.A1', timestamp: '1764763200' };

describe('cloudToInbound', () => {
  it('reads a text, with the sender as chat and phone and the profile name as first name', () => {
    expect(cloudToInbound({ ...base, type: 'text', text: { body: 'Bom dia 👋' } }, 'Ana Souza')).toEqual({
      channel: 'whatsapp',
      chatId: '5511987654321',
      messageId: 'wamid.A1',
      kind: 'text',
      text: 'Bom dia 👋',
      senderPhone: '+5511987654321',
      from: { firstName: 'Ana' },
      receivedAt: new Date(1764763200 * 1000),
    });
  });

  it('reads a reply button and a list row as the option chosen', () => {
    expect(cloudToInbound({ ...base, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'accept', title: 'Aceitar' } } })).toMatchObject({ kind: 'choice', choiceId: 'accept', text: 'Aceitar' });
    expect(cloudToInbound({ ...base, type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'human', title: 'Falar com uma pessoa' } } })).toMatchObject({ kind: 'choice', choiceId: 'human', text: 'Falar com uma pessoa' });
    // A template's quick reply carries its label.
    expect(cloudToInbound({ ...base, type: 'button', button: { payload: 'x', text: 'Quero negociar' } })).toMatchObject({ kind: 'text', text: 'Quero negociar' });
  });

  it('reads media with its id to download, its caption and file name', () => {
    expect(cloudToInbound({ ...base, type: 'image', image: { id: 'M1', mime_type: 'image/jpeg', caption: 'comprovante' } })).toMatchObject({ kind: 'media', text: 'comprovante', media: { type: 'photo', fileId: 'M1', mimeType: 'image/jpeg' } });
    expect(cloudToInbound({ ...base, type: 'document', document: { id: 'M2', mime_type: 'application/pdf', filename: 'pix.pdf' } })).toMatchObject({ kind: 'media', media: { type: 'document', fileId: 'M2', fileName: 'pix.pdf' } });
  });

  it("reads a shared contact's number, own when it is the sender's", () => {
    expect(cloudToInbound({ ...base, type: 'contacts', contacts: [{ phones: [{ phone: '+55 11 98765-4321', wa_id: '5511987654321' }] }] })).toMatchObject({ kind: 'contact', contact: { phone: '+5511987654321', own: true } });
    expect(cloudToInbound({ ...base, type: 'contacts', contacts: [{ phones: [{ phone: '+55 21 99999-0000' }] }] })).toMatchObject({ kind: 'contact', contact: { phone: '+5521999990000', own: false } });
  });

  it('answers what it cannot read (a location) as unsupported, and drops signals, groups and malformed messages', () => {
    expect(cloudToInbound({ ...base, type: 'location', location: { latitude: 1, longitude: 2 } })).toMatchObject({ kind: 'unsupported' });
    expect(cloudToInbound({ ...base, type: 'reaction', reaction: { message_id: 'x', emoji: '👍' } })).toBeNull();
    expect(cloudToInbound({ ...base, type: 'system', system: { body: 'changed number' } })).toBeNull();
    expect(cloudToInbound({ ...base, type: 'text', text: { body: 'débito?' }, group_id: 'G1' })).toBeNull();
    expect(cloudToInbound({ type: 'text' })).toBeNull();
    expect(cloudToInbound({ ...base, from: 'not-a-number', type: 'text', text: { body: 'x' } })).toBeNull();
  });

  it('bounds a 100 KB text and says it was cut', () => {
    const m = cloudToInbound({ ...base, type: 'text', text: { body: 'a'.repeat(100_000) } })!;
    expect(m.text!.length).toBeLessThanOrEqual(MAX_INBOUND_CHARS);
    expect(m.cutFromChars).toBe(100_000);
  });
});
