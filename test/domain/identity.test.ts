import { describe, expect, it } from 'vitest';
import {
  FAILURE_MEMORY_MS,
  FRESH,
  IDENTITY_LOCK_MS,
  LIMITS,
  MAX_IDENTITY_ATTEMPTS,
  MAX_LOCK_MS,
  attemptsLeft,
  isLocked,
  lockDurationMs,
  maskAddress,
  maskCnpj,
  recordFailure,
  type ThrottleState,
} from '../../src/domain/identity.js';

const T0 = new Date('2026-03-31T12:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function fail(times: number, state: ThrottleState = FRESH, now = T0): ThrottleState {
  let s = state;
  for (let i = 0; i < times; i++) s = recordFailure(s, now, LIMITS.cnpj).state;
  return s;
}

describe('identity attempts per CNPJ', () => {
  it('allows three attempts and locks for an hour on the third failure', () => {
    expect(MAX_IDENTITY_ATTEMPTS).toBe(3);
    expect(IDENTITY_LOCK_MS).toBe(3_600_000);
    expect(fail(1).failures).toBe(1);
    expect(attemptsLeft(fail(2), T0, LIMITS.cnpj)).toBe(1);
    expect(isLocked(fail(2), T0)).toBe(false);
    const third = recordFailure(fail(2), T0, LIMITS.cnpj);
    expect(third.lockedNow).toBe(true);
    expect(third.state).toEqual({ failures: 0, lockouts: 1, lockedUntil: new Date('2026-03-31T13:00:00.000Z'), lastFailureAt: T0 });
    expect(attemptsLeft(third.state, T0, LIMITS.cnpj)).toBe(0);
  });

  it('unlocks exactly one hour later', () => {
    const locked = fail(3);
    expect(isLocked(locked, at(IDENTITY_LOCK_MS - 1))).toBe(true);
    expect(isLocked(locked, at(IDENTITY_LOCK_MS))).toBe(false);
    expect(attemptsLeft(locked, at(IDENTITY_LOCK_MS), LIMITS.cnpj)).toBe(3);
  });

  it('does not extend the lock when the debtor keeps trying while locked', () => {
    const locked = fail(3);
    const again = recordFailure(locked, at(60_000), LIMITS.cnpj);
    expect(again).toEqual({ state: locked, lockedNow: false });
  });

  it('doubles the lock for each lockout in a row, up to a day', () => {
    let s: ThrottleState = FRESH;
    let now = T0;
    const durations: number[] = [];
    for (let i = 0; i < 7; i++) {
      s = fail(3, s, now);
      durations.push(s.lockedUntil!.getTime() - now.getTime());
      now = s.lockedUntil!;
    }
    const h = IDENTITY_LOCK_MS;
    expect(durations).toEqual([h, 2 * h, 4 * h, 8 * h, 16 * h, 24 * h, 24 * h]);
    expect(lockDurationMs(50, LIMITS.cnpj)).toBe(MAX_LOCK_MS);
  });

  it('forgets failures and lockouts after a quiet day', () => {
    const once = fail(3);
    const twice = fail(3, once, once.lockedUntil!);
    expect(twice.lockouts).toBe(2);
    const later = new Date(twice.lastFailureAt!.getTime() + FAILURE_MEMORY_MS + 1);
    expect(attemptsLeft(fail(2), later, LIMITS.cnpj)).toBe(3);
    const next = fail(3, twice, later);
    expect(next.lockedUntil!.getTime() - later.getTime()).toBe(IDENTITY_LOCK_MS);
  });

  it('gives a client address more attempts than a CNPJ, then locks it the same way', () => {
    let s: ThrottleState = FRESH;
    for (let i = 0; i < LIMITS.address.maxFailures - 1; i++) s = recordFailure(s, T0, LIMITS.address).state;
    expect(isLocked(s, T0)).toBe(false);
    expect(recordFailure(s, T0, LIMITS.address).lockedNow).toBe(true);
    expect(LIMITS.address.maxFailures).toBeGreaterThan(LIMITS.cnpj.maxFailures);
  });
});

describe('masks for the audit trail', () => {
  it('masks a CNPJ whatever its format', () => {
    expect(maskCnpj('11.444.777/0001-61')).toBe('11.***.***/****-61');
    expect(maskCnpj('11444777000161')).toBe('11.***.***/****-61');
    expect(maskCnpj('12ABC34501DE35')).toBe('12.***.***/****-35');
  });

  it('masks addresses', () => {
    expect(maskAddress('203.0.113.77')).toBe('203.0.113.*');
    expect(maskAddress('::ffff:10.1.2.3')).toBe('10.1.2.*');
    expect(maskAddress('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:8d3:*');
    expect(maskAddress('telegram:123456789')).toBe('telegram:12…89');
    expect(maskAddress('telegram:123')).toBe('telegram:***');
  });
});
