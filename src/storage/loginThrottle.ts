import type { Tx } from './database.js';

/** Failures an account may have before its logins are held back at all (typos happen). */
export const FREE_LOGIN_FAILURES = 5;
/** The first hold; it doubles with each further failure... */
export const FIRST_LOGIN_DELAY_MS = 30_000;
/** ...up to this. */
export const MAX_LOGIN_DELAY_MS = 15 * 60_000;
// A day without a failure forgets the earlier ones.
const FORGET_AFTER_MS = 24 * 3_600_000;

/** Milliseconds until the next login attempt for `email` is checked at all; 0 when it may be now. */
export async function loginHeldFor(db: Tx, email: string, now: Date): Promise<number> {
  const row = await db.loginThrottle.findUnique({ where: { email }, select: { lockedUntil: true } });
  return Math.max(0, (row?.lockedUntil?.getTime() ?? 0) - now.getTime());
}

/**
 * Counts a failed login for `email` (atomically, so processes side by side count every one) and
 * holds the account back once past the free failures: 30 s, 1 min, 2 min, … up to 15 min.
 * Returns the consecutive failures and the hold that starts now (null when none).
 */
export async function recordLoginFailure(db: Tx, email: string, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  await db.loginThrottle.deleteMany({ where: { email, lastFailureAt: { lt: new Date(now.getTime() - FORGET_AFTER_MS) } } });
  const row = await db.loginThrottle.upsert({
    where: { email },
    create: { email, failures: 1, lastFailureAt: now },
    update: { failures: { increment: 1 }, lastFailureAt: now },
  });
  if (row.failures < FREE_LOGIN_FAILURES) return { failures: row.failures, lockedUntil: null };
  const delay = Math.min(MAX_LOGIN_DELAY_MS, FIRST_LOGIN_DELAY_MS * 2 ** (row.failures - FREE_LOGIN_FAILURES));
  const lockedUntil = new Date(now.getTime() + delay);
  await db.loginThrottle.update({ where: { email }, data: { lockedUntil } });
  return { failures: row.failures, lockedUntil };
}

/** A successful login (or an admin's password reset) starts the count over. */
export async function clearLoginFailures(db: Tx, email: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { email } });
}
