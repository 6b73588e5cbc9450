import type { Db } from './database.js';

export interface ChoreLeaseOptions {
  creditorId: string;
  /** The chore's name: one lease per (creditor, name). */
  name: string;
  /** This process's name on the lease. */
  holder: string;
  /** How long the lease holds if the holder dies mid-chore; then another process may run it. */
  leaseMs: number;
  now: Date;
  /** Run at most once per this long across all processes (lastRunAt); 0 = every time it is free. */
  everyMs?: number;
}

/**
 * Runs `fn` only if this process gets the chore's lease: several replicas on one database never run
 * the same chore at once, and a replica that died holding it is replaced once the lease expires.
 * Returns `fn`'s result, or null when another process holds the lease (or ran it recently).
 */
export async function withChoreLease<T>(db: Db, o: ChoreLeaseOptions, fn: () => Promise<T>): Promise<T | null> {
  const until = new Date(o.now.getTime() + o.leaseMs);
  // Chores without a pace ignore lastRunAt (a clock set back, as in tests, must not stall them).
  const dueBefore = o.everyMs ? new Date(o.now.getTime() - o.everyMs) : new Date(8.64e15);
  // One statement: insert the lease, or take it over if it is free (expired, or ours) and due.
  const got = await db.$queryRawUnsafe<{ holder: string }[]>(
    `INSERT INTO "ChoreLease" ("creditorId", name, holder, until) VALUES ($1, $2, $3, $4)
     ON CONFLICT ("creditorId", name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
       WHERE ("ChoreLease".until <= $5 OR "ChoreLease".holder = $3)
         AND ("ChoreLease"."lastRunAt" IS NULL OR "ChoreLease"."lastRunAt" <= $6)
     RETURNING holder`,
    o.creditorId,
    o.name,
    o.holder,
    until,
    o.now,
    dueBefore,
  );
  if (!got.length) return null;
  try {
    return await fn();
  } finally {
    // Released at once (free for the next tick, whoever runs it, whatever its clock says); lastRunAt paces rare chores.
    await db.$executeRawUnsafe(`UPDATE "ChoreLease" SET until = $4, "lastRunAt" = $5 WHERE "creditorId" = $1 AND name = $2 AND holder = $3`, o.creditorId, o.name, o.holder, new Date(0), o.now);
  }
}
