import type { CallbackQuery, Message, Update, User } from 'grammy/types';
import type { InboundChannelMessage } from '../channelPort.js';
import { boundInboundMessage } from '../inboundText.js';
import { unnumberedLabel } from './toTelegramPayload.js';

type Media = NonNullable<InboundChannelMessage['media']>;

/**
 * Service messages report something that happened in the chat (a pinned message, an auto-delete
 * timer) rather than something the person said; answering them would look like a glitch.
 */
const SERVICE_FIELDS = [
  'new_chat_members', 'left_chat_member', 'new_chat_title', 'new_chat_photo', 'delete_chat_photo',
  'group_chat_created', 'supergroup_chat_created', 'channel_chat_created', 'message_auto_delete_timer_changed',
  'migrate_to_chat_id', 'migrate_from_chat_id', 'pinned_message', 'successful_payment', 'refunded_payment',
  'users_shared', 'chat_shared', 'connected_website', 'write_access_allowed', 'proximity_alert_triggered',
  'chat_background_set', 'web_app_data', 'gift', 'unique_gift',
] as const;

/** Telegram sends the digits of a shared contact, sometimes with a leading "+". */
function toE164(phone: string): string {
  return `+${phone.replace(/\D/g, '')}`;
}

function fromOf(user: User): InboundChannelMessage['from'] {
  return { firstName: user.first_name, languageCode: user.language_code };
}

/** Only a person in a one-to-one chat with the bot: groups, channels and other bots disclose nothing. */
function isPrivateFromPerson(chat: { type: string }, from: User | undefined): from is User {
  return chat.type === 'private' && from !== undefined && !from.is_bot;
}

function mediaOf(m: Message): Media | null {
  // The largest size comes last; Telegram re-encodes every photo as JPEG.
  if (m.photo) return { type: 'photo', fileId: m.photo[m.photo.length - 1]?.file_id, mimeType: 'image/jpeg' };
  // An animation (GIF) also carries a `document` for old clients, so it is checked first.
  if (m.animation) return { type: 'video', fileId: m.animation.file_id, fileName: m.animation.file_name, mimeType: m.animation.mime_type };
  if (m.document) return { type: 'document', fileId: m.document.file_id, fileName: m.document.file_name, mimeType: m.document.mime_type };
  if (m.sticker) return { type: 'sticker', fileId: m.sticker.file_id };
  if (m.audio) return { type: 'audio', fileId: m.audio.file_id, fileName: m.audio.file_name, mimeType: m.audio.mime_type };
  if (m.voice) return { type: 'audio', fileId: m.voice.file_id, mimeType: m.voice.mime_type };
  if (m.video) return { type: 'video', fileId: m.video.file_id, fileName: m.video.file_name, mimeType: m.video.mime_type };
  if (m.video_note) return { type: 'video', fileId: m.video_note.file_id };
  return null;
}

function fromMessage(m: Message): InboundChannelMessage | null {
  if (!isPrivateFromPerson(m.chat, m.from)) return null;
  if (SERVICE_FIELDS.some((f) => f in m)) return null;
  const base = {
    channel: 'telegram' as const,
    chatId: String(m.chat.id),
    // message_id is only unique inside a chat.
    messageId: `${m.chat.id}:${m.message_id}`,
    from: fromOf(m.from),
    receivedAt: new Date(m.date * 1000),
  };
  if (m.text !== undefined) return { ...base, kind: 'text', text: m.text };
  if (m.contact) {
    return { ...base, kind: 'contact', contact: { phone: toE164(m.contact.phone_number), own: m.contact.user_id === m.from.id } };
  }
  const media = mediaOf(m);
  if (media) return { ...base, kind: 'media', media, ...(m.caption !== undefined ? { text: m.caption } : {}) };
  // Locations, polls, dice, venues...: the core answers courteously that it cannot read them.
  return { ...base, kind: 'unsupported' };
}

function fromCallbackQuery(q: CallbackQuery, now: Date): InboundChannelMessage | null {
  // A button under an inline-mode message has no chat we could answer in.
  if (!q.message || !isPrivateFromPerson(q.message.chat, q.from)) return null;
  const base = {
    channel: 'telegram' as const,
    chatId: String(q.message.chat.id),
    // The query id is unique per tap, so two taps on the same button are two messages.
    messageId: `cb:${q.id}`,
    from: fromOf(q.from),
    receivedAt: now,
  };
  if (q.data === undefined) return { ...base, kind: 'unsupported' };
  // A message older than 48 h arrives "inaccessible" (date 0), without its keyboard.
  const markup = q.message.date === 0 ? undefined : (q.message as Message).reply_markup;
  const button = markup?.inline_keyboard.flat().find((b) => 'callback_data' in b && b.callback_data === q.data);
  return { ...base, kind: 'choice', choiceId: q.data, ...(button ? { text: unnumberedLabel(button.text) } : {}) };
}

/**
 * A Telegram update as a channel message, or null when it must get no answer at all: anything
 * outside a private chat, from a bot, edits, channel posts, membership changes, service messages.
 * `now` stamps callback queries, which carry no date of their own.
 */
export function toInbound(update: Update, now: Date = new Date()): InboundChannelMessage | null {
  // Texts bounded and stripped of control characters here, at the edge (inboundText.ts).
  if (update.message) return boundInboundMessage(fromMessage(update.message));
  if (update.callback_query) return boundInboundMessage(fromCallbackQuery(update.callback_query, now));
  return null;
}
