import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlwaysLeader, PgLeaderLock, advisoryKey } from '../../src/storage/leaderLock.js';
import { createPgDatabase, notePostgresSkipped, TEST_DATABASE_URL } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/leaderLock');

describe('leader lock on the embedded database', () => {
  it('is always granted: one process owns the data directory', async () => {
    const lock = new AlwaysLeader();
    expect(await lock.tryAcquire('channel:telegram:x', () => {})).toBe(true);
    expect(await new AlwaysLeader().tryAcquire('channel:telegram:x', () => {})).toBe(true);
  });
});

describe.runIf(!!TEST_DATABASE_URL)('leader lock on PostgreSQL', () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  beforeAll(async () => {
    pgdb = await createPgDatabase();
  });
  afterAll(async () => pgdb?.drop());

  it('one holder per name; released, another takes it; other names are independent', async () => {
    const a = new PgLeaderLock(pgdb.url);
    const b = new PgLeaderLock(pgdb.url);
    try {
      expect(await a.tryAcquire('channel:telegram:c1:1', () => {})).toBe(true);
      expect(await b.tryAcquire('channel:telegram:c1:1', () => {})).toBe(false);
      expect(await b.tryAcquire('channel:whatsapp:c1', () => {})).toBe(true);
      await a.release('channel:telegram:c1:1');
      expect(await b.tryAcquire('channel:telegram:c1:1', () => {})).toBe(true);
      expect(await a.tryAcquire('channel:telegram:c1:1', () => {})).toBe(false);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("a holder whose session dies (as when its process is killed) loses the lock, is told, and another replica takes it", async () => {
    const a = new PgLeaderLock(pgdb.url, 100);
    const b = new PgLeaderLock(pgdb.url, 100);
    const admin = new pg.Client({ connectionString: pgdb.url });
    await admin.connect();
    let lostA = 0;
    try {
      expect(await a.tryAcquire('channel:whatsapp:c2', () => lostA++)).toBe(true);
      expect(await b.tryAcquire('channel:whatsapp:c2', () => {})).toBe(false);
      // The session holding the advisory lock, as PostgreSQL sees it.
      const key = BigInt(advisoryKey('channel:whatsapp:c2'));
      const objid = Number(BigInt.asUintN(32, key));
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = $1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        [objid],
      );
      expect(rows).toHaveLength(1);
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      for (let i = 0; lostA === 0; i++) {
        if (i > 200) throw new Error('the holder was never told it lost the lock');
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(lostA).toBe(1);
      expect(await b.tryAcquire('channel:whatsapp:c2', () => {})).toBe(true);
    } finally {
      await admin.end();
      await a.close();
      await b.close();
    }
  });
});
