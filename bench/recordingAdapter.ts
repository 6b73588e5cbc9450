// Wraps a Prisma driver adapter factory so the bench sees every SQL statement a function sends,
// with its arguments and how long it took, inside transactions too. The statements are replayed
// as EXPLAIN (ANALYZE, BUFFERS) through the same adapter: the arguments are bound exactly as the
// function's were, which a copy of the logged text could not promise (typed parameters).
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlQueryable } from '@prisma/driver-adapter-utils';

export interface RecordedStatement {
  query: SqlQuery;
  ms: number;
}

export interface RecordingFactory {
  factory: SqlDriverAdapterFactory;
  /** Statements sent since the last call, oldest first; recording starts over. */
  take(): RecordedStatement[];
  /** The plan PostgreSQL followed for `query`, run again under EXPLAIN (ANALYZE, BUFFERS). */
  explain(query: SqlQuery): Promise<string[]>;
  /** Releases the connection explain() opened. */
  close(): Promise<void>;
}

function timed<T extends SqlQueryable>(target: T, log: RecordedStatement[]): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop === 'queryRaw' || prop === 'executeRaw') {
        return async (query: SqlQuery) => {
          const t0 = performance.now();
          try {
            return await (t[prop] as (q: SqlQuery) => Promise<unknown>).call(t, query);
          } finally {
            log.push({ query, ms: performance.now() - t0 });
          }
        };
      }
      if (prop === 'startTransaction') {
        return async (...args: unknown[]) => timed(await (t as unknown as SqlDriverAdapter).startTransaction(...(args as [])), log);
      }
      const value = Reflect.get(t, prop, receiver);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

export function recordingFactory(inner: SqlDriverAdapterFactory): RecordingFactory {
  // One array for the factory's lifetime: every connection and transaction appends to it.
  const log: RecordedStatement[] = [];
  let plain: Promise<SqlDriverAdapter> | undefined;
  const factory: SqlDriverAdapterFactory = {
    adapterName: inner.adapterName,
    provider: inner.provider,
    connect: async () => timed(await inner.connect(), log),
  };
  return {
    factory,
    take: () => log.splice(0),
    async explain(query) {
      plain ??= inner.connect();
      const r = await (await plain).queryRaw({ ...query, sql: `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}` });
      return r.rows.map((row) => String(row[0]));
    },
    async close() {
      if (plain) await (await plain).dispose();
    },
  };
}
