// A throwaway PostgreSQL database on the server of `pgUrl` (the test server's, usually): each bench
// section seeds its own, so sections never see each other's rows, and drops it when done.
import pg from 'pg';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer(pgUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** `prefix` names the section (a-z, _): the database is `${prefix}_${Date.now()}`. */
export async function createScratchDatabase(pgUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now()}`;
  await onServer(pgUrl, `CREATE DATABASE ${name}`);
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => onServer(pgUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
