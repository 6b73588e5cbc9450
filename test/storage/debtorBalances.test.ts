import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.js';
import { migrateOverRows } from '../helpers/migrateOverRows.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/debtorBalances');

type Inv = { debtorId: string; amountCents: number; dueDate: string; status: string };

/** The balance as the definition says, computed here from the invoices the test wrote. */
function expected(invoices: Inv[], debtorId: string) {
  const mine = invoices.filter((i) => i.debtorId === debtorId);
  const unpaid = mine.filter((i) => i.status === 'open' || i.status === 'in_agreement');
  const earliest = (xs: Inv[]) => (xs.length ? xs.map((i) => i.dueDate).sort()[0]! : null);
  return {
    openCents: mine.filter((i) => i.status === 'open').reduce((t, i) => t + i.amountCents, 0),
    openInvoices: mine.filter((i) => i.status === 'open').length,
    inAgreementCents: mine.filter((i) => i.status === 'in_agreement').reduce((t, i) => t + i.amountCents, 0),
    oldestUnpaidDueDate: earliest(unpaid),
    firstDueDate: earliest(mine.filter((i) => i.status !== 'cancelled')),
  };
}

describe.each(DATABASES)('debtor balances kept by the database ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (!enabled) return;
    ({ database, close } = await openTestDatabase(kind));
    await database.prisma.creditor.create({ data: { id: 'c1', name: 'C', cnpj: '1', pixKey: 'k', pixMerchantName: 'C', pixCity: 'SP' } });
  });
  afterAll(async () => close?.());

  const read = async (id: string) => {
    const d = await database.prisma.debtor.findUniqueOrThrow({ where: { id } });
    return { openCents: Number(d.openCents), openInvoices: d.openInvoices, inAgreementCents: Number(d.inAgreementCents), oldestUnpaidDueDate: d.oldestUnpaidDueDate, firstDueDate: d.firstDueDate };
  };

  it.skipIf(!enabled)('follows every kind of invoice change, one debtor at a time and many at once', async () => {
    const db = database.prisma;
    await db.debtor.createMany({ data: ['a', 'b', 'c'].map((id) => ({ id, creditorId: 'c1', cnpj: id, companyName: id })) });
    expect(await read('a')).toEqual(expected([], 'a'));
    const invoices: (Inv & { number: string })[] = [];
    const add = async (debtorId: string, number: string, amountCents: number, dueDate: string) => {
      invoices.push({ debtorId, number, amountCents, dueDate, status: 'open' });
      await db.invoice.create({ data: { debtorId, number, amountCents: BigInt(amountCents), dueDate } });
    };
    const set = async (debtorId: string, from: string, to: string) => {
      for (const i of invoices) if (i.debtorId === debtorId && i.status === from) i.status = to;
      await db.invoice.updateMany({ where: { debtorId, status: from }, data: { status: to } });
    };
    const check = async () => {
      for (const id of ['a', 'b', 'c']) expect(await read(id), id).toEqual(expected(invoices, id));
    };

    await add('a', 'A1', 150_000, '2026-03-10');
    await add('a', 'A2', 99_99, '2026-01-31');
    await add('b', 'B1', 1, '2026-05-01');
    await check();
    // Several debtors in one statement: each recomputed.
    invoices.push({ debtorId: 'b', number: 'B2', amountCents: 700, dueDate: '2025-12-01', status: 'open' }, { debtorId: 'c', number: 'C1', amountCents: 12_345_67, dueDate: '2026-02-02', status: 'open' });
    await db.invoice.createMany({ data: invoices.slice(-2).map(({ debtorId, number, amountCents, dueDate }) => ({ debtorId, number, amountCents: BigInt(amountCents), dueDate })) });
    await check();
    await set('a', 'open', 'in_agreement');
    await check();
    await add('a', 'A3', 5_000, '2025-06-30');
    await check();
    await set('a', 'in_agreement', 'paid');
    await check();
    // An import correcting an amount and a due date.
    Object.assign(invoices.find((i) => i.number === 'A3')!, { amountCents: 4_000, dueDate: '2026-07-01' });
    await db.invoice.update({ where: { debtorId_number: { debtorId: 'a', number: 'A3' } }, data: { amountCents: 4_000n, dueDate: '2026-07-01' } });
    await check();
    await set('b', 'open', 'cancelled');
    await check();
    // An invoice moved to another debtor: both recomputed.
    invoices.find((i) => i.number === 'C1')!.debtorId = 'b';
    await db.invoice.updateMany({ where: { number: 'C1' }, data: { debtorId: 'b' } });
    await check();
    invoices.splice(invoices.findIndex((i) => i.number === 'A3'), 1);
    await db.invoice.deleteMany({ where: { number: 'A3' } });
    await check();
    expect(await read('c')).toEqual({ openCents: 0, openInvoices: 0, inAgreementCents: 0, oldestUnpaidDueDate: null, firstDueDate: null });
  });

  it.skipIf(!enabled)('is rolled back with the transaction that changed the invoices', async () => {
    const db = database.prisma;
    await db.debtor.create({ data: { id: 'r', creditorId: 'c1', cnpj: 'r', companyName: 'r' } });
    await expect(
      db.$transaction(async (tx) => {
        await tx.invoice.create({ data: { debtorId: 'r', number: 'R1', amountCents: 500n, dueDate: '2026-01-01' } });
        expect(Number((await tx.debtor.findUniqueOrThrow({ where: { id: 'r' } })).openCents)).toBe(500);
        throw new Error('crash mid-transaction');
      }),
    ).rejects.toThrow('crash mid-transaction');
    expect(await read('r')).toEqual(expected([], 'r'));
  });

  it.skipIf(!enabled)('is computed for the invoices a database already holds when the migration runs', async () => {
    const rows = `
      INSERT INTO "Creditor"(id,name,cnpj,"pixKey","pixMerchantName","pixCity") VALUES ('c','n','1','k','N','C');
      INSERT INTO "Debtor"(id,"creditorId",cnpj,"companyName","updatedAt") VALUES ('x','c','1','x',now()), ('y','c','2','y',now());
      INSERT INTO "Invoice"(id,"debtorId",number,"amountCents","dueDate",status,"updatedAt") VALUES
        ('i1','x','1',100,'2026-02-01','open',now()), ('i2','x','2',250,'2026-01-15','in_agreement',now()),
        ('i3','x','3',999,'2025-01-01','cancelled',now()), ('i4','x','4',50,'2025-12-31','paid',now());`;
    const [rowsAfter] = await migrateOverRows(kind, 'debtor_balances', rows, [
      `SELECT id, "openCents"::int AS "openCents", "openInvoices", "inAgreementCents"::int AS "inAgreementCents", "oldestUnpaidDueDate", "firstDueDate" FROM "Debtor" ORDER BY id`,
    ]);
    expect(rowsAfter).toEqual([
      { id: 'x', openCents: 100, openInvoices: 1, inAgreementCents: 250, oldestUnpaidDueDate: '2026-01-15', firstDueDate: '2025-12-31' },
      { id: 'y', openCents: 0, openInvoices: 0, inAgreementCents: 0, oldestUnpaidDueDate: null, firstDueDate: null },
    ]);
  });
});
