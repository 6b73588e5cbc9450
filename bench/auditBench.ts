// Audit appends (src/storage/auditLog.ts) from 1 and from several concurrent writers, each append
// its own transaction as in a turn, on conversations of its own: the streams as they are, and the
// same with the one global advisory lock the trail took before streams (what every turn of every
// process queued on). Each case runs twice: the append alone in its transaction, and followed by
// `holdMs` of the database's time (pg_sleep) standing for the rest of a turn's transaction — the
// statements after the append and the commit, all of which the global lock was held through.
// Ceiling: single-row inserts, one transaction each, on the same database. PGlite serves one
// connection, so its writers take turns whatever the locks.
import { appendAudit } from '../src/storage/auditLog.js';
import { openDatabase, type Database } from '../src/storage/database.js';
import { createScratchDatabase } from './scratchDatabase.js';

/** The lock appendAudit took before streams (pg_advisory_xact_lock(7310001)), for the comparison. */
const OLD_GLOBAL_LOCK = 'SELECT pg_advisory_xact_lock(7310001)';

async function appendsPerSecond(db: Database, writers: number, total: number, globalLock: boolean, holdMs: number, tag: string): Promise<number> {
  const each = Math.ceil(total / writers);
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
  return Math.round((each * writers) / ((performance.now() - t0) / 1000));
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
    const rows: Record<string, string | number>[] = [];
    for (const holdMs of [...new Set([0, o.holdMs])]) {
      for (const writers of [1, o.writers]) {
        const row: Record<string, string | number> = { db: kind, 'held ms': holdMs, writers };
        // The two ways back to back, so the machine's load weighs on both alike.
        for (const [how, lock] of [
          ['streams', false],
          ['global lock (before)', true],
        ] as const) {
          row[`${how} appends/s`] = await appendsPerSecond(db, writers, o.appends, lock, holdMs, `${lock ? 'g' : 's'}${writers}h${holdMs}`);
        }
        row['ceiling inserts/s'] = inserts;
        rows.push(row);
      }
    }
    return rows;
  } finally {
    await db.close();
    await scratch?.drop();
  }
}
