import { describe, expect, it } from 'vitest';
import { chatLinkExpiry, checkLink, linkKeyFrom, signLink } from '../../src/domain/signedLink.js';

const key = linkKeyFrom('a-secret-of-at-least-thirty-two-characters');
const now = new Date('2026-12-03T12:00:00Z');
const claims = { purpose: 'chat' as const, debtorId: 'd-1', contactId: 'c-1', expiresAt: chatLinkExpiry(now) };

describe('signed links', () => {
  it('round-trips its claims under the key, until it expires', () => {
    const token = signLink(claims, key);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(checkLink(token, 'chat', key, now)).toEqual({ ok: true, claims });
    expect(checkLink(token, 'chat', key, new Date(claims.expiresAt * 1000 - 1))).toMatchObject({ ok: true });
    expect(checkLink(token, 'chat', key, new Date(claims.expiresAt * 1000))).toEqual({ ok: false, reason: 'expired' });
    expect(claims.expiresAt - now.getTime() / 1000).toBe(7 * 86_400);
  });

  it('refuses another key, a changed claim, another purpose and garbage', () => {
    const token = signLink(claims, key);
    expect(checkLink(token, 'chat', linkKeyFrom('another-secret-of-at-least-thirty-two-chars'), now)).toEqual({ ok: false, reason: 'bad_signature' });
    const [body, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ p: 'chat', d: 'd-2', c: 'c-1', e: claims.expiresAt })).toString('base64url');
    expect(checkLink(`${forged}.${sig}`, 'chat', key, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(checkLink(token, 'unsubscribe', key, now)).toEqual({ ok: false, reason: 'wrong_purpose' });
    for (const bad of ['', 'x', `${body}.`, `${body}.${sig}.x`, 'a'.repeat(600), `${body}.${sig}!`]) expect(checkLink(bad, 'chat', key, now)).toMatchObject({ ok: false });
  });

  it('makes unsubscribe links that never expire', () => {
    const token = signLink({ purpose: 'unsubscribe', debtorId: 'd-1', contactId: 'c-1' }, key);
    expect(checkLink(token, 'unsubscribe', key, new Date('2036-01-01T00:00:00Z'))).toEqual({ ok: true, claims: { purpose: 'unsubscribe', debtorId: 'd-1', contactId: 'c-1' } });
  });
});
