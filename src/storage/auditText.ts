import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Tx } from './database.js';

/**
 * The audit trail cannot be edited (any change breaks the hash chain), yet a person's words must
 * be erasable (LGPD). So the trail stores a keyed hash of each text and the text lives only in its
 * Message row. While the conversation's key exists, anyone can check a text against the trail;
 * erasure deletes key and text, the chain still verifies, and a short text ("aceito", a name) can
 * no longer be confirmed by guessing, as it could be with a plain hash.
 */

/** The conversation's secret, created on first use; concurrent first uses agree on one key. */
export async function getOrCreatePiiKey(tx: Tx, conversationId: string, known?: string | null): Promise<string> {
  // `known`: the key the caller already read from the conversation's row in this transaction.
  if (known) return known;
  // One statement: a racing first use that commits first keeps its key (the UPDATE waits for it,
  // then COALESCE finds the key set), and both return that one.
  const [row] = await tx.$queryRawUnsafe<{ piiKey: string }[]>('UPDATE "Conversation" SET "piiKey" = COALESCE("piiKey", $2) WHERE id = $1 RETURNING "piiKey"', conversationId, newPiiKey());
  if (!row) throw new Error(`conversation ${conversationId} not found`);
  return row.piiKey;
}

/** A new conversation key: 32 random bytes, base64url. */
export function newPiiKey(): string {
  return randomBytes(32).toString('base64url');
}

/** HMAC-SHA256 of the text's UTF-8 bytes under the conversation's key, hex. */
export function textHmac(key: string, text: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(text, 'utf8').digest('hex');
}

/** What an audit event carries in place of a text. */
export function auditText(key: string, text: string): { textHmac: string; textLength: number } {
  return { textHmac: textHmac(key, text), textLength: text.length };
}

/** Whether `text` is the one the trail recorded; null when there is nothing left to check (erased). */
export function verifyTextHmac(key: string | null, text: string | null, recorded: unknown): boolean | null {
  if (key === null || text === null || typeof recorded !== 'string') return null;
  const a = Buffer.from(textHmac(key, text), 'hex');
  const b = Buffer.from(recorded, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A phrasing record (src/jobs/outboxSender.ts) fit for the trail: the template's and the LLM's texts
 * may carry the contact's first name, so they become keyed hashes; guardrail failures keep their
 * check names but not their details, which quote the LLM's text (the same cut as the logs make).
 */
export function phrasingForAudit(key: string, phrasing: Record<string, unknown>): Record<string, unknown> {
  const { templateText, llmText, failures, ...rest } = phrasing;
  const hashed = (name: string, text: unknown) => (typeof text === 'string' ? { [`${name}Hmac`]: textHmac(key, text), [`${name}Length`]: text.length } : { [`${name}Hmac`]: null });
  return {
    ...rest,
    ...hashed('templateText', templateText),
    ...hashed('llmText', llmText),
    failures: Array.isArray(failures) ? failures.map((f: { check?: unknown }) => ({ check: f?.check ?? null })) : [],
  };
}

/**
 * The keyed hash an event recorded for its message's text as stored (for a phrased bot message,
 * the text that was sent); undefined for events that recorded no text.
 */
export function recordedTextHmac(data: Record<string, unknown>): string | null | undefined {
  if ('textHmac' in data) return typeof data.textHmac === 'string' ? data.textHmac : null;
  if ('templateTextHmac' in data || 'llmTextHmac' in data) {
    const h = data.source === 'llm' ? data.llmTextHmac : data.templateTextHmac;
    return typeof h === 'string' ? h : null;
  }
  return undefined;
}
