import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { DEFAULT_CONTACT_POLICY } from '../../src/domain/contactPolicy.js';
import { buildServer } from '../../src/http/buildServer.js';
import { registerContactPolicyRoutes } from '../../src/http/contactPolicyRoutes.js';
import { SESSION_COOKIE } from '../../src/http/sessionAuth.js';
import { recordDecision } from '../../src/storage/contactDecisionRepository.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { createSession } from '../../src/storage/sessionRepository.js';
import { createUser } from '../../src/storage/userRepository.js';

const TOKEN = 'contact-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const URL = '/api/admin/contact-policy';

const weekday = [{ from: '09:00', to: '12:00' }, { from: '14:00', to: '18:00' }];
const POLICY = {
  quietHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [] },
  holidays: {
    national: true,
    local: [
      { date: '2026-01-25', name: 'Aniversário de São Paulo', recurring: true },
      { date: '2027-07-09', name: 'Revolução Constitucionalista', recurring: false },
    ],
  },
  caps: { perDay: 2, perWeek: 5 },
  minIntervalMinutes: 480,
};

describe('contact policy API', () => {
  let database: Database;
  let app: FastifyInstance;
  let changes = 0;

  beforeAll(async () => {
    database = await openDatabase({});
    app = await buildServer(createLogger('silent'));
    registerContactPolicyRoutes(app, { db: database.prisma, creditorId: 'creditor-1', adminToken: TOKEN, onChange: () => changes++ });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('refuses requests without the admin token', async () => {
    for (const url of [URL, `${URL}/holidays?year=2027`, '/api/admin/contact-decisions']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    const put = await app.inject({ method: 'PUT', url: URL, headers: { authorization: 'Bearer wrong' }, payload: POLICY });
    expect(put.statusCode).toBe(401);
    expect(put.json()).toMatchObject({ error: 'unauthorized' });
    expect(changes).toBe(0);
  });

  it('answers the São Paulo preset before anything was saved', async () => {
    const res = await app.inject({ method: 'GET', url: URL, headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_CONTACT_POLICY);
  });

  it('saves a valid policy, answers it back, audits it and tells the gate', async () => {
    const put = await app.inject({ method: 'PUT', url: URL, headers: auth, payload: POLICY });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(POLICY);
    expect(changes).toBe(1);
    expect((await app.inject({ method: 'GET', url: URL, headers: auth })).json()).toEqual(POLICY);
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'contact_policy.changed' }, orderBy: { id: 'desc' } });
    expect(event.actor).toBe('admin');
    expect(event.data).toMatchObject({ before: DEFAULT_CONTACT_POLICY, after: POLICY });
  });

  it('refuses an invalid policy with 422 and a message per field, saving nothing', async () => {
    // JSON round trip, not structuredClone: the weekdays share one array in POLICY.
    const bad = JSON.parse(JSON.stringify(POLICY)) as Record<string, any>;
    bad.caps.perDay = 21;
    bad.quietHours.mon[1].from = '11:00';
    bad.holidays.local[0].date = '25/01/2026';
    bad.minIntervalMinutes = -1;
    bad.pausedUntil = '2027-01-01';
    const res = await app.inject({ method: 'PUT', url: URL, headers: auth, payload: bad });
    expect(res.statusCode).toBe(422);
    const { errors } = res.json() as { errors: { field: string; message: string }[] };
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'caps.perDay', message: 'must be between 1 and 20' }),
        { field: 'quietHours.mon.1', message: 'overlaps the previous window (09:00–12:00)', messages: { en: 'overlaps the previous window (09:00–12:00)', 'pt-BR': 'sobrepõe a janela anterior (09:00–12:00)' } },
        expect.objectContaining({ field: 'holidays.local.0.date', message: 'must be a date YYYY-MM-DD' }),
        expect.objectContaining({ field: 'minIntervalMinutes', message: 'must be between 0 and 10080' }),
        expect.objectContaining({ field: 'pausedUntil', message: 'unknown field' }),
      ]),
    );
    expect(errors).toHaveLength(5);
    expect(changes).toBe(1);
    expect((await app.inject({ method: 'PUT', url: URL, headers: auth })).json()).toEqual({ errors: [{ field: '', message: 'required', messages: { en: 'required', 'pt-BR': 'obrigatório' } }] });
    expect((await app.inject({ method: 'GET', url: URL, headers: auth })).json()).toEqual(POLICY);
  });

  it('lists the days with no proactive contact in a year, national and local', async () => {
    const res = await app.inject({ method: 'GET', url: `${URL}/holidays?year=2027`, headers: auth });
    expect(res.statusCode).toBe(200);
    const { holidays } = res.json() as { holidays: { date: string; name: string; kind: string }[] };
    expect(holidays.slice(0, 3)).toEqual([
      { date: '2027-01-01', name: 'Confraternização Universal', kind: 'national' },
      { date: '2027-01-25', name: 'Aniversário de São Paulo', kind: 'local' },
      { date: '2027-02-08', name: 'Carnaval (segunda-feira)', kind: 'national' },
    ]);
    expect(holidays).toContainEqual({ date: '2027-07-09', name: 'Revolução Constitucionalista', kind: 'local' });
    expect(holidays.filter((h) => h.kind === 'national')).toHaveLength(13);
    // A one-off local holiday belongs to its year only.
    const y2028 = (await app.inject({ method: 'GET', url: `${URL}/holidays?year=2028`, headers: auth })).json();
    expect(y2028.holidays.filter((h: { kind: string }) => h.kind === 'local').map((h: { date: string }) => h.date)).toEqual(['2028-01-25']);
    const bad = await app.inject({ method: 'GET', url: `${URL}/holidays?year=20x7`, headers: auth });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: 'invalid_query', errors: [{ field: 'year', message: 'must be a year' }] });
  });

  it('lists contact decisions, filtered, with the debtor’s name', async () => {
    const db = database.prisma;
    await db.creditor.create({ data: { id: 'creditor-1', name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'X', pixCity: 'SP' } });
    const debtor = await db.debtor.create({ data: { creditorId: 'creditor-1', cnpj: '11444777000161', companyName: 'Padaria Pão Quente Ltda' } });
    await db.$transaction(async (tx) => {
      await recordDecision(tx, { at: new Date('2026-11-02T13:00:00Z'), messageId: 'm-1', conversationId: 'c-1', debtorId: debtor.id, channel: 'whatsapp', status: 'deferred', reason: 'holiday', until: new Date('2026-11-03T11:00:00Z') });
      await recordDecision(tx, { at: new Date('2026-11-03T11:00:00Z'), messageId: 'm-1', conversationId: 'c-1', debtorId: debtor.id, channel: 'whatsapp', status: 'sent', reason: 'allowed', until: null });
      await recordDecision(tx, { at: new Date('2026-11-03T12:00:00Z'), messageId: 'm-2', conversationId: 'c-2', debtorId: null, channel: 'telegram', status: 'blocked', reason: 'opted_out', until: null });
    });
    const all = await app.inject({ method: 'GET', url: '/api/admin/contact-decisions', headers: auth });
    expect(all.statusCode).toBe(200);
    expect(all.json().decisions).toEqual([
      { at: '2026-11-03T12:00:00.000Z', messageId: 'm-2', conversationId: 'c-2', debtor: null, channel: 'telegram', status: 'blocked', reason: 'opted_out', until: null },
      { at: '2026-11-03T11:00:00.000Z', messageId: 'm-1', conversationId: 'c-1', debtor: { id: debtor.id, name: 'Padaria Pão Quente Ltda' }, channel: 'whatsapp', status: 'sent', reason: 'allowed', until: null },
      { at: '2026-11-02T13:00:00.000Z', messageId: 'm-1', conversationId: 'c-1', debtor: { id: debtor.id, name: 'Padaria Pão Quente Ltda' }, channel: 'whatsapp', status: 'deferred', reason: 'holiday', until: '2026-11-03T11:00:00.000Z' },
    ]);
    const q = (s: string) => app.inject({ method: 'GET', url: `/api/admin/contact-decisions?${s}`, headers: auth });
    expect((await q(`debtorId=${debtor.id}&status=deferred`)).json().decisions.map((d: { reason: string }) => d.reason)).toEqual(['holiday']);
    expect((await q('limit=1&before=2026-11-03T12:00:00Z')).json().decisions.map((d: { status: string }) => d.status)).toEqual(['sent']);
    const bad = await q('status=maybe&limit=0&before=yesterday&page=2');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'status', message: 'must be one of: routed, sent, deferred, blocked' },
        { field: 'limit', message: 'must be between 1 and 500' },
        { field: 'before', message: 'must be an ISO 8601 instant, e.g. 2026-11-23T13:00:00Z' },
        { field: 'page', message: 'unknown parameter' },
      ]),
    );
  });

  it('lets an admin’s session change the policy, audited as that person; an agent gets 403', async () => {
    const db = database.prisma;
    const admin = await createUser(db, { email: 'ana@creditor.example', name: 'Ana', role: 'admin', password: 'correct horse battery' }, 'admin');
    const agent = await createUser(db, { email: 'bruno@creditor.example', name: 'Bruno', role: 'agent', password: 'correct horse battery' }, 'admin');
    const adminSession = await createSession(db, admin.id, new Date());
    const agentSession = await createSession(db, agent.id, new Date());
    expect((await app.inject({ method: 'GET', url: '/api/admin/contact-decisions', cookies: { [SESSION_COOKIE]: agentSession.token } })).statusCode).toBe(403);
    const next = { ...POLICY, minIntervalMinutes: 60 };
    const put = await app.inject({ method: 'PUT', url: URL, cookies: { [SESSION_COOKIE]: adminSession.token }, headers: { 'x-csrf-token': adminSession.csrfToken }, payload: next });
    expect(put.statusCode).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'contact_policy.changed' }, orderBy: { id: 'desc' } });
    expect(event.actor).toBe(`user:${admin.id}`);
    expect(event.data).toMatchObject({ before: POLICY, after: next });
  });
});
