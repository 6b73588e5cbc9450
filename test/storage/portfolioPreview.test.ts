import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { parsePortfolioCsv, type ParsedDebtor } from '../../src/domain/portfolioCsv.js';
import { upsertCreditor } from '../../src/storage/creditorRepository.js';
import { type Database, type Db } from '../../src/storage/database.js';
import { importPortfolio } from '../../src/storage/portfolioRepository.js';
import { PREVIEW_ROWS, previewPortfolio } from '../../src/storage/portfolioPreview.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/portfolioPreview');

const ACME = '11222333000181';
const BETA = '45723174000110';
const HEADER = 'cnpj,company_name,invoice,amount,due_date,description';

function parse(lines: string[]): ParsedDebtor[] {
  const r = parsePortfolioCsv([HEADER, ...lines].join('\n'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.debtors;
}

async function rowCounts(db: Db) {
  const [debtors, invoices, contacts, audit] = await Promise.all([db.debtor.count(), db.invoice.count(), db.contact.count(), db.auditEvent.count()]);
  return { debtors, invoices, contacts, audit };
}

async function creditor(db: Db, id: string) {
  await upsertCreditor(db, { id, name: id, cnpj: '11444777000161', pixKey: 'pix@example.com', pixMerchantName: id, pixCity: 'SAO PAULO' });
}

describe.each(DATABASES)('portfolio preview ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
    const db = database.prisma;
    await creditor(db, 'c1');
    await creditor(db, 'c2');
    await importPortfolio(db, 'c1', parse([`${ACME},Acme Ltda,A1,100.00,2026-01-10,Parafusos`, `${ACME},Acme Ltda,A2,200.00,2026-02-10,`, `${ACME},Acme Ltda,A3,300.00,2026-03-10,Porcas`]), 'admin');
    // The same CNPJ under another creditor is a different debtor: new for c1.
    await importPortfolio(db, 'c2', parse([`${BETA},Beta SA,B1,50.00,2026-01-10,`]), 'admin');
  }, 120_000);
  afterAll(async () => opened?.close());

  it.skipIf(!enabled)('tells new, updated and unchanged invoices apart, in file order, and writes nothing', async () => {
    const db = database.prisma;
    const before = await rowCounts(db);
    const parsed = parse([
      `${BETA},Beta SA,B1,50.00,2026-01-10,`,
      `${ACME},Acme Ltda,A1,100.00,2026-01-10,Parafusos`,
      `${ACME},Acme Ltda,A2,250.00,2026-02-10,`,
      `${ACME},Acme Ltda,A3,300.00,2026-03-10,`,
      `${ACME},Acme Ltda,A4,400.00,2026-04-10,`,
      `${ACME},Acme Ltda,A5,500.00,2026-05-11,`,
    ]);
    const p = await previewPortfolio(db, 'c1', parsed);
    expect(p).toMatchObject({ debtors: 2, invoices: 6, newDebtors: 1, newInvoices: 3, updatedInvoices: 2, unchangedInvoices: 1 });
    expect(p.rows.map((r) => [r.line, r.cnpj, r.invoice, r.action])).toEqual([
      [2, BETA, 'B1', 'new'],
      [3, ACME, 'A1', 'unchanged'],
      [4, ACME, 'A2', 'update'], // amount
      [5, ACME, 'A3', 'update'], // description removed: the import clears it
      [6, ACME, 'A4', 'new'],
      [7, ACME, 'A5', 'new'],
    ]);
    expect(p.rows[2]).toEqual({ line: 4, cnpj: ACME, companyName: 'Acme Ltda', invoice: 'A2', amountCents: 25_000, dueDate: '2026-02-10', action: 'update' });
    expect(await rowCounts(db)).toEqual(before);
  });

  it.skipIf(!enabled)('counts what the import then does, and finds nothing left to change after it', async () => {
    const db = database.prisma;
    const parsed = parse([`${ACME},Acme Ltda,A1,100.00,2026-01-11,Parafusos`, `${ACME},Acme Ltda,A9,9.00,2026-09-10,`, `${BETA},Beta SA,B1,50.00,2026-01-10,`]);
    const p = await previewPortfolio(db, 'c1', parsed);
    const before = await rowCounts(db);
    const imported = await importPortfolio(db, 'c1', parsed, 'admin');
    const after = await rowCounts(db);
    expect({ debtors: p.debtors, invoices: p.invoices }).toEqual(imported);
    expect(after.debtors - before.debtors).toBe(p.newDebtors);
    expect(after.invoices - before.invoices).toBe(p.newInvoices);
    expect(p).toMatchObject({ newDebtors: 1, newInvoices: 2, updatedInvoices: 1 });

    const again = await previewPortfolio(db, 'c1', parsed);
    expect(again).toMatchObject({ newDebtors: 0, newInvoices: 0, updatedInvoices: 0, unchangedInvoices: 3 });
  });

  it.skipIf(!enabled)(`lists the first ${PREVIEW_ROWS} rows of a large file but counts them all`, async () => {
    const base = '98765432' + '0001';
    const cnpj = base + cnpjCheckDigits(base);
    const lines = Array.from({ length: 450 }, (_, i) => `${cnpj},Grande Ltda,G${i},1.00,2026-01-10,`);
    const p = await previewPortfolio(database.prisma, 'c1', parse(lines));
    expect(p).toMatchObject({ debtors: 1, invoices: 450, newDebtors: 1, newInvoices: 450 });
    expect(p.rows).toHaveLength(PREVIEW_ROWS);
    expect(p.rows[0]!.line).toBe(2);
    expect(p.rows.at(-1)!.line).toBe(PREVIEW_ROWS + 1);
  });

  it.skipIf(!enabled)('matches debtors built in code, without CSV lines', async () => {
    const p = await previewPortfolio(database.prisma, 'c1', [{ cnpj: ACME, companyName: 'Acme Ltda', invoices: [{ invoice: 'A1', amountCents: 10_000, dueDate: '2026-01-11', description: 'Parafusos' }] }]);
    expect(p.rows).toEqual([{ line: null, cnpj: ACME, companyName: 'Acme Ltda', invoice: 'A1', amountCents: 10_000, dueDate: '2026-01-11', action: 'unchanged' }]);
  });
});
