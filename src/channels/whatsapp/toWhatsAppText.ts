import type { OutboundChannelMessage } from '../channelPort.js';

// What the debtor reads on WhatsApp, from what the core means to say.
//
// Options become a numbered menu under the text ("1. Aceitar"), because button and list messages
// are unreliable on WhatsApp (often not shown at all on WhatsApp Web and some phones). Plain
// "N." rather than keycap emoji: it goes past 9, screen readers say it right, WhatsApp renders it
// as a list, and it is what the debtor types back ("2"), which the core's understanding reads as
// the second option.
//
// `requestContact` is ignored: on WhatsApp the sender's number is the identity already.
//
// Formatting characters (* _ ~ `) are NOT escaped. WhatsApp has no escape character; the only
// ways to defuse a marker are invisible characters or code spans, and both travel with a copy and
// paste, which would break exactly what a debtor copies out of our messages (PIX copia-e-cola
// codes, boleto lines, e-mails). WhatsApp formats only a pair of markers standing at word
// boundaries, so codes and amounts ("…62070503***6304…", "R$ 1.234,56", "3x") display as sent.
// One Markdown habit would surprise, though: "**Valor**" (an LLM's bold) shows its stray
// asterisks, so a word-bounded double-asterisk pair becomes WhatsApp's single-asterisk bold.

/** Menu numbering; exported so tests and the README describe the same format. */
export function menuLine(index: number, label: string): string {
  return `${index + 1}. ${label.replace(/\s+/g, ' ').trim()}`;
}

export function toWhatsAppText(message: OutboundChannelMessage): string {
  const text = markdownBoldToWhatsApp(message.text).trimEnd();
  if (message.options.length === 0) return text;
  const menu = message.options.map((o, i) => menuLine(i, o.label)).join('\n');
  return text === '' ? menu : `${text}\n\n${menu}`;
}

/** "**x**" → "*x*" when the pair stands at word boundaries and holds no asterisk or line break. */
function markdownBoldToWhatsApp(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}*])\*\*([^*\s](?:[^*\n]*[^*\s])?)\*\*(?![\p{L}\p{N}*])/gu, '*$1*');
}
