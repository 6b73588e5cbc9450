import type { InboundChannelMessage } from './channelPort.js';

// Free text from a platform, made safe to store and bounded, at the edge of every adapter.
//
// PostgreSQL's text type cannot hold NUL (a message with one ended in a 500), and no other control
// character means anything in a chat message; newlines and tabs do. A platform message can be far
// longer than anything a debtor types (Telegram allows 4096 characters, a WhatsApp text 65536, a
// pasted log more): what is stored and read by the turn is bounded, and says that it was cut.

/** The longest inbound text kept, the web chat's limit too (MAX_WEBCHAT_TEXT). */
export const MAX_INBOUND_CHARS = 4000;

/** What replaces the rest of a text that was cut: the stored message says it is not whole. */
export const CUT_MARKER = ' […]';

// C0 controls but tab and line feed, DEL, C1 controls. (\r is normalised to \n first.)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Line ends as \n; NUL and the other control characters but newline and tab dropped. */
export function dropControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

export interface BoundedText {
  text: string;
  /** The original length (after dropping control characters), when the text was cut. */
  cutFromChars?: number;
}

/** Control characters dropped, then cut to `max` characters (never inside a surrogate pair) with CUT_MARKER. */
export function boundInboundText(raw: string, max = MAX_INBOUND_CHARS): BoundedText {
  const text = dropControlCharacters(raw);
  if (text.length <= max) return { text };
  let end = max - CUT_MARKER.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return { text: text.slice(0, end) + CUT_MARKER, cutFromChars: text.length };
}

/** A short platform label (a file name, a button title): control characters dropped, cut to `max`. */
export function boundLabel(raw: string, max = 200): string {
  return boundInboundText(raw, max).text;
}

/**
 * Every free-text field of a translated platform message bounded: the text (or caption, or
 * button label) to MAX_INBOUND_CHARS, with `cutFromChars` when it was cut; ids and names to
 * short labels. Each adapter's toInbound ends with this.
 */
export function boundInboundMessage<M extends InboundChannelMessage | null>(m: M): M {
  if (m === null) return m;
  const out: InboundChannelMessage = { ...m };
  if (m.text !== undefined) {
    const b = boundInboundText(m.text);
    out.text = b.text;
    if (b.cutFromChars !== undefined) out.cutFromChars = b.cutFromChars;
  }
  if (m.choiceId !== undefined) out.choiceId = boundLabel(m.choiceId, 100);
  if (m.media?.fileName !== undefined) out.media = { ...m.media, fileName: boundLabel(m.media.fileName) };
  if (m.from?.firstName !== undefined) out.from = { ...m.from, firstName: boundLabel(m.from.firstName, 100) };
  return out as M;
}
