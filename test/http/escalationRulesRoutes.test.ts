import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalationRules.js';
import { buildServer } from '../../src/http/buildServer.js';
import { registerEscalationRulesRoutes } from '../../src/http/escalationRulesRoutes.js';
import { SESSION_COOKIE } from '../../src/http/sessionAuth.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { createSession } from '../../src/storage/sessionRepository.js';
import { createUser } from '../../src/storage/userRepository.js';

const TOKEN = 'rules-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const URL = '/api/admin/escalation-rules';

const RULES = {
  insultsBeforeHandoff: 0,
  misunderstandingsBeforeHandoff: 4,
  debtAboveThreshold: false,
  paymentProof: true,
  waitingMessageAfterMinutes: 15,
  agentHours: {
    timeZone: 'America/Manaus',
    week: {
      mon: [{ from: '08:30', to: '12:00' }, { from: '13:00', to: '17:30' }],
      tue: [{ from: '08:30', to: '17:30' }],
      wed: [{ from: '08:30', to: '17:30' }],
      thu: [{ from: '08:30', to: '17:30' }],
      fri: [{ from: '08:30', to: '16:00' }],
      sat: [{ from: '09:00', to: '12:00' }],
      sun: [],
    },
  },
};

describe('GET|PUT /api/admin/escalation-rules', () => {
  let database: Database;
  let app: FastifyInstance;
  let changes = 0;

  beforeAll(async () => {
    database = await openDatabase({});
    app = await buildServer(createLogger('silent'));
    registerEscalationRulesRoutes(app, { db: database.prisma, creditorId: 'creditor-1', adminToken: TOKEN, onChange: () => changes++ });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('refuses requests without the admin token', async () => {
    expect((await app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: URL, headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    const put = await app.inject({ method: 'PUT', url: URL, payload: RULES });
    expect(put.statusCode).toBe(401);
    expect(put.json()).toMatchObject({ error: 'unauthorized' });
    expect(changes).toBe(0);
  });

  it('answers the defaults before anything was saved', async () => {
    const res = await app.inject({ method: 'GET', url: URL, headers: auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_ESCALATION_RULES);
  });

  it('saves valid rules, answers them back, and tells the cache', async () => {
    const put = await app.inject({ method: 'PUT', url: URL, headers: auth, payload: RULES });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(RULES);
    expect(changes).toBe(1);
    expect((await app.inject({ method: 'GET', url: URL, headers: auth })).json()).toEqual(RULES);
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'escalation_rules.changed' }, orderBy: { id: 'desc' } });
    expect(event.actor).toBe('admin');
  });

  it('refuses invalid rules with 422 and a message per field path, saving nothing', async () => {
    const bad = structuredClone(RULES) as Record<string, any>;
    bad.misunderstandingsBeforeHandoff = 1;
    bad.agentHours.timeZone = 'America/Atlantis';
    bad.agentHours.week.mon[1].from = '11:00';
    bad.agentHours.week.sun = [{ from: '10:00', to: '09:00' }];
    bad.agentHours.week.sat[0].note = 'short day';
    const res = await app.inject({ method: 'PUT', url: URL, headers: auth, payload: bad });
    expect(res.statusCode).toBe(422);
    const { errors } = res.json() as { errors: { field: string; message: string }[] };
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'misunderstandingsBeforeHandoff', message: 'must be between 2 and 10' }),
        { field: 'agentHours.timeZone', message: 'must be an IANA time zone such as America/Sao_Paulo', messages: { en: 'must be an IANA time zone such as America/Sao_Paulo', 'pt-BR': 'deve ser um fuso horário IANA, como America/Sao_Paulo' } },
        expect.objectContaining({ field: 'agentHours.week.mon.1', message: 'overlaps the previous window (08:30–12:00)' }),
        expect.objectContaining({ field: 'agentHours.week.sun.0.to', message: 'must be later than from' }),
        expect.objectContaining({ field: 'agentHours.week.sat.0.note', message: 'unknown field' }),
      ]),
    );
    expect(errors).toHaveLength(5);
    expect(changes).toBe(1);
    expect((await app.inject({ method: 'GET', url: URL, headers: auth })).json()).toEqual(RULES);
  });

  it('refuses a PUT without a body as 422', async () => {
    const res = await app.inject({ method: 'PUT', url: URL, headers: auth });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toEqual({ errors: [{ field: '', message: 'required', messages: { en: 'required', 'pt-BR': 'obrigatório' } }] });
  });

  it('lets an admin’s session change the rules, audited as that person; an agent gets 403', async () => {
    const db = database.prisma;
    const admin = await createUser(db, { email: 'ana@creditor.example', name: 'Ana', role: 'admin', password: 'correct horse battery' }, 'admin');
    const agent = await createUser(db, { email: 'bruno@creditor.example', name: 'Bruno', role: 'agent', password: 'correct horse battery' }, 'admin');
    const adminSession = await createSession(db, admin.id, new Date());
    const agentSession = await createSession(db, agent.id, new Date());

    const asAgent = await app.inject({ method: 'GET', url: URL, cookies: { [SESSION_COOKIE]: agentSession.token } });
    expect(asAgent.statusCode).toBe(403);

    const next = { ...RULES, waitingMessageAfterMinutes: 20 };
    const put = await app.inject({
      method: 'PUT',
      url: URL,
      cookies: { [SESSION_COOKIE]: adminSession.token },
      headers: { 'x-csrf-token': adminSession.csrfToken },
      payload: next,
    });
    expect(put.statusCode).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'escalation_rules.changed' }, orderBy: { id: 'desc' } });
    expect(event.actor).toBe(`user:${admin.id}`);
    expect(event.data).toMatchObject({ before: RULES, after: next });
  });
});
