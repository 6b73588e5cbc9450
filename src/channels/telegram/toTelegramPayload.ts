import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from 'grammy/types';
import { ChannelSendError, type OutboundChannelMessage } from '../channelPort.js';

/** One sendMessage call, without the chat id. No parse_mode: every text is sent as plain text. */
export interface TelegramMessagePayload {
  text: string;
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup;
}

export interface TelegramPayloadOptions {
  /** Label of the request_contact button (default pt-BR; the port carries no locale). */
  contactButtonLabel?: string;
  /** Telegram's limit per message, in UTF-16 code units (default 4096). */
  maxLength?: number;
}

export const DEFAULT_CONTACT_BUTTON_LABEL = '📱 Compartilhar meu telefone';
export const TELEGRAM_MAX_TEXT = 4096;
const MAX_CALLBACK_DATA_BYTES = 64;

/** "1. Aceitar": the number lets the person also answer by typing it, as on WhatsApp. */
export function numberedLabel(index: number, label: string): string {
  return `${index + 1}. ${label}`;
}

/** The option's own label back from a button text made by numberedLabel. */
export function unnumberedLabel(buttonText: string): string {
  return buttonText.replace(/^\d+\.\s/, '');
}

/** Cuts a line with no break that still fits nowhere: at spaces first, mid-word only as a last resort. */
function splitLongLine(line: string, max: number): string[] {
  const parts: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const cut = space > 0 ? space : max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  parts.push(rest);
  return parts;
}

/**
 * Splits a text into messages of at most `max` characters at line breaks, so a PIX copy-and-paste
 * code (one line, a few hundred characters) always arrives whole and can be copied in one tap.
 */
export function splitText(text: string, max: number = TELEGRAM_MAX_TEXT): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of text.split('\n').flatMap((l) => (l.length > max ? splitLongLine(l, max) : [l]))) {
    if (current === '') current = line;
    else if (current.length + 1 + line.length <= max) current += `\n${line}`;
    else {
      chunks.push(current);
      current = line;
    }
  }
  chunks.push(current);
  // Telegram rejects an empty text; blank lines at a cut are not worth a message.
  const nonEmpty = chunks.filter((c) => c.trim() !== '');
  return nonEmpty.length ? nonEmpty : [text];
}

function inlineKeyboard(options: OutboundChannelMessage['options']): InlineKeyboardMarkup {
  return {
    inline_keyboard: options.map((o, i) => {
      if (Buffer.byteLength(o.id, 'utf8') > MAX_CALLBACK_DATA_BYTES) {
        throw new ChannelSendError('telegram', 'bad_request', `option id longer than ${MAX_CALLBACK_DATA_BYTES} bytes`, { permanent: true });
      }
      return [{ text: numberedLabel(i, o.label), callback_data: o.id }];
    }),
  };
}

/**
 * A channel message as sendMessage calls. Long texts become several messages; the keyboard goes
 * on the last one, under the question it answers.
 *
 * Telegram allows one keyboard per message, inline or reply. With `requestContact` the
 * request_contact reply keyboard wins (identity comes first, and a phone can only be shared
 * through it); any options are then written as numbered lines the person can type.
 * No message removes the contact keyboard: it is one-time (hidden once used), and a removal on
 * the next plain message could hide it before the person saw it when a turn sends several.
 */
export function toTelegramPayload(msg: OutboundChannelMessage, opts: TelegramPayloadOptions = {}): TelegramMessagePayload[] {
  let text = msg.text;
  let markup: TelegramMessagePayload['reply_markup'];
  if (msg.requestContact) {
    if (msg.options.length) text += `\n\n${msg.options.map((o, i) => numberedLabel(i, o.label)).join('\n')}`;
    markup = {
      keyboard: [[{ text: opts.contactButtonLabel ?? DEFAULT_CONTACT_BUTTON_LABEL, request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    };
  } else if (msg.options.length) {
    markup = inlineKeyboard(msg.options);
  }
  const chunks = splitText(text, opts.maxLength ?? TELEGRAM_MAX_TEXT);
  return chunks.map((chunk, i) => (i === chunks.length - 1 && markup ? { text: chunk, reply_markup: markup } : { text: chunk }));
}
