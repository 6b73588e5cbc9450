// The admin's debtor search (searchDebtors, src/storage/debtorSearch.ts) on a portfolio at scale
// (bench/searchSeed.ts): the searches an admin types, each the median of BENCH_SEARCH_RUNS runs
// after a warm-up, beside two ceilings measured in the same run: a primary-key lookup of one
// debtor (the least a request to the database costs) and count(*) of every Debtor row (one pass
// over the table, what a search without an index would pay at least). Target: under 100 ms on
// PostgreSQL. With --explain (or BENCH_EXPLAIN=1) it prints the plan of each case's slowest
// statement, run again under EXPLAIN (ANALYZE, BUFFERS). BENCH_SEARCH_TRY='CREATE INDEX …; …' runs
// on the seeded database before the timing (a remedy tried before its migration is written).
import { searchDebtors, type DebtorSearchOptions } from '../src/storage/debtorSearch.js';
import { median, oneLine, timeMs } from './kpiBench.js';
import { openRecorded } from './recordedDatabase.js';
import { countSearchRows, SEARCH_CREDITOR, searchRow, seedSearchPortfolio } from './searchSeed.js';

const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 7);
const TARGET_MS = 100;

/** The searches, on debtor rows that exist at any scale (g below the number of debtors). */
function cases(debtors: number): { name: string; opts: DebtorSearchOptions }[] {
  const g = Math.floor(debtors * 0.4242);
  const cnpj = searchRow.cnpj(g);
  const phone = searchRow.phone(g).slice(-9);
  return [
    { name: 'empty query, first page', opts: { q: '', limit: 25, offset: 0 } },
    { name: 'company name fragment', opts: { q: 'padaria pao quente', limit: 25, offset: 0 } },
    // Typed without its accents and in lower case.
    { name: 'one company by name', opts: { q: searchRow.name(g).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(' ').slice(0, -1).join(' '), limit: 25, offset: 0 } },
    { name: 'CNPJ fragment with mask', opts: { q: `${cnpj.slice(0, 2)}.${cnpj.slice(2, 5)}.${cnpj.slice(5, 8)}/0001`, limit: 25, offset: 0 } },
    { name: 'invoice number', opts: { q: searchRow.invoice(g, 1), limit: 25, offset: 0 } },
    { name: 'phone fragment', opts: { q: `${phone.slice(0, 5)}-${phone.slice(5)}`, limit: 25, offset: 0 } },
    { name: 'e-mail fragment', opts: { q: searchRow.email(g).split('@')[0]!, limit: 25, offset: 0 } },
    { name: 'contact name', opts: { q: 'zelia araujo', limit: 25, offset: 0 } },
    { name: '2 letters', opts: { q: 'ma', limit: 25, offset: 0 } },
    { name: '1 letter', opts: { q: 'z', limit: 25, offset: 0 } },
    { name: 'no match', opts: { q: 'xyzzy quux', limit: 25, offset: 0 } },
    { name: 'empty query, late page', opts: { q: '', limit: 25, offset: Math.max(0, debtors - 50) } },
    { name: 'name fragment, late page', opts: { q: 'ltda', limit: 25, offset: Math.floor(debtors / 8) } },
  ];
}

export interface SearchBenchResult {
  seeded: string;
  counts: Record<string, number>;
  rows: Record<string, string | number>[];
  plans: string[];
}

export async function searchBench(kind: 'pglite' | 'postgresql', debtors: number, opts: { pgUrl?: string; explain: boolean }): Promise<SearchBenchResult> {
  const db = await openRecorded(kind, { pgUrl: opts.pgUrl, prefix: 'cordial_bench_search', keep: process.env.BENCH_SEARCH_KEEP === '1' });
  try {
    const seedMs = await timeMs(() => seedSearchPortfolio(db.prisma, debtors));
    for (const statement of (process.env.BENCH_SEARCH_TRY ?? '').split(';').filter((x) => x.trim())) await db.prisma.$executeRawUnsafe(statement);
    // What autovacuum and autoanalyze would have done on a database that grew to this size.
    const vacuumMs = await timeMs(() => db.prisma.$executeRawUnsafe('VACUUM ANALYZE'));
    const counts = await countSearchRows(db.prisma);
    const seeded = `seed ${(seedMs / 1000).toFixed(1)} s + VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s`;

    const ceiling = async (sql: string, ...args: unknown[]) => {
      await db.prisma.$queryRawUnsafe(sql, ...args);
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) times.push(await timeMs(() => db.prisma.$queryRawUnsafe(sql, ...args)));
      return median(times).toFixed(1);
    };
    const pkMs = await ceiling('SELECT * FROM "Debtor" WHERE "id" = $1', `sd${Math.floor(debtors / 3)}`);
    const countMs = await ceiling('SELECT count(*) FROM "Debtor"');

    const rows: Record<string, string | number>[] = [];
    const plans: string[] = [];
    for (const c of cases(debtors)) {
      const found = await searchDebtors(db.prisma, SEARCH_CREDITOR, c.opts); // warm-up
      db.recorder.take();
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) times.push(await timeMs(() => searchDebtors(db.prisma, SEARCH_CREDITOR, c.opts)));
      const statements = db.recorder.take();
      const ms = median(times);
      rows.push({
        database: kind,
        case: c.name,
        q: c.opts.q === '' ? '(empty)' : c.opts.q!,
        offset: c.opts.offset,
        matches: found.total,
        'median ms': ms.toFixed(1),
        'min–max ms': `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`,
        target: `< ${TARGET_MS} ms${kind === 'postgresql' ? (ms < TARGET_MS ? ' ✓' : ' ✗') : ''}`,
        'ceiling: pk lookup ms': pkMs,
        'ceiling: count(*) ms': countMs,
        statements: statements.length / RUNS,
      });
      if (opts.explain) {
        const slowest = statements.filter((st) => /^\s*(SELECT|WITH)\b/i.test(st.query.sql)).sort((a, b) => b.ms - a.ms)[0];
        if (slowest) plans.push(`── ${kind}, ${c.name} (q ${JSON.stringify(c.opts.q)}): slowest statement\n${oneLine(slowest.query.sql, 2000)}\n${(await db.recorder.explain(slowest.query)).join('\n')}`);
      }
    }
    return { seeded, counts, rows, plans };
  } finally {
    await db.close();
  }
}
