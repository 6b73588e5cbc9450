// Web chat identity check: CNPJ plus a second factor. Repeated failures lock the session so
// that a stranger cannot enumerate invoice numbers to see another company's debts.

export const MAX_IDENTITY_ATTEMPTS = 3;
export const IDENTITY_LOCK_MS = 3_600_000;

export type IdentityAttempts = {
  failures: number;
  /** ISO timestamp; the session is locked while now < lockedUntil. */
  lockedUntil?: string;
};

export const NO_ATTEMPTS: IdentityAttempts = Object.freeze({ failures: 0 });

export function isLocked(state: IdentityAttempts, now: Date): boolean {
  if (state.lockedUntil === undefined) return false;
  const until = Date.parse(state.lockedUntil);
  // An unreadable timestamp keeps the lock: failing closed is the safe side here.
  return Number.isNaN(until) || now.getTime() < until;
}

/** Milliseconds until the lock lifts (0 when not locked) — for "try again in N minutes". */
export function lockRemainingMs(state: IdentityAttempts, now: Date): number {
  if (!isLocked(state, now) || state.lockedUntil === undefined) return 0;
  const until = Date.parse(state.lockedUntil);
  return Number.isNaN(until) ? IDENTITY_LOCK_MS : until - now.getTime();
}

/**
 * One more failed attempt. The MAX_IDENTITY_ATTEMPTS-th failure locks for IDENTITY_LOCK_MS and
 * resets the count, so after the hour the debtor gets a fresh set of attempts. Failures while
 * locked change nothing: they must not extend the lock (the debtor may simply retry too early)
 * and are not evaluated anyway.
 */
export function recordFailure(state: IdentityAttempts, now: Date): IdentityAttempts {
  if (isLocked(state, now)) return state;
  const failures = state.failures + 1;
  if (failures >= MAX_IDENTITY_ATTEMPTS) {
    return { failures: 0, lockedUntil: new Date(now.getTime() + IDENTITY_LOCK_MS).toISOString() };
  }
  return { failures };
}

/** A successful check clears the history. */
export function recordSuccess(): IdentityAttempts {
  return { failures: 0 };
}
