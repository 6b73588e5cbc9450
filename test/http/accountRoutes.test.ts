import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { SESSION_ABSOLUTE_MS } from '../../src/storage/sessionRepository.js';

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const ADMIN = { email: 'Chefe@Example.com', name: 'Carla Chefe', role: 'admin', password: 'admin password 1' };
const AGENT = { email: 'agente@example.com', name: 'Paulo Agente', role: 'agent', password: 'agent password 1' };

/** The `name=value` part of the session Set-Cookie, for sending back as a Cookie header. */
function sessionCookie(headers: Headers): string {
  const c = headers.getSetCookie().find((h) => h.startsWith('cordial_session='));
  if (!c) throw new Error('no session cookie set');
  return c.split(';')[0]!;
}

describe('accounts API', () => {
  let t: TestApp;
  let adminId: string;
  let agentId: string;
  // Sessions reused across tests: every login from 127.0.0.1 counts against the 10-per-minute limit.
  let adminSession: { cookie: string; csrf: string };
  let agentSession: { cookie: string; csrf: string };
  const login = (email: string, password: string) => t.api('POST', '/api/auth/login', { email, password });
  const audit = (type: string) => t.app.database.prisma.auditEvent.findMany({ where: { type }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => t?.close());

  it('creates users with the admin token only', async () => {
    expect(await t.api('POST', '/api/admin/users', AGENT)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect((await t.api('POST', '/api/admin/users', AGENT, { authorization: 'Bearer wrong' })).status).toBe(401);

    const a = await t.api('POST', '/api/admin/users', ADMIN, bearer);
    expect(a.status).toBe(201);
    expect(a.body).toEqual({ user: { id: expect.any(String), email: 'chefe@example.com', name: 'Carla Chefe', role: 'admin' } });
    adminId = a.body.user.id;
    const b = await t.api('POST', '/api/admin/users', AGENT, bearer);
    expect(b.status).toBe(201);
    agentId = b.body.user.id;

    const created = await audit('user.created');
    expect(created.map((e) => [e.actor, (e.data as { userId: string }).userId])).toEqual([
      ['admin', adminId],
      ['admin', agentId],
    ]);
    expect(JSON.stringify(created.map((e) => e.data))).not.toMatch(/password/i);
  });

  it('answers 409 for an e-mail already taken, in any letter case', async () => {
    const r = await t.api('POST', '/api/admin/users', { ...AGENT, email: 'AGENTE@example.com' }, bearer);
    expect(r).toMatchObject({ status: 409, body: { error: 'email_taken' } });
  });

  it('answers 422 with a message per invalid field', async () => {
    const r = await t.api('POST', '/api/admin/users', { email: 'not-an-email', name: 'x'.repeat(121), role: 'owner', password: 'short' }, bearer);
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(r.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    expect((await t.api('POST', '/api/admin/users', { ...AGENT, email: 'x@example.com', password: 'p'.repeat(201) }, bearer)).status).toBe(422);
    expect((await t.api('POST', '/api/admin/users', { ...AGENT, email: 'y@example.com', extra: 1 }, bearer)).status).toBe(422);
  });

  it('logs in with an HttpOnly, SameSite=Strict session cookie and audits it', async () => {
    const r = await login('CHEFE@example.com', ADMIN.password);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ user: { id: adminId, email: 'chefe@example.com', name: 'Carla Chefe', role: 'admin' }, csrfToken: expect.any(String) });
    const setCookie = r.headers.getSetCookie().find((h) => h.startsWith('cordial_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\//i);
    // Its lifetime as Max-Age, counted by the browser on its own clock (an Expires from a server
    // whose clock is elsewhere could arrive already past): the session's absolute lifetime.
    expect(setCookie).toMatch(new RegExp(`; Max-Age=${SESSION_ABSOLUTE_MS / 1000}(;|$)`, 'i'));
    expect(setCookie).not.toMatch(/; Expires=/i);
    expect(setCookie).not.toMatch(/; Secure/i); // plain http here; set over https
    expect(setCookie).not.toContain(r.body.csrfToken);
    adminSession = { cookie: sessionCookie(r.headers), csrf: r.body.csrfToken };

    const logins = await audit('auth.login');
    expect(logins.at(-1)).toMatchObject({ actor: `user:${adminId}`, data: { userId: adminId } });
  });

  it('answers a wrong password exactly like an unknown e-mail, and audits both', async () => {
    const wrong = await login(AGENT.email, 'not the password');
    const unknown = await login('nobody@example.com', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_credentials', message: expect.any(String) });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.getSetCookie()).toEqual([]);
    const failed = await audit('auth.login_failed');
    expect(failed.slice(-2).map((e) => e.data)).toEqual([
      expect.objectContaining({ email: 'agente@example.com', reason: 'wrong_password' }),
      expect.objectContaining({ email: 'nobody@example.com', reason: 'unknown_email' }),
    ]);
  });

  it('refuses a disabled user even with the right password', async () => {
    await t.app.database.prisma.user.update({ where: { id: agentId }, data: { disabledAt: new Date() } });
    try {
      expect(await login(AGENT.email, AGENT.password)).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
    } finally {
      await t.app.database.prisma.user.update({ where: { id: agentId }, data: { disabledAt: null } });
    }
  });

  it('tells the logged-in user who they are; 401 without a session', async () => {
    const l = await login(AGENT.email, AGENT.password);
    const cookie = sessionCookie(l.headers);
    agentSession = { cookie, csrf: l.body.csrfToken };
    const me = await t.api('GET', '/api/auth/me', undefined, { cookie });
    expect(me).toMatchObject({ status: 200, body: { user: { id: agentId, role: 'agent', name: 'Paulo Agente' }, csrfToken: l.body.csrfToken } });
    expect(await t.api('GET', '/api/auth/me')).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect((await t.api('GET', '/api/auth/me', undefined, { cookie: 'cordial_session=forged' })).status).toBe(401);
  });

  it('logs out only with the CSRF token, then the cookie no longer works', async () => {
    const l = await login(AGENT.email, AGENT.password);
    const cookie = sessionCookie(l.headers);
    expect(await t.api('POST', '/api/auth/logout', undefined, { cookie })).toMatchObject({ status: 403, body: { error: 'csrf' } });
    expect(await t.api('POST', '/api/auth/logout', undefined, { cookie, 'x-csrf-token': 'wrong' })).toMatchObject({ status: 403, body: { error: 'csrf' } });
    // The token of another session of the same user does not do either.
    expect((await t.api('POST', '/api/auth/logout', undefined, { cookie, 'x-csrf-token': agentSession.csrf })).status).toBe(403);
    expect((await t.api('GET', '/api/auth/me', undefined, { cookie })).status).toBe(200);

    const out = await t.api('POST', '/api/auth/logout', undefined, { cookie, 'x-csrf-token': l.body.csrfToken });
    expect(out.status).toBe(204);
    const cleared = out.headers.getSetCookie().find((h) => h.startsWith('cordial_session='))!;
    expect(cleared).toMatch(/^cordial_session=;/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    expect((await t.api('GET', '/api/auth/me', undefined, { cookie })).status).toBe(401);
    expect((await audit('auth.logout')).at(-1)).toMatchObject({ actor: `user:${agentId}` });
  });

  it('keeps agents out of the admin API (403, not 401)', async () => {
    const { cookie, csrf } = agentSession;
    expect((await t.api('GET', '/api/auth/me', undefined, { cookie })).status).toBe(200); // logging out another session left this one
    expect(await t.api('GET', '/api/admin/policy', undefined, { cookie })).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const put = await t.api('PUT', '/api/admin/policy', {}, { cookie, 'x-csrf-token': csrf });
    expect(put).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await t.api('POST', '/api/admin/users', { ...AGENT, email: 'z@example.com' }, { cookie, 'x-csrf-token': csrf })).status).toBe(403);
  });

  it('lets an admin session use the admin API, with the CSRF token on changes', async () => {
    const { cookie, csrf } = adminSession;
    const policy = await t.api('GET', '/api/admin/policy', undefined, { cookie });
    expect(policy.status).toBe(200);

    expect(await t.api('PUT', '/api/admin/policy', policy.body, { cookie })).toMatchObject({ status: 403, body: { error: 'csrf' } });
    expect(await t.api('PUT', '/api/admin/policy', policy.body, { cookie, 'x-csrf-token': `${csrf.slice(0, -1)}x` })).toMatchObject({ status: 403, body: { error: 'csrf' } });
    expect(await t.api('PUT', '/api/admin/policy', policy.body, { cookie, 'x-csrf-token': csrf })).toMatchObject({ status: 200, body: policy.body });

    const created = await t.api('POST', '/api/admin/users', { ...AGENT, email: 'segundo@example.com' }, { cookie, 'x-csrf-token': csrf });
    expect(created.status).toBe(201);
    expect((await audit('user.created')).at(-1)).toMatchObject({ actor: `user:${adminId}`, data: { userId: created.body.user.id } });
  });

  it('still takes the bearer token, which decides on its own when present', async () => {
    expect((await t.api('GET', '/api/admin/policy', undefined, bearer)).status).toBe(200);
    const { cookie } = adminSession;
    expect((await t.api('GET', '/api/admin/policy', undefined, { cookie, authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('limits login attempts to 10 a minute per client address', async () => {
    // Injected from addresses the other tests do not use, so the count starts at zero.
    // A different e-mail each time: one account's own back-off (userAdminRoutes.test.ts) starts sooner.
    let n = 0;
    const attempt = async (remoteAddress: string) =>
      (await t.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `nobody${++n}@example.com`, password: 'a guess' }, remoteAddress })).statusCode;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await attempt('192.0.2.10'));
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    expect(await attempt('192.0.2.11')).toBe(401);
  });
});
