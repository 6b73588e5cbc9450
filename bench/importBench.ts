// `npm run bench -- import`: the portfolio import of BENCH_IMPORT_ROWS (100 000) rows, two invoices
// per debtor with contact data, sent to POST /api/admin/portfolio/import of an app on a fresh
// database (fastify inject: the whole stack but the socket). Printed: the first import (every row
// new), the same file again (every row an update), peak RSS, and how /healthz fared meanwhile (it is
// RSS before the import (the app and, on PGlite, its database in this process) and at its peak,
// asked every 10 ms while the import runs: answers, and the longest wait for one), and how web
// chat sessions started every 5 s of the import fared (how many, the slowest). The
// ceiling, measured in the same run on the same database: the same number of rows bulk-inserted
// into a plain table (multi-row INSERTs of 1 000 rows in one transaction, no index, no trigger).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/config/logger.js';
import { cnpjCheckDigits } from '../src/domain/cnpj.js';
import { createScratchDatabase } from './scratchDatabase.js';

function cnpjFor(i: number): string {
  const base = `${String(20_000_000 + i).padStart(8, '0')}0001`;
  return base + cnpjCheckDigits(base);
}

/** `rows` invoice rows, two per debtor, every column filled as a creditor's export would. */
export function benchPortfolioCsv(rows: number): string {
  const lines = ['cnpj,company_name,contact_name,phone,email,invoice,amount,due_date,description'];
  for (let r = 0; r < rows; r++) {
    const d = Math.floor(r / 2);
    const phone = `(11) 9${String(10_000_000 + d).slice(-8, -4)}-${String(d).padStart(4, '0').slice(-4)}`;
    lines.push(`${cnpjFor(d)},Empresa ${d} Ltda,Contato ${d},${phone},financeiro${d}@empresa${d}.com.br,NF-${r},${1000 + (r % 97) * 13}.45,2026-${String(1 + (r % 12)).padStart(2, '0')}-15,Mercadorias pedido ${r}`);
  }
  return `${lines.join('\n')}\n`;
}

type Timed = { seconds: number; chat: string; rssBeforeMb: number; peakRssMb: number; healthz: number; worstGapMs: number };

/** One import through the API while /healthz is polled and RSS sampled. */
async function timedImport(app: App, csv: string, adminToken: string): Promise<Timed> {
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  let done = false;
  let healthz = 0;
  let worstGapMs = 0;
  // The longest wait for an answer: between two answers, or from the last one to the import's end.
  let last = performance.now();
  const poller = (async () => {
    while (!done) {
      const r = await app.server.inject({ method: 'GET', url: '/healthz' });
      if (r.statusCode !== 200) throw new Error(`/healthz -> ${r.statusCode}`);
      const now = performance.now();
      if (!done) {
        healthz++;
        worstGapMs = Math.max(worstGapMs, now - last);
      }
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const t0 = performance.now();
  // A debtor opening the web chat every 5 s of the import (its own transaction, other rows): the slowest.
  const chats: Promise<number>[] = [];
  const chatTimer = setInterval(() => {
    const c0 = performance.now();
    chats.push(
      app.server.inject({ method: 'POST', url: '/api/webchat/sessions', payload: {} }).then((r) => {
        if (r.statusCode !== 201) throw new Error(`web chat start -> ${r.statusCode} ${r.body.slice(0, 200)}`);
        return performance.now() - c0;
      }),
    );
  }, 5_000);
  try {
    const r = await app.server.inject({ method: 'POST', url: '/api/admin/portfolio/import', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' }, payload: csv });
    if (r.statusCode !== 200) throw new Error(`import -> ${r.statusCode} ${r.body.slice(0, 300)}`);
    worstGapMs = Math.max(worstGapMs, performance.now() - last);
    clearInterval(chatTimer);
    const chatMs = await Promise.all(chats);
    const chat = chatMs.length ? `${chatMs.length}, slowest ${Math.max(...chatMs).toFixed(0)} ms` : '-';
    return { seconds: (performance.now() - t0) / 1000, chat, rssBeforeMb: rssBefore / 1024 / 1024, peakRssMb: peakRss / 1024 / 1024, healthz, worstGapMs };
  } finally {
    done = true;
    clearInterval(sampler);
    clearInterval(chatTimer);
    await poller;
  }
}

/** The same number of rows, bulk-inserted into a plain table: what the database alone costs. */
async function bulkInsertCeiling(app: App, rows: number): Promise<number> {
  const db = app.database.prisma;
  await db.$executeRawUnsafe('CREATE TABLE bench_import_ceiling (cnpj text, number text, amount bigint, due text, description text)');
  const t0 = performance.now();
  await db.$transaction(
    async (tx) => {
      for (let start = 0; start < rows; start += 1000) {
        const values: string[] = [];
        const params: unknown[] = [];
        for (let r = start; r < Math.min(rows, start + 1000); r++) {
          const p = params.length;
          values.push(`($${p + 1}, $${p + 2}, $${p + 3}::bigint, $${p + 4}, $${p + 5})`);
          params.push(cnpjFor(Math.floor(r / 2)), `NF-${r}`, String(100_045 + r), '2026-08-15', `Mercadorias pedido ${r}`);
        }
        await tx.$executeRawUnsafe(`INSERT INTO bench_import_ceiling VALUES ${values.join(', ')}`, ...params);
      }
    },
    { timeout: 600_000 },
  );
  return (performance.now() - t0) / 1000;
}

export async function importBench(kind: 'pglite' | 'postgresql', rows: number, env: Record<string, string>, pgUrl?: string): Promise<Record<string, string | number>[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-bench-import-'));
  const scratch = kind === 'postgresql' ? await createScratchDatabase(pgUrl!, 'cordial_bench_import') : undefined;
  const config = loadConfig({ DATA_DIR: dataDir, ...env, ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
  const app = await createApp(config, createLogger('silent'));
  try {
    const csv = benchPortfolioCsv(rows);
    const mb = (Buffer.byteLength(csv) / 1024 / 1024).toFixed(1);
    const first = await timedImport(app, csv, env.ADMIN_TOKEN!);
    const again = await timedImport(app, csv, env.ADMIN_TOKEN!);
    const ceiling = await bulkInsertCeiling(app, rows);
    const row = (what: string, t: Timed) => ({
      database: kind,
      import: what,
      rows,
      'file MB': mb,
      seconds: t.seconds.toFixed(1),
      'rows/s': Math.round(rows / t.seconds),
      'ceiling s (bulk INSERT)': ceiling.toFixed(1),
      'RSS before MB': t.rssBeforeMb.toFixed(0),
      'peak RSS MB': t.peakRssMb.toFixed(0),
      '/healthz answers': t.healthz,
      'longest /healthz gap ms': t.worstGapMs.toFixed(0),
      'web chat starts (every 5 s)': t.chat,
    });
    return [row('new', first), row('again (updates)', again)];
  } finally {
    await app.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
