import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/prisma/client.js';
import { acquireDirLock, type DirLock } from './dirLock.js';
import { applyMigrations } from './migrations.js';
import { withMigrationLock } from './migrationLock.js';
import { ensurePrivateDir, removeOthersAccess } from '../config/privateDir.js';

export type Db = PrismaClient;
/** What a transaction callback receives; repositories accept either this or the client. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgresql';
  appliedMigrations: string[];
  /**
   * Runs start-up writes (creditor, demo data, flow files) one process at a time, under the same
   * lock as migrations: replicas started together must not publish the same flow version twice.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… — when set, PostgreSQL replaces the embedded database. */
  databaseUrl?: string;
  /** Where the embedded PGlite database lives; omitted = in memory (tests). */
  dataDir?: string;
  /** PostgreSQL: how long to wait for another replica's migration run before giving up (ms). */
  migrationLockWaitMs?: number;
}

/**
 * Server settings for every connection of ours to PostgreSQL (the server's defaults stay for other
 * clients). Our statements are short OLTP reads and writes plus the KPI aggregates, which run side
 * by side on the pool:
 * - JIT off: their estimated costs tripped JIT compilation that took longer than the queries
 *   (bench: 407 ms of compiling for 3 ms of work, and 350-850 ms on the year-long KPI statements).
 * - No parallel workers: the aggregates already run in parallel with each other, and a parallel
 *   plan makes every worker build the same hashed subqueries again (the KPI cohort statement did
 *   its work three times over on two cores).
 */
export const PG_SESSION_OPTIONS = '-c jit=off -c max_parallel_workers_per_gather=0';

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const url = opts.databaseUrl;
    const factory = new PrismaPg({ connectionString: url, options: PG_SESSION_OPTIONS });
    // Several replicas may start at once on one database: one migrates, the others wait for it.
    return finish('postgresql', factory, async () => {}, (fn) => withMigrationLock(url, fn, opts.migrationLockWaitMs));
  }
  let lock: DirLock | undefined;
  let dir: string | undefined;
  if (opts.dataDir) {
    ensurePrivateDir(opts.dataDir);
    // PGlite serves one process per data directory; a second opener would corrupt it.
    lock = acquireDirLock(opts.dataDir);
    dir = path.join(opts.dataDir, 'pgdata');
  }
  try {
    // Loaded only for the embedded database: PGlite costs ~45 MB of memory at import, for nothing
    // on a PostgreSQL deployment.
    const [{ newPGlite }, { PrismaPGlite }] = await Promise.all([import('./newPGlite.js'), import('pglite-prisma-adapter')]);
    const pglite = newPGlite(dir);
    await pglite.waitReady;
    if (dir) removeOthersAccess(dir);
    return await finish('pglite', new PrismaPGlite(pglite), async () => {
      await pglite.close();
      lock?.release();
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function finish(
  kind: Database['kind'],
  factory: SqlMigrationAwareDriverAdapterFactory,
  closeDriver: () => Promise<void>,
  exclusive: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<Database> {
  const appliedMigrations = await exclusive(() => applyMigrations(factory));
  const prisma = new PrismaClient({ adapter: factory });
  return {
    prisma,
    kind,
    appliedMigrations,
    exclusive,
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
