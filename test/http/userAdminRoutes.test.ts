import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/userAdminRoutes');

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const PASSWORD = 'a long enough password';

describe.each(DATABASES)('accounts: back-off, disable, reset, end sessions ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  let chefe: ConsoleAgent;
  // The app's clock, standing still unless a test moves it: the back-off is timed by it, not by waiting.
  const start = Date.now();
  let shiftMs = 0;
  const clock = () => new Date(start + shiftMs);
  let address = 0;

  beforeAll(async () => {
    if (!enabled) return;
    t = await startTestApp({ db: kind, clock });
    chefe = await ConsoleAgent.create(t, 'Carla Chefe', 'admin');
  }, 120_000);
  afterAll(async () => t?.close());

  /** A login from an address of its own each time: what is held back is the account, not an address. */
  const login = async (email: string, password: string) => {
    const r = await t.app.server.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: `198.51.100.${++address}` });
    return { status: r.statusCode, body: r.json(), headers: r.headers };
  };
  const audit = (type: string, userId?: string) =>
    t.app.database.prisma.auditEvent.findMany({ where: { type, ...(userId ? { data: { path: ['userId'], equals: userId } } : {}) }, orderBy: { id: 'asc' } });

  /** The console's live stream for a session; `ended()` once the server closed it. */
  async function stream(who: ConsoleAgent) {
    const res = await fetch(`${t.url}/api/agent/events`, { headers: { cookie: who.cookie } });
    expect(res.status).toBe(200);
    let ended = false;
    let text = '';
    const reader = res.body!.getReader();
    const pump = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch {}
      ended = true;
    })();
    return { ended: () => ended, text: () => text, cancel: () => reader.cancel().then(() => pump) };
  }

  it.skipIf(!enabled)('holds an account back after failed logins from any address, longer after a second burst', async () => {
    const ana = await ConsoleAgent.create(t, 'Ana Alvo');
    const other = await ConsoleAgent.create(t, 'Outra Pessoa');
    // First burst: five wrong passwords, each from another address (the per-address limit never trips).
    for (let i = 0; i < 5; i++) expect((await login(ana.email, `guess ${i}`)).status).toBe(401);
    // Now even the right password is not checked.
    const held = await login(ana.email, PASSWORD);
    expect(held).toMatchObject({ status: 429, body: { error: 'login_backoff', retryAfterSeconds: 30 } });
    expect(held.headers['retry-after']).toBe('30');
    expect(held.headers['set-cookie']).toBeUndefined();
    // Other accounts are not affected; the e-mail's letter case does not matter.
    expect((await login(other.email, PASSWORD)).status).toBe(200);
    expect((await login(ana.email.toUpperCase(), PASSWORD)).status).toBe(429);

    // Second burst after the hold: one more failure holds it twice as long.
    shiftMs += 31_000;
    expect((await login(ana.email, 'guess 5')).status).toBe(401);
    const longer = await login(ana.email, PASSWORD);
    expect(longer).toMatchObject({ status: 429, body: { retryAfterSeconds: 60 } });
    expect(longer.headers['retry-after']).toBe('60');

    shiftMs += 61_000;
    expect((await login(ana.email, PASSWORD)).status).toBe(200);
    // A success starts over: a typo now is just a 401.
    expect((await login(ana.email, 'typo')).status).toBe(401);
    expect((await login(ana.email, PASSWORD)).status).toBe(200);

    const failed = (await audit('auth.login_failed')).filter((e) => (e.data as { email: string }).email === ana.email);
    expect(failed.map((e) => (e.data as { failures: number }).failures)).toEqual([1, 2, 3, 4, 5, 6, 1]);
    expect((failed[4]!.data as { lockedUntil: string | null }).lockedUntil).not.toBeNull();
    const heldEvents = (await audit('auth.login_held')).filter((e) => (e.data as { email: string }).email === ana.email);
    expect(heldEvents.map((e) => (e.data as { retryAfterSeconds: number }).retryAfterSeconds)).toEqual([30, 30, 60]);
  });

  it.skipIf(!enabled)('holds back unknown e-mails the same way, so the answer does not tell which exist', async () => {
    for (let i = 0; i < 5; i++) expect((await login('ninguem@example.com', 'x')).status).toBe(401);
    expect((await login('ninguem@example.com', 'x')).status).toBe(429);
  });

  it.skipIf(!enabled)('disables a user: their session is 401 at once, their live stream closes, they cannot log in', async () => {
    const bruno = await ConsoleAgent.create(t, 'Bruno Desligado');
    const live = await stream(bruno);
    expect((await bruno.api('GET', '/api/auth/me')).status).toBe(200);

    const off = await chefe.api('POST', `/api/admin/users/${bruno.id}/disable`);
    expect(off).toMatchObject({ status: 200, body: { user: { id: bruno.id, disabledAt: expect.any(String) } } });
    expect((await bruno.api('GET', '/api/auth/me')).status).toBe(401);
    expect((await bruno.api('GET', '/api/agent/handoffs')).status).toBe(401);
    await expect.poll(() => live.ended(), { timeout: 20_000 }).toBe(true);
    expect(live.text()).toContain('event: session_ended');
    expect((await login(bruno.email, PASSWORD)).status).toBe(401);
    expect((await audit('user.disabled', bruno.id)).map((e) => e.actor)).toEqual([`user:${chefe.id}`]);

    const users = (await chefe.api('GET', '/api/admin/users')).body.users;
    expect(users.find((u: any) => u.id === bruno.id)).toMatchObject({ disabledAt: expect.any(String), sessions: 0, role: 'agent' });

    expect((await t.api('POST', `/api/admin/users/${bruno.id}/enable`, undefined, bearer)).status).toBe(200);
    expect((await login(bruno.email, PASSWORD)).status).toBe(200);
    expect((await audit('user.enabled', bruno.id)).map((e) => e.actor)).toEqual(['admin']);
  });

  it.skipIf(!enabled)('closes the live stream when its session logs out', async () => {
    const carla = await ConsoleAgent.create(t, 'Carla Saída');
    const live = await stream(carla);
    expect((await carla.api('POST', '/api/auth/logout')).status).toBe(204);
    await expect.poll(() => live.ended(), { timeout: 20_000 }).toBe(true);
  });

  it.skipIf(!enabled)('resets a password: the old one and its sessions stop working, the new one logs in', async () => {
    const dora = await ConsoleAgent.create(t, 'Dora Esquecida');
    expect(await chefe.api('POST', `/api/admin/users/${dora.id}/password`, { password: 'short' })).toMatchObject({ status: 422, body: { errors: [{ field: 'password' }] } });
    const r = await chefe.api('POST', `/api/admin/users/${dora.id}/password`, { password: 'a brand new password' });
    expect(r).toMatchObject({ status: 200, body: { sessionsEnded: 1 } });
    expect((await dora.api('GET', '/api/auth/me')).status).toBe(401);
    expect((await login(dora.email, PASSWORD)).status).toBe(401);
    expect((await login(dora.email, 'a brand new password')).status).toBe(200);
    const events = await audit('user.password_reset', dora.id);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.data)).not.toContain('brand new');
    expect((await t.api('POST', '/api/admin/users/00000000-0000-0000-0000-000000000000/password', { password: 'a brand new password' }, bearer)).status).toBe(404);
  });

  it.skipIf(!enabled)('ends all of a user’s sessions; an admin cannot lock themselves out', async () => {
    const edu = await ConsoleAgent.create(t, 'Edu Dois Navegadores');
    const second = await login(edu.email, PASSWORD);
    const secondCookie = String(second.headers['set-cookie']).split(';')[0]!;
    expect((await t.api('GET', '/api/auth/me', undefined, { cookie: secondCookie })).status).toBe(200);

    const ended = await chefe.api('DELETE', `/api/admin/users/${edu.id}/sessions`);
    expect(ended).toMatchObject({ status: 200, body: { sessionsEnded: 2 } });
    expect((await edu.api('GET', '/api/auth/me')).status).toBe(401);
    expect((await t.api('GET', '/api/auth/me', undefined, { cookie: secondCookie })).status).toBe(401);
    expect((await audit('user.sessions_ended', edu.id)).map((e) => e.data)).toEqual([{ userId: edu.id, sessionsEnded: 2 }]);
    // Logging in again works: ending sessions is not disabling.
    expect((await login(edu.email, PASSWORD)).status).toBe(200);

    expect(await chefe.api('POST', `/api/admin/users/${chefe.id}/disable`)).toMatchObject({ status: 409, body: { error: 'own_account' } });
    expect(await chefe.api('DELETE', `/api/admin/users/${chefe.id}/sessions`)).toMatchObject({ status: 409, body: { error: 'own_account' } });
    // Agents cannot do any of it.
    expect((await edu.api('GET', '/api/admin/users')).status).toBe(401);
    const agent = await ConsoleAgent.create(t, 'Fábio Agente');
    expect((await agent.api('POST', `/api/admin/users/${edu.id}/disable`)).status).toBe(403);
    expect((await agent.api('GET', '/api/admin/users')).status).toBe(403);
  });
});
