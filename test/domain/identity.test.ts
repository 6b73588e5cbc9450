import { describe, expect, it } from 'vitest';
import {
  IDENTITY_LOCK_MS,
  MAX_IDENTITY_ATTEMPTS,
  NO_ATTEMPTS,
  isLocked,
  lockRemainingMs,
  recordFailure,
  recordSuccess,
  type IdentityAttempts,
} from '../../src/domain/identity.js';

const T0 = new Date('2026-03-31T12:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

function fail(times: number, state: IdentityAttempts = NO_ATTEMPTS, now = T0): IdentityAttempts {
  let s = state;
  for (let i = 0; i < times; i++) s = recordFailure(s, now);
  return s;
}

describe('identity attempts', () => {
  it('allows three attempts and locks for an hour on the third failure', () => {
    expect(MAX_IDENTITY_ATTEMPTS).toBe(3);
    expect(IDENTITY_LOCK_MS).toBe(3_600_000);
    expect(fail(1)).toEqual({ failures: 1 });
    expect(fail(2)).toEqual({ failures: 2 });
    expect(isLocked(fail(2), T0)).toBe(false);
    const locked = fail(3);
    expect(locked).toEqual({ failures: 0, lockedUntil: '2026-03-31T13:00:00.000Z' });
    expect(isLocked(locked, T0)).toBe(true);
  });

  it('unlocks exactly one hour later', () => {
    const locked = fail(3);
    expect(isLocked(locked, at(IDENTITY_LOCK_MS - 1))).toBe(true);
    expect(isLocked(locked, at(IDENTITY_LOCK_MS))).toBe(false);
  });

  it('does not extend the lock when the debtor keeps trying while locked', () => {
    const locked = fail(3);
    expect(recordFailure(locked, at(60_000))).toBe(locked);
  });

  it('gives a fresh set of attempts after the lock expires', () => {
    const after = at(IDENTITY_LOCK_MS + 1);
    const s = recordFailure(fail(3), after);
    expect(s).toEqual({ failures: 1 });
    expect(isLocked(fail(2, s, after), after)).toBe(true);
  });

  it('tells how long the lock still lasts', () => {
    expect(lockRemainingMs(fail(3), at(600_000))).toBe(IDENTITY_LOCK_MS - 600_000);
    expect(lockRemainingMs(fail(2), T0)).toBe(0);
  });

  it('fails closed on an unreadable lock timestamp', () => {
    expect(isLocked({ failures: 0, lockedUntil: 'garbage' }, T0)).toBe(true);
  });

  it('clears failures on success', () => {
    expect(recordSuccess()).toEqual({ failures: 0 });
  });
});
