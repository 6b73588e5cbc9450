import pg from 'pg';
import { CordialError } from '../domain/errors.js';

// Any fixed number works; it names "Cordial's migration run" for pg_advisory_lock across processes.
// Not Prisma's own key (72707369): the schema engine takes that one inside our run with a 10 s limit.
const MIGRATION_LOCK_KEY = 7_310_002;

/** Replicas start together; ten minutes covers the slowest first migration of an empty database. */
const DEFAULT_MIGRATION_LOCK_WAIT_MS = 600_000;

export class MigrationLockTimeoutError extends CordialError<'MIGRATION_LOCK_TIMEOUT'> {
  constructor(message: string) {
    super('MIGRATION_LOCK_TIMEOUT', message);
  }
}

/**
 * Runs `fn` while holding a session-level advisory lock on a dedicated connection, so replicas
 * started together migrate one after the other: the first applies, the others wait and then
 * find nothing to apply. Prisma's schema engine gives up on its own lock after 10 s, which made
 * all but one replica die on an empty database. A process killed mid-run frees the lock with
 * its session.
 */
export async function withMigrationLock<T>(databaseUrl: string, fn: () => Promise<T>, waitMs = DEFAULT_MIGRATION_LOCK_WAIT_MS): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'cordial-migrations' });
  await client.connect();
  // A dropped connection would otherwise be an unhandled 'error' event; the next query reports it.
  client.on('error', () => {});
  try {
    try {
      // Bounded wait: the session's statement_timeout applies to the blocking lock call only.
      await client.query(`SET statement_timeout = ${Math.max(1, Math.floor(waitMs))}`);
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query('SET statement_timeout = 0');
    } catch (err) {
      if ((err as { code?: string }).code === '57014') {
        throw new MigrationLockTimeoutError(
          `another process has been migrating this database for more than ${Math.round(waitMs / 1000)} s; ` +
            'check the other replicas (or a stuck session holding advisory lock 7310002 in pg_locks) and start again',
        );
      }
      throw err;
    }
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
