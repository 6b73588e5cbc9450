import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * "Only one process at a time" for a named duty (a Telegram long poll, one WhatsApp number's
 * socket). tryAcquire tries once and never waits; a holder keeps the lock until release(), or
 * until it is lost (then `onLost` is called once and the duty must stop at once).
 */
export interface LeaderLock {
  tryAcquire(name: string, onLost: () => void): Promise<boolean>;
  release(name: string): Promise<void>;
  close(): Promise<void>;
}

/** The embedded database serves one process (its directory lock), so every duty is ours. */
export class AlwaysLeader implements LeaderLock {
  async tryAcquire(_name: string, _onLost: () => void): Promise<boolean> {
    return true;
  }
  async release(_name: string): Promise<void> {}
  async close(): Promise<void> {}
}

/** A signed 64-bit advisory lock key for a name (pg_try_advisory_lock(bigint)). */
export function advisoryKey(name: string): string {
  return createHash('sha256').update(`cordial:${name}`).digest().readBigInt64BE(0).toString();
}

interface Held {
  client: pg.Client;
  ping: NodeJS.Timeout;
  onLost: () => void;
  releasing: boolean;
}

/**
 * Session-level advisory locks, one dedicated connection per held name: when the process dies,
 * PostgreSQL ends its session and the lock is free for another replica. A held connection is
 * pinged, so a holder cut off from the database notices it lost the lock (another replica may
 * take it as soon as PostgreSQL drops the session) and stops its duty.
 */
export class PgLeaderLock implements LeaderLock {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly databaseUrl: string,
    private readonly pingMs = 5_000,
  ) {}

  async tryAcquire(name: string, onLost: () => void): Promise<boolean> {
    if (this.held.has(name)) return true;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: `cordial-lock:${name}`.slice(0, 63), keepAlive: true });
    client.on('error', () => {}); // reported through 'end' below
    await client.connect();
    let got = false;
    try {
      const r = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS got', [advisoryKey(name)]);
      got = r.rows[0]?.got === true;
    } finally {
      if (!got) await client.end().catch(() => {});
    }
    if (!got) return false;
    const h: Held = {
      client,
      onLost,
      releasing: false,
      ping: setInterval(() => void client.query('SELECT 1').catch(() => lost()), this.pingMs),
    };
    h.ping.unref();
    const lost = () => {
      if (h.releasing || this.held.get(name) !== h) return;
      this.held.delete(name);
      clearInterval(h.ping);
      void client.end().catch(() => {});
      h.onLost();
    };
    client.on('end', lost);
    this.held.set(name, h);
    return true;
  }

  async release(name: string): Promise<void> {
    const h = this.held.get(name);
    if (!h) return;
    h.releasing = true;
    this.held.delete(name);
    clearInterval(h.ping);
    // Ending the session frees the lock; unlocking first frees it without waiting for the disconnect.
    await h.client.query('SELECT pg_advisory_unlock($1::bigint)', [advisoryKey(name)]).catch(() => {});
    await h.client.end().catch(() => {});
  }

  async close(): Promise<void> {
    for (const name of [...this.held.keys()]) await this.release(name);
  }
}
