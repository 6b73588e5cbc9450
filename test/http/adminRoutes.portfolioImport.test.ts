import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { DEFAULT_CREDITOR_ID } from '../../src/storage/creditorRepository.js';
import { writePortfolio, type PortfolioInvoice } from '../../src/storage/portfolioRepository.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/adminRoutes.portfolioImport');

const csvHeaders = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' };

function cnpj(n: number): string {
  const base = `${String(70_000_000 + n).padStart(8, '0')}0001`;
  return base + cnpjCheckDigits(base);
}

describe.each(DATABASES)('POST /api/admin/portfolio/import of a large file ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (enabled) t = await startTestApp({ db: kind });
  }, 120_000);
  afterAll(async () => t?.close());

  /** Fetches /healthz until `done()`; how many answers came while `during()` was true. */
  async function healthzWhile(done: () => boolean, during: () => boolean): Promise<number> {
    let answered = 0;
    while (!done()) {
      const h = await fetch(`${t.url}/healthz`);
      expect(h.status).toBe(200);
      if (during() && !done()) answered++;
    }
    return answered;
  }

  it.skipIf(!enabled)('the server answers /healthz while the batches are written', async () => {
    // The invoices are handed over only once the debtors are written, so `writing` is true from
    // inside the transaction to its last batch. On the embedded database the statements run on
    // this process's event loop: /healthz gets an answer only if the writer hands the loop over.
    const debtors = Array.from({ length: 3_000 }, (_, d) => ({
      cnpj: cnpj(10_000 + d),
      companyName: `Firma ${d}`,
      invoices: [1, 2].map((n) => ({ invoice: `F-${n}`, amountCents: 1_000 * n, dueDate: '2026-05-10' })),
    }));
    let writing = false;
    let finished = false;
    const invoices = async function* (): AsyncGenerator<PortfolioInvoice> {
      writing = true;
      for (const d of debtors) for (const i of d.invoices) yield { cnpj: d.cnpj, ...i };
      writing = false;
    };
    const written = writePortfolio(t.app.database.prisma, DEFAULT_CREDITOR_ID, debtors, invoices, 'test').finally(() => (finished = true));
    const answered = await healthzWhile(() => finished, () => writing);
    expect(await written).toEqual({ debtors: 3_000, invoices: 6_000 });
    expect(answered).toBeGreaterThan(0);
  }, 120_000);

  it.skipIf(!enabled)('a large file through the endpoint: imported, /healthz answered meanwhile', async () => {
    // 8 000 rows: several batches of debtors and of invoices, and several turns of reading.
    const rows = Array.from({ length: 8_000 }, (_, r) => `${cnpj(Math.floor(r / 2))},Empresa ${Math.floor(r / 2)},Contato,,,NF-${r},${r + 1}.00,2026-05-10,`);
    const csv = `cnpj,company_name,contact_name,phone,email,invoice,amount,due_date,description\n${rows.join('\n')}\n`;
    let finished = false;
    const imported = t.api('POST', '/api/admin/portfolio/import', csv, csvHeaders).then((r) => {
      finished = true;
      return r;
    });
    const answeredWhileImporting = await healthzWhile(() => finished, () => true);
    expect(await imported).toMatchObject({ status: 200, body: { debtors: 4_000, invoices: 8_000 } });
    expect(answeredWhileImporting).toBeGreaterThan(0);
  }, 120_000);
});
