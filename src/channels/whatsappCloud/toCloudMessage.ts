import type { OutboundChannelMessage } from '../channelPort.js';
import { toWhatsAppText } from '../whatsapp/toWhatsAppText.js';

// What the debtor receives through the Cloud API, from what the core means to say.
//
// On the official platform interactive messages are shown reliably (unlike WhatsApp Web through
// Baileys, which keeps a numbered menu), so options become:
// - up to 3 reply buttons, when every label fits a button's 20 characters;
// - else a list of up to 10 rows (a row's title holds 24 characters; a longer label goes whole
//   into the row's description, up to 72);
// - else (more than 10 options, or a text longer than an interactive body's 1,024 characters) the
//   numbered menu under the text, as on Baileys: typing "2" works the same everywhere.
// A button's or row's id is the option's id, so the reply names the option exactly.

export const LIMITS = { buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, body: 1024, text: 4096 } as const;

/** The list's button label ("Ver opções"): the menu is in the debtor's language, like the text. */
const LIST_BUTTON = 'Ver opções';

export type CloudPayload = Record<string, unknown> & { messaging_product: 'whatsapp'; to: string; type: string };

export function toCloudMessage(to: string, message: OutboundChannelMessage, listButton = LIST_BUTTON): CloudPayload {
  const base = { messaging_product: 'whatsapp' as const, recipient_type: 'individual', to };
  const { options } = message;
  const body = message.text.trim();
  const text = () => ({ ...base, type: 'text', text: { body: toWhatsAppText(message).slice(0, LIMITS.text), preview_url: false } });
  if (options.length === 0 || body === '' || body.length > LIMITS.body || options.length > LIMITS.rows) return text();
  const label = (s: string) => s.replace(/\s+/g, ' ').trim();
  if (options.length <= LIMITS.buttons && options.every((o) => label(o.label).length <= LIMITS.buttonTitle)) {
    return {
      ...base,
      type: 'interactive',
      interactive: { type: 'button', body: { text: body }, action: { buttons: options.map((o) => ({ type: 'reply', reply: { id: o.id, title: label(o.label) } })) } },
    };
  }
  const rows = options.map((o) => {
    const l = label(o.label);
    return l.length <= LIMITS.rowTitle ? { id: o.id, title: l } : { id: o.id, title: `${l.slice(0, LIMITS.rowTitle - 1)}…`, description: l.slice(0, LIMITS.rowDescription) };
  });
  return { ...base, type: 'interactive', interactive: { type: 'list', body: { text: body }, action: { button: listButton, sections: [{ title: 'Opções', rows }] } } };
}
