import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { WebchatDebtor, seedDebtor } from '../helpers/chat.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/portfolioRoutes');
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const csvHeaders = { ...auth, 'content-type': 'text/csv' };
// The demo debtor every fresh app seeds (src/storage/seedDemo.ts).
const DEMO_CNPJ = '11444777000161';

function cnpj(n: number): string {
  const base = `${String(30_000_000 + n).padStart(8, '0')}0001`;
  return base + cnpjCheckDigits(base);
}

describe.each(DATABASES)('portfolio preview and debtors API ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  const search = async (q: string, extra = '') => {
    const r = await t.api('GET', `/api/admin/debtors?q=${encodeURIComponent(q)}${extra}`, undefined, auth);
    expect(r.status).toBe(200);
    return r.body as { debtors: any[]; total: number };
  };
  const counts = async () => {
    const db = t.app.database.prisma;
    return { debtors: await db.debtor.count(), invoices: await db.invoice.count(), contacts: await db.contact.count(), audit: await db.auditEvent.count() };
  };

  beforeAll(async () => {
    if (enabled) t = await startTestApp({ db: kind });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('is for admins only: no token 401, an agent 403, an admin session 200', async () => {
    const routes: [string, string, string?][] = [
      ['POST', '/api/admin/portfolio/preview', 'cnpj,company_name,invoice,amount,due_date\n'],
      ['GET', '/api/admin/debtors'],
      ['GET', '/api/admin/debtors/whatever'],
    ];
    const agent = await ConsoleAgent.create(t, 'Agente Portfolio');
    for (const [method, path, body] of routes) {
      expect((await t.api(method, path, body, body ? { 'content-type': 'text/csv' } : {})).status).toBe(401);
      const r = await t.api(method, path, body, { cookie: agent.cookie, 'x-csrf-token': agent.csrf, ...(body ? { 'content-type': 'text/csv' } : {}) });
      expect(r.status).toBe(403);
    }
    const admin = await ConsoleAgent.create(t, 'Admin Portfolio', 'admin');
    const r = await admin.api('GET', '/api/admin/debtors?q=padaria');
    expect(r.status).toBe(200);
    expect(r.body.debtors.map((d: any) => d.cnpj)).toEqual([DEMO_CNPJ]);
  });

  it.skipIf(!enabled)('previews only CSV bodies', async () => {
    const r = await t.api('POST', '/api/admin/portfolio/preview', { csv: 'x' }, auth);
    expect(r).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
  });

  it.skipIf(!enabled)('answers a file with bad rows with every bad line, and writes nothing', async () => {
    const before = await counts();
    const bad = [
      'cnpj,company_name,invoice,amount,due_date',
      '12.345.678/0001-00,Empresa A,1,100.00,2026-01-10',
      `${cnpj(1)},Empresa B,2,abc,2026-01-10`,
      `${cnpj(1)},Empresa B,3,10.00,31/02/2026`,
      `${cnpj(2)},Empresa C,4,10.00,2026-01-10`,
      `${cnpj(2)},,5,-3,2026-01-10`,
    ].join('\n');
    const r = await t.api('POST', '/api/admin/portfolio/preview', bad, csvHeaders);
    expect(r.status).toBe(422);
    expect(r.body.ok).toBe(false);
    expect(r.body.errors.map((e: any) => `${e.line}:${e.field}`)).toEqual(['2:cnpj', '3:amount', '4:due_date', '6:company_name', '6:amount']);
    expect(await counts()).toEqual(before);
  });

  it.skipIf(!enabled)('previews exactly what the import then does', async () => {
    const csv = [
      'cnpj;company_name;contact_name;phone;email;invoice;amount;due_date;description',
      `${cnpj(10)};Comércio Prévia Ltda;Zélia Prado;(21) 97777-1234;zelia@previa.example;PV-1;1.000,00;31/08/2026;`,
      `${cnpj(10)};Comércio Prévia Ltda;;;;PV-2;2500.00;2026-09-30;`,
      // The demo debtor's invoice with a new amount, and one it already has, unchanged.
      `${DEMO_CNPJ};Padaria Pão Quente Ltda;;;;NF-1001;13.000,00;2026-09-10;Farinha e insumos, agosto`,
      `${DEMO_CNPJ};Padaria Pão Quente Ltda;;;;NF-1002;3.480,50;2026-10-10;Embalagens, setembro`,
    ].join('\n');
    const before = await counts();
    const preview = await t.api('POST', '/api/admin/portfolio/preview', csv, csvHeaders);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ ok: true, debtors: 2, invoices: 4, newDebtors: 1, newInvoices: 2, updatedInvoices: 1, unchangedInvoices: 1 });
    expect(preview.body.rows).toEqual([
      { line: 2, cnpj: cnpj(10), companyName: 'Comércio Prévia Ltda', invoice: 'PV-1', amountCents: 100_000, dueDate: '2026-08-31', action: 'new' },
      { line: 3, cnpj: cnpj(10), companyName: 'Comércio Prévia Ltda', invoice: 'PV-2', amountCents: 250_000, dueDate: '2026-09-30', action: 'new' },
      { line: 4, cnpj: DEMO_CNPJ, companyName: 'Padaria Pão Quente Ltda', invoice: 'NF-1001', amountCents: 1_300_000, dueDate: '2026-09-10', action: 'update' },
      { line: 5, cnpj: DEMO_CNPJ, companyName: 'Padaria Pão Quente Ltda', invoice: 'NF-1002', amountCents: 348_050, dueDate: '2026-10-10', action: 'unchanged' },
    ]);
    expect(await counts()).toEqual(before);

    const imported = await t.api('POST', '/api/admin/portfolio/import', csv, csvHeaders);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ debtors: preview.body.debtors, invoices: preview.body.invoices });
    const after = await counts();
    expect(after.debtors - before.debtors).toBe(preview.body.newDebtors);
    expect(after.invoices - before.invoices).toBe(preview.body.newInvoices);

    const again = await t.api('POST', '/api/admin/portfolio/preview', csv, csvHeaders);
    expect(again.body).toMatchObject({ newDebtors: 0, newInvoices: 0, updatedInvoices: 0, unchangedInvoices: 4 });
  });

  it.skipIf(!enabled)('finds debtors by name with or without accents, CNPJ fragment, invoice, contact and phone', async () => {
    const ids = async (q: string) => (await search(q)).debtors.map((d) => d.cnpj);
    for (const q of ['pao quente', 'PÃO QUENTE', 'Pão', 'padaria  pao', '11.444', '11444777', 'nf-1001', 'NF-100', 'marina', 'MARÍNA SOUZA', 'financeiro@paoquente', '98765-4321', '+55 11 98765']) {
      expect(await ids(q), q).toEqual([DEMO_CNPJ]);
    }
    // Accents in the data, none in the search (and the other way round above).
    expect(await ids('comercio previa')).toEqual([cnpj(10)]);
    expect(await ids('zelia')).toEqual([cnpj(10)]);
    expect(await ids('97777')).toEqual([cnpj(10)]);
    // The admin's text is text: LIKE and regex metacharacters match themselves.
    for (const q of ['%', '_', '.*', 'pao|previa', '[a-z]']) expect(await ids(q), q).toEqual([]);
    // A name with a digit in it is not a CNPJ fragment.
    expect(await ids('Padaria 1')).toEqual([]);
  });

  it.skipIf(!enabled)('pages through matches by open amount, then name, with the total of all matches', async () => {
    const amounts = ['300.00', '100.00', '500.00', '100.00', '200.00', '400.00', '100.00'];
    const names = ['Paginação G', 'Paginação C', 'Paginação E', 'Paginação A', 'Paginação F', 'Paginação D', 'Paginação B'];
    const csv = ['cnpj,company_name,invoice,amount,due_date', ...amounts.map((a, i) => `${cnpj(100 + i)},${names[i]},PG-${i},${a},2026-08-01`)].join('\n');
    expect((await t.api('POST', '/api/admin/portfolio/import', csv, csvHeaders)).status).toBe(200);

    const all = await search('paginacao', '&limit=100');
    expect(all.total).toBe(7);
    expect(all.debtors.map((d) => [d.name, d.openCents])).toEqual([
      ['Paginação E', 50_000],
      ['Paginação D', 40_000],
      ['Paginação G', 30_000],
      ['Paginação F', 20_000],
      ['Paginação A', 10_000],
      ['Paginação B', 10_000],
      ['Paginação C', 10_000],
    ]);
    expect(all.debtors[0]).toMatchObject({ cnpj: cnpj(102), openInvoices: 1, agreements: 0, lastConversationAt: null });

    const page2 = await search('paginacao', '&limit=3&offset=3');
    expect(page2).toEqual({ total: 7, debtors: all.debtors.slice(3, 6) });
    expect(await search('paginacao', '&limit=3&offset=6')).toEqual({ total: 7, debtors: all.debtors.slice(6) });
    expect(await search('paginacao', '&limit=3&offset=30')).toEqual({ total: 7, debtors: [] });
    expect((await search('paginacao')).debtors).toHaveLength(7); // default limit 25

    const everyone = await search('', '&limit=1');
    expect(everyone.total).toBe(await t.app.database.prisma.debtor.count());
    expect(everyone.debtors).toHaveLength(1);
  });

  it.skipIf(!enabled)('rejects a limit outside 1..100 and a negative offset', async () => {
    for (const qs of ['limit=0', 'limit=101', 'limit=2.5', 'limit=abc', 'offset=-1']) {
      const r = await t.api('GET', `/api/admin/debtors?${qs}`, undefined, auth);
      expect(r.status, qs).toBe(422);
      expect(r.body.errors[0].field).toBe(qs.split('=')[0]);
    }
  });

  it.skipIf(!enabled)('shows a debtor after a web chat negotiation to agreement; simulations are flagged and commit nothing', async () => {
    const seeded = await seedDebtor(t, '1234.56');
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say(seeded.cnpj);
    const verified = await d.say(seeded.invoice);
    expect(verified.map((r) => r.key)).toEqual(['debt.summary', 'offer.cash']);
    const done = await d.say('aceito');
    expect(done[0]!.key).toBe('agreement.term');
    const term = done[0]!.facts.agreement;

    const [hit] = (await search(seeded.cnpj)).debtors;
    expect(hit).toMatchObject({ cnpj: seeded.cnpj, openCents: 0, openInvoices: 0, agreements: 1 });
    expect(Date.parse(hit.lastConversationAt)).not.toBeNaN();

    const db = t.app.database.prisma;
    const conv = await db.conversation.findFirstOrThrow({ where: { debtorId: hit.id } });
    // A simulator run on the same debtor (as the flow editor's simulator leaves them).
    const sim = await db.conversation.create({
      data: { channel: 'webchat', chatId: `sim-${hit.id}`, debtorId: hit.id, flowId: conv.flowId, flowVersion: conv.flowVersion, snapshot: {}, state: 'agreed', simulation: true },
    });
    const simOffer = await db.offer.create({
      data: { conversationId: sim.id, debtorId: hit.id, kind: 'cash', totalCents: 1n, discountBasisPoints: 0, installments: 1, installmentCents: 1n, firstDueDate: '2026-08-01', schedule: [], round: 1, source: 'ladder', status: 'accepted' },
    });
    await db.agreement.create({
      data: { id: `SIM-${hit.id}`, creditorId: (await db.debtor.findUniqueOrThrow({ where: { id: hit.id } })).creditorId, debtorId: hit.id, conversationId: sim.id, offerId: simOffer.id, totalCents: 1n, debtCents: 1n, kind: 'cash', acceptedMessageId: '', status: 'simulated' },
    });

    const r = await t.api('GET', `/api/admin/debtors/${hit.id}`, undefined, auth);
    expect(r.status).toBe(200);
    const page = r.body;
    expect(page.debtor).toEqual({ id: hit.id, name: hit.name, cnpj: seeded.cnpj, timeZone: 'America/Sao_Paulo', accessCode: null });
    expect(page.contacts).toEqual([]);
    expect(page.invoices).toEqual([{ number: seeded.invoice, amountCents: seeded.debtCents, dueDate: '2026-08-01', status: 'in_agreement', description: null }]);
    expect(page.conversations.map((c: any) => [c.id, c.simulation])).toEqual([
      [sim.id, true],
      [conv.id, false],
    ]);
    expect(page.conversations[1]).toMatchObject({ channel: 'webchat', status: 'bot', state: 'agreed', flowVersion: conv.flowVersion });
    expect(page.offers.length).toBeGreaterThan(0);
    expect(page.offers.every((o: any) => o.conversationId === conv.id)).toBe(true);
    expect(page.offers.at(-1)).toMatchObject({ status: 'accepted', totalCents: term.totalCents });
    expect(page.agreements).toHaveLength(1);
    expect(page.agreements[0]).toMatchObject({ id: term.id, conversationId: conv.id, totalCents: term.totalCents, debtCents: seeded.debtCents, status: 'active' });
    expect(page.agreements[0].installments.map((i: any) => [i.n, i.amountCents, i.pixCode])).toEqual(term.installments.map((i: any) => [i.n, i.amountCents, i.pix]));

    const types = page.audit.map((e: any) => e.type);
    expect(types).toContain('agreement.created');
    expect(types).toContain('identity.verified');
    const ids = page.audit.map((e: any) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(page.audit.find((e: any) => e.type === 'agreement.created')).toMatchObject({ actor: 'bot', conversationId: conv.id, data: { agreementId: term.id } });

    // The simulator's agreement is not counted in the list either.
    expect((await search(seeded.cnpj)).debtors[0].agreements).toBe(1);
  });

  it.skipIf(!enabled)('answers 404 for a debtor that does not exist', async () => {
    const r = await t.api('GET', '/api/admin/debtors/00000000-0000-0000-0000-000000000000', undefined, auth);
    expect(r).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });
});
