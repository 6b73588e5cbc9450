import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebchatDebtor, expectOfferWithinPolicy } from '../helpers/chat.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('e2e/adminPortfolioPolicy');
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const csvHeaders = { ...auth, 'content-type': 'text/csv' };

const GOOD_CSV = [
  'cnpj;company_name;contact_name;phone;email;invoice;amount;due_date;description',
  '45.723.174/0001-10;Metalúrgica Horizonte S.A.;João Lima;(31) 99876-5432;joao@horizonte.example;7781;1.500,00;31/08/2026;Chapas',
  '45723174000110;Metalúrgica Horizonte S.A.;;;;7782;2500.00;2026-09-30;Perfis',
].join('\n');

const POLICY = {
  cash: { maxDiscountPercent: 5 },
  installments: { max: 3, minAmountCents: 100_000, monthlyInterestPercent: 1.5 },
  firstDueInDays: { max: 7 },
  escalateAboveCents: 5_000_000,
};

describe.each(DATABASES)('admin portfolio and policy ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (enabled) t = await startTestApp({ db: kind });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('refuses the admin API without the token', async () => {
    expect((await t.api('GET', '/api/admin/policy')).status).toBe(401);
    expect((await t.api('GET', '/api/admin/policy', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it.skipIf(!enabled)('imports a portfolio idempotently and negotiates against exactly that data and policy', async () => {
    const a = await t.api('POST', '/api/admin/portfolio/import', GOOD_CSV, csvHeaders);
    expect(a).toMatchObject({ status: 200, body: { debtors: 1, invoices: 2 } });
    const b = await t.api('POST', '/api/admin/portfolio/import', GOOD_CSV, csvHeaders);
    expect(b.body).toEqual({ debtors: 1, invoices: 2 });
    const db = t.app.database.prisma;
    const debtor = await db.debtor.findFirstOrThrow({ where: { cnpj: '45723174000110' }, include: { invoices: true } });
    expect(debtor.invoices).toHaveLength(2);

    const put = await t.api('PUT', '/api/admin/policy', POLICY, auth);
    expect(put).toMatchObject({ status: 200, body: POLICY });
    expect((await t.api('GET', '/api/admin/policy', undefined, auth)).body).toEqual(POLICY);

    const d = new WebchatDebtor(t);
    await d.open();
    await d.say('45.723.174/0001-10');
    const r = await d.say('a nota é a 7782');
    expect(r[0]!.facts.debt.totalCents).toBe(400_000);
    const seen = [r[1]!.facts.offer];
    for (let i = 0; i < 4 && d.last().key?.startsWith('offer.') && d.last().key !== 'offer.askProposal'; i++) {
      const next = await d.say('ver outra opção');
      if (next[0]?.facts.offer) seen.push(next[0].facts.offer);
    }
    expect(seen.length).toBeGreaterThan(1);
    for (const o of seen) expectOfferWithinPolicy(o, 400_000, POLICY);
  });

  it.skipIf(!enabled)('rejects a CSV with bad rows, names every bad line, and writes nothing', async () => {
    const before = await t.app.database.prisma.invoice.count();
    const bad = [
      'cnpj,company_name,invoice,amount,due_date',
      '12.345.678/0001-00,Empresa A,1,100.00,2026-01-10',
      '11.444.777/0001-61,Empresa B,2,abc,2026-01-10',
      '11.444.777/0001-61,Empresa B,3,10.00,31/02/2026',
      '45.723.174/0001-10,Empresa C,4,10.00,2026-01-10',
    ].join('\n');
    const r = await t.api('POST', '/api/admin/portfolio/import', bad, csvHeaders);
    expect(r.status).toBe(422);
    const lines = r.body.errors.map((e: any) => `${e.line}:${e.field}`);
    expect(lines).toEqual(expect.arrayContaining(['2:cnpj', '3:amount', '4:due_date']));
    expect(await t.app.database.prisma.invoice.count()).toBe(before);
  });

  it.skipIf(!enabled)('rejects out-of-range and unknown policy fields with a message per field', async () => {
    const r = await t.api('PUT', '/api/admin/policy', { ...POLICY, cash: { maxDiscountPercent: 150 }, installments: { ...POLICY.installments, max: 0 }, bonus: 1 }, auth);
    expect(r.status).toBe(422);
    const fields = r.body.errors.map((e: any) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['cash.maxDiscountPercent', 'installments.max']));
    expect(r.body.errors.length).toBeGreaterThanOrEqual(3);
    expect((await t.api('GET', '/api/admin/policy', undefined, auth)).body).toEqual(POLICY);
  });
});
