import { normalizePhone } from '../../domain/phone.js';
import type { InboundChannelMessage } from '../channelPort.js';
import { boundInboundMessage } from '../inboundText.js';
import { CloudMessageSchema, cloudTime } from './cloudWebhook.js';

// One Cloud API message in, one channel message (or nothing) out. The chat is the user's wa_id
// (digits of the phone number), which the Cloud API also sends to.
//
// Nothing (null): a message that does not parse, a group message, a reaction, and the system
// notices ("user changed number"): signals, not something a debtor said. Real content the bot
// cannot read (location, an order, a poll) becomes 'unsupported', so the core answers courteously.

const MEDIA_TYPES = { image: 'photo', document: 'document', audio: 'audio', video: 'video', sticker: 'sticker' } as const;
const IGNORED = new Set(['reaction', 'system', 'ephemeral', 'request_welcome']);

export function cloudToInbound(raw: unknown, profileName?: string): InboundChannelMessage | null {
  const parsed = CloudMessageSchema.safeParse(raw);
  if (!parsed.success) return null;
  const m = parsed.data;
  if (m.group_id || IGNORED.has(m.type) || !/^\d{6,15}$/.test(m.from)) return null;
  const base = {
    channel: 'whatsapp' as const,
    chatId: m.from,
    messageId: m.id,
    senderPhone: normalizePhone(`+${m.from}`) ?? undefined,
    from: profileName ? { firstName: profileName.split(/\s+/)[0] } : undefined,
    receivedAt: cloudTime(m.timestamp),
  };
  const out = ((): InboundChannelMessage => {
    if (m.type === 'text' && m.text) return { ...base, kind: 'text', text: m.text.body };
    const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
    if (m.type === 'interactive' && reply) return { ...base, kind: 'choice', choiceId: reply.id, text: reply.title };
    if (m.type === 'button' && m.button) return { ...base, kind: 'text', text: m.button.text };
    if (m.type === 'contacts') {
      const phone = m.contacts?.[0]?.phones?.find((p) => p.wa_id || p.phone);
      const e164 = phone ? normalizePhone(phone.wa_id ? `+${phone.wa_id}` : phone.phone!) : null;
      if (e164) return { ...base, kind: 'contact', contact: { phone: e164, own: phone?.wa_id === m.from } };
      return { ...base, kind: 'unsupported' };
    }
    if (m.type in MEDIA_TYPES) {
      const type = MEDIA_TYPES[m.type as keyof typeof MEDIA_TYPES];
      const item = m[m.type as keyof typeof MEDIA_TYPES];
      if (item) return { ...base, kind: 'media', text: item.caption, media: { type, fileId: item.id, fileName: item.filename, mimeType: item.mime_type } };
    }
    return { ...base, kind: 'unsupported' };
  })();
  return boundInboundMessage(out);
}
