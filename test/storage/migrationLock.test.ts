import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { MigrationLockTimeoutError } from '../../src/storage/migrationLock.js';
import { createPgDatabase, notePostgresSkipped, TEST_DATABASE_URL } from '../helpers/testDatabase.js';

notePostgresSkipped('migrationLock');

describe.runIf(!!TEST_DATABASE_URL)('replicas starting together on one PostgreSQL database', () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  beforeAll(async () => {
    pgdb = await createPgDatabase();
  });
  afterAll(async () => {
    await pgdb?.drop();
  });

  it('three openers at once on an empty database all start, and each migration is applied once', async () => {
    const opened = await Promise.allSettled([1, 2, 3].map(() => openDatabase({ databaseUrl: pgdb.url })));
    const dbs = opened.filter((o): o is PromiseFulfilledResult<Database> => o.status === 'fulfilled').map((o) => o.value);
    try {
      expect(opened.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
      // One of them applied everything; the others waited and found nothing left to apply.
      const applied = dbs.map((d) => d.appliedMigrations.length).sort((a, b) => b - a);
      expect(applied[0]).toBeGreaterThan(0);
      expect(applied.slice(1)).toEqual([0, 0]);
      const rows = await dbs[0]!.prisma.$queryRawUnsafe<{ migration_name: string; n: bigint }[]>(
        'SELECT migration_name, count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL GROUP BY migration_name',
      );
      expect(rows.map((r) => r.migration_name).sort()).toEqual([...dbs.find((d) => d.appliedMigrations.length)!.appliedMigrations].sort());
      expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
      expect(await dbs[0]!.prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM _prisma_migrations WHERE finished_at IS NULL')).toEqual([]);
    } finally {
      for (const d of dbs) await d.close();
    }
  }, 180_000);

  it('gives up with a clear error when another process holds the migration run past the wait', async () => {
    const holder = new pg.Client({ connectionString: pgdb.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(7310002)');
      const err = await openDatabase({ databaseUrl: pgdb.url, migrationLockWaitMs: 300 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationLockTimeoutError);
      expect((err as Error).message).toMatch(/another process has been migrating this database/);
    } finally {
      await holder.end();
    }
    // Once the holder's session ends, the next start goes through.
    const db = await openDatabase({ databaseUrl: pgdb.url, migrationLockWaitMs: 5_000 });
    expect(db.appliedMigrations).toEqual([]);
    await db.close();
  }, 60_000);
});
