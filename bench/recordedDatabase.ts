// A fresh, migrated database for a bench section, every statement of which the recorder sees (to
// rank them and replay the slowest under EXPLAIN). PGlite in this process's memory, or a scratch
// PostgreSQL database on the server of `pgUrl`, dropped on close. Connections get the app's own
// server settings (PG_SESSION_OPTIONS) unless `pgOptions` replaces them.
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { PG_SESSION_OPTIONS } from '../src/storage/database.js';
import { applyMigrations } from '../src/storage/migrations.js';
import { newPGlite } from '../src/storage/newPGlite.js';
import { recordingFactory, type RecordingFactory } from './recordingAdapter.js';
import { createScratchDatabase } from './scratchDatabase.js';

export interface BenchDb {
  prisma: PrismaClient;
  recorder: RecordingFactory;
  close(): Promise<void>;
}

export interface RecordedOptions {
  pgUrl?: string;
  /** Names the scratch database (a-z, _). */
  prefix: string;
  pgOptions?: string;
  /** Leave the PostgreSQL database behind (printing its URL), to try indexes on it with psql. */
  keep?: boolean;
}

export async function openRecorded(kind: 'pglite' | 'postgresql', opts: RecordedOptions): Promise<BenchDb> {
  let inner: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  if (kind === 'pglite') {
    const pglite = newPGlite();
    await pglite.waitReady;
    inner = new PrismaPGlite(pglite);
    closeDriver = () => pglite.close();
  } else {
    const scratch = await createScratchDatabase(opts.pgUrl!, opts.prefix);
    inner = new PrismaPg({ connectionString: scratch.url, options: opts.pgOptions ?? PG_SESSION_OPTIONS });
    closeDriver = opts.keep ? async () => console.log(`bench database kept: ${scratch.url}`) : scratch.drop;
  }
  try {
    await applyMigrations(inner);
  } catch (err) {
    await closeDriver();
    throw err;
  }
  const recorder = recordingFactory(inner as SqlDriverAdapterFactory);
  const prisma = new PrismaClient({ adapter: recorder.factory });
  return {
    prisma,
    recorder,
    async close() {
      await recorder.close();
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
