import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const USER = { email: 'proxy.test@example.com', name: 'Pri Proxy', role: 'agent', password: 'a long enough password' };
// What a TLS-terminating proxy in front adds to each request it passes on.
const FORWARDED = { 'x-forwarded-for': '203.0.113.77', 'x-forwarded-proto': 'https' };

describe.each([
  { trust: 'false', ip: '127.0.0.1', secure: false },
  { trust: 'true', ip: '203.0.113.77', secure: true },
  // The proxy named by its address (the test's client connects from loopback).
  { trust: '127.0.0.1', ip: '203.0.113.77', secure: true },
  { trust: '10.0.0.0/8', ip: '127.0.0.1', secure: false },
])('TRUST_PROXY=$trust', ({ trust, ip, secure }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: trust } });
    expect((await t.api('POST', '/api/admin/users', USER, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(201);
  }, 120_000);
  afterAll(async () => t?.close());

  it(`takes the client address and the scheme from X-Forwarded-* ${secure ? 'as the proxy says' : 'never (the client could write them)'}`, async () => {
    const r = await t.api('POST', '/api/auth/login', { email: USER.email, password: USER.password }, FORWARDED);
    expect(r.status).toBe(200);
    const cookie = r.headers.getSetCookie().find((h) => h.startsWith('cordial_session='))!;
    if (secure) expect(cookie).toMatch(/; Secure/i);
    else expect(cookie).not.toMatch(/; Secure/i);
    const login = await t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'auth.login' }, orderBy: { id: 'desc' } });
    expect(login.data).toMatchObject({ ip });
  });
});
