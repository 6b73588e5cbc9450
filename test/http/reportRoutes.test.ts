// The spreadsheet exports on PGlite and PostgreSQL: rows seeded with Prisma as the app leaves them,
// the CSV read back with csv-parse as a spreadsheet would (";" and a BOM), and checked exactly:
// the period's bounds in São Paulo, other creditors and simulator runs left out, paging in pages of
// two (ties on the instant across a page boundary), injection neutralised, 401/403/422.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { kpisCsv } from '../../src/domain/kpisCsv.js';
import { buildServer } from '../../src/http/buildServer.js';
import { registerReportRoutes } from '../../src/http/reportRoutes.js';
import { SESSION_COOKIE } from '../../src/http/sessionAuth.js';
import type { Db } from '../../src/storage/database.js';
import { computeKpis } from '../../src/storage/kpiQueries.js';
import { agreementExportPages } from '../../src/storage/reportExports.js';
import { createSession } from '../../src/storage/sessionRepository.js';
import { createUser } from '../../src/storage/userRepository.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('http/reportRoutes');
const TOKEN = 'reports-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const C1 = 'creditor-1';
const C2 = 'creditor-2';
const TZ = 'America/Sao_Paulo';
const NOVEMBER = 'from=2026-11-01&to=2026-11-30';
const NOW = new Date('2026-12-02T12:00:00.000Z');

const csv = (body: string) => parse(body, { delimiter: ';', bom: true }) as string[][];

describe.each(DATABASES)('spreadsheet exports ($kind)', ({ kind, enabled }) => {
  let close: () => Promise<void>;
  let db: Db;
  let app: FastifyInstance;
  const get = (url: string, headers: Record<string, string> = auth) => app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    if (!enabled) return;
    const t = await openTestDatabase(kind);
    close = t.close;
    db = t.database.prisma;
    app = await buildServer(createLogger('silent'));
    registerReportRoutes(app, { db, creditorId: C1, adminToken: TOKEN, timeZone: TZ, pageSize: 2, clock: () => NOW });
    await app.ready();

    for (const id of [C1, C2]) await db.creditor.create({ data: { id, name: `Credor ${id}`, cnpj: '11222333000181', pixKey: 'pix@credor.example', pixMerchantName: 'CREDOR', pixCity: 'SAO PAULO' } });
    await db.debtor.create({ data: { id: 'd1', creditorId: C1, cnpj: '11444777000161', companyName: '=HYPERLINK("http://x")' } });
    await db.debtor.create({ data: { id: 'd2', creditorId: C1, cnpj: '04252011000110', companyName: 'Padaria Pão Quente; Café ☕ Ltda' } });
    await db.debtor.create({ data: { id: 'd9', creditorId: C2, cnpj: '04252011000110', companyName: 'Cliente da Outra Ltda' } });
    const conversation = (id: string, creditorId: string, channel: string, debtorId: string, simulation = false) =>
      db.conversation.create({ data: { id, creditorId, channel, chatId: `chat-${id}`, debtorId, flowId: 'negotiation', flowVersion: 1, snapshot: {}, simulation } });
    await conversation('conv-1', C1, 'whatsapp', 'd1');
    await conversation('conv-2', C1, 'webchat', 'd2');
    await conversation('conv-sim', C1, 'webchat', 'd1', true);
    await conversation('conv-9', C2, 'telegram', 'd9');

    const agreement = async (a: { id: string; creditorId?: string; debtorId: string; conv: string; status: string; createdAt: string; total: number; debt: number; discountBp?: number; installments: { amount: number; paid?: number }[] }) => {
      const creditorId = a.creditorId ?? C1;
      const kind = a.installments.length > 1 ? 'installments' : 'cash';
      await db.offer.create({
        data: { id: `offer-${a.id}`, conversationId: a.conv, debtorId: a.debtorId, kind, totalCents: BigInt(a.total), discountBasisPoints: a.discountBp ?? 0, installments: a.installments.length, installmentCents: BigInt(a.installments[0]!.amount), firstDueDate: '2026-12-10', schedule: [], round: 1, source: 'ladder', status: 'accepted' },
      });
      await db.agreement.create({
        data: {
          id: a.id, creditorId, debtorId: a.debtorId, conversationId: a.conv, offerId: `offer-${a.id}`, kind, status: a.status,
          totalCents: BigInt(a.total), debtCents: BigInt(a.debt), acceptedMessageId: `msg-${a.id}`, createdAt: new Date(a.createdAt),
          installments: {
            create: a.installments.map((i, k) => ({ creditorId, n: k + 1, dueDate: '2026-12-10', amountCents: BigInt(i.amount), paidCents: BigInt(i.paid ?? 0), txid: `${a.id}T${k + 1}`, pixCode: `PIX-${a.id}-${k + 1}` })),
          },
        },
      });
    };
    // In November in São Paulo: a1 at its very first instant, a2 at 23:30 of the 30th (02:30 UTC on 1 December),
    // a11 and a8 at the same instant (their ids order them, across the boundary of a page of two).
    await agreement({ id: 'a1', debtorId: 'd1', conv: 'conv-1', status: 'settled', createdAt: '2026-11-01T03:00:00.000Z', total: 123_456, debt: 150_000, discountBp: 1770, installments: [{ amount: 123_456, paid: 123_456 }] });
    await agreement({ id: 'a2', debtorId: 'd2', conv: 'conv-2', status: 'active', createdAt: '2026-12-01T02:30:00.000Z', total: 300_000, debt: 300_000, discountBp: 0, installments: [{ amount: 100_000, paid: 30_000 }, { amount: 100_000 }, { amount: 100_000 }] });
    await agreement({ id: 'a8', debtorId: 'd2', conv: 'conv-2', status: 'broken', createdAt: '2026-11-15T12:00:00.000Z', total: 5, debt: 5, installments: [{ amount: 2 }, { amount: 3 }] });
    await agreement({ id: 'a11', debtorId: 'd1', conv: 'conv-1', status: 'renegotiated', createdAt: '2026-11-15T12:00:00.000Z', total: 123_456_789_012, debt: 123_456_789_012, discountBp: 0, installments: [{ amount: 123_456_789_012 }] });
    await agreement({ id: 'a12', debtorId: 'd1', conv: 'conv-1', status: 'active', createdAt: '2026-11-20T12:00:00.000Z', total: 0, debt: 0, installments: [{ amount: 0 }] });
    // Outside: 1 December and 31 October in São Paulo, a simulator run (by status, and by its conversation), the other creditor.
    await agreement({ id: 'a3', debtorId: 'd1', conv: 'conv-1', status: 'active', createdAt: '2026-12-01T03:00:00.000Z', total: 1, debt: 1, installments: [{ amount: 1 }] });
    await agreement({ id: 'a4', debtorId: 'd1', conv: 'conv-1', status: 'active', createdAt: '2026-11-01T02:59:59.999Z', total: 1, debt: 1, installments: [{ amount: 1 }] });
    await agreement({ id: 'a5', debtorId: 'd1', conv: 'conv-sim', status: 'simulated', createdAt: '2026-11-10T12:00:00.000Z', total: 1, debt: 1, installments: [{ amount: 1 }] });
    await agreement({ id: 'a7', debtorId: 'd1', conv: 'conv-sim', status: 'active', createdAt: '2026-11-10T12:00:00.000Z', total: 1, debt: 1, installments: [{ amount: 1 }] });
    await agreement({ id: 'a9', creditorId: C2, debtorId: 'd9', conv: 'conv-9', status: 'active', createdAt: '2026-11-10T12:00:00.000Z', total: 1, debt: 1, installments: [{ amount: 1 }] });

    const payment = (p: { id: string; creditorId?: string; agreementId?: string; n?: number; txid: string; amount: number; paidAt: string; source: string; status: string; e2e?: string; charges?: number; overpaid?: number; byHand?: boolean }) =>
      db.payment.create({
        data: {
          id: p.id, creditorId: p.creditorId ?? C1, key: `k-${p.id}`, endToEndId: p.e2e ?? null, txid: p.txid, amountCents: BigInt(p.amount), paidAt: new Date(p.paidAt), source: p.source, status: p.status,
          agreementId: p.agreementId ?? null, installmentN: p.n ?? null, chargesCents: BigInt(p.charges ?? 0), overpaidCents: BigInt(p.overpaid ?? 0), assignedByHand: p.byHand ?? false, createdBy: 'test',
        },
      });
    await payment({ id: 'p1', agreementId: 'a1', n: 1, txid: 'a1T1', amount: 123_456, paidAt: '2026-11-05T15:00:00.000Z', source: 'pix', status: 'applied', e2e: 'E12345678202611051500abcdefghijk' });
    await payment({ id: 'p2', txid: '=cmd|calc', amount: 5, paidAt: '2026-12-01T02:59:00.000Z', source: 'import', status: 'unmatched' });
    await payment({ id: 'p3', agreementId: 'a2', n: 1, txid: 'a2T1', amount: 30_000, paidAt: '2026-11-20T12:00:00.000Z', source: 'manual', status: 'applied', charges: 199, overpaid: 1, byHand: true });
    await payment({ id: 'p4', txid: 'LATE', amount: 1, paidAt: '2026-12-01T03:00:00.000Z', source: 'pix', status: 'unmatched' });
    await payment({ id: 'p5', creditorId: C2, txid: 'OTHER', amount: 1, paidAt: '2026-11-20T12:00:00.000Z', source: 'pix', status: 'unmatched' });
    await payment({ id: 'p6', agreementId: 'a5', n: 1, txid: 'a5T1', amount: 1, paidAt: '2026-11-20T12:00:00.000Z', source: 'pix', status: 'applied' });
    await payment({ id: 'p7', agreementId: 'a7', n: 1, txid: 'a7T1', amount: 1, paidAt: '2026-11-20T12:00:00.000Z', source: 'pix', status: 'applied' });

    const ana = await db.user.create({ data: { id: 'u-ana', email: 'ana@creditor.example', name: 'Ana Souza', role: 'agent', passwordHash: 'x' } });
    const handoff = (h: { id: string; conv: string; reason: string; createdAt: string; status?: string; claimedAt?: string; closedAt?: string; resolution?: string; agentId?: string }) =>
      db.handoff.create({
        data: { id: h.id, conversationId: h.conv, reason: h.reason, status: h.status ?? 'pending', createdAt: new Date(h.createdAt), claimedAt: h.claimedAt ? new Date(h.claimedAt) : null, closedAt: h.closedAt ? new Date(h.closedAt) : null, resolution: h.resolution ?? null, agentId: h.agentId ?? null },
      });
    await handoff({ id: 'h1', conv: 'conv-1', reason: 'dispute', createdAt: '2026-11-10T12:00:00.000Z', status: 'closed', claimedAt: '2026-11-10T12:01:30.000Z', closedAt: '2026-11-10T12:30:00.000Z', resolution: 'handback', agentId: ana.id });
    await handoff({ id: 'h2', conv: 'conv-2', reason: 'renegotiation_limit', createdAt: '2026-12-01T02:30:00.000Z' });
    await handoff({ id: 'h3', conv: 'conv-sim', reason: 'dispute', createdAt: '2026-11-10T12:00:00.000Z' });
    await handoff({ id: 'h4', conv: 'conv-9', reason: 'dispute', createdAt: '2026-11-10T12:00:00.000Z' });
    await handoff({ id: 'h5', conv: 'conv-1', reason: 'dispute', createdAt: '2026-12-01T03:00:00.000Z' });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await close?.();
  });

  it.skipIf(!enabled)('writes the agreements of the period as a Brazilian spreadsheet reads them', async () => {
    const res = await get(`/api/admin/agreements.csv?${NOVEMBER}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cordial-agreements-2026-11-01_2026-11-30.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.body.split('\r\n')[1]).toBe(`a1;01/11/2026 00:00;"'=HYPERLINK(""http://x"")";11.444.777/0001-61;à vista;1.234,56;1.500,00;17,70%;1;quitado;1.234,56;whatsapp`);
    expect(csv(res.body)).toEqual([
      ['Acordo', 'Feito em', 'Empresa', 'CNPJ', 'Tipo', 'Total (R$)', 'Dívida (R$)', 'Desconto', 'Parcelas', 'Situação', 'Pago até agora (R$)', 'Canal'],
      ['a1', '01/11/2026 00:00', `'=HYPERLINK("http://x")`, '11.444.777/0001-61', 'à vista', '1.234,56', '1.500,00', '17,70%', '1', 'quitado', '1.234,56', 'whatsapp'],
      ['a11', '15/11/2026 09:00', `'=HYPERLINK("http://x")`, '11.444.777/0001-61', 'à vista', '1.234.567.890,12', '1.234.567.890,12', '0,00%', '1', 'renegociado', '0,00', 'whatsapp'],
      ['a8', '15/11/2026 09:00', 'Padaria Pão Quente; Café ☕ Ltda', '04.252.011/0001-10', 'parcelado', '0,05', '0,05', '0,00%', '2', 'rompido', '0,00', 'webchat'],
      ['a12', '20/11/2026 09:00', `'=HYPERLINK("http://x")`, '11.444.777/0001-61', 'à vista', '0,00', '0,00', '0,00%', '1', 'ativo', '0,00', 'whatsapp'],
      ['a2', '30/11/2026 23:30', 'Padaria Pão Quente; Café ☕ Ltda', '04.252.011/0001-10', 'parcelado', '3.000,00', '3.000,00', '0,00%', '3', 'ativo', '300,00', 'webchat'],
    ]);
    // The ";" in a name is quoted, not a new column.
    expect(res.body).toContain('\r\na8;15/11/2026 09:00;"Padaria Pão Quente; Café ☕ Ltda";');
  });

  it.skipIf(!enabled)('reads the agreements in keyset pages, never repeating or skipping a row', async () => {
    const { periodInstants } = await import('../../src/domain/zonedTime.js');
    const { start, end } = periodInstants('2026-11-01', '2026-11-30', TZ);
    const pages: string[][] = [];
    for await (const page of agreementExportPages(db, { creditorId: C1, start, end, pageSize: 2 })) pages.push(page.map((a) => a.id));
    expect(pages).toEqual([['a1', 'a11'], ['a8', 'a12'], ['a2']]);
  });

  it.skipIf(!enabled)('filters agreements by status like the JSON list, and labels in English on request', async () => {
    const active = csv((await get(`/api/admin/agreements.csv?${NOVEMBER}&status=active&lang=en`)).body);
    expect(active[0]).toEqual(['Agreement', 'Made at', 'Company', 'CNPJ', 'Kind', 'Total (R$)', 'Debt (R$)', 'Discount', 'Instalments', 'Status', 'Paid so far (R$)', 'Channel']);
    expect(active.slice(1).map((r) => [r[0], r[4], r[9]])).toEqual([
      ['a12', 'cash', 'active'],
      ['a2', 'installments', 'active'],
    ]);
    expect(csv((await get(`/api/admin/agreements.csv?${NOVEMBER}&status=cancelled`)).body)).toHaveLength(1);
    // One day: only what was made on 15 November in São Paulo.
    expect(csv((await get('/api/admin/agreements.csv?from=2026-11-15&to=2026-11-15')).body).slice(1).map((r) => r[0])).toEqual(['a11', 'a8']);
    // Nothing in the period: the header alone.
    expect((await get('/api/admin/agreements.csv?from=2025-01-01&to=2025-01-31')).body).toBe('\uFEFFAcordo;Feito em;Empresa;CNPJ;Tipo;Total (R$);Dívida (R$);Desconto;Parcelas;Situação;Pago até agora (R$);Canal\r\n');
  });

  it.skipIf(!enabled)('writes the payments received in the period', async () => {
    const res = await get(`/api/admin/payments.csv?${NOVEMBER}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="cordial-payments-2026-11-01_2026-11-30.csv"');
    expect(csv(res.body)).toEqual([
      ['Pagamento', 'Pago em', 'Valor (R$)', 'Multa e juros (R$)', 'Pago a mais (R$)', 'Origem', 'Situação', 'txid', 'EndToEndId', 'Acordo', 'Parcela', 'Atribuído manualmente'],
      ['p1', '05/11/2026 12:00', '1.234,56', '0,00', '0,00', 'PIX', 'aplicado', 'a1T1', 'E12345678202611051500abcdefghijk', 'a1', '1', 'não'],
      ['p3', '20/11/2026 09:00', '300,00', '1,99', '0,01', 'manual', 'aplicado', 'a2T1', '', 'a2', '1', 'sim'],
      ['p2', '30/11/2026 23:59', '0,05', '0,00', '0,00', 'importação', 'sem acordo identificado', `'=cmd|calc`, '', '', '', 'não'],
    ]);
  });

  it.skipIf(!enabled)('writes the hand-offs opened in the period, with the wait until claimed', async () => {
    const res = await get(`/api/admin/handoffs.csv?${NOVEMBER}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="cordial-handoffs-2026-11-01_2026-11-30.csv"');
    expect(csv(res.body)).toEqual([
      ['Transferência', 'Aberta em', 'Motivo', 'Situação', 'Assumida em', 'Espera até assumir (minutos)', 'Encerrada em', 'Desfecho', 'Canal', 'Atendente'],
      ['h1', '10/11/2026 09:00', 'dispute', 'encerrado', '10/11/2026 09:01', '1,50', '10/11/2026 09:30', 'devolvido ao robô', 'whatsapp', 'Ana Souza'],
      ['h2', '30/11/2026 23:30', 'renegotiation_limit', 'aguardando', '', '', '', '', 'webchat', ''],
    ]);
  });

  it.skipIf(!enabled)('writes the KPIs of the period, the same figures as computeKpis, one per row', async () => {
    const res = await get(`/api/admin/kpis.csv?${NOVEMBER}&channel=whatsapp`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="cordial-kpis-2026-11-01_2026-11-30.csv"');
    const kpis = await computeKpis(db, { creditorId: C1, query: { from: '2026-11-01', to: '2026-11-30', channel: 'whatsapp' }, timeZone: TZ, now: NOW });
    expect(res.body).toBe(kpisCsv(kpis, 'pt-BR'));
    const rows = csv(res.body);
    expect(rows).toContainEqual(['Período', 'Canal', '', 'whatsapp']);
    // On WhatsApp in November: a1, a11 and a12 (a3, a4 outside the period, a5 and a7 simulator runs, a9 another creditor's).
    expect(rows).toContainEqual(['Acordos', 'Acordos', '', '3']);
    expect(rows).toContainEqual(['Acordos', 'Valor dos acordos (R$)', '', '1.234.569.124,68']);
    expect(rows).toContainEqual(['Pagamentos', 'Valor recuperado (R$)', '', '1.234,56']);
    expect(rows).toContainEqual(['Transferências por motivo', 'dispute', '', '1']);
    expect(rows.filter((r) => r[0] === 'Série diária')).toHaveLength(30 * 4);
    expect(rows).toContainEqual(['Série diária', 'Acordos', '15/11/2026', '1']);

    const all = csv((await get(`/api/admin/kpis.csv?${NOVEMBER}&lang=en`)).body);
    expect(all[0]).toEqual(['Section', 'Indicator', 'Date', 'Value']);
    expect(all).toContainEqual(['Agreements', 'Agreements', '', '5']);
    expect(all).toContainEqual(['Payments', 'Recovered (R$)', '', '1.534,56']);
    expect(all).toContainEqual(['Hand-offs by reason', 'renegotiation_limit', '', '1']);
  });

  it.skipIf(!enabled)('answers 401 without credentials and 403 to an agent; admins by token or session', async () => {
    const urls = ['agreements', 'payments', 'handoffs', 'kpis'].map((what) => `/api/admin/${what}.csv?${NOVEMBER}`);
    const agent = await createUser(db, { email: 'bruno@creditor.example', name: 'Bruno', role: 'agent', password: 'correct horse battery' }, 'admin');
    const admin = await createUser(db, { email: 'carla@creditor.example', name: 'Carla', role: 'admin', password: 'correct horse battery' }, 'admin');
    const agentSession = await createSession(db, agent.id, NOW);
    const adminSession = await createSession(db, admin.id, NOW);
    for (const url of urls) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await get(url, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: agentSession.token } })).statusCode).toBe(403);
    }
    const before = await db.auditEvent.count({ where: { type: 'report.exported' } });
    for (const url of urls) expect((await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: adminSession.token } })).statusCode).toBe(200);
    // Each list downloaded is in the audit trail: who, which list, which period (nothing of a refused one).
    const events = await db.auditEvent.findMany({ where: { type: 'report.exported' }, orderBy: { id: 'asc' }, skip: before });
    expect(events.map((e) => [e.actor, e.data])).toEqual(
      ['agreements', 'payments', 'handoffs'].map((report) => [`user:${admin.id}`, { report, from: '2026-11-01', to: '2026-11-30' }]),
    );
  });

  it.skipIf(!enabled)('answers 422 naming each bad parameter', async () => {
    const errors = async (url: string) => {
      const res = await get(url);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toBe('invalid_query');
      return res.json().errors as { field: string; message: string }[];
    };
    for (const what of ['agreements', 'payments', 'handoffs', 'kpis']) {
      expect(await errors(`/api/admin/${what}.csv?from=2026-11-31&to=2026-11-30`)).toEqual([{ field: 'from', message: 'from must be a calendar date YYYY-MM-DD' }]);
      expect(await errors(`/api/admin/${what}.csv?from=2026-11-30&to=2026-11-01`)).toEqual([{ field: 'to', message: 'must not be before from' }]);
      expect(await errors(`/api/admin/${what}.csv?to=2026-11-30&lang=fr`)).toEqual([
        { field: 'from', message: 'required', messages: { en: 'required', 'pt-BR': 'Obrigatório: esperava um texto' } },
        { field: 'lang', message: 'must be one of pt-BR, en', messages: { en: 'must be one of pt-BR, en', 'pt-BR': 'Opção inválida: esperava uma das seguintes opções: "pt-BR"|"en"' } },
      ]);
      expect((await errors(`/api/admin/${what}.csv?from=2025-01-01&to=2026-11-30`))[0]!.field).toBe('to');
    }
    expect(await errors(`/api/admin/agreements.csv?${NOVEMBER}&status=simulated`)).toEqual([expect.objectContaining({ field: 'status', message: 'must be one of active, settled, broken, renegotiated, cancelled, late' })]);
    expect(await errors(`/api/admin/kpis.csv?${NOVEMBER}&channel=sms`)).toEqual([expect.objectContaining({ field: 'channel', message: 'must be one of webchat, telegram, whatsapp' })]);
  });
});
