import { describe, expect, it } from 'vitest';
import { toInbound } from '../../../src/channels/telegram/toInbound.js';
import * as f from './updateFixtures.js';

const now = new Date('2026-01-01T10:00:05Z');

describe('toInbound', () => {
  it('translates a private text with the chat-qualified message id, sender and message date', () => {
    expect(toInbound(f.privateText, now)).toEqual({
      channel: 'telegram',
      chatId: '7012345678',
      messageId: '7012345678:42',
      kind: 'text',
      text: 'Oi, recebi uma mensagem de cobrança',
      from: { firstName: 'Maria', languageCode: 'pt-br' },
      receivedAt: new Date('2026-01-01T10:00:00Z'),
    });
  });

  it('passes /start through as text', () => {
    expect(toInbound(f.startCommand, now)).toMatchObject({ kind: 'text', text: '/start', messageId: '7012345678:1' });
  });

  it.each([
    ['group message', f.groupText],
    ['supergroup message', f.supergroupText],
    ['channel post', f.channelPost],
    ['edited message', f.editedText],
    ['message from a bot', f.fromBot],
    ['button tapped in a group', f.callbackInGroup],
    ['service message (auto-delete timer)', f.autoDeleteTimerChanged],
  ])('ignores a %s', (_name, update) => {
    expect(toInbound(update, now)).toBeNull();
  });

  it('translates a tapped inline button to a choice with its id and unnumbered label', () => {
    expect(toInbound(f.callbackQuery, now)).toEqual({
      channel: 'telegram',
      chatId: '7012345678',
      messageId: 'cb:4382910475839201847',
      kind: 'choice',
      choiceId: 'installments',
      text: 'Parcelar',
      from: { firstName: 'Maria', languageCode: 'pt-br' },
      receivedAt: now,
    });
  });

  it('keeps the choice id when the message under the button is no longer accessible', () => {
    const m = toInbound(f.callbackOnInaccessibleMessage, now);
    expect(m).toMatchObject({ kind: 'choice', choiceId: 'accept', chatId: '7012345678' });
    expect(m?.text).toBeUndefined();
  });

  it('translates the sender’s own contact to E.164 with own = true', () => {
    expect(toInbound(f.ownContact, now)).toMatchObject({ kind: 'contact', contact: { phone: '+5511987654321', own: true }, messageId: '7012345678:44' });
  });

  it('marks a forwarded contact card as not own and normalises "+55 21 99876-5432"', () => {
    expect(toInbound(f.otherContact, now)).toMatchObject({ kind: 'contact', contact: { phone: '+5521998765432', own: false } });
  });

  it('translates a photo to its largest size, with the caption as text', () => {
    expect(toInbound(f.photoWithCaption, now)).toMatchObject({
      kind: 'media',
      text: 'comprovante do pix',
      media: { type: 'photo', fileId: 'AgACAgEAAxkBAAIBZ2b-large', mimeType: 'image/jpeg' },
    });
  });

  it('translates a PDF payment proof with file name and mime type', () => {
    const m = toInbound(f.pdfDocument, now);
    expect(m).toMatchObject({
      kind: 'media',
      media: { type: 'document', fileId: 'BQACAgEAAxkBAAIBaGb-pdf', fileName: 'comprovante-pix-0301.pdf', mimeType: 'application/pdf' },
    });
    expect(m?.text).toBeUndefined();
  });

  it('translates a sticker and a voice note as media', () => {
    expect(toInbound(f.sticker, now)).toMatchObject({ kind: 'media', media: { type: 'sticker', fileId: 'CAACAgIAAxkBAAIBaWb-stk' } });
    expect(toInbound(f.voice, now)).toMatchObject({ kind: 'media', media: { type: 'audio', fileId: 'AwACAgEAAxkBAAIBamb-voc', mimeType: 'audio/ogg' } });
  });

  it('marks a location as unsupported, so the core can answer courteously', () => {
    expect(toInbound(f.location, now)).toMatchObject({ kind: 'unsupported', messageId: '7012345678:50' });
  });
});

describe('toInbound: texts bounded at the edge', () => {
  it('drops NUL and control characters and cuts a huge text, saying it was cut', () => {
    const huge = { ...f.privateText, message: { ...f.privateText.message!, text: `Oi\u0000 ${'a'.repeat(200_000)}` } } as typeof f.privateText;
    const m = toInbound(huge, now)!;
    expect(m.text!.startsWith('Oi a')).toBe(true);
    expect(m.text!.length).toBe(4000);
    expect(m.text!.endsWith(' […]')).toBe(true);
    expect(m.cutFromChars).toBe(200_003);
  });

  it('cleans a file name too', () => {
    const doc = { ...f.pdfDocument, message: { ...f.pdfDocument.message!, document: { ...f.pdfDocument.message!.document!, file_name: 'nota\u0000.pdf' } } } as typeof f.pdfDocument;
    expect(toInbound(doc, now)!.media!.fileName).toBe('nota.pdf');
  });
});
