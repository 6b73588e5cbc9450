import { z } from 'zod';

// Which channel a proactive message (a notice) goes to: the contact's own choice when that channel
// can reach them, else the first in the creditor's order that can. The seeds ask to respect each
// client's preference; the order is the creditor's (a company whose debtors live in e-mail puts it
// first). Pure: the caller says what each channel can do for this contact and why not.

export const PROACTIVE_CHANNELS = ['whatsapp', 'email', 'telegram'] as const;
export type ProactiveChannel = (typeof PROACTIVE_CHANNELS)[number];

export const isProactiveChannel = (s: unknown): s is ProactiveChannel => typeof s === 'string' && (PROACTIVE_CHANNELS as readonly string[]).includes(s);

/** GET|PUT /api/admin/channel-order: every proactive channel once, the first tried first. */
export const ChannelOrderSchema = z
  .object({
    order: z
      .array(z.enum(PROACTIVE_CHANNELS, { error: `each must be one of: ${PROACTIVE_CHANNELS.join(', ')}` }))
      .refine((o) => new Set(o).size === o.length && o.length === PROACTIVE_CHANNELS.length, { error: `must list each of ${PROACTIVE_CHANNELS.join(', ')} once` }),
  })
  .strict();
export type ChannelOrder = z.infer<typeof ChannelOrderSchema>;

/** WhatsApp first (it is read within minutes), then e-mail, then Telegram (reachable only once the debtor wrote). */
export const DEFAULT_CHANNEL_ORDER: ChannelOrder = { order: ['whatsapp', 'email', 'telegram'] };

/** A channel's answer for one contact: its chat there, or why it cannot carry this message. */
export type Reach = { chatId: string } | { why: string };

export type Route = { channel: ProactiveChannel; chatId: string; reason: string } | { channel: null; reason: string };

/**
 * The channel for one contact. `reason` says it in one line for the admin's "why" view: the
 * preference honoured, or each channel passed over with why, then the one taken.
 */
export function chooseChannel(preferred: string | null, order: readonly ProactiveChannel[], reach: (c: ProactiveChannel) => Reach): Route {
  const tried = isProactiveChannel(preferred) ? [preferred, ...order.filter((c) => c !== preferred)] : [...order];
  const passed: string[] = [];
  for (const channel of tried) {
    const r = reach(channel);
    if ('chatId' in r) {
      const how = channel === preferred ? 'the contact’s preferred channel' : passed.length || preferred ? 'next in the creditor’s order' : 'first in the creditor’s order';
      return { channel, chatId: r.chatId, reason: [...passed, `${channel}: ${how}`].join('; ') };
    }
    passed.push(`${channel}${channel === preferred ? ' (preferred)' : ''}: ${r.why}`);
  }
  return { channel: null, reason: passed.join('; ') || 'no channel' };
}
