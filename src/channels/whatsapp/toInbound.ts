import {
  getContentType,
  isLidUser,
  isPnUser,
  jidNormalizedUser,
  META_AI_JID,
  normalizeMessageContent,
  OFFICIAL_BIZ_JID,
  PSA_WID,
  SERVER_JID,
  type MessageUpsertType,
  type WAMessage,
  type WAMessageContent,
} from '@whiskeysockets/baileys';
import { normalizePhone } from '../../domain/phone.js';
import type { InboundChannelMessage } from '../channelPort.js';
import { boundInboundMessage } from '../inboundText.js';
import { phoneFromJid, phoneVariantsForSender } from './phoneFromJid.js';

// Translation at the edge: one Baileys message in, one channel message (or nothing) out.
//
// What becomes nothing (null), and why:
// - anything but a fresh 'notify' upsert: 'append' carries our own sends echoed back, and the
//   messages delivered in bulk after being offline (see ToInboundOptions.appendMaxAgeMs);
// - our own messages (fromMe), including the ones the operator types on the paired phone;
// - anything not a private chat: groups, broadcast lists, status, newsletters, WhatsApp's own
//   service accounts — the bot never answers or discloses anything there;
// - messages without content: a message that failed to decrypt arrives as a stub and comes again
//   under the same id once decrypted; answering the stub would mark the real one a duplicate;
// - protocol messages (revokes, edits, key shares), reactions and poll votes: signals about other
//   messages, not something the debtor said that needs an answer.
// Real content the bot cannot read (location, poll, contact list…) becomes 'unsupported', so the
// core can answer courteously instead of staying silent.

export interface ToInboundOptions {
  /**
   * Accept 'append' upserts younger than this (ms). Baileys emits messages that arrived while the
   * socket was disconnected as 'append' (node.attrs.offline), so with the default (0, notify only)
   * a debtor who writes during a restart gets no answer. The core dedupes by message id, so
   * accepting them is safe against double answers; the age bound keeps stale ones out.
   */
  appendMaxAgeMs?: number;
  /** For the age check; defaults to the current time. */
  now?: Date;
}

/** Jids of WhatsApp itself (announcements, the official account, Meta AI): never a debtor. */
const SERVICE_JIDS = new Set([PSA_WID, OFFICIAL_BIZ_JID, SERVER_JID, META_AI_JID].map((j) => jidNormalizedUser(j)));

export function toInbound(msg: WAMessage, upsertType: MessageUpsertType, options: ToInboundOptions = {}): InboundChannelMessage | null {
  const { key } = msg;
  if (key.fromMe || !key.id || !key.remoteJid) return null;
  const receivedAt = timestampOf(msg) ?? options.now ?? new Date();
  if (upsertType !== 'notify' && !acceptedAppend(receivedAt, options)) return null;

  const remoteJid = jidNormalizedUser(key.remoteJid);
  if (!(isPnUser(remoteJid) || isLidUser(remoteJid)) || SERVICE_JIDS.has(remoteJid)) return null;

  const content = normalizeMessageContent(msg.message);
  if (!content || getContentType(content) === undefined || isSignalOnly(content)) return null;

  const pnJid = phoneJidOf(msg);
  const senderPhone = phoneFromJid(pnJid) ?? undefined;
  const base: InboundChannelMessage = {
    channel: 'whatsapp',
    // The phone jid when known, so that one debtor keeps one chat id whether WhatsApp addresses
    // the chat by phone or by LID, and a reply lands in the chat a first notice was sent to.
    chatId: pnJid ?? remoteJid,
    messageId: key.id,
    kind: 'unsupported',
    receivedAt,
    ...(senderPhone !== undefined && { senderPhone }),
    ...(msg.pushName ? { from: { firstName: msg.pushName } } : {}),
  };
  // Texts bounded and stripped of control characters here, at the edge (inboundText.ts).
  return boundInboundMessage({ ...base, ...translateContent(content, key.id, senderPhone) });
}

type Translated = Pick<InboundChannelMessage, 'kind' | 'text' | 'choiceId' | 'contact' | 'media'>;

function translateContent(c: WAMessageContent, messageId: string, senderPhone: string | undefined): Translated {
  if (c.conversation) return { kind: 'text', text: c.conversation };
  if (c.extendedTextMessage?.text) return { kind: 'text', text: c.extendedTextMessage.text };

  // Replies to interactive messages: the id says which option, the title is what the debtor saw.
  const list = c.listResponseMessage;
  if (list) return choice(list.singleSelectReply?.selectedRowId, list.title);
  const buttons = c.buttonsResponseMessage;
  if (buttons) return choice(buttons.selectedButtonId, buttons.selectedDisplayText);
  const template = c.templateButtonReplyMessage;
  if (template) return choice(template.selectedId, template.selectedDisplayText);
  const interactive = c.interactiveResponseMessage;
  if (interactive) return choice(nativeFlowId(interactive.nativeFlowResponseMessage?.paramsJson), interactive.body?.text);

  // fileId is the message id: media bytes need the whole message (key, url, mediaKey), which the
  // adapter keeps for a while so that downloadMedia(fileId) can fetch them.
  if (c.imageMessage) return media('photo', messageId, c.imageMessage.mimetype, c.imageMessage.caption);
  if (c.documentMessage) {
    const d = c.documentMessage;
    return media('document', messageId, d.mimetype, d.caption, d.fileName ?? d.title);
  }
  if (c.stickerMessage) return media('sticker', messageId, c.stickerMessage.mimetype);
  if (c.audioMessage) return media('audio', messageId, c.audioMessage.mimetype);
  if (c.videoMessage) return media('video', messageId, c.videoMessage.mimetype, c.videoMessage.caption);
  if (c.ptvMessage) return media('video', messageId, c.ptvMessage.mimetype, c.ptvMessage.caption);

  if (c.contactMessage) {
    const phone = phoneFromVcard(c.contactMessage.vcard);
    if (phone) {
      const own = senderPhone !== undefined && phoneVariantsForSender(senderPhone).includes(phone);
      return { kind: 'contact', contact: { phone, own } };
    }
  }
  return { kind: 'unsupported' };
}

function choice(id: string | null | undefined, label: string | null | undefined): Translated {
  const text = label ?? undefined;
  if (!id) return text ? { kind: 'text', text } : { kind: 'unsupported' };
  return { kind: 'choice', choiceId: id, ...(text !== undefined && { text }) };
}

function media(
  type: NonNullable<InboundChannelMessage['media']>['type'],
  fileId: string,
  mimeType: string | null | undefined,
  caption?: string | null,
  fileName?: string | null,
): Translated {
  return {
    kind: 'media',
    ...(caption ? { text: caption } : {}),
    media: { type, fileId, ...(fileName ? { fileName } : {}), ...(mimeType ? { mimeType } : {}) },
  };
}

function isSignalOnly(c: WAMessageContent): boolean {
  return Boolean(
    c.protocolMessage ||
      c.reactionMessage ||
      c.encReactionMessage ||
      c.pollUpdateMessage ||
      c.keepInChatMessage ||
      c.pinInChatMessage,
  );
}

/**
 * The phone jid of the sender, if the message reveals it: the chat jid itself, or its alternate
 * when the chat is addressed by LID (v7 `remoteJidAlt`; the early v7 release candidates called
 * it `senderPn`).
 */
function phoneJidOf(msg: WAMessage): string | undefined {
  const key = msg.key as WAMessage['key'] & { senderPn?: string };
  for (const jid of [key.remoteJid, key.remoteJidAlt, key.senderPn]) {
    if (jid && isPnUser(jidNormalizedUser(jid))) return jidNormalizedUser(jid);
  }
  return undefined;
}

function timestampOf(msg: WAMessage): Date | undefined {
  const t = msg.messageTimestamp;
  const seconds = typeof t === 'number' ? t : t ? Number(t.toString()) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

function acceptedAppend(receivedAt: Date, options: ToInboundOptions): boolean {
  const maxAge = options.appendMaxAgeMs ?? 0;
  if (maxAge <= 0) return false;
  const now = options.now ?? new Date();
  return now.getTime() - receivedAt.getTime() <= maxAge;
}

/** Native flow replies carry the button id inside a JSON string. */
function nativeFlowId(paramsJson: string | null | undefined): string | undefined {
  if (!paramsJson) return undefined;
  try {
    const params: unknown = JSON.parse(paramsJson);
    const id = typeof params === 'object' && params !== null ? (params as Record<string, unknown>).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The WhatsApp id (waid) of a shared contact card, else its first TEL, as E.164. */
function phoneFromVcard(vcard: string | null | undefined): string | null {
  if (!vcard) return null;
  const waid = /waid=(\d+)/i.exec(vcard)?.[1];
  if (waid) return phoneFromJid(`${waid}@s.whatsapp.net`);
  const tel = /^TEL[^:]*:(.+)$/im.exec(vcard)?.[1];
  return tel ? normalizePhone(tel.trim()) : null;
}
