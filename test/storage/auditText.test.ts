import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditText, getOrCreatePiiKey, phrasingForAudit, recordedTextHmac, textHmac, verifyTextHmac } from '../../src/storage/auditText.js';
import { openDatabase, type Database } from '../../src/storage/database.js';

const KEY = Buffer.alloc(32, 7).toString('base64url');

describe('keyed hashes of texts for the audit trail', () => {
  it('is HMAC-SHA256 of the UTF-8 text under the decoded key', () => {
    expect(textHmac(KEY, 'Olá, não consigo pagar')).toBe(createHmac('sha256', Buffer.alloc(32, 7)).update('Olá, não consigo pagar', 'utf8').digest('hex'));
    expect(auditText(KEY, 'aceito')).toEqual({ textHmac: textHmac(KEY, 'aceito'), textLength: 6 });
  });

  it('differs between keys, so a text cannot be confirmed without the conversation key', () => {
    expect(textHmac(KEY, 'aceito')).not.toBe(textHmac(Buffer.alloc(32, 8).toString('base64url'), 'aceito'));
  });

  it('verifies a text: true when it matches, false when it differs, null when key or text is gone', () => {
    const h = textHmac(KEY, 'aceito');
    expect(verifyTextHmac(KEY, 'aceito', h)).toBe(true);
    expect(verifyTextHmac(KEY, 'aceito.', h)).toBe(false);
    expect(verifyTextHmac(KEY, 'aceito', 'zz')).toBe(false);
    expect(verifyTextHmac(null, 'aceito', h)).toBeNull();
    expect(verifyTextHmac(KEY, null, h)).toBeNull();
  });

  it('keeps phrasing facts but replaces both texts by keyed hashes and failures by their check names', () => {
    const out = phrasingForAudit(KEY, {
      source: 'template',
      reason: 'guardrails',
      templateText: 'Olá Marina, o total é R$ 10,00.',
      llmText: 'Marina, pague já!',
      failures: [{ check: 'hostility', detail: 'pressure: "Marina, pague já" (urgency)' }],
      error: null,
      cached: false,
      tokens: 42,
    });
    expect(out).toEqual({
      source: 'template',
      reason: 'guardrails',
      templateTextHmac: textHmac(KEY, 'Olá Marina, o total é R$ 10,00.'),
      templateTextLength: 31,
      llmTextHmac: textHmac(KEY, 'Marina, pague já!'),
      llmTextLength: 17,
      failures: [{ check: 'hostility' }],
      error: null,
      cached: false,
      tokens: 42,
    });
    expect(JSON.stringify(out)).not.toContain('Marina');
    expect(phrasingForAudit(KEY, { source: 'template', reason: 'no_llm', templateText: 'x', llmText: null, failures: [] })).toMatchObject({ llmTextHmac: null });
  });

  it('names the recorded hash of the text as stored: the sent one for a phrased message', () => {
    expect(recordedTextHmac({ textHmac: 'a' })).toBe('a');
    expect(recordedTextHmac({ source: 'llm', templateTextHmac: 't', llmTextHmac: 'l' })).toBe('l');
    expect(recordedTextHmac({ source: 'template', templateTextHmac: 't', llmTextHmac: 'l' })).toBe('t');
    expect(recordedTextHmac({ key: 'offer.cash', facts: {} })).toBeUndefined();
  });
});

describe('the conversation key', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
  }, 120_000);
  afterAll(async () => database?.close());

  it('is created on first use (32 random bytes, base64url) and then always the same', async () => {
    const db = database.prisma;
    const c = await db.conversation.create({ data: { channel: 'webchat', chatId: 'k1', flowId: 'f', flowVersion: 1, snapshot: {} } });
    expect(c.piiKey).toBeNull();
    const keys = await Promise.all([1, 2, 3].map(() => db.$transaction((tx) => getOrCreatePiiKey(tx, c.id))));
    expect(new Set(keys).size).toBe(1);
    expect(Buffer.from(keys[0]!, 'base64url')).toHaveLength(32);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).piiKey).toBe(keys[0]);
    const other = await db.conversation.create({ data: { channel: 'webchat', chatId: 'k2', flowId: 'f', flowVersion: 1, snapshot: {} } });
    expect(await db.$transaction((tx) => getOrCreatePiiKey(tx, other.id))).not.toBe(keys[0]);
  });
});
