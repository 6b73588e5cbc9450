import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import type { Database } from '../../src/storage/database.js';
import { searchDebtors } from '../../src/storage/debtorSearch.js';
import { importPortfolioCsv } from '../../src/storage/importPortfolioCsv.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/importPortfolioCsv');

const HEADER = 'cnpj,company_name,contact_name,phone,email,invoice,amount,due_date,description';

function cnpj(n: number): string {
  const base = `${String(50_000_000 + n).padStart(8, '0')}0001`;
  return base + cnpjCheckDigits(base);
}

/** `debtors` debtors of `perDebtor` invoices each, rows in file order, amount 100.00 + invoice index. */
function bigCsv(debtors: number, perDebtor: number, firstDebtor = 0): string {
  const rows: string[] = [];
  for (let d = firstDebtor; d < firstDebtor + debtors; d++) {
    for (let i = 0; i < perDebtor; i++) rows.push(`${cnpj(d)},Empresa ${d},,,,N${i},${100 + i}.00,2026-0${1 + i}-10,`);
  }
  return `${HEADER}\n${rows.join('\n')}\n`;
}

describe.each(DATABASES)('portfolio import of a CSV, in batches ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (!enabled) return;
    ({ database, close } = await openTestDatabase(kind));
    await database.prisma.creditor.create({ data: { id: 'c1', name: 'C', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'C', pixCity: 'SP' } });
  }, 120_000);
  afterAll(async () => close?.());

  const debtorOf = (n: number) => database.prisma.debtor.findUniqueOrThrow({ where: { creditorId_cnpj: { creditorId: 'c1', cnpj: cnpj(n) } }, include: { contacts: { orderBy: { createdAt: 'asc' } }, invoices: { orderBy: { number: 'asc' } } } });
  const audits = () => database.prisma.auditEvent.findMany({ where: { type: 'portfolio.imported' }, orderBy: { id: 'asc' } });

  it.skipIf(!enabled)('writes debtors, contacts and invoices; a re-import updates them and keeps what the file leaves out', async () => {
    const db = database.prisma;
    const first = [
      HEADER,
      `${cnpj(1)},Padaria Um,Ana,(11) 98765-4321,ana@um.com.br,NF-1,"1.000,00",2026-03-31,pão`,
      `${cnpj(1)},Padaria Um,,,,NF-2,250.50,2026-04-30,`,
      `${cnpj(2)},Mercado Dois,,,,NF-1,99.90,31/05/2026,`,
    ].join('\n');
    expect(await importPortfolioCsv(db, 'c1', first, 'admin')).toEqual({ ok: true, debtors: 2, invoices: 3 });
    const one = await debtorOf(1);
    expect(one.companyName).toBe('Padaria Um');
    expect(one.contacts.map((c) => [c.name, c.phone, c.email])).toEqual([['Ana', '+5511987654321', 'ana@um.com.br']]);
    expect(one.invoices.map((i) => [i.number, Number(i.amountCents), i.dueDate, i.description, i.status])).toEqual([
      ['NF-1', 100_000, '2026-03-31', 'pão', 'open'],
      ['NF-2', 25_050, '2026-04-30', null, 'open'],
    ]);
    expect((await debtorOf(2)).contacts).toEqual([]); // no contact data, no contact
    expect((await audits()).map((e) => e.data)).toEqual([{ creditorId: 'c1', debtors: 2, invoices: 3 }]);

    // NF-2 goes into an agreement; the next file changes names, amounts, a phone, adds an invoice.
    await db.invoice.update({ where: { debtorId_number: { debtorId: one.id, number: 'NF-2' } }, data: { status: 'in_agreement' } });
    const second = [
      HEADER,
      `${cnpj(1)},Padaria Um Ltda,,(21) 99999-0000,,NF-2,300.00,2026-04-30,`,
      `${cnpj(1)},Padaria Um Ltda,,,,NF-3,10.00,2026-06-30,`,
      `${cnpj(2)},Mercado Dois,Bruno,,,NF-1,99.90,2026-05-31,`,
    ].join('\n');
    expect(await importPortfolioCsv(db, 'c1', second, 'admin')).toEqual({ ok: true, debtors: 2, invoices: 3 });
    const again = await debtorOf(1);
    expect(again.id).toBe(one.id);
    expect(again.companyName).toBe('Padaria Um Ltda');
    // The same contact, its phone replaced, its name and e-mail kept (the file had none).
    expect(again.contacts.map((c) => [c.id, c.name, c.phone, c.email])).toEqual([[one.contacts[0]!.id, 'Ana', '+5521999990000', 'ana@um.com.br']]);
    expect(again.invoices.map((i) => [i.number, Number(i.amountCents), i.status])).toEqual([
      ['NF-1', 100_000, 'open'], // not in the file: untouched
      ['NF-2', 30_000, 'in_agreement'], // in an agreement: amount updated, status kept
      ['NF-3', 1_000, 'open'],
    ]);
    // The balances the Invoice trigger keeps agree with the invoices after the batched statements.
    expect([Number(again.openCents), again.openInvoices, Number(again.inAgreementCents), again.oldestUnpaidDueDate, again.firstDueDate]).toEqual([101_000, 2, 30_000, '2026-03-31', '2026-03-31']);
    const two = await debtorOf(2);
    expect(two.contacts.map((c) => c.name)).toEqual(['Bruno']);
    expect([Number(two.openCents), two.openInvoices]).toEqual([9_990, 1]);
    expect(await audits()).toHaveLength(2);
  });

  it.skipIf(!enabled)('an erased contact stays erased: contact data in a later file is a new contact', async () => {
    const db = database.prisma;
    const file = (name: string) => `${HEADER}\n${cnpj(3)},Loja Três,${name},,,L-1,50.00,2026-03-01,\n`;
    await importPortfolioCsv(db, 'c1', file('Carla'), 'admin');
    const erased = (await debtorOf(3)).contacts[0]!;
    await db.contact.update({ where: { id: erased.id }, data: { name: null, phone: null, email: null, erasedAt: new Date() } });
    expect(await importPortfolioCsv(db, 'c1', file('Carla Souza'), 'admin')).toMatchObject({ ok: true });
    const contacts = (await debtorOf(3)).contacts;
    expect(contacts.map((c) => [c.id === erased.id, c.name, c.erasedAt !== null])).toEqual([
      [true, null, true],
      [false, 'Carla Souza', false],
    ]);
  });

  it.skipIf(!enabled)('a file of several batches: every row written once, every balance right', async () => {
    const db = database.prisma;
    // 1 300 debtors × 2 invoices: more than one batch of debtors and of invoices.
    expect(await importPortfolioCsv(db, 'c1', bigCsv(1_300, 2, 1_000), 'admin')).toEqual({ ok: true, debtors: 1_300, invoices: 2_600 });
    // Again with a third invoice each: 2 600 unchanged, 1 300 new.
    expect(await importPortfolioCsv(db, 'c1', bigCsv(1_300, 3, 1_000), 'admin')).toEqual({ ok: true, debtors: 1_300, invoices: 3_900 });
    const mismatched = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Debtor" d,
        LATERAL (SELECT COALESCE(sum(i."amountCents"), 0)::bigint AS cents, count(*)::int AS invoices FROM "Invoice" i WHERE i."debtorId" = d."id" AND i."status" = 'open') b
      WHERE d."companyName" LIKE 'Empresa %' AND (d."openCents" <> b.cents OR d."openInvoices" <> b.invoices)`;
    expect(mismatched).toEqual([{ n: 0 }]);
    const sample = await debtorOf(1_500);
    expect([Number(sample.openCents), sample.openInvoices, sample.firstDueDate]).toEqual([30_300, 3, '2026-01-10']);
    expect(await db.invoice.count({ where: { debtor: { companyName: { startsWith: 'Empresa ' } } } })).toBe(3_900);
  });

  it.skipIf(!enabled)('a bad file writes nothing and answers every bad line, however far apart', async () => {
    const db = database.prisma;
    const before = { debtors: await db.debtor.count(), invoices: await db.invoice.count(), audits: (await audits()).length };
    const rows = bigCsv(1_500, 2, 5_000).split('\n');
    // Line 2 (the first row) and line 2 900 (after several stream chunks): bad amount, bad date.
    rows[1] = rows[1]!.replace('100.00', 'abc');
    rows[2_899] = rows[2_899]!.replace('2026-01-10', '2026-02-31');
    expect(await importPortfolioCsv(db, 'c1', rows.join('\n'), 'admin')).toEqual({
      ok: false,
      errors: [
        { line: 2, field: 'amount', message: 'expected 1234.56 or 1.234,56' },
        { line: 2_900, field: 'due_date', message: 'expected 2026-03-31 or 31/03/2026' },
      ],
    });
    expect(await importPortfolioCsv(db, 'c1', `${HEADER}\n${cnpj(9)},"Aberta,,,,X,1.00,2026-01-01,\n`, 'admin')).toEqual({ ok: false, errors: [{ line: 2, field: 'file', message: 'unclosed quote' }] });
    expect({ debtors: await db.debtor.count(), invoices: await db.invoice.count(), audits: (await audits()).length }).toEqual(before);
  });
  it.skipIf(!enabled)('gives each debtor the search text and balances the database triggers would, new or already there', async () => {
    const db = database.prisma;
    // The import writes a new debtor's search text and balances itself (the triggers deferred):
    // recomputing them with the functions the triggers call must change nothing.
    const derived = () => db.$queryRaw<Record<string, unknown>[]>`
      SELECT "cnpj", "searchText", "searchPhones", "openCents"::int AS "openCents", "openInvoices", "inAgreementCents"::int AS "inAgreementCents",
        "oldestUnpaidDueDate", "firstDueDate" FROM "Debtor" WHERE "cnpj" = ANY(${[700, 701, 702, 703, 704].map(cnpj)}::text[]) ORDER BY "cnpj"`;
    const recomputed = async () => {
      const ids = (await db.debtor.findMany({ select: { id: true } })).map((d) => d.id);
      await db.$executeRaw`SELECT "Debtor_refresh_balances"(${ids}::text[])`;
      await db.$executeRaw`SELECT "Debtor_refresh_search"(${ids}::text[])`;
      return derived();
    };
    const first = [
      HEADER,
      `${cnpj(700)},Padaria  PÃO Quente,Zélia Ünal,(11) 98765-4321,Z@X.COM,NF-1001,10.00,2026-08-01,`,
      `${cnpj(700)},Padaria PÃO Quente,,,,AB-2,20.00,2026-07-01,`,
      `${cnpj(701)},Só Telefone,,(21) 91234-0000,,X-1,1.00,2026-01-31,`,
      `${cnpj(702)},Só E-mail,,,e@mail.com,X-1,2.00,2026-02-28,`,
      `${cnpj(703)},Sem Contato,,,,X-1,3.00,2026-03-31,`,
    ].join('\n');
    expect(await importPortfolioCsv(db, 'c1', first, 'admin')).toMatchObject({ ok: true, debtors: 4 });
    const imported = await derived();
    expect(imported[0]).toEqual({
      cnpj: cnpj(700), searchText: 'padaria pao quente\nab-2\nnf-1001\nzelia unal\nz@x.com', searchPhones: '+5511987654321',
      openCents: 3_000, openInvoices: 2, inAgreementCents: 0, oldestUnpaidDueDate: '2026-07-01', firstDueDate: '2026-07-01',
    });
    expect(await recomputed()).toEqual(imported);

    // Debtors already there: renamed, a new invoice, a new contact name; one in an agreement; one new.
    const d701 = await debtorOf(701);
    await db.invoice.update({ where: { debtorId_number: { debtorId: d701.id, number: 'X-1' } }, data: { status: 'in_agreement' } });
    const second = [
      HEADER,
      `${cnpj(700)},Padaria Pão Frio,,,,NF-1001,10.00,2026-08-01,`,
      `${cnpj(701)},Só Telefone,,,,X-2,5.00,2025-12-31,`,
      `${cnpj(702)},Só E-mail,Édson,,,X-1,2.50,2026-02-28,`,
      `${cnpj(703)},Sem Contato,,,,X-1,3.00,2026-03-31,`,
      `${cnpj(704)},Nova Já Com Tudo,Ana,,ana@nova.com,N-9,9.00,2026-09-09,`,
    ].join('\n');
    expect(await importPortfolioCsv(db, 'c1', second, 'admin')).toMatchObject({ ok: true, debtors: 5 });
    const reimported = await derived();
    expect(reimported.map((d) => [d.searchText, d.openCents, d.inAgreementCents])).toEqual([
      ['padaria pao frio\nab-2\nnf-1001\nzelia unal\nz@x.com', 3_000, 0],
      ['so telefone\nx-1\nx-2', 500, 100],
      ['so e-mail\nx-1\nedson\ne@mail.com', 250, 0],
      ['sem contato\nx-1', 300, 0],
      ['nova ja com tudo\nn-9\nana\nana@nova.com', 900, 0],
    ]);
    expect(await recomputed()).toEqual(reimported);
  });

  it.skipIf(!enabled)('a re-import of the same file rewrites no debtor row', async () => {
    const db = database.prisma;
    const file = bigCsv(50, 2, 8_000);
    await importPortfolioCsv(db, 'c1', file, 'admin');
    // xmin: the transaction that wrote the row version; a rewrite (even to the same values) changes it.
    const versions = () => db.$queryRaw<{ cnpj: string; xmin: string }[]>`SELECT "cnpj", xmin::text AS xmin FROM "Debtor" WHERE "cnpj" = ANY(${[8_000, 8_049].map(cnpj)}::text[]) ORDER BY "cnpj"`;
    const before = await versions();
    expect(await importPortfolioCsv(db, 'c1', file, 'admin')).toMatchObject({ ok: true, debtors: 50 });
    expect(await versions()).toEqual(before);
  });

  it.skipIf(!enabled)('leaves each debtor findable by what the file gave it (the search text, written with the debtor)', async () => {
    const db = database.prisma;
    const csv = [
      HEADER,
      `${cnpj(900)},Açougue Novecentos,Beatriz Lima,(21) 99876-5432,bia@novecentos.com.br,NF-900A,10.00,2026-03-31,`,
      `${cnpj(900)},Açougue Novecentos,,,,NF-900B,20.00,2026-04-30,`,
      `${cnpj(901)},Oficina Novecentos e Um,,,,NF-901A,30.00,2026-05-31,`,
    ].join('\n');
    expect(await importPortfolioCsv(db, 'c1', csv, 'admin')).toMatchObject({ ok: true, debtors: 2 });
    const names = async (q: string) => (await searchDebtors(db, 'c1', { q, limit: 10, offset: 0 })).debtors.map((d) => d.name);
    expect(await names('nf-900b')).toEqual(['Açougue Novecentos']);
    expect(await names('beatriz')).toEqual(['Açougue Novecentos']);
    expect(await names('bia@novecentos')).toEqual(['Açougue Novecentos']);
    expect(await names('99876')).toEqual(['Açougue Novecentos']);
    expect(await names('acougue')).toEqual(['Açougue Novecentos']);
    expect(await names('NF-901')).toEqual(['Oficina Novecentos e Um']);
    // Outside the import nothing is deferred: a later invoice is found at once.
    const d = await db.debtor.findUniqueOrThrow({ where: { creditorId_cnpj: { creditorId: 'c1', cnpj: cnpj(901) } } });
    await db.invoice.create({ data: { debtorId: d.id, number: 'NF-901Z', amountCents: 100n, dueDate: '2026-06-30' } });
    expect(await names('nf-901z')).toEqual(['Oficina Novecentos e Um']);
  });
});
