// The KPI query (computeKpis, src/storage/kpiQueries.ts) on a creditor's 13 months at scale
// (bench/kpiSeed.ts): one month, a whole year, a month of one channel, a month of one ageing
// bucket. Prints the median time of BENCH_KPI_RUNS runs after a warm-up, the process's memory
// around them, the slowest SQL statement, and the ceiling: one count(*) over every Message row,
// the cheapest whole-table read the database can do. With --explain (or BENCH_EXPLAIN=1) it also
// ranks each case's statements by their time in the database and prints the EXPLAIN (ANALYZE,
// BUFFERS) plan of the slowest (BENCH_EXPLAIN_TOP of them). To try a remedy before writing its
// migration: BENCH_KPI_TRY='CREATE INDEX …; CREATE INDEX …' runs on the seeded database before the
// timing. The bench's connections get the app's own server settings (PG_SESSION_OPTIONS);
// BENCH_KPI_PG_OPTIONS replaces them (e.g. '-c jit=on' to see what JIT costs).
import type { KpiQuery } from '../src/domain/kpis.js';
import { computeKpis } from '../src/storage/kpiQueries.js';
import { countKpiRows, KPI_CREDITOR, KPI_NOW, KPI_TARGETS, seedKpiPortfolio } from './kpiSeed.js';
import { openRecorded } from './recordedDatabase.js';
import type { RecordedStatement, RecordingFactory } from './recordingAdapter.js';

const RUNS = Number(process.env.BENCH_KPI_RUNS ?? 5);
const TIME_ZONE = 'America/Sao_Paulo';
const TARGET_MS = 1000;

const CASES: { name: string; query: KpiQuery }[] = [
  { name: 'one month', query: { from: '2026-12-01', to: '2026-12-31' } },
  { name: 'a year', query: { from: '2026-01-01', to: '2026-12-31' } },
  { name: 'month, whatsapp', query: { from: '2026-12-01', to: '2026-12-31', channel: 'whatsapp' } },
  { name: 'month, 31-60 days', query: { from: '2026-12-01', to: '2026-12-31', bucket: '31-60' } },
];

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
export const oneLine = (sql: string, max = 240) => {
  const s = sql.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max)}…` : s;
};

/** Statements of the measured runs grouped by text, slowest (by median time) first. */
function slowest(statements: RecordedStatement[]): { statement: RecordedStatement; medianMs: number; times: number }[] {
  const byText = new Map<string, RecordedStatement[]>();
  for (const s of statements) byText.set(s.query.sql, [...(byText.get(s.query.sql) ?? []), s]);
  return [...byText.values()]
    .map((runs) => ({ statement: runs[0]!, medianMs: median(runs.map((r) => r.ms)), times: runs.length }))
    .sort((a, b) => b.medianMs - a.medianMs);
}

/**
 * computeKpis sends its statements at once, so a statement's time as the caller sees it includes
 * waiting for a connection (on PGlite, for every statement sent before it). The plans rank them by
 * the time the database itself spent: each distinct statement once under EXPLAIN (ANALYZE, BUFFERS).
 */
async function explainSlowest(recorder: RecordingFactory, label: string, ranked: ReturnType<typeof slowest>): Promise<string[]> {
  const explained = [];
  for (const r of ranked) {
    const plan = await recorder.explain(r.statement.query);
    const exec = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? NaN);
    explained.push({ ...r, plan, exec });
  }
  explained.sort((x, y) => y.exec - x.exec);
  const top = Number(process.env.BENCH_EXPLAIN_TOP ?? 1);
  return [
    `── ${label}: each statement's execution time in the database (EXPLAIN ANALYZE, ms), then as computeKpis saw it (median, waits included)\n` +
      explained.map((e) => `${e.exec.toFixed(0).padStart(6)} ${e.medianMs.toFixed(0).padStart(6)}  ${oneLine(e.statement.query.sql, 110)}`).join('\n'),
    ...explained.slice(0, top).map((e) => `── ${label}: ${e.exec.toFixed(0)} ms in the database\n${oneLine(e.statement.query.sql, 2000)}\n${e.plan.join('\n')}`),
  ];
}

export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export interface KpiBenchResult {
  /** How long seeding took. */
  seeded: string;
  counts: Record<string, string | number>[];
  rows: Record<string, string | number>[];
  plans: string[];
}

export async function kpiBench(kind: 'pglite' | 'postgresql', debtors: number, opts: { pgUrl?: string; explain: boolean }): Promise<KpiBenchResult> {
  // BENCH_KPI_KEEP=1 leaves the seeded database behind, to try indexes on it with psql.
  const db = await openRecorded(kind, { pgUrl: opts.pgUrl, prefix: 'cordial_bench_kpi', pgOptions: process.env.BENCH_KPI_PG_OPTIONS, keep: process.env.BENCH_KPI_KEEP === '1' });
  try {
    const seedMs = await timeMs(() => seedKpiPortfolio(db.prisma, debtors));
    // BENCH_KPI_TRY: statements run on the seeded database before the timing (candidate indexes).
    for (const statement of (process.env.BENCH_KPI_TRY ?? '').split(';').filter((x) => x.trim())) await db.prisma.$executeRawUnsafe(statement);
    // What autovacuum and autoanalyze would have done on a database that grew to this size.
    const vacuumMs = await timeMs(() => db.prisma.$executeRawUnsafe('VACUUM ANALYZE'));
    const counted = await countKpiRows(db.prisma);
    const counts = Object.entries(counted).map(([table, n]) => ({
      database: kind,
      table,
      rows: n,
      target: KPI_TARGETS[table] === undefined ? '' : Math.round((KPI_TARGETS[table] * debtors) / 100_000),
    }));
    for (const c of counts) if (c.rows === 0) throw new Error(`the KPI seed left ${c.table} empty`);
    const seeded = `seed ${(seedMs / 1000).toFixed(1)} s + VACUUM ANALYZE ${(vacuumMs / 1000).toFixed(1)} s`;

    // The ceiling: one full count of the largest table, median of the same number of runs.
    await db.prisma.$queryRawUnsafe('SELECT count(*) FROM "Message"');
    const ceilings: number[] = [];
    for (let r = 0; r < RUNS; r++) ceilings.push(await timeMs(() => db.prisma.$queryRawUnsafe('SELECT count(*) FROM "Message"')));
    const ceilingMs = median(ceilings);

    const rows: Record<string, string | number>[] = [];
    const plans: string[] = [];
    for (const c of CASES) {
      const args = { creditorId: KPI_CREDITOR, query: c.query, timeZone: TIME_ZONE, now: KPI_NOW };
      const before = process.memoryUsage();
      let kpis: Awaited<ReturnType<typeof computeKpis>>;
      try {
        kpis = await computeKpis(db.prisma, args); // warm-up: caches, prepared plans
      } catch (err) {
        rows.push({ database: kind, debtors, case: c.name, 'median ms': `failed: ${(err as Error).message}` });
        continue;
      }
      db.recorder.take();
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
      const times: number[] = [];
      try {
        for (let r = 0; r < RUNS; r++) times.push(await timeMs(() => computeKpis(db.prisma, args)));
      } finally {
        clearInterval(sampler);
      }
      const after = process.memoryUsage();
      const statements = db.recorder.take();
      const ranked = slowest(statements);
      const top = ranked[0];
      const ms = median(times);
      rows.push({
        database: kind,
        debtors,
        case: c.name,
        'median ms': ms.toFixed(0),
        'min–max ms': `${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}`,
        target: `< ${TARGET_MS} ms${kind === 'postgresql' ? (ms < TARGET_MS ? ' ✓' : ' ✗') : ''}`,
        'ceiling ms': ceilingMs.toFixed(0),
        'SQL statements': statements.length / RUNS,
        'slowest stmt ms (waits incl.)': top ? top.medianMs.toFixed(0) : '-',
        'RSS MB before→after': `${mb(before.rss)}→${mb(after.rss)}`,
        'heap MB before→after': `${mb(before.heapUsed)}→${mb(after.heapUsed)}`,
        'peak RSS MB': mb(Math.max(peakRss, after.rss)),
        'max RSS MB (process)': mb(process.resourceUsage().maxRSS * 1024),
        // A glance that the figures are real: conversations started, agreements made, payments.
        'started/agreed/paid': `${kpis.conversations.started}/${kpis.agreements.count}/${kpis.payments.count}`,
      });
      if (opts.explain) plans.push(...(await explainSlowest(db.recorder, `${kind}, ${c.name}`, ranked)));
    }
    return { seeded, counts, rows, plans };
  } finally {
    await db.close();
  }
}
