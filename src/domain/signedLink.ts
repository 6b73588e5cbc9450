import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

// Tokens put in the links Cordial e-mails: `chat` opens the web chat for one debtor (the second
// identity factor, so the person is asked only for the CNPJ), `unsubscribe` opts one contact out.
// A token is its JSON claims in base64url, a dot, and their HMAC-SHA256 under the deployment's key:
// it needs no table, every replica checks it, and it says nothing a person could use without the
// CNPJ (ids only, no name or amount).

export type LinkPurpose = 'chat' | 'unsubscribe';

export interface LinkClaims {
  purpose: LinkPurpose;
  debtorId: string;
  contactId: string | null;
  /** Seconds since the epoch; absent: no end (an unsubscribe link must keep working). */
  expiresAt?: number;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired' };

/** A chat link lasts this long by default (the seven days): long enough for a busy week. */
export const CHAT_LINK_TTL_DAYS = 7;
/** Longer than any id plus claims; a longer string is not ours and is not even decoded. */
const MAX_TOKEN_LENGTH = 512;

/**
 * The links' key, derived from the deployment's audit checkpoint secret (which every replica
 * already shares): no new secret to configure, and a key of its own (HKDF with its own label), so
 * a link's signature can never pass for a checkpoint's.
 */
export function linkKeyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'cordial signed links v1', 32));
}

const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest();

export function signLink(claims: LinkClaims, key: Buffer): string {
  const body = Buffer.from(JSON.stringify({ p: claims.purpose, d: claims.debtorId, c: claims.contactId, ...(claims.expiresAt !== undefined ? { e: claims.expiresAt } : {}) })).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** The claims of a token we signed for `purpose`, still valid at `now`; why not otherwise. */
export function checkLink(token: string, purpose: LinkPurpose, key: Buffer, now: Date): LinkCheck {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) return { ok: false, reason: 'malformed' };
  const [body, sig] = parts as [string, string];
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  let raw: { p?: unknown; d?: unknown; c?: unknown; e?: unknown };
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof raw;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof raw.d !== 'string' || (raw.c !== null && typeof raw.c !== 'string') || (raw.e !== undefined && typeof raw.e !== 'number')) return { ok: false, reason: 'malformed' };
  if (raw.p !== purpose) return { ok: false, reason: 'wrong_purpose' };
  if (raw.e !== undefined && now.getTime() >= raw.e * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { purpose, debtorId: raw.d, contactId: raw.c, ...(raw.e !== undefined ? { expiresAt: raw.e } : {}) } };
}

/** When a chat link made at `now` stops working. */
export function chatLinkExpiry(now: Date, ttlDays = CHAT_LINK_TTL_DAYS): number {
  return Math.floor(now.getTime() / 1000) + ttlDays * 86_400;
}
