import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminderSettings.js';
import { buildServer } from '../../src/http/buildServer.js';
import { registerReminderSettingsRoutes } from '../../src/http/reminderSettingsRoutes.js';
import { SESSION_COOKIE } from '../../src/http/sessionAuth.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import { currentReminderSettings } from '../../src/storage/reminderSettingsRepository.js';
import { createSession } from '../../src/storage/sessionRepository.js';
import { createUser } from '../../src/storage/userRepository.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('http/reminderSettingsRoutes');

const TOKEN = 'reminders-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const URL = '/api/admin/reminders';
const SETTINGS = { beforeDueDays: [5, 2], onDueDay: false, afterDueDays: [3, 1], graceDays: 7, renegotiation: { maxPerDebtorPerYear: 1 } };
const STORED = { ...SETTINGS, beforeDueDays: [2, 5], afterDueDays: [1, 3] };

describe.each(DATABASES)('reminder settings API ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    app = await buildServer(createLogger('silent'));
    registerReminderSettingsRoutes(app, { db: t.database.prisma, creditorId: 'creditor-1', adminToken: TOKEN });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it.skipIf(!enabled)('refuses requests without the admin token', async () => {
    expect((await app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: URL, headers: { authorization: 'Bearer wrong' }, payload: SETTINGS })).statusCode).toBe(401);
  });

  it.skipIf(!enabled)('answers the defaults before anything was saved', async () => {
    const res = await app.inject({ method: 'GET', url: URL, headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ beforeDueDays: [3], onDueDay: true, afterDueDays: [1], graceDays: 5, renegotiation: { maxPerDebtorPerYear: 2 } });
  });

  it.skipIf(!enabled)('saves a version per change (lists sorted), answers it back and audits before/after', async () => {
    const db = t.database.prisma;
    const put = await app.inject({ method: 'PUT', url: URL, headers: auth, payload: SETTINGS });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(STORED);
    expect((await app.inject({ method: 'GET', url: URL, headers: auth })).json()).toEqual(STORED);
    const next = { ...STORED, graceDays: 10 };
    expect((await app.inject({ method: 'PUT', url: URL, headers: auth, payload: next })).statusCode).toBe(200);
    const versions = await db.settingVersion.findMany({ where: { creditorId: 'creditor-1', kind: 'reminders' }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => [v.version, v.data, v.createdBy])).toEqual([[1, STORED, 'admin'], [2, next, 'admin']]);
    expect(await currentReminderSettings(db, 'creditor-1')).toEqual(next);
    // Per creditor: another creditor still has the defaults.
    expect(await currentReminderSettings(db, 'creditor-2')).toEqual(DEFAULT_REMINDER_SETTINGS);
    const events = await db.auditEvent.findMany({ where: { type: 'reminder_settings.changed' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.data)).toEqual([
      { creditorId: 'creditor-1', version: 1, before: DEFAULT_REMINDER_SETTINGS, after: STORED },
      { creditorId: 'creditor-1', version: 2, before: STORED, after: next },
    ]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it.skipIf(!enabled)('refuses invalid settings with 422 and a message per field, saving nothing', async () => {
    const db = t.database.prisma;
    const before = await db.settingVersion.count();
    const bad = { beforeDueDays: [3, 3, 0], onDueDay: 'yes', afterDueDays: [6], graceDays: 5, renegotiation: { maxPerDebtorPerYear: 13 }, extra: 1 };
    const res = await app.inject({ method: 'PUT', url: URL, headers: auth, payload: bad });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { error: string; errors: { field: string; message: string }[] };
    expect(body.error).toBe('invalid_body');
    const fields = body.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['beforeDueDays.1', 'beforeDueDays.2', 'onDueDay', 'renegotiation.maxPerDebtorPerYear', 'extra']));
    for (const e of body.errors) expect(e.message.length).toBeGreaterThan(3);
    // afterDueDays beyond the grace, alone (the other errors out of the way).
    const late = await app.inject({ method: 'PUT', url: URL, headers: auth, payload: { ...DEFAULT_REMINDER_SETTINGS, afterDueDays: [1, 6] } });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors).toEqual([{ field: 'afterDueDays.1', message: expect.stringMatching(/at most graceDays \(5\)/), messages: { en: expect.stringMatching(/at most graceDays \(5\)/), 'pt-BR': expect.stringMatching(/^deve ser no máximo a carência \(graceDays, 5\)/) } }]);
    expect((await app.inject({ method: 'PUT', url: URL, headers: auth })).statusCode).toBe(422);
    expect(await db.settingVersion.count()).toBe(before);
  });

  it.skipIf(!enabled)('lets an admin’s session change them with its CSRF token, audited as that person; an agent gets 403', async () => {
    const db = t.database.prisma;
    const admin = await createUser(db, { email: 'ana@creditor.example', name: 'Ana', role: 'admin', password: 'correct horse battery' }, 'admin');
    const agent = await createUser(db, { email: 'bruno@creditor.example', name: 'Bruno', role: 'agent', password: 'correct horse battery' }, 'admin');
    const adminSession = await createSession(db, admin.id, new Date());
    const agentSession = await createSession(db, agent.id, new Date());
    expect((await app.inject({ method: 'GET', url: URL, cookies: { [SESSION_COOKIE]: agentSession.token } })).statusCode).toBe(403);
    const next = { ...DEFAULT_REMINDER_SETTINGS, graceDays: 3 };
    const noCsrf = await app.inject({ method: 'PUT', url: URL, cookies: { [SESSION_COOKIE]: adminSession.token }, payload: next });
    expect(noCsrf.statusCode).toBe(403);
    const put = await app.inject({ method: 'PUT', url: URL, cookies: { [SESSION_COOKIE]: adminSession.token }, headers: { 'x-csrf-token': adminSession.csrfToken }, payload: next });
    expect(put.statusCode).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'reminder_settings.changed' }, orderBy: { id: 'desc' } });
    expect(event.actor).toBe(`user:${admin.id}`);
    expect(event.data).toMatchObject({ after: next });
  });
});
