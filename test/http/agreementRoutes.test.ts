// The agreements and payments read API on PGlite and PostgreSQL: rows seeded with Prisma as the
// ledger would have left them, and the exact JSON, the filters, paging, 400s and 404s checked.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { registerAgreementRoutes } from '../../src/http/agreementRoutes.js';
import { buildServer } from '../../src/http/buildServer.js';
import { SESSION_COOKIE } from '../../src/http/sessionAuth.js';
import type { Db } from '../../src/storage/database.js';
import { createSession } from '../../src/storage/sessionRepository.js';
import { createUser } from '../../src/storage/userRepository.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('http/agreementRoutes');
const TOKEN = 'agreements-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const C1 = 'creditor-1';
const C2 = 'creditor-2';

type Inst = { dueDate: string; amount: number; paid?: number; status?: 'open' | 'paid' | 'late'; paidAt?: string };

async function seedAgreement(
  db: Db,
  a: { id: string; creditorId?: string; debtorId: string; status: string; createdAt: string; installments: Inst[]; renegotiatesId?: string; renegotiatedById?: string; brokenOn?: string },
) {
  const creditorId = a.creditorId ?? C1;
  const total = a.installments.reduce((s, i) => s + i.amount, 0);
  await db.agreement.create({
    data: {
      id: a.id,
      creditorId,
      debtorId: a.debtorId,
      conversationId: `conv-${a.id}`,
      offerId: `offer-${a.id}`,
      totalCents: BigInt(total),
      debtCents: BigInt(total + 10_000),
      kind: a.installments.length > 1 ? 'installments' : 'cash',
      acceptedMessageId: `msg-${a.id}`,
      status: a.status,
      agreedOn: a.createdAt.slice(0, 10),
      brokenOn: a.brokenOn ?? null,
      renegotiatesId: a.renegotiatesId ?? null,
      renegotiatedById: a.renegotiatedById ?? null,
      createdAt: new Date(a.createdAt),
      installments: {
        create: a.installments.map((i, k) => ({
          creditorId,
          n: k + 1,
          dueDate: i.dueDate,
          amountCents: BigInt(i.amount),
          txid: `${a.id.replace(/\W/g, '')}T${k + 1}`,
          pixCode: `PIX-${a.id}-${k + 1}`,
          status: i.status ?? 'open',
          paidCents: BigInt(i.paid ?? 0),
          paidAt: i.paidAt ? new Date(i.paidAt) : null,
        })),
      },
    },
  });
}

describe.each(DATABASES)('agreements API ($kind)', ({ kind, enabled }) => {
  let close: () => Promise<void>;
  let db: Db;
  let app: FastifyInstance;
  const get = async (url: string, headers: Record<string, string> = auth) => app.inject({ method: 'GET', url, headers });
  const ids = async (query: string) => {
    const res = await get(`/api/admin/agreements${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json().agreements as { id: string }[]).map((a) => a.id);
  };

  beforeAll(async () => {
    if (!enabled) return;
    const t = await openTestDatabase(kind);
    close = t.close;
    db = t.database.prisma;
    app = await buildServer(createLogger('silent'));
    registerAgreementRoutes(app, { db, creditorId: C1, adminToken: TOKEN });
    await app.ready();

    for (const id of [C1, C2]) await db.creditor.create({ data: { id, name: `Credor ${id}`, cnpj: '11222333000181', pixKey: 'pix@credor.example', pixMerchantName: 'CREDOR', pixCity: 'SAO PAULO' } });
    await db.debtor.create({ data: { id: 'd1', creditorId: C1, cnpj: '11444777000161', companyName: 'Padaria Pão Quente Ltda' } });
    await db.debtor.create({ data: { id: 'd2', creditorId: C1, cnpj: '04252011000110', companyName: 'Mercado Bom Preço Ltda' } });
    await db.debtor.create({ data: { id: 'd9', creditorId: C2, cnpj: '04252011000110', companyName: 'Cliente da Outra Ltda' } });

    await seedAgreement(db, {
      id: 'a1', debtorId: 'd1', status: 'active', createdAt: '2026-10-20T12:00:00.000Z',
      installments: [
        { dueDate: '2026-11-10', amount: 100_000, paid: 100_000, status: 'paid', paidAt: '2026-11-09T15:30:00.000Z' },
        { dueDate: '2026-12-10', amount: 100_000, paid: 30_000 },
        { dueDate: '2027-01-10', amount: 100_000 },
      ],
    });
    await seedAgreement(db, {
      id: 'a2', debtorId: 'd2', status: 'broken', brokenOn: '2026-11-26', createdAt: '2026-10-21T12:00:00.000Z',
      installments: [{ dueDate: '2026-11-20', amount: 50_000, status: 'late' }, { dueDate: '2026-12-20', amount: 50_000 }],
    });
    await seedAgreement(db, { id: 'a3', debtorId: 'd1', status: 'settled', createdAt: '2026-09-01T12:00:00.000Z', installments: [{ dueDate: '2026-09-10', amount: 80_000, paid: 80_000, status: 'paid', paidAt: '2026-09-10T10:00:00.000Z' }] });
    // Renegotiated: its unpaid instalment falls due this week, but nobody collects it any more.
    await seedAgreement(db, { id: 'a4', debtorId: 'd2', status: 'renegotiated', createdAt: '2026-08-01T12:00:00.000Z', installments: [{ dueDate: '2026-12-12', amount: 70_000 }] });
    await db.agreement.update({ where: { id: 'a4' }, data: { renegotiatedById: null } });
    await seedAgreement(db, { id: 'a5', debtorId: 'd2', status: 'active', renegotiatesId: 'a4', createdAt: '2026-11-30T12:00:00.000Z', installments: [{ dueDate: '2026-12-15', amount: 70_000 }] });
    await db.agreement.update({ where: { id: 'a4' }, data: { renegotiatedById: 'a5' } });
    await seedAgreement(db, { id: 'a6', debtorId: 'd1', status: 'simulated', createdAt: '2026-12-01T12:00:00.000Z', installments: [{ dueDate: '2026-12-11', amount: 1_000 }] });
    await seedAgreement(db, { id: 'a7', creditorId: C2, debtorId: 'd9', status: 'active', createdAt: '2026-12-01T12:00:00.000Z', installments: [{ dueDate: '2026-12-09', amount: 5_000 }] });
    await seedAgreement(db, { id: 'a8', debtorId: 'd1', status: 'cancelled', createdAt: '2026-07-01T12:00:00.000Z', installments: [{ dueDate: '2026-12-08', amount: 9_000 }] });

    const payment = (p: { id: string; creditorId?: string; agreementId: string | null; txid: string; amount: number; paidAt: string; source: string; status: string; n: number | null; allocations?: unknown; e2e?: string; note?: string; createdBy: string; createdAt: string }) =>
      db.payment.create({
        data: {
          id: p.id,
          creditorId: p.creditorId ?? C1,
          key: p.e2e ? `e2e:${p.e2e}` : `tx:${p.txid}|${p.amount}|${p.paidAt}`,
          endToEndId: p.e2e ?? null,
          txid: p.txid,
          amountCents: BigInt(p.amount),
          paidAt: new Date(p.paidAt),
          source: p.source,
          status: p.status,
          agreementId: p.agreementId,
          installmentN: p.n,
          allocations: (p.allocations ?? []) as object,
          note: p.note ?? null,
          createdBy: p.createdBy,
          createdAt: new Date(p.createdAt),
        },
      });
    await payment({ id: 'p2', agreementId: 'a1', txid: 'a1T2', amount: 30_000, paidAt: '2026-12-01T13:00:00.000Z', source: 'manual', status: 'applied', n: 2, allocations: [{ n: 2, cents: 30_000 }], note: 'comprovante por e-mail', createdBy: 'user:u1', createdAt: '2026-12-01T14:00:00.000Z' });
    await payment({ id: 'p1', agreementId: 'a1', txid: 'a1T1', amount: 100_000, paidAt: '2026-11-09T15:30:00.000Z', source: 'pix', status: 'applied', n: 1, allocations: [{ n: 1, cents: 100_000 }], e2e: 'E12345678202611091530abcdefghijk', createdBy: 'pix', createdAt: '2026-11-09T15:30:05.000Z' });
    await payment({ id: 'p3', agreementId: null, txid: 'NOSUCHTXID1', amount: 12_345, paidAt: '2026-12-02T09:00:00.000Z', source: 'import', status: 'unmatched', n: null, createdBy: 'admin', createdAt: '2026-12-02T09:05:00.000Z' });
    await payment({ id: 'p9', creditorId: C2, agreementId: null, txid: 'OTHERCRED1', amount: 1_000, paidAt: '2026-12-02T09:00:00.000Z', source: 'pix', status: 'unmatched', n: null, createdBy: 'pix', createdAt: '2026-12-02T09:06:00.000Z' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await close?.();
  });

  it.skipIf(!enabled)('answers 401 without credentials, and lets admins and agents read', async () => {
    for (const url of ['/api/admin/agreements', '/api/admin/agreements/a1', '/api/admin/payments']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await get(url, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    }
    const agent = await createUser(db, { email: 'bruno@creditor.example', name: 'Bruno', role: 'agent', password: 'correct horse battery' }, 'admin');
    const admin = await createUser(db, { email: 'ana@creditor.example', name: 'Ana', role: 'admin', password: 'correct horse battery' }, 'admin');
    for (const user of [agent, admin]) {
      const session = await createSession(db, user.id, new Date());
      for (const url of ['/api/admin/agreements', '/api/admin/agreements/a1', '/api/admin/payments?status=unmatched']) {
        expect((await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: session.token } })).statusCode).toBe(200);
      }
    }
  });

  it.skipIf(!enabled)('lists the creditor’s agreements, next due first, with the exact JSON', async () => {
    const res = await get('/api/admin/agreements');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.nextCursor).toBeNull();
    // Simulated (a6) and the other creditor's (a7) never; those with nothing to collect last.
    expect(body.agreements.map((a: { id: string }) => a.id)).toEqual(['a2', 'a1', 'a5', 'a3', 'a4', 'a8']);
    const padaria = { id: 'd1', cnpj: '11444777000161', name: 'Padaria Pão Quente Ltda' };
    const mercado = { id: 'd2', cnpj: '04252011000110', name: 'Mercado Bom Preço Ltda' };
    expect(body.agreements).toEqual([
      { id: 'a2', status: 'broken', debtor: mercado, totalCents: 100_000, paidCents: 0, createdAt: '2026-10-21T12:00:00.000Z', nextDue: { n: 1, dueDate: '2026-11-20', amountCents: 50_000, remainingCents: 50_000 } },
      { id: 'a1', status: 'active', debtor: padaria, totalCents: 300_000, paidCents: 130_000, createdAt: '2026-10-20T12:00:00.000Z', nextDue: { n: 2, dueDate: '2026-12-10', amountCents: 100_000, remainingCents: 70_000 } },
      { id: 'a5', status: 'active', debtor: mercado, totalCents: 70_000, paidCents: 0, createdAt: '2026-11-30T12:00:00.000Z', nextDue: { n: 1, dueDate: '2026-12-15', amountCents: 70_000, remainingCents: 70_000 } },
      { id: 'a3', status: 'settled', debtor: padaria, totalCents: 80_000, paidCents: 80_000, createdAt: '2026-09-01T12:00:00.000Z', nextDue: null },
      { id: 'a4', status: 'renegotiated', debtor: mercado, totalCents: 70_000, paidCents: 0, createdAt: '2026-08-01T12:00:00.000Z', nextDue: null },
      { id: 'a8', status: 'cancelled', debtor: padaria, totalCents: 9_000, paidCents: 0, createdAt: '2026-07-01T12:00:00.000Z', nextDue: null },
    ]);
  });

  it.skipIf(!enabled)('filters by status, lateness and the due date of an unpaid instalment', async () => {
    expect(await ids('?status=active')).toEqual(['a1', 'a5']);
    expect(await ids('?status=broken')).toEqual(['a2']);
    expect(await ids('?status=settled')).toEqual(['a3']);
    expect(await ids('?status=renegotiated')).toEqual(['a4']);
    expect(await ids('?status=cancelled')).toEqual(['a8']);
    expect(await ids('?status=late')).toEqual(['a2']);
    // This week: a1's partly paid instalment; a4 (renegotiated), a6 (simulated), a7 (other creditor) and a8 (cancelled) not.
    expect(await ids('?dueFrom=2026-12-07&dueTo=2026-12-13')).toEqual(['a1']);
    expect(await ids('?dueFrom=2026-12-14')).toEqual(['a2', 'a1', 'a5']);
    // a1's first instalment, due in November, is paid: only a2's late one counts.
    expect(await ids('?dueTo=2026-11-30')).toEqual(['a2']);
    expect(await ids('?status=active&dueTo=2026-12-31')).toEqual(['a1', 'a5']);
    expect(await ids('?status=settled&dueFrom=2026-01-01')).toEqual([]);
    expect(await ids('?dueFrom=2026-12-10&dueTo=2026-12-10')).toEqual(['a1']);
  });

  it.skipIf(!enabled)('pages with an opaque cursor, never repeating or skipping a row', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const res = await get(`/api/admin/agreements?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { agreements: { id: string }[]; nextCursor: string | null };
      sizes.push(body.agreements.length);
      seen.push(...body.agreements.map((a) => a.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['a2', 'a1', 'a5', 'a3', 'a4', 'a8']);
    expect(sizes).toEqual([2, 2, 2]);
    expect(await ids('?status=active&limit=1')).toEqual(['a1']);
  });

  it.skipIf(!enabled)('refuses a bad query with 400 and the reason', async () => {
    const cases: [string, string][] = [
      ['status=simulated', 'status: must be one of active, settled, broken, renegotiated, cancelled, late'],
      ['status=pago', 'status: must be one of'],
      ['dueFrom=2026-02-30', 'dueFrom: dueFrom must be a calendar date YYYY-MM-DD'],
      ['dueTo=10/12/2026', 'dueTo: dueTo must be a calendar date YYYY-MM-DD'],
      ['dueFrom=2026-12-20&dueTo=2026-12-10', 'dueTo: dueFrom must not be after dueTo'],
      ['limit=0', 'limit: a whole number from 1 to 200'],
      ['limit=abc', 'limit:'],
      ['limit=201', 'limit: a whole number from 1 to 200'],
      ['cursor=garbage', 'cursor: not a cursor from this API'],
    ];
    for (const [query, reason] of cases) {
      const res = await get(`/api/admin/agreements?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toBe('invalid_query');
      expect(res.json().message, query).toContain(reason);
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
    const res = await get('/api/admin/payments?status=lost');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('status: must be one of applied, unmatched, held, conflict');
  });

  it.skipIf(!enabled)('shows one agreement with its instalments and payments, exactly', async () => {
    const res = await get('/api/admin/agreements/a1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      agreement: {
        id: 'a1',
        status: 'active',
        debtCents: 310_000,
        totalCents: 300_000,
        paidCents: 130_000,
        overpaidCents: 0,
        renegotiates: null,
        renegotiatedBy: null,
        brokenOn: null,
        lateFeeBasisPoints: 200,
        monthlyInterestBasisPoints: 100,
        debtor: { id: 'd1', cnpj: '11444777000161', name: 'Padaria Pão Quente Ltda' },
        conversationId: 'conv-a1',
        createdAt: '2026-10-20T12:00:00.000Z',
        installments: [
          { n: 1, dueDate: '2026-11-10', amountCents: 100_000, status: 'paid', paidCents: 100_000, paidAt: '2026-11-09T15:30:00.000Z', txid: 'a1T1', pixCode: 'PIX-a1-1' },
          { n: 2, dueDate: '2026-12-10', amountCents: 100_000, status: 'open', paidCents: 30_000, paidAt: null, txid: 'a1T2', pixCode: 'PIX-a1-2' },
          { n: 3, dueDate: '2027-01-10', amountCents: 100_000, status: 'open', paidCents: 0, paidAt: null, txid: 'a1T3', pixCode: 'PIX-a1-3' },
        ],
        // In the order they were made, as the ledger counts them.
        payments: [
          {
            id: 'p1', source: 'pix', txid: 'a1T1', endToEndId: 'E12345678202611091530abcdefghijk', amountCents: 100_000, paidAt: '2026-11-09T15:30:00.000Z', status: 'applied',
            installmentN: 1, allocations: [{ n: 1, cents: 100_000 }], overpaidCents: 0, chargesCents: 0, note: null, createdBy: 'pix', createdAt: '2026-11-09T15:30:05.000Z',
          },
          {
            id: 'p2', source: 'manual', txid: 'a1T2', endToEndId: null, amountCents: 30_000, paidAt: '2026-12-01T13:00:00.000Z', status: 'applied',
            installmentN: 2, allocations: [{ n: 2, cents: 30_000 }], overpaidCents: 0, chargesCents: 0, note: 'comprovante por e-mail', createdBy: 'user:u1', createdAt: '2026-12-01T14:00:00.000Z',
          },
        ],
      },
    });
    const renegotiated = (await get('/api/admin/agreements/a4')).json().agreement;
    expect([renegotiated.renegotiatedBy, renegotiated.renegotiates]).toEqual(['a5', null]);
    expect((await get('/api/admin/agreements/a5')).json().agreement.renegotiates).toBe('a4');
    expect((await get('/api/admin/agreements/a2')).json().agreement).toMatchObject({ status: 'broken', brokenOn: '2026-11-26', payments: [] });
  });

  it.skipIf(!enabled)('answers 404 for an unknown agreement, another creditor’s and a simulator run', async () => {
    for (const id of ['nope', 'a7', 'a6']) {
      const res = await get(`/api/admin/agreements/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.json()).toEqual({ error: 'not_found', message: 'no such agreement' });
    }
  });

  it.skipIf(!enabled)('lists the unmatched payments of the creditor, and all of them newest first', async () => {
    const res = await get('/api/admin/payments?status=unmatched');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      payments: [
        {
          id: 'p3', source: 'import', txid: 'NOSUCHTXID1', endToEndId: null, amountCents: 12_345, paidAt: '2026-12-02T09:00:00.000Z', status: 'unmatched',
          installmentN: null, allocations: [], overpaidCents: 0, chargesCents: 0, note: null, createdBy: 'admin', createdAt: '2026-12-02T09:05:00.000Z', agreementId: null, held: null,
        },
      ],
      nextCursor: null,
    });
    const all = (await get('/api/admin/payments')).json();
    expect(all.payments.map((p: { id: string }) => p.id)).toEqual(['p3', 'p2', 'p1']);
    const first = (await get('/api/admin/payments?limit=2')).json();
    expect(first.payments.map((p: { id: string }) => p.id)).toEqual(['p3', 'p2']);
    const second = (await get(`/api/admin/payments?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ payments: [{ id: 'p1', agreementId: 'a1' }], nextCursor: null });
  });
});
