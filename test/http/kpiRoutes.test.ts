import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { buildServer } from '../../src/http/buildServer.js';
import { registerKpiRoutes } from '../../src/http/kpiRoutes.js';
import { SESSION_COOKIE } from '../../src/http/sessionAuth.js';
import { createSession } from '../../src/storage/sessionRepository.js';
import { createUser } from '../../src/storage/userRepository.js';
import { seedAgreement } from '../helpers/agreementRows.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('http/kpiRoutes');

const TOKEN = 'kpi-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
// The app's clock, not the machine's: "today" (the portfolio's ageing, promises' grace) is the app's.
const NOW = new Date('2026-12-10T15:00:00Z');

describe.each(DATABASES)('KPI API ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: FastifyInstance;
  const get = (url: string, headers: Record<string, string> = auth) => app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    const db = t.database.prisma;
    await db.creditor.create({ data: { id: 'c1', name: 'c1', cnpj: '11222333000181', pixKey: 'k@example.com', pixMerchantName: 'N', pixCity: 'SAO PAULO' } });
    const a = await seedAgreement(db, { creditorId: 'c1', schedule: [{ dueDate: '2026-12-20', amountCents: 12_345 }] });
    await db.agreement.update({ where: { id: a.id }, data: { createdAt: new Date('2026-12-01T12:00:00Z') } });
    app = await buildServer(createLogger('silent'));
    registerKpiRoutes(app, { db, creditorId: 'c1', adminToken: TOKEN, timeZone: 'America/Sao_Paulo', clock: () => NOW });
    await app.ready();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.close();
  });

  it.skipIf(!enabled)('answers admins only: 401 without credentials, 403 for an agent', async () => {
    const url = '/api/admin/kpis?from=2026-12-01&to=2026-12-31';
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await get(url, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    const db = t.database.prisma;
    const agent = await createUser(db, { email: 'bruno@creditor.example', name: 'Bruno', role: 'agent', password: 'correct horse battery' }, 'admin');
    const admin = await createUser(db, { email: 'ana@creditor.example', name: 'Ana', role: 'admin', password: 'correct horse battery' }, 'admin');
    const as = async (id: string) => app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: (await createSession(db, id, NOW)).token } });
    expect((await as(agent.id)).statusCode).toBe(403);
    expect((await as(admin.id)).statusCode).toBe(200);
  });

  it.skipIf(!enabled)('answers the period’s figures with the contract’s fields', async () => {
    const res = await get('/api/admin/kpis?from=2026-12-01&to=2026-12-31&cacheBuster=1');
    expect(res.statusCode).toBe(200);
    const k = res.json();
    expect(Object.keys(k)).toEqual(expect.arrayContaining(['period', 'portfolio', 'conversations', 'agreements', 'payments', 'promises', 'handoffs', 'funnel', 'series']));
    expect(k.period).toEqual({ from: '2026-12-01', to: '2026-12-31', timeZone: 'America/Sao_Paulo', days: 31 });
    expect(k.agreements).toMatchObject({ count: 1, totalCents: 12_345, cash: 1, installments: 0 });
    expect(k.portfolio).toMatchObject({ asOf: '2026-12-10', debtors: 1, openCents: 0, inAgreementCents: 12_345 });
    expect(k.series).toHaveLength(31);
    expect(k.series[0]).toEqual({ date: '2026-12-01', agreements: 1, agreedCents: 12_345, payments: 0, recoveredCents: 0 });
    expect(k.funnel.map((s: { step: string }) => s.step)).toEqual(['started', 'verified', 'offered', 'agreed', 'paid']);
    expect((await get('/api/admin/kpis?from=2026-11-01&to=2026-11-30&channel=webchat&flowVersion=1&bucket=91-180')).json().filters).toEqual({ channel: 'webchat', flowVersion: 1, bucket: '91-180' });
  });

  it.skipIf(!enabled)('refuses a bad query with 422 naming each parameter', async () => {
    const cases: [string, string][] = [
      ['', 'from'],
      ['from=2026-12-01', 'to'],
      ['from=2026-12-10&to=2026-12-01', 'to'],
      ['from=2025-01-01&to=2026-12-31', 'to'],
      ['from=2026-02-30&to=2026-03-01', 'from'],
      ['from=2026-12-01&to=2026-12-31&channel=fax', 'channel'],
      ['from=2026-12-01&to=2026-12-31&flowVersion=0', 'flowVersion'],
      ['from=2026-12-01&to=2026-12-31&bucket=old', 'bucket'],
    ];
    for (const [qs, field] of cases) {
      const res = await get(`/api/admin/kpis?${qs}`);
      expect(res.statusCode, qs).toBe(422);
      expect(res.json().error).toBe('invalid_query');
      expect(res.json().errors.map((e: { field: string }) => e.field), qs).toContain(field);
    }
  });
});
