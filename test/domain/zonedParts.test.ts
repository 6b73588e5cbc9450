import { describe, expect, it } from 'vitest';
import { zonedParts } from '../../src/domain/zonedParts.js';

describe('zonedParts', () => {
  it('reads the wall clock of each zone, midnight as hour 0', () => {
    const at = new Date('2026-12-02T02:59:30Z');
    expect(zonedParts(at, 'America/Sao_Paulo')).toEqual({ year: 2026, month: 12, day: 1, hour: 23, minute: 59, second: 30 });
    expect(zonedParts(at, 'UTC')).toEqual({ year: 2026, month: 12, day: 2, hour: 2, minute: 59, second: 30 });
    expect(zonedParts(new Date('2026-12-02T03:00:00Z'), 'America/Sao_Paulo')).toMatchObject({ day: 2, hour: 0, minute: 0 });
    // Manaus (UTC−4) and the same zone read again: the kept formatter gives the same answers.
    expect(zonedParts(at, 'America/Manaus')).toMatchObject({ day: 1, hour: 22 });
    expect(zonedParts(at, 'America/Sao_Paulo')).toMatchObject({ day: 1, hour: 23 });
  });

  it('rejects a zone Intl does not know, every time (nothing kept for it)', () => {
    expect(() => zonedParts(new Date(), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => zonedParts(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});
