// Identity check throttling (web chat and the CNPJ + invoice fallback on other channels).
//
// A stranger who knows a company's (public) CNPJ must not be able to enumerate invoice numbers to
// see its debts. Failures are counted per CNPJ and per client address, in the database, across
// sessions and processes; these pure rules decide what one more failure does to a counter.

/** The contract: three failed attempts on a CNPJ lock it for an hour. */
export const MAX_IDENTITY_ATTEMPTS = 3;
export const IDENTITY_LOCK_MS = 3_600_000;

/**
 * A client address (an IP on the web chat, a chat id elsewhere) may try several CNPJs — an office
 * behind one address holds many people — but not hundreds: spraying two guesses over each of many
 * CNPJs is stopped here.
 */
export const MAX_ADDRESS_ATTEMPTS = 10;

/** Repeated lockouts double the lock (1 h, 2 h, 4 h …) up to this. */
export const MAX_LOCK_MS = 24 * IDENTITY_LOCK_MS;

/**
 * Failures and lockouts older than this (counted from the last failure) are forgotten: a debtor who
 * mistyped once last month starts with a full set of attempts, while an attacker who keeps trying
 * keeps the back-off growing.
 */
export const FAILURE_MEMORY_MS = 24 * IDENTITY_LOCK_MS;

export type ThrottleKind = 'cnpj' | 'address';

export interface ThrottleLimits {
  maxFailures: number;
  baseLockMs: number;
}

export const LIMITS: Record<ThrottleKind, ThrottleLimits> = {
  cnpj: { maxFailures: MAX_IDENTITY_ATTEMPTS, baseLockMs: IDENTITY_LOCK_MS },
  address: { maxFailures: MAX_ADDRESS_ATTEMPTS, baseLockMs: IDENTITY_LOCK_MS },
};

/** One counter (a CNPJ's or an address's), as stored. */
export interface ThrottleState {
  /** Failures since the last lock (or success). */
  failures: number;
  /** Locks so far in this streak: the next lock lasts baseLockMs × 2^lockouts. */
  lockouts: number;
  lockedUntil: Date | null;
  lastFailureAt: Date | null;
}

export const FRESH: ThrottleState = Object.freeze({ failures: 0, lockouts: 0, lockedUntil: null, lastFailureAt: null });

export function isLocked(s: ThrottleState, now: Date): boolean {
  return s.lockedUntil !== null && now.getTime() < s.lockedUntil.getTime();
}

/** How long the n-th lock of a streak lasts (n from 0): doubling from the base, capped. */
export function lockDurationMs(lockouts: number, limits: ThrottleLimits): number {
  return Math.min(limits.baseLockMs * 2 ** Math.min(lockouts, 20), MAX_LOCK_MS);
}

/** The counter as it stands now: a long quiet spell forgets failures and lockouts. */
export function current(s: ThrottleState, now: Date): ThrottleState {
  if (isLocked(s, now)) return s;
  if (s.lastFailureAt && now.getTime() - s.lastFailureAt.getTime() > FAILURE_MEMORY_MS) return { ...FRESH };
  return s;
}

/** Attempts left before this counter locks (0 while locked). */
export function attemptsLeft(s: ThrottleState, now: Date, limits: ThrottleLimits): number {
  if (isLocked(s, now)) return 0;
  return Math.max(0, limits.maxFailures - current(s, now).failures);
}

/**
 * One more failed attempt. The maxFailures-th failure locks for lockDurationMs(lockouts) and
 * starts a fresh count for after the lock. A failure while locked changes nothing (callers do not
 * evaluate attempts while locked, and a debtor retrying early must not extend the lock).
 */
export function recordFailure(s: ThrottleState, now: Date, limits: ThrottleLimits): { state: ThrottleState; lockedNow: boolean } {
  if (isLocked(s, now)) return { state: s, lockedNow: false };
  const c = current(s, now);
  const failures = c.failures + 1;
  if (failures < limits.maxFailures) return { state: { ...c, failures, lastFailureAt: now }, lockedNow: false };
  const until = new Date(now.getTime() + lockDurationMs(c.lockouts, limits));
  return { state: { failures: 0, lockouts: c.lockouts + 1, lockedUntil: until, lastFailureAt: now }, lockedNow: true };
}

// "11.***.***/****-61": enough for a person to recognise a CNPJ in the audit trail, not to read it.
export function maskCnpj(cnpj: string): string {
  const c = cnpj.replace(/[.\/\-\s]/g, '').toUpperCase();
  if (c.length !== 14) return '*'.repeat(Math.min(c.length, 14));
  return `${c.slice(0, 2)}.***.***/****-${c.slice(12)}`;
}

// "203.0.113.*", "2001:db8:85a3:8d3:*", "telegram:12…89": an address recognisable, not readable.
export function maskAddress(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$/i.exec(address);
  if (v4) return `${v4[1]}.*`;
  if (/^[0-9a-f:]+$/i.test(address) && address.includes(':')) return `${address.split(':').slice(0, 4).join(':')}:*`;
  const sep = address.indexOf(':');
  const [prefix, rest] = sep > 0 ? [address.slice(0, sep + 1), address.slice(sep + 1)] : ['', address];
  return rest.length <= 4 ? `${prefix}${'*'.repeat(rest.length)}` : `${prefix}${rest.slice(0, 2)}…${rest.slice(-2)}`;
}
