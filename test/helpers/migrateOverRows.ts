import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../../src/storage/migrations.js';
import { newPGlite } from '../../src/storage/newPGlite.js';
import { createPgDatabase } from './testDatabase.js';

const dirs = readdirSync(MIGRATIONS_DIR).filter((d) => /^\d/.test(d)).sort();
const sql = (d: string) => readFileSync(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8');

/** Whether a migration named `…_<suffix>` exists (a test of its backfill is only meaningful then). */
export const hasMigration = (suffix: string) => dirs.some((d) => d.endsWith(`_${suffix}`));

/**
 * Applies the migrations before `…_<suffix>`, writes `before` (rows as they were), applies the rest
 * and answers each of `queries`' rows: a backfill checked on a database with data in it.
 */
export async function migrateOverRows(kind: 'pglite' | 'postgresql', suffix: string, before: string, queries: string[]): Promise<unknown[][]> {
  const at = dirs.findIndex((d) => d.endsWith(`_${suffix}`));
  if (at < 0) throw new Error(`no migration named *_${suffix}`);
  if (kind === 'pglite') {
    const db = newPGlite();
    try {
      for (const d of dirs.slice(0, at)) await db.exec(sql(d));
      await db.exec(before);
      for (const d of dirs.slice(at)) await db.exec(sql(d));
      return await Promise.all(queries.map(async (q) => (await db.query(q)).rows));
    } finally {
      await db.close();
    }
  }
  const target = await createPgDatabase();
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  try {
    for (const d of dirs.slice(0, at)) await c.query(sql(d));
    await c.query(before);
    for (const d of dirs.slice(at)) await c.query(sql(d));
    return await Promise.all(queries.map(async (q) => (await c.query(q)).rows));
  } finally {
    await c.end();
    await target.drop();
  }
}
