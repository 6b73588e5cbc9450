import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  compareDates,
  diffDays,
  formatDate,
  isValidIsoDate,
  parseDateInput,
  todayIn,
} from '../../src/domain/dates.js';

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('todayIn', () => {
  it('uses the debtor time zone, not UTC', () => {
    // 02:30 UTC on 1 April is still 31 March in São Paulo (UTC−3).
    const now = new Date('2026-04-01T02:30:00Z');
    expect(todayIn('America/Sao_Paulo', now)).toBe('2026-03-31');
    expect(todayIn('UTC', now)).toBe('2026-04-01');
    expect(todayIn('Asia/Tokyo', new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
  });

  it('rejects an unknown time zone', () => {
    expect(() => todayIn('Mars/Olympus', new Date())).toThrow(RangeError);
  });
});

describe('addDays / diffDays', () => {
  it('crosses month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('is not disturbed by DST changes in any time zone', () => {
    // Brazil had DST until 2019; the US switches in March.
    expect(addDays('2018-11-03', 1)).toBe('2018-11-04');
    expect(diffDays('2026-03-07', '2026-03-09')).toBe(2);
  });

  it('diffDays is b − a', () => {
    expect(diffDays('2026-03-01', '2026-03-31')).toBe(30);
    expect(diffDays('2026-03-31', '2026-03-01')).toBe(-30);
    expect(diffDays('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('diffDays inverts addDays', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(diffDays(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe('addMonths', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });

  it('crosses years both ways', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-05-10', 120)).toBe('2036-05-10');
  });

  it('always lands in the right month and never after the same day-of-month', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -240, max: 240 }), (d, n) => {
        const r = addMonths(d, n);
        expect(isValidIsoDate(r)).toBe(true);
        const months = (s: string): number => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
        expect(months(r) - months(d)).toBe(n);
        expect(Number(r.slice(8))).toBeLessThanOrEqual(Number(d.slice(8)));
      }),
    );
  });
});

describe('parseDateInput', () => {
  it.each([
    ['2026-03-31', '2026-03-31'],
    ['31/03/2026', '2026-03-31'],
    [' 1/3/2026 ', '2026-03-01'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %j as %s', (input, iso) => {
    expect(parseDateInput(input)).toBe(iso);
  });

  it.each(['31/02/2026', '2026-02-30', '29/02/2026', '2026-13-01', '00/01/2026', '2026-3-31', '31-03-2026', '03/31', 'amanhã', ''])(
    'rejects %j',
    (input) => {
      expect(parseDateInput(input)).toBeNull();
    },
  );
});

describe('formatDate', () => {
  it('writes pt-BR day first and en month first', () => {
    expect(formatDate('2026-03-31', 'pt-BR')).toBe('31/03/2026');
    expect(formatDate('2026-03-31', 'en')).toBe('03/31/2026');
  });

  it('round-trips with parseDateInput for pt-BR', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        expect(parseDateInput(formatDate(d, 'pt-BR'))).toBe(d);
      }),
    );
  });

  it('refuses an impossible date', () => {
    expect(() => formatDate('2026-02-30', 'en')).toThrow(RangeError);
  });
});

describe('isValidIsoDate / compareDates', () => {
  it('validates real calendar dates only', () => {
    expect(isValidIsoDate('2026-02-28')).toBe(true);
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2026-03-31T00:00:00Z')).toBe(false);
  });

  it('orders dates', () => {
    expect(compareDates('2026-03-01', '2026-03-02')).toBe(-1);
    expect(compareDates('2026-03-02', '2026-03-02')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
  });
});
