// Audit appends (src/storage/auditLog.ts) from 1 and from several concurrent writers, each append
// its own transaction as in a turn, on conversations of its own: the streams as they are, and the
// same with the one global advisory lock the trail took before streams (what every turn of every
// process queued on). Each case runs twice: the append alone in its transaction, and followed by
// `holdMs` of the database's time (pg_sleep) standing for the rest of a turn's transaction — the
// statements after the append and the commit, all of which the global lock was held through.
// Ceiling: single-row inserts, one transaction each, on the same database. PGlite serves one
// connection, so its writers take turns whatever the locks. SQL/append (PostgreSQL): the statements
// one append sends, counted on the driver. CPU ms/append: this process's CPU time per append of the
// streams case (the client and the driver; on PGlite the database too, which runs in this process).
import { appendAudit } from '../src/storage/auditLog.js';
import { openDatabase, type Database } from '../src/storage/database.js';
import { countPgStatements } from './countPgStatements.js';
import { createScratchDatabase } from './scratchDatabase.js';

/** The lock appendAudit took before streams (pg_advisory_xact_lock(7310001)), for the comparison. */
const OLD_GLOBAL_LOCK = 'SELECT pg_advisory_xact_lock(7310001)';

/** Appends per second, and this process's CPU time per append (PGlite's included: it runs in here). */
async function appendsPerSecond(db: Database, writers: number, total: number, globalLock: boolean, holdMs: number, tag: string): Promise<{ perSecond: number; cpuMs: number }> {
  const each = Math.ceil(total / writers);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < each; i++) {
        await db.prisma.$transaction(async (tx) => {
          if (globalLock) await tx.$executeRawUnsafe(OLD_GLOBAL_LOCK);
          await appendAudit(tx, [{ type: 'bench.event', actor: 'bench', conversationId: `${tag}-w${w}-c${i % 20}`, data: { i, w } }]);
          if (holdMs) await tx.$queryRawUnsafe(`SELECT pg_sleep(${holdMs / 1000})::text`);
        });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: Math.round((each * writers) / seconds), cpuMs: (cpu.user + cpu.system) / 1000 / (each * writers) };
}

/**
 * The statements one append sends (PostgreSQL: counted on the driver), its transaction's own BEGIN
 * and COMMIT left out by subtracting as many empty transactions; one stream, existing, as in a turn.
 */
async function statementsPerAppend(db: Database, n: number): Promise<number> {
  const count = async (append: boolean) => {
    const counted = countPgStatements();
    try {
      for (let i = 0; i < n; i++) {
        await db.prisma.$transaction(async (tx) => {
          if (append) await appendAudit(tx, [{ type: 'bench.event', actor: 'bench', conversationId: 'sql-count', data: { i } }]);
        });
      }
      return counted.statements;
    } finally {
      counted.stop();
    }
  };
  return ((await count(true)) - (await count(false))) / n;
}

async function ceiling(db: Database, n: number): Promise<number> {
  await db.prisma.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS bench_ceiling (id serial PRIMARY KEY, v text)');
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await db.prisma.$executeRawUnsafe('INSERT INTO bench_ceiling (v) VALUES ($1)', `row ${i}`);
  return Math.round(n / ((performance.now() - t0) / 1000));
}

export async function auditBench(kind: 'pglite' | 'postgresql', o: { appends: number; writers: number; holdMs: number; pgUrl?: string }): Promise<Record<string, string | number>[]> {
  const scratch = kind === 'postgresql' ? await createScratchDatabase(o.pgUrl!, 'bench_audit') : undefined;
  const db = await openDatabase(scratch ? { databaseUrl: scratch.url } : {});
  try {
    // Warm-up (query plans, the client's and PGlite's first calls: the first few hundred appends
    // ran at half speed), one case's worth of appends each way, not measured.
    for (const lock of [false, true]) await appendsPerSecond(db, 2, o.appends, lock, 0, `warm${lock}`);
    const inserts = await ceiling(db, o.appends);
    const sql = kind === 'postgresql' ? await statementsPerAppend(db, 50) : '-';
    const rows: Record<string, string | number>[] = [];
    for (const holdMs of [...new Set([0, o.holdMs])]) {
      for (const writers of [1, o.writers]) {
        const row: Record<string, string | number> = { db: kind, 'held ms': holdMs, writers };
        // The two ways back to back, so the machine's load weighs on both alike.
        for (const [how, lock] of [
          ['streams', false],
          ['global lock (before)', true],
        ] as const) {
          const r = await appendsPerSecond(db, writers, o.appends, lock, holdMs, `${lock ? 'g' : 's'}${writers}h${holdMs}`);
          row[`${how} appends/s`] = r.perSecond;
          if (!lock) row['streams CPU ms/append'] = r.cpuMs.toFixed(2);
        }
        row['ceiling inserts/s'] = inserts;
        row['SQL/append'] = sql;
        rows.push(row);
      }
    }
    return rows;
  } finally {
    await db.close();
    await scratch?.drop();
  }
}
