import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRfc3339 } from '../../src/domain/rfc3339.js';

const iso = (s: string) => parseRfc3339(s)?.toISOString() ?? null;

describe('parseRfc3339', () => {
  it.each([
    ['2026-12-05T13:00:00.000Z', '2026-12-05T13:00:00.000Z'],
    ['2026-12-05T13:00:00Z', '2026-12-05T13:00:00.000Z'],
    ['2026-12-05t13:00:00z', '2026-12-05T13:00:00.000Z'],
    ['2026-12-05T10:00:00-03:00', '2026-12-05T13:00:00.000Z'],
    ['2026-12-05T00:30:00+05:30', '2026-12-04T19:00:00.000Z'],
    ['2020-09-09T20:15:00.358Z', '2020-09-09T20:15:00.358Z'],
    ['2026-12-31T23:59:59.999999999Z', '2026-12-31T23:59:59.999Z'], // truncated, not rounded into 2027
    ['2026-12-05T13:00:00.1Z', '2026-12-05T13:00:00.100Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['0099-01-01T00:00:00Z', '0099-01-01T00:00:00.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it.each([
    '2026-12-05T13:00:00', // no offset: ambiguous
    '2026-12-05 13:00:00Z',
    '2026-02-30T10:00:00Z',
    '2027-02-29T10:00:00Z',
    '2026-12-05T24:00:00Z',
    '2026-12-05T13:60:00Z',
    '2026-12-31T23:59:60Z',
    '2026-12-05T13:00:00+24:00',
    '2026-12-05T13:00:00+03',
    '2026-12-05T13:00:00.Z',
    '2026-12-05',
    '1733403600000',
    ' 2026-12-05T13:00:00Z',
    '',
  ])('refuses %j', (input) => {
    expect(parseRfc3339(input)).toBeNull();
  });

  it('reads back any instant written by toISOString, and the same instant with any offset (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (d, offset) => {
          expect(parseRfc3339(d.toISOString())?.getTime()).toBe(d.getTime());
          const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(offset);
          const suffix = `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(parseRfc3339(local + suffix)?.getTime()).toBe(d.getTime());
        },
      ),
    );
  });
});
