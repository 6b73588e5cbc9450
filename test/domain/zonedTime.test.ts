import { describe, expect, it } from 'vitest';
import { periodInstants, wallClockOf } from '../../src/domain/zonedTime.js';

describe('zonedTime', () => {
  it('covers whole calendar days of the time zone, both ends included', () => {
    const p = periodInstants('2026-11-01', '2026-11-30', 'America/Sao_Paulo');
    expect(p.start.toISOString()).toBe('2026-11-01T03:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-12-01T03:00:00.000Z');
    expect(periodInstants('2026-12-01', '2026-12-01', 'America/Manaus').start.toISOString()).toBe('2026-12-01T04:00:00.000Z');
    // São Paulo still had summer time in 2018: the day after it began started at 00:00 −02:00.
    expect(periodInstants('2018-11-05', '2018-11-05', 'America/Sao_Paulo').start.toISOString()).toBe('2018-11-05T02:00:00.000Z');
  });

  it('reads the wall clock of an instant', () => {
    expect(wallClockOf(new Date('2026-12-01T02:30:00Z'), 'America/Sao_Paulo')).toEqual({ date: '2026-11-30', time: '23:30' });
    expect(wallClockOf(new Date('2026-12-01T03:00:00Z'), 'America/Sao_Paulo')).toEqual({ date: '2026-12-01', time: '00:00' });
    expect(wallClockOf(new Date('2026-12-01T00:05:59.999Z'), 'UTC')).toEqual({ date: '2026-12-01', time: '00:05' });
  });
});
