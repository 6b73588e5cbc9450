import { describe, expect, it } from 'vitest';
import { isWithinWindows, nextAllowedTime } from '../../src/domain/quietHours.js';

const SP = 'America/Sao_Paulo'; // UTC−3, no DST since 2019
const at = (iso: string) => new Date(iso);

describe('quiet hours (São Paulo preset)', () => {
  it('allows weekdays 8h–20h and Saturdays 8h–14h local time, never Sundays', () => {
    expect(isWithinWindows(at('2026-11-23T11:00:00Z'), SP)).toBe(true); // Mon 08:00
    expect(isWithinWindows(at('2026-11-23T10:59:00Z'), SP)).toBe(false); // Mon 07:59
    expect(isWithinWindows(at('2026-11-23T22:59:00Z'), SP)).toBe(true); // Mon 19:59
    expect(isWithinWindows(at('2026-11-23T23:00:00Z'), SP)).toBe(false); // Mon 20:00
    expect(isWithinWindows(at('2026-11-28T16:59:00Z'), SP)).toBe(true); // Sat 13:59
    expect(isWithinWindows(at('2026-11-28T17:00:00Z'), SP)).toBe(false); // Sat 14:00
    expect(isWithinWindows(at('2026-11-29T15:00:00Z'), SP)).toBe(false); // Sun 12:00
  });

  it('defers to the next window opening', () => {
    expect(nextAllowedTime(at('2026-11-23T23:30:00Z'), SP).toISOString()).toBe('2026-11-24T11:00:00.000Z'); // Mon 20:30 -> Tue 08:00
    expect(nextAllowedTime(at('2026-11-28T17:05:00Z'), SP).toISOString()).toBe('2026-11-30T11:00:00.000Z'); // Sat 14:05 -> Mon 08:00
    expect(nextAllowedTime(at('2026-11-23T12:34:56Z'), SP).toISOString()).toBe('2026-11-23T12:34:56.000Z'); // inside: now
  });

  it('uses the debtor’s time zone', () => {
    // 11:30 UTC is 08:30 in São Paulo but 06:30 in Manaus (UTC−4 is 07:30): outside there.
    expect(isWithinWindows(at('2026-11-23T11:30:00Z'), 'America/Manaus')).toBe(false);
    expect(isWithinWindows(at('2026-11-23T11:30:00Z'), SP)).toBe(true);
  });
});
