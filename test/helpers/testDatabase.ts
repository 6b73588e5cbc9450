import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/storage/database.js';

/** Set by .ci/run (and by developers who have a server): the PostgreSQL the suites also run on. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

let warned = false;
/** Says plainly, once per file, that the PostgreSQL half of a suite did not run. */
export function notePostgresSkipped(suite: string): void {
  if (TEST_DATABASE_URL || warned) return;
  warned = true;
  console.warn(`[${suite}] PostgreSQL tests NOT run: TEST_DATABASE_URL is not set (.ci/run sets it).`);
}

/** A fresh, empty database on the test server for one test file; drop() removes it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cordial_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The databases a storage or end-to-end suite runs on: PGlite always, PostgreSQL when configured. */
export const DATABASES = [
  { kind: 'pglite' as const, enabled: true },
  { kind: 'postgresql' as const, enabled: !!TEST_DATABASE_URL },
];

/** A migrated database of `kind` for one test file (PGlite in memory, or a fresh PostgreSQL database). */
export async function openTestDatabase(kind: 'pglite' | 'postgresql'): Promise<{ database: Database; close(): Promise<void> }> {
  const pgdb = kind === 'postgresql' ? await createPgDatabase() : undefined;
  const database = await openDatabase(pgdb ? { databaseUrl: pgdb.url } : {});
  return {
    database,
    async close() {
      await database.close();
      await pgdb?.drop();
    },
  };
}

/** Two processes' views of one database: two connections on PostgreSQL; PGlite has only one. */
export async function twoConnections(kind: 'pglite' | 'postgresql'): Promise<{ a: Database; b: Database; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDatabase({});
    return { a: db, b: db, close: () => db.close() };
  }
  const pg = await createPgDatabase();
  const a = await openDatabase({ databaseUrl: pg.url });
  const b = await openDatabase({ databaseUrl: pg.url });
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await pg.drop();
    },
  };
}
