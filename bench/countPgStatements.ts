import pg from 'pg';

/**
 * Counts the statements the pg driver sends (every query of the PostgreSQL adapter, BEGIN and
 * COMMIT included) until stop(): the bench's tap on the wire, not something the app does.
 */
export function countPgStatements(): { statements: number; stop(): void } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const counter = {
    statements: 0,
    stop: () => {
      proto.query = original;
    },
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    counter.statements++;
    return original.apply(this, args);
  };
  return counter;
}
