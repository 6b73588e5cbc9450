import { describe, expect, it } from 'vitest';
import { toInbound } from '../../../src/channels/whatsapp/toInbound.js';
import * as f from './fixtures.js';

describe('toInbound', () => {
  it('translates a plain text message from a private chat', () => {
    expect(toInbound(f.text, 'notify')).toEqual({
      channel: 'whatsapp',
      chatId: f.DEBTOR_JID,
      messageId: '3EB0A1B2C3D4E5F6A7B8C9',
      kind: 'text',
      text: 'Oi, recebi a mensagem sobre a dívida',
      senderPhone: '+5511987654321',
      from: { firstName: 'Maria Souza' },
      receivedAt: f.AT,
    });
  });

  it('reads extended text and ignores the quoted message', () => {
    expect(toInbound(f.extendedTextWithQuote, 'notify')).toMatchObject({ kind: 'text', text: 'Quero a opção 2' });
  });

  it('unwraps disappearing-message content', () => {
    expect(toInbound(f.ephemeralText, 'notify')).toMatchObject({ kind: 'text', text: 'pode ser amanhã' });
  });

  it.each([
    ['list reply', f.listReply, 'plan_3x', 'Parcelar em 3x'],
    ['buttons reply', f.buttonsReply, 'accept', 'Aceitar'],
    ['template button reply', f.templateButtonReply, 'talk_to_agent', 'Falar com atendente'],
    ['native flow reply', f.nativeFlowReply, 'accept', 'Aceitar'],
  ])('turns a %s into a choice with the option id and its label', (_name, msg, choiceId, text) => {
    expect(toInbound(msg, 'notify')).toMatchObject({ kind: 'choice', choiceId, text });
  });

  it.each([
    ['image with caption', f.imageWithCaption, { type: 'photo', mimeType: 'image/jpeg' }, 'comprovante do pix'],
    ['PDF document', f.documentPdf, { type: 'document', mimeType: 'application/pdf', fileName: 'comprovante-outubro.pdf' }, undefined],
    ['document with caption', f.documentWithCaption, { type: 'document', mimeType: 'application/pdf', fileName: 'boleto.pdf' }, 'segue o boleto pago'],
    ['sticker', f.sticker, { type: 'sticker', mimeType: 'image/webp' }, undefined],
    ['voice note', f.voiceNote, { type: 'audio', mimeType: 'audio/ogg; codecs=opus' }, undefined],
    ['video', f.video, { type: 'video', mimeType: 'video/mp4' }, 'olha'],
  ])('turns a %s into media, the caption as text, the message id as file id', (_name, msg, media, caption) => {
    const m = toInbound(msg, 'notify');
    expect(m).toMatchObject({ kind: 'media', media: { ...media, fileId: msg.key.id } });
    expect(m?.text).toBe(caption);
  });

  it('reads a shared contact card, and knows when it is the sender’s own', () => {
    expect(toInbound(f.ownContactCard, 'notify')).toMatchObject({ kind: 'contact', contact: { phone: '+5511987654321', own: true } });
    const fromOldAccount = { ...f.ownContactCard, key: { ...f.ownContactCard.key, remoteJid: '551187654321@s.whatsapp.net' } };
    expect(toInbound(fromOldAccount, 'notify')).toMatchObject({ contact: { phone: '+5511987654321', own: true } });
    const someoneElse = { ...f.ownContactCard, key: { ...f.ownContactCard.key, remoteJid: '5521998877665@s.whatsapp.net' } };
    expect(toInbound(someoneElse, 'notify')).toMatchObject({ contact: { own: false } });
  });

  it('marks content it cannot read as unsupported, so the core can answer', () => {
    expect(toInbound(f.location, 'notify')).toMatchObject({ kind: 'unsupported', messageId: f.location.key.id, chatId: f.DEBTOR_JID });
  });

  it.each([
    ['a group message', f.groupMessage],
    ['a status update', f.statusBroadcast],
    ['a broadcast list message', f.broadcastList],
    ['a newsletter post', f.newsletter],
    ['our own message', f.fromMe],
    ['a revoke', f.revoke],
    ['an edit', f.edit],
    ['a reaction', f.reaction],
    ['an undecryptable stub (its real content comes later under the same id)', f.undecryptable],
    ['a WhatsApp announcement', f.whatsappAnnouncement],
  ])('drops %s', (_name, msg) => {
    expect(toInbound(msg, 'notify')).toBeNull();
  });

  it('takes the phone from remoteJidAlt when the chat is addressed by LID, and uses the phone jid as chat id', () => {
    expect(toInbound(f.lidChat, 'notify')).toMatchObject({ chatId: f.DEBTOR_JID, senderPhone: '+5511987654321', messageId: f.lidChat.key.id });
  });

  it('reads the alternate under its early v7 name, senderPn', () => {
    expect(toInbound(f.lidChatSenderPn, 'notify')).toMatchObject({ chatId: f.DEBTOR_JID, senderPhone: '+5511987654321' });
  });

  it('keeps the LID as chat id, without a phone, when WhatsApp does not reveal the number', () => {
    const m = toInbound(f.lidChatNoPhone, 'notify');
    expect(m).toMatchObject({ chatId: f.DEBTOR_LID, kind: 'text', text: 'olá' });
    expect(m?.senderPhone).toBeUndefined();
  });

  it('reports the sender of an old Brazilian account as WhatsApp spells it (no ninth digit)', () => {
    expect(toInbound(f.oldBrazilianAccount, 'notify')).toMatchObject({ chatId: '551187654321@s.whatsapp.net', senderPhone: '+551187654321' });
  });

  it('reads Long timestamps of messages rebuilt with proto.WebMessageInfo.fromObject', () => {
    expect(toInbound(f.protoBuilt, 'notify')?.receivedAt).toEqual(f.AT);
  });

  describe('append upserts (our echoes, and messages that arrived while disconnected)', () => {
    it('drops them by default', () => {
      expect(toInbound(f.text, 'append')).toBeNull();
    });

    it('accepts recent ones when asked to catch up, and still drops stale ones and our own', () => {
      const opts = { appendMaxAgeMs: 3_600_000, now: new Date(f.AT.getTime() + 60_000) };
      expect(toInbound(f.text, 'append', opts)).toMatchObject({ kind: 'text', messageId: f.text.key.id });
      expect(toInbound(f.text, 'append', { ...opts, now: new Date(f.AT.getTime() + 7_200_000) })).toBeNull();
      expect(toInbound(f.fromMe, 'append', opts)).toBeNull();
      expect(toInbound(f.groupMessage, 'append', opts)).toBeNull();
    });
  });
});

describe('toInbound: texts bounded at the edge', () => {
  it('drops NUL and control characters and cuts a huge text (WhatsApp allows 65,536 characters), saying it was cut', () => {
    const huge = { ...f.text, message: { ...f.text.message, conversation: `Oi\u0000\u0008 ${'b'.repeat(65_000)}` } };
    const m = toInbound(huge, 'notify')!;
    expect(m.text!.startsWith('Oi b')).toBe(true);
    expect(m.text!.length).toBe(4000);
    expect(m.text!.endsWith(' […]')).toBe(true);
    expect(m.cutFromChars).toBe(65_003);
  });

  it('cleans a document name too', () => {
    const doc = { ...f.documentPdf, message: { documentMessage: { ...f.documentPdf.message!.documentMessage!, fileName: 'comprovante\u0000.pdf' } } };
    expect(toInbound(doc, 'notify')!.media!.fileName).toBe('comprovante.pdf');
  });
});
