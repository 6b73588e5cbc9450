import { describe, expect, it } from 'vitest';
import { noonIn, parsePaidAt, parsePaymentsCsv } from '../../src/domain/paymentsCsv.js';

const SP = 'America/Sao_Paulo';
const parse = (text: string) => parsePaymentsCsv(text, { timeZone: SP });

describe('parsePaymentsCsv', () => {
  it('reads payments with either amount style, instants and bare dates, with and without end_to_end_id', () => {
    const r = parse(
      '\uFEFFtxid,amount,paid_at,end_to_end_id\r\n' +
        'A1P1,4195.84,2026-12-05T13:00:00Z,E00000000202612051300aaaaaaaaaaa\r\n' +
        'A1P2,"4.195,84",2026-12-06,\r\n' +
        'A1P3,R$ 10,05/12/2026,\n' +
        '\n,,,\n',
    );
    expect(r).toEqual({
      ok: true,
      payments: [
        { line: 2, txid: 'A1P1', amountCents: 419_584, paidAt: '2026-12-05T13:00:00.000Z', endToEndId: 'E00000000202612051300aaaaaaaaaaa' },
        // A date without time: noon in São Paulo (UTC−3).
        { line: 3, txid: 'A1P2', amountCents: 419_584, paidAt: '2026-12-06T15:00:00.000Z', endToEndId: null },
        { line: 4, txid: 'A1P3', amountCents: 1_000, paidAt: '2026-12-05T15:00:00.000Z', endToEndId: null },
      ],
    });
  });

  it('takes ";" (Brazilian Excel) and ignores extra columns', () => {
    const r = parse('Data;txid;amount;paid_at;Histórico\n05/12;A1P1;4.195,84;2026-12-05T10:00:00-03:00;PIX recebido\n');
    expect(r).toEqual({ ok: true, payments: [{ line: 2, txid: 'A1P1', amountCents: 419_584, paidAt: '2026-12-05T13:00:00.000Z', endToEndId: null }] });
  });

  it('one bad line rejects the file, with every error and its line number', () => {
    const r = parse(
      'txid,amount,paid_at,end_to_end_id\n' +
        'A1P1,100.00,2026-12-05T13:00:00Z,E1\n' +
        'A1P2,-5.00,2026-12-05,\n' +
        'A1P3,0,2026-02-30,\n' +
        ',abc,2026-12-05T13:00:00,E-1\n' +
        'A B,1.00,,\n',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { line: 3, field: 'amount', message: 'must be greater than zero' },
      { line: 4, field: 'amount', message: 'must be greater than zero' },
      { line: 4, field: 'paid_at', message: expect.stringContaining('expected an instant') },
      { line: 5, field: 'txid', message: 'required' },
      { line: 5, field: 'amount', message: 'expected 4195.84 or 4.195,84' },
      // An instant without offset does not say when.
      { line: 5, field: 'paid_at', message: expect.stringContaining('with its offset') },
      { line: 5, field: 'end_to_end_id', message: expect.stringContaining('letters and digits') },
      { line: 6, field: 'txid', message: 'expected 1 to 35 characters without spaces' },
      { line: 6, field: 'paid_at', message: 'required' },
    ]);
  });

  it('refuses an empty file, a file without data rows, missing columns, a control character and an unclosed quote', () => {
    expect(parse('')).toEqual({ ok: false, errors: [{ line: 1, field: 'file', message: 'file is empty' }] });
    expect(parse('txid,amount,paid_at\n')).toEqual({ ok: false, errors: [{ line: 1, field: 'file', message: 'no data rows after the header' }] });
    expect(parse('txid,valor\nA,1\n')).toEqual({
      ok: false,
      errors: [
        { line: 1, field: 'amount', message: 'missing required column' },
        { line: 1, field: 'paid_at', message: 'missing required column' },
      ],
    });
    const nul = parse('txid,amount,paid_at\nA\u0000,1.00,2026-12-05\n');
    expect(nul).toMatchObject({ ok: false, errors: [{ line: 2, field: 'txid', message: expect.stringContaining('NUL') }] });
    expect(parse('txid,amount,paid_at\n"A1,1.00,2026-12-05\n')).toMatchObject({ ok: false, errors: [{ field: 'file', message: 'unclosed quote' }] });
  });
});

describe('paid_at', () => {
  it('a bare date is noon on the creditor’s wall clock', () => {
    expect(noonIn('2026-12-05', SP)).toBe('2026-12-05T15:00:00.000Z');
    expect(noonIn('2026-12-05', 'America/Manaus')).toBe('2026-12-05T16:00:00.000Z');
    expect(noonIn('2026-07-01', 'Europe/Lisbon')).toBe('2026-07-01T11:00:00.000Z');
  });

  it('an instant keeps its offset; impossible dates are refused', () => {
    expect(parsePaidAt('2026-12-05T10:00-03:00', SP)).toBe('2026-12-05T13:00:00.000Z');
    expect(parsePaidAt('2026-02-30T10:00:00Z', SP)).toBeNull();
    expect(parsePaidAt('31/02/2026', SP)).toBeNull();
    expect(parsePaidAt('ontem', SP)).toBeNull();
  });
});
