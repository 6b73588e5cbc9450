import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { acquireDirLock, type DirLock } from './dirLock.js';
import { applyMigrations } from './migrations.js';
import { ensurePrivateDir, removeOthersAccess } from './privateDir.js';

export type Db = PrismaClient;
/** What a transaction callback receives; repositories accept either this or the client. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface Database {
  prisma: PrismaClient;
  kind: 'pglite' | 'postgresql';
  appliedMigrations: string[];
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgresql://… — when set, PostgreSQL replaces the embedded database. */
  databaseUrl?: string;
  /** Where the embedded PGlite database lives; omitted = in memory (tests). */
  dataDir?: string;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const factory = new PrismaPg({ connectionString: opts.databaseUrl });
    return finish('postgresql', factory, async () => {});
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
    const pglite = new PGlite(dir);
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
): Promise<Database> {
  const appliedMigrations = await applyMigrations(factory);
  const prisma = new PrismaClient({ adapter: factory });
  return {
    prisma,
    kind,
    appliedMigrations,
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
