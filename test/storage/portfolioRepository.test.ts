import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { parsePortfolioCsv } from '../../src/domain/portfolioCsv.js';
import { importPortfolio } from '../../src/storage/portfolioRepository.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/portfolioRepository');

function cnpj(n: number): string {
  const base = `${String(40_000_000 + n).padStart(8, '0')}0001`;
  return base + cnpjCheckDigits(base);
}

/** One CSV row per debtor (two invoices each), in the order given. */
function csv(ns: number[], amount: string): string {
  const rows = ns.flatMap((n) => [`${cnpj(n)},Empresa ${n} Ltda,A${n},${amount},2026-08-01`, `${cnpj(n)},Empresa ${n} Ltda,B${n},${amount},2026-09-01`]);
  return `cnpj,company_name,invoice,amount,due_date\n${rows.join('\n')}\n`;
}

function parse(text: string) {
  const parsed = parsePortfolioCsv(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.debtors;
}

describe.each(DATABASES)('portfolio import ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    await t.database.prisma.creditor.create({ data: { id: 'c1', name: 'n', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'n', pixCity: 'c' } });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('two imports of overlapping files with rows in opposite orders, at once, both succeed', async () => {
    const db = t.database.prisma;
    const ns = Array.from({ length: 150 }, (_, i) => i + 1);
    // Debtors 1–150 in ascending order, and 31–180 descending: 120 debtors in both, met from opposite ends.
    const first = parse(csv(ns, '100.00'));
    const second = parse(csv(ns.map((n) => n + 30).reverse(), '200.00'));
    const results = await Promise.allSettled([1, 2, 3].flatMap(() => [importPortfolio(db, 'c1', first, 'admin'), importPortfolio(db, 'c1', second, 'admin')]));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason).slice(0, 300))).toEqual([]);
    expect(results.map((r) => (r as PromiseFulfilledResult<unknown>).value)).toEqual(Array(3).fill([{ debtors: 150, invoices: 300 }, { debtors: 150, invoices: 300 }]).flat());
    expect(await db.debtor.count({ where: { creditorId: 'c1' } })).toBe(180);
    expect(await db.invoice.count({ where: { debtor: { creditorId: 'c1' } } })).toBe(360);
    // Every import is one audit event, none lost to a retry or doubled by one.
    expect(await db.auditEvent.count({ where: { type: 'portfolio.imported' } })).toBe(6);
    // Each invoice holds the amount of one of the files, whole: no row half from each.
    const amounts = new Set((await db.invoice.findMany({ select: { amountCents: true } })).map((i) => Number(i.amountCents)));
    expect([...amounts].every((a) => a === 10_000 || a === 20_000)).toBe(true);
  }, 180_000);
});
