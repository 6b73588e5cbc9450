/** PostgreSQL's "try again" answers: serialization_failure and deadlock_detected. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

/**
 * True for a transaction PostgreSQL aborted so that another could go on (a deadlock or a
 * serialization failure): running it again is the documented remedy. Prisma reports both as
 * P2034; the driver adapter's own error keeps the SQLSTATE.
 */
export function isRetryableConflict(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const x = e as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
    if (x.code === 'P2034') return true;
    if (typeof x.originalCode === 'string' && RETRYABLE_SQLSTATES.has(x.originalCode)) return true;
    if (typeof x.code === 'string' && RETRYABLE_SQLSTATES.has(x.code)) return true;
    e = x.meta?.driverAdapterError ?? x.cause;
  }
  return false;
}

/** Runs a whole transaction again when PostgreSQL aborted it for a conflict, a few times, with a short jittered pause. */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isRetryableConflict(err)) throw err;
      // Jitter keeps two retried transactions from meeting again at the same moment.
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50 * attempt));
    }
  }
}
