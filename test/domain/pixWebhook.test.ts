import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PAYER_INFO_MAX, parsePixWebhook, pixAmountToCents } from '../../src/domain/pixWebhook.js';

const E2E = 'E1234567820200909122120200808008'; // the BCB openapi.yaml example
const item = (over: Record<string, unknown> = {}) => ({
  endToEndId: E2E,
  txid: 'A1P1',
  valor: '4195.84',
  horario: '2026-12-05T13:00:00.000Z',
  infoPagador: 'Parcela 1',
  ...over,
});
const errorsOf = (body: unknown) => {
  const r = parsePixWebhook(body);
  return r.ok ? [] : r.errors;
};

describe('pixAmountToCents', () => {
  it.each([
    ['4195.84', 419_584],
    ['0.01', 1],
    ['0.00', 0],
    ['0004.10', 410],
    ['9999999999.99', 999_999_999_999],
  ])('%s -> %i', (valor, cents) => {
    expect(pixAmountToCents(valor)).toBe(cents);
  });

  it.each(['4195.8', '4195', '4195,84', '-1.00', '+1.00', '1e3.00', '12345678901.00', ' 1.00', '1.00 ', '.50', ''])('refuses %j', (valor) => {
    expect(pixAmountToCents(valor)).toBeNull();
  });

  it('equals the digits read as an integer, for every well-formed value (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999n }), (cents) => {
        const valor = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
        expect(pixAmountToCents(valor)).toBe(Number(cents));
      }),
    );
  });
});

describe('parsePixWebhook', () => {
  it('reads the BCB body into payments in cents', () => {
    expect(parsePixWebhook({ pix: [item()] })).toEqual({
      ok: true,
      payments: [{ endToEndId: E2E, txid: 'A1P1', amountCents: 419_584, paidAt: new Date('2026-12-05T13:00:00.000Z'), payerInfo: 'Parcela 1' }],
    });
  });

  it('keeps a Pix without txid (unmatched, never dropped) and without infoPagador', () => {
    const r = parsePixWebhook({ pix: [item({ txid: undefined, infoPagador: undefined }), item({ endToEndId: `E${'9'.repeat(31)}`, txid: null })] });
    expect(r).toMatchObject({ ok: true, payments: [{ txid: null }, { txid: null }] });
    if (r.ok) expect('payerInfo' in r.payments[0]!).toBe(false);
  });

  it('reads an offset horario as the same instant', () => {
    const r = parsePixWebhook({ pix: [item({ horario: '2026-12-05T10:00:00-03:00' })] });
    expect(r.ok && r.payments[0]!.paidAt.toISOString()).toBe('2026-12-05T13:00:00.000Z');
  });

  it('ignores the other fields PSPs send (chave, componentesValor, devolucoes, extras)', () => {
    const body = {
      pix: [item({ chave: 'cobranca@example.com', componentesValor: { original: { valor: '4195.84' } }, devolucoes: [], gnExtras: { pagador: {} } })],
      extra: true,
    };
    expect(parsePixWebhook(body)).toMatchObject({ ok: true, payments: [{ amountCents: 419_584 }] });
  });

  it('accepts an empty notification', () => {
    expect(parsePixWebhook({ pix: [] })).toEqual({ ok: true, payments: [] });
  });

  it('cuts an over-long payer note instead of refusing the payment', () => {
    const r = parsePixWebhook({ pix: [item({ infoPagador: 'ã'.repeat(200) })] });
    expect(r.ok && r.payments[0]!.payerInfo).toBe('ã'.repeat(PAYER_INFO_MAX));
  });

  it('collapses an exact repeat of an endToEndId and refuses a conflicting one', () => {
    expect(parsePixWebhook({ pix: [item(), item()] })).toMatchObject({ ok: true, payments: [{ endToEndId: E2E }] });
    expect(errorsOf({ pix: [item(), item({ endToEndId: `E${'1'.repeat(31)}` }), item({ valor: '1.00' })] })).toEqual([
      { field: 'pix.2.endToEndId', message: 'repeats pix.0 with a different txid, valor or horario' },
    ]);
  });

  it.each([
    [null, '', 'must be a JSON object like {"pix":[…]}'],
    ['{"pix":[]}', '', 'must be a JSON object like {"pix":[…]}'],
    [{}, 'pix', 'required'],
    [{ pix: {} }, 'pix', 'must be a list'],
    [{ pix: [42] }, 'pix.0', 'must be an object'],
  ])('refuses the body %j: %s %s', (body, field, message) => {
    expect(errorsOf(body)).toEqual([{ field, message }]);
  });

  it.each([
    [{ endToEndId: undefined }, 'endToEndId', 'required'],
    [{ endToEndId: 'D1234567820200909122120200808008' }, 'endToEndId', 'must be 32 letters and digits starting with E'],
    [{ endToEndId: 'E123' }, 'endToEndId', 'must be 32 letters and digits starting with E'],
    [{ endToEndId: 42 }, 'endToEndId', 'must be a string'],
    [{ txid: 'A1-P1' }, 'txid', 'must be 1 to 35 letters and digits'],
    [{ txid: 'x'.repeat(36) }, 'txid', 'must be 1 to 35 letters and digits'],
    [{ txid: '' }, 'txid', 'must be 1 to 35 letters and digits'],
    [{ valor: undefined }, 'valor', 'required'],
    [{ valor: 4195.84 }, 'valor', 'must be a string like "4195.84"'],
    [{ valor: '4195,84' }, 'valor', 'must be an amount with 2 decimals like "4195.84"'],
    [{ valor: '4195.8' }, 'valor', 'must be an amount with 2 decimals like "4195.84"'],
    [{ valor: '0.00' }, 'valor', 'must be greater than 0.00'],
    [{ valor: '-10.00' }, 'valor', 'must be greater than 0.00'],
    [{ horario: '2026-12-05T13:00:00' }, 'horario', 'must be an RFC 3339 date-time with an offset, like "2026-12-05T13:00:00.000Z"'],
    [{ horario: '2026-02-30T13:00:00Z' }, 'horario', 'must be an RFC 3339 date-time with an offset, like "2026-12-05T13:00:00.000Z"'],
    [{ infoPagador: 7 }, 'infoPagador', 'must be a string'],
  ])('refuses an item with %j at pix.1.%s', (over, field, message) => {
    const other = item({ endToEndId: `E${'2'.repeat(31)}` });
    expect(errorsOf({ pix: [other, item(over)] })).toEqual([{ field: `pix.1.${field}`, message }]);
  });

  it('reports every bad field of every item at once, and records nothing', () => {
    const r = parsePixWebhook({ pix: [item({ valor: '0.00' }), item({ endToEndId: 'x', horario: 'today' })] });
    expect(r).toEqual({
      ok: false,
      errors: [
        { field: 'pix.0.valor', message: 'must be greater than 0.00' },
        { field: 'pix.1.endToEndId', message: 'must be 32 letters and digits starting with E' },
        { field: 'pix.1.horario', message: 'must be an RFC 3339 date-time with an offset, like "2026-12-05T13:00:00.000Z"' },
      ],
    });
  });

  it('round-trips any well-formed notification (property)', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''));
    const arbItem = fc.record({
      endToEndId: fc.array(alnum, { minLength: 31, maxLength: 31 }).map((cs) => `E${cs.join('')}`),
      txid: fc.option(fc.array(alnum, { minLength: 1, maxLength: 35 }).map((cs) => cs.join('')), { nil: null }),
      cents: fc.bigInt({ min: 1n, max: 999_999_999_999n }),
      paidAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbItem, { selector: (i) => i.endToEndId, maxLength: 5 }), (items) => {
        const body = {
          pix: items.map((i) => ({
            endToEndId: i.endToEndId,
            txid: i.txid,
            valor: `${i.cents / 100n}.${String(i.cents % 100n).padStart(2, '0')}`,
            horario: i.paidAt.toISOString(),
          })),
        };
        expect(parsePixWebhook(JSON.parse(JSON.stringify(body)))).toEqual({
          ok: true,
          payments: items.map((i) => ({ endToEndId: i.endToEndId, txid: i.txid, amountCents: Number(i.cents), paidAt: i.paidAt })),
        });
      }),
    );
  });
});
