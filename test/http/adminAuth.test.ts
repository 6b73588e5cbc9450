import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BEARER_FAILURES } from '../../src/http/adminAuth.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

describe('admin token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => t?.close());

  const get = async (token: string | undefined, remoteAddress: string, url = '/api/admin/policy') => {
    const r = await t.app.server.inject({ method: 'GET', url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, remoteAddress });
    return { status: r.statusCode, body: r.json(), retryAfter: r.headers['retry-after'] };
  };

  it('answers 429 with Retry-After to an address that keeps guessing, on every admin route, even for the right token', async () => {
    const guesser = '192.0.2.50';
    // Requests without any token are no guesses (a page opened before logging in).
    for (let i = 0; i < MAX_BEARER_FAILURES + 2; i++) expect((await get(undefined, guesser)).status).toBe(401);
    for (let i = 0; i < MAX_BEARER_FAILURES; i++) expect((await get(`guess-${i}`.padEnd(32, 'x'), guesser)).status).toBe(401);
    const limited = await get('one-more-guess'.padEnd(32, 'x'), guesser);
    expect(limited).toMatchObject({ status: 429, body: { error: 'rate_limited' } });
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    // The count is per address, across routes (each route group has its own hook).
    expect((await get(TEST_ADMIN_TOKEN, guesser)).status).toBe(429);
    expect((await get('another'.padEnd(32, 'x'), guesser, '/api/admin/debtors')).status).toBe(429);
    expect((await get(TEST_ADMIN_TOKEN, guesser, '/api/admin/audit/verify')).status).toBe(429);
    // Another address is not affected.
    expect((await get(TEST_ADMIN_TOKEN, '192.0.2.51')).status).toBe(200);
  });
});
