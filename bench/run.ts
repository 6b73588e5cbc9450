// `npm run bench`: simulated debtors negotiate concurrently through the web chat contract
// (fastify inject: the whole stack but the socket), on PGlite and, when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set, on PostgreSQL. Prints turns/s, p50/p99 turn latency and peak memory,
// next to a plain single-row insert loop on the same database as the ceiling. On PostgreSQL it
// also runs one and then two real server processes (as `npm start`) on one database, the load split
// between them over HTTP, and prints their throughput side by side. Then the reminder pass over
// BENCH_REMINDER_AGREEMENTS (100 000) active agreements: time per pass and peak memory. Then the
// KPI query on BENCH_KPI_DEBTORS (100 000) debtors' 13 months (bench/kpiBench.ts). Then the admin's
// debtor search on BENCH_SEARCH_DEBTORS (100 000) debtors (bench/searchBench.ts). Then audit
// appends with 1 and BENCH_AUDIT_WRITERS (8) concurrent writers (bench/auditBench.ts). Then the
// portfolio import of BENCH_IMPORT_ROWS (100 000) rows (bench/importBench.ts).
//
// `npm run bench -- kpis reminders` runs only the sections named (chat, reminders, guardrails,
// kpis, search, audit, import); none named, all of them. `--explain` (or BENCH_EXPLAIN=1) adds the
// KPI and search query plans.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { execFileSync } from 'node:child_process';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/config/logger.js';
import { cnpjCheckDigits } from '../src/domain/cnpj.js';
import { scrubPersonalData } from '../src/domain/redact.js';
import { checkText } from '../src/phrasing/guardrails/checkText.js';
import { renderTemplate } from '../src/phrasing/renderTemplate.js';
import { loadTemplates } from '../src/phrasing/templates.js';
import { startFakeLlm } from '../test/helpers/fakeLlmServer.js';
import { auditBench } from './auditBench.js';
import { countPgStatements } from './countPgStatements.js';
import { importBench } from './importBench.js';
import { kpiBench } from './kpiBench.js';
import { addFillerDebtors } from './portfolioFiller.js';
import { processCpuMs, processPeakRssMb } from './processStats.js';
import { reminderBench } from './reminderBench.js';
import { searchBench } from './searchBench.js';
import { freePort, startServerProcess, type ServerProcess } from '../test/helpers/serverProcess.js';

const DEBTORS = Number(process.env.BENCH_DEBTORS ?? 60);
const LLM_DELAY_MS = Number(process.env.BENCH_LLM_DELAY_MS ?? 150);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 12);
const INSERTS = Number(process.env.BENCH_INSERTS ?? 2000);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
// The replicas run once more, one process, with this many more debtors in the portfolio (issue 14:
// a turn's cost and the server's memory must not grow with the portfolio).
const LARGE_PORTFOLIO = Number(process.env.BENCH_LARGE_PORTFOLIO ?? 100_000);
/** Active agreements the reminder pass runs over (3 instalments each). */
const REMINDER_AGREEMENTS = Number(process.env.BENCH_REMINDER_AGREEMENTS ?? 100_000);
/** Debtors of the KPI section's portfolio; on PGlite (in this process's memory) fewer if asked (0: skip it). */
const KPI_DEBTORS = Number(process.env.BENCH_KPI_DEBTORS ?? 100_000);
const KPI_PGLITE_DEBTORS = Number(process.env.BENCH_KPI_PGLITE_DEBTORS ?? KPI_DEBTORS);
/** Debtors of the search section's portfolio; on PGlite fewer if asked (0: skip it). */
const SEARCH_DEBTORS = Number(process.env.BENCH_SEARCH_DEBTORS ?? 100_000);
const SEARCH_PGLITE_DEBTORS = Number(process.env.BENCH_SEARCH_PGLITE_DEBTORS ?? SEARCH_DEBTORS);
/** Audit appends per case (BENCH_AUDIT_APPENDS) and the concurrent writers of the several-writers case. */
const AUDIT_APPENDS = Number(process.env.BENCH_AUDIT_APPENDS ?? 2000);
const AUDIT_WRITERS = Number(process.env.BENCH_AUDIT_WRITERS ?? 8);
/** Database time each audit bench transaction holds after its append (the rest of a turn's transaction). */
const AUDIT_HOLD_MS = Number(process.env.BENCH_AUDIT_HOLD_MS ?? 5);
/** Rows of the import section's CSV (two invoices per debtor). */
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const SECTIONS = ['chat', 'reminders', 'guardrails', 'kpis', 'search', 'audit', 'import'];
const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = named.filter((a) => !SECTIONS.includes(a));
if (unknown.length) throw new Error(`unknown bench section ${unknown.join(', ')}: choose from ${SECTIONS.join(', ')}`);
const runs = (section: string) => named.length === 0 || named.includes(section);
const EXPLAIN = process.argv.includes('--explain') || process.env.BENCH_EXPLAIN === '1';
/** The same configuration for the in-process app and the server processes: limits out of the way of the load. */
const BENCH_ENV = {
  ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
  // Required with DATABASE_URL: the replicas sign the audit checkpoints with one key.
  AUDIT_CHECKPOINT_SECRET: 'bench-audit-checkpoint-secret-0123456789',
  LOG_LEVEL: 'silent',
  DEMO_DATA: 'false',
  WEBCHAT_MESSAGES_PER_MINUTE: '100000',
  WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE: '100000',
  WEBCHAT_SESSIONS_PER_MINUTE: '100000',
};

function cnpjFor(i: number): string {
  const base = `${String(10_000_000 + i).padStart(8, '0')}0001`;
  return base + cnpjCheckDigits(base);
}

function portfolioCsv(n: number): string {
  const rows = ['cnpj,company_name,invoice,amount,due_date'];
  for (let i = 0; i < n; i++) rows.push(`${cnpjFor(i)},Empresa ${i} Ltda,B${i},${1000 + (i % 50) * 37}.45,2026-08-15`);
  return rows.join('\n');
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function negotiate(app: App, i: number, latencies: number[]): Promise<boolean> {
  const call = async (method: 'POST', url: string, payload: unknown) => {
    const t0 = performance.now();
    const r = await app.server.inject({ method, url, payload: payload as object });
    latencies.push(performance.now() - t0);
    if (r.statusCode >= 300) throw new Error(`${url} -> ${r.statusCode} ${r.body}`);
    return r.json() as { sessionId?: string; replies: { key: string }[] };
  };
  const s = await call('POST', '/api/webchat/sessions', {});
  const msgs = `/api/webchat/sessions/${s.sessionId}/messages`;
  await call('POST', msgs, { text: cnpjFor(i) });
  await call('POST', msgs, { text: `nota B${i}` });
  await call('POST', msgs, { text: '2' });
  const done = await call('POST', msgs, { text: 'aceito' });
  return done.replies.some((r) => r.key === 'agreement.term');
}

/**
 * Single-row inserts one after another through the app's own client: the rate, and the CPU one
 * statement costs this process (the client, the driver, the socket's system calls). A turn's CPU
 * reads against the latter: a turn of N statements cannot cost less than N of them.
 */
async function insertCeiling(app: App): Promise<{ perSecond: number; cpuMsPerStatement: number }> {
  const db = app.database.prisma;
  await db.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS bench_ceiling (id serial primary key, payload text not null)');
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < INSERTS; i++) await db.$executeRawUnsafe('INSERT INTO bench_ceiling (payload) VALUES ($1)', `row ${i}`);
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: INSERTS / ((performance.now() - t0) / 1000), cpuMsPerStatement: (cpu.user + cpu.system) / 1000 / INSERTS };
}

async function runOn(kind: 'pglite' | 'postgresql', llmBaseUrl?: string): Promise<Record<string, string | number>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-bench-'));
  let dropPg: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  if (kind === 'postgresql') {
    const name = `cordial_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG_URL!);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dropPg = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const config = loadConfig({ DATA_DIR: dataDir, ...BENCH_ENV, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...(llmBaseUrl ? { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: llmBaseUrl } : {}) });
  const app = await createApp(config, createLogger('silent'));
  try {
    const imp = await app.server.inject({ method: 'POST', url: '/api/admin/portfolio/import', headers: { authorization: `Bearer ${BENCH_ENV.ADMIN_TOKEN}`, 'content-type': 'text/csv' }, payload: portfolioCsv(DEBTORS) });
    if (imp.statusCode !== 200) throw new Error(`import failed: ${imp.body}`);

    const latencies: number[] = [];
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    let next = 0;
    let agreements = 0;
    const counted = countPgStatements();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    try {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < DEBTORS) {
            const i = next++;
            if (await negotiate(app, i, latencies)) agreements++;
          }
        }),
      );
    } finally {
      counted.stop();
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    const sorted = [...latencies].sort((a, b) => a - b);
    const ceiling = await insertCeiling(app);
    return {
      database: llmBaseUrl ? `${kind} + LLM ${LLM_DELAY_MS} ms` : kind,
      debtors: DEBTORS,
      concurrency: CONCURRENCY,
      agreements,
      'turns/s': (latencies.length / seconds).toFixed(1),
      'p50 ms': pct(sorted, 50).toFixed(1),
      'p99 ms': pct(sorted, 99).toFixed(1),
      // The bench's own client (fastify inject) runs in the same process and is counted too.
      'CPU ms/turn': ((cpu.user + cpu.system) / 1000 / latencies.length).toFixed(1),
      'SQL/turn': kind === 'postgresql' ? (counted.statements / latencies.length).toFixed(1) : '-',
      'peak RSS MB': (peakRss / 1024 / 1024).toFixed(0),
      'ceiling inserts/s': ceiling.perSecond.toFixed(0),
      // The issue's target: at least 30 % of the ceiling.
      'of ceiling': `${((latencies.length / seconds / ceiling.perSecond) * 100).toFixed(1)} %`,
      'CPU ms/ceiling insert': ceiling.cpuMsPerStatement.toFixed(2),
    };
  } finally {
    await app.close();
    await dropPg?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One web chat negotiation over HTTP against a server process. */
async function negotiateHttp(base: string, i: number, latencies: number[]): Promise<boolean> {
  const call = async (url: string, payload: unknown) => {
    const t0 = performance.now();
    const r = await fetch(base + url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    latencies.push(performance.now() - t0);
    if (r.status >= 300) throw new Error(`${url} -> ${r.status} ${await r.text()}`);
    return (await r.json()) as { sessionId?: string; replies: { key: string }[] };
  };
  const s = await call('/api/webchat/sessions', {});
  const msgs = `/api/webchat/sessions/${s.sessionId}/messages`;
  await call(msgs, { text: cnpjFor(i) });
  await call(msgs, { text: `nota B${i}` });
  await call(msgs, { text: '2' });
  const done = await call(msgs, { text: 'aceito' });
  return done.replies.some((r) => r.key === 'agreement.term');
}

/** `processes` real server processes on one fresh PostgreSQL database; debtor i talks to process i mod n. */
async function runReplicas(processes: number, ceiling: string | number, fillerDebtors = 0): Promise<Record<string, string | number>> {
  const name = `cordial_bench_r${processes}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_URL!);
  u.pathname = `/${name}`;
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  try {
    for (let p = 0; p < processes; p++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-bench-replica-'));
      dirs.push(dataDir);
      servers.push(
        await startServerProcess(
          { DATABASE_URL: u.toString(), DATA_DIR: dataDir, ...BENCH_ENV },
          await freePort(),
        ),
      );
    }
    const imp = await fetch(`${servers[0]!.url}/api/admin/portfolio/import`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_ENV.ADMIN_TOKEN}`, 'content-type': 'text/csv' }, body: portfolioCsv(DEBTORS) });
    if (imp.status !== 200) throw new Error(`import failed: ${await imp.text()}`);
    await addFillerDebtors(u.toString(), fillerDebtors);
    const latencies: number[] = [];
    let next = 0;
    let agreements = 0;
    const pids = servers.map((s) => s.child.pid!);
    const cpu0 = pids.map(processCpuMs);
    const tx0 = await committedTransactions(u.toString());
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < DEBTORS) {
          const i = next++;
          if (await negotiateHttp(servers[i % processes]!.url, i, latencies)) agreements++;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const serverCpuMs = pids.reduce((sum, pid, k) => sum + processCpuMs(pid) - cpu0[k]!, 0);
    const transactions = (await committedTransactions(u.toString())) - tx0;
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      database: `postgresql, ${processes} process${processes > 1 ? 'es' : ''} (HTTP)`,
      portfolio: DEBTORS + fillerDebtors,
      concurrency: CONCURRENCY,
      agreements,
      'turns/s': (latencies.length / seconds).toFixed(1),
      'p50 ms': pct(sorted, 50).toFixed(1),
      'p99 ms': pct(sorted, 99).toFixed(1),
      'server CPU ms/turn': (serverCpuMs / latencies.length).toFixed(1),
      'transactions/turn': (transactions / latencies.length).toFixed(1),
      // The servers' own peak resident set (VmHWM), the largest of them: the import included.
      'server peak RSS MB': Math.max(...pids.map(processPeakRssMb)).toFixed(0),
      'ceiling inserts/s': ceiling,
      'of ceiling': `${((latencies.length / seconds / Number(ceiling)) * 100).toFixed(1)} %`,
    };
  } finally {
    for (const s of servers) await s.kill('SIGTERM');
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** Transactions committed in the database so far (PostgreSQL's statistics, flushed first). */
async function committedTransactions(databaseUrl: string): Promise<number> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    // Backends report their counts about once a second; wait for the servers' last ones.
    await new Promise((r) => setTimeout(r, 1_100));
    await c.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await c.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0]!.n);
  } finally {
    await c.end();
  }
}

/** Guardrail cost: every template of both locales, rendered with realistic facts, checked many times. */
function guardrailCost(): Record<string, string | number> {
  const templates = loadTemplates();
  const facts = {
    creditor: { name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', lateFeePercent: 2, monthlyInterestPercent: 1 },
    debt: { companyName: 'Padaria Pão Quente Ltda', totalCents: 1_598_050, invoiceCount: 2, invoices: [{ number: 'NF-1001', amountCents: 1_250_000, dueDate: '2026-09-10' }, { number: 'NF-1002', amountCents: 348_050, dueDate: '2026-10-10' }] },
    offer: { kind: 'installments', totalCents: 1_680_312, discountPercent: 0, installments: 6, installmentCents: 280_052, firstDueDate: '2026-12-01' },
    agreement: {
      id: 'ACABCDEFGH',
      totalCents: 1_680_312,
      count: 1,
      installments: [{ n: 1, dueDate: '2026-12-01', amountCents: 1_680_312, pix: '00020126...' }],
      lateFeePercent: 2,
      monthlyInterestPercent: 1,
      remainingCents: 1_680_312,
      installment: { n: 1, dueDate: '2026-12-01', amountCents: 1_680_312, balanceCents: 1_680_312, feeCents: 33_606, interestCents: 560, totalCents: 1_714_478, daysLate: 1, forDate: '2026-12-02', pix: '00020126...' },
      receipt: { amountCents: 280_052, installments: [{ n: 1, cents: 280_052, paidCents: 280_052, amountCents: 280_052 }], paidCents: 280_052, remainingCents: 1_400_260, overpaidCents: 0, chargesCents: 0, lateCharges: [], next: { n: 2, dueDate: '2027-01-01', amountCents: 280_052 } },
    },
    handoff: { reason: 'dispute', answerBy: '2026-11-23T11:00:00.000Z' },
    lock: { until: '2026-11-23T14:00:00.000Z' },
    counter: { decision: 'counter' },
    notice: { accessCode: 'K7M2Q9XZ' },
  };
  const texts: { text: string; locale: 'pt-BR' | 'en' }[] = [];
  for (const locale of ['pt-BR', 'en'] as const) {
    for (const key of Object.keys(templates[locale])) texts.push({ text: renderTemplate(templates[locale][key]!, facts, locale), locale });
  }
  const rounds = 200;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const x of texts) checkText({ text: x.text, templateText: x.text, facts, locale: x.locale });
  const perMessageUs = ((performance.now() - t0) * 1000) / (rounds * texts.length);
  return { messages: texts.length * rounds, 'µs per message': perMessageUs.toFixed(1), 'avg chars': Math.round(texts.reduce((s, x) => s + x.text.length, 0) / texts.length) };
}

/** 100 KB texts of the shapes that once made the scrubber quadratic: each must cost about as much as a short one. */
function hugeInputCost(): Record<string, string | number>[] {
  const shapes: [string, string][] = [
    ['letters', 'a'.repeat(100_000)],
    ['digits', '1'.repeat(100_000)],
    ['words and e-mails', 'contato joao@empresa.com.br '.repeat(3_600)],
  ];
  return shapes.map(([shape, text]) => {
    const t0 = performance.now();
    scrubPersonalData(text, Number.MAX_SAFE_INTEGER);
    const t1 = performance.now();
    checkText({ text, templateText: 'Olá! Como posso ajudar?', facts: {}, locale: 'pt-BR' });
    const t2 = performance.now();
    return { shape, chars: text.length, 'scrub ms (whole text)': (t1 - t0).toFixed(1), 'checkText ms': (t2 - t1).toFixed(1) };
  });
}

if (runs('chat')) {
  // The server processes run dist/ as `npm start` does: compiled from today's sources first.
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'ignore' });
  const results = [await runOn('pglite')];
  const replicas: Record<string, string | number>[] = [];
  if (PG_URL) {
    const onPg = await runOn('postgresql');
    results.push(onPg);
    // Real processes over HTTP (sockets, two event loops) next to each other, with the same ceiling.
    for (const n of [1, 2]) replicas.push(await runReplicas(n, onPg['ceiling inserts/s']!));
    if (LARGE_PORTFOLIO > 0) replicas.push(await runReplicas(1, onPg['ceiling inserts/s']!, LARGE_PORTFOLIO));
  } else console.log('PostgreSQL not benchmarked: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  // A faithful fake LLM with a fixed delay: what rephrasing adds to each turn.
  const llm = await startFakeLlm((base) => base, LLM_DELAY_MS);
  try {
    results.push(await runOn('pglite', llm.baseURL));
  } finally {
    await llm.close();
  }
  console.table(results);
  if (replicas.length) {
    console.log(
      `Replicas: one and two server processes on one PostgreSQL database, load split between them over HTTP; then one process with ${LARGE_PORTFOLIO} more debtors in the portfolio (BENCH_LARGE_PORTFOLIO). Transactions/turn: every transaction the database committed during the load (background chores included) per turn:`,
    );
    console.table(replicas);
  }
}
if (runs('reminders')) {
  // The reminder pass over a large portfolio: indexed scans of the instalments in the reminder window.
  const reminders = await reminderBench('pglite', REMINDER_AGREEMENTS);
  if (PG_URL) reminders.push(...(await reminderBench('postgresql', REMINDER_AGREEMENTS, PG_URL)));
  console.log(`Reminder pass over ${REMINDER_AGREEMENTS} active agreements (BENCH_REMINDER_AGREEMENTS), 3 instalments each; "in window": unpaid instalments read:`);
  console.table(reminders);
}
if (runs('guardrails')) {
  console.log('Guardrails (checkText on every template of both locales):');
  console.table([guardrailCost()]);
  console.log('Personal-data scrubber and guardrails on 100 KB inputs (a pasted log, a runaway model):');
  console.table(hugeInputCost());
}
/** The databases a portfolio-scale section runs on: PostgreSQL when configured, PGlite unless its scale is 0. */
function scaledTargets(what: string, debtors: number, pgliteDebtors: number): ['postgresql' | 'pglite', number][] {
  const targets: ['postgresql' | 'pglite', number][] = PG_URL ? [['postgresql', debtors]] : [];
  if (!PG_URL) console.log(`${what} on PostgreSQL not benchmarked: set BENCH_DATABASE_URL or TEST_DATABASE_URL`);
  if (pgliteDebtors > 0) targets.push(['pglite', pgliteDebtors]);
  return targets;
}
if (runs('kpis')) {
  // The dashboard's query over 13 months of a large portfolio: SQL aggregates, indexed by period.
  for (const [kind, debtors] of scaledTargets('KPIs', KPI_DEBTORS, KPI_PGLITE_DEBTORS)) {
    const r = await kpiBench(kind, debtors, { pgUrl: PG_URL, explain: EXPLAIN });
    console.log(`KPI query on ${kind}: ${debtors} debtors (BENCH_KPI_DEBTORS${kind === 'pglite' ? ', BENCH_KPI_PGLITE_DEBTORS' : ''}), 13 months; ${r.seeded}. Rows seeded (target: the brief's, scaled):`);
    console.table(r.counts);
    console.log('computeKpis, median of BENCH_KPI_RUNS runs after a warm-up; ceiling: count(*) of every Message row:');
    console.table(r.rows);
    if (r.plans.length) console.log(`Each case: its statements by time in the database, then the plan of the BENCH_EXPLAIN_TOP (1) slowest:\n${r.plans.join('\n\n')}`);
  }
}
if (runs('search')) {
  // The admin's debtor search over a large portfolio: a trigram index on each debtor's folded text.
  for (const [kind, debtors] of scaledTargets('Debtor search', SEARCH_DEBTORS, SEARCH_PGLITE_DEBTORS)) {
    const r = await searchBench(kind, debtors, { pgUrl: PG_URL, explain: EXPLAIN });
    console.log(`Debtor search on ${kind}: ${debtors} debtors (BENCH_SEARCH_DEBTORS${kind === 'pglite' ? ', BENCH_SEARCH_PGLITE_DEBTORS' : ''}); ${r.seeded}. Rows: ${Object.entries(r.counts).map(([t, n]) => `${t} ${n}`).join(', ')}.`);
    console.log('searchDebtors, median of BENCH_SEARCH_RUNS runs after a warm-up; ceilings in the same run: one debtor by primary key, count(*) of Debtor:');
    console.table(r.rows);
    if (r.plans.length) console.log(r.plans.join('\n\n'));
  }
}
if (runs('audit')) {
  // The audit trail's appends: one chain per stream, against the one global lock it replaced.
  const opts = { appends: AUDIT_APPENDS, writers: AUDIT_WRITERS, holdMs: AUDIT_HOLD_MS };
  const audit = await auditBench('pglite', opts);
  if (PG_URL) audit.push(...(await auditBench('postgresql', { ...opts, pgUrl: PG_URL })));
  else console.log('Audit appends on PostgreSQL not benchmarked: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  console.log(
    `Audit appends (BENCH_AUDIT_APPENDS ${AUDIT_APPENDS} per case), one transaction each, each writer (BENCH_AUDIT_WRITERS) on conversations of its own; "held ms": database time the transaction holds after its append (BENCH_AUDIT_HOLD_MS, the rest of a turn's transaction); ceiling: single-row inserts:`,
  );
  console.table(audit);
}
if (runs('import')) {
  // The portfolio import: validated whole, then written in batched upserts, the server answering meanwhile.
  const results = PG_URL ? await importBench('postgresql', IMPORT_ROWS, BENCH_ENV, PG_URL) : [];
  if (!PG_URL) console.log('Import on PostgreSQL not benchmarked: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  results.push(...(await importBench('pglite', IMPORT_ROWS, BENCH_ENV)));
  console.log(`Portfolio import of ${IMPORT_ROWS} rows (BENCH_IMPORT_ROWS), two invoices per debtor, through the API; ceiling: the same rows bulk-inserted into a plain table:`);
  console.table(results);
}
if (runs('chat')) console.log('A "turn" is one web chat request (session start or one debtor message) through understanding, the flow, one transaction and the outbox.');
