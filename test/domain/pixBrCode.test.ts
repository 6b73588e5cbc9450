import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { hasError, parsePix, PixElementType } from 'pix-utils';
import { getPixPayloadInfo } from '@brazilian-utils/brazilian-utils/get-pix-payload-info';
import { isValidPixPayload } from '@brazilian-utils/brazilian-utils/is-valid-pix-payload';
import { buildPixBrCode, crc16ccitt, hasValidPixCrc, toPixAscii } from '../../src/domain/pixBrCode.js';

const base = {
  key: '11222333000181',
  merchantName: 'Cordial Cobranças Ltda',
  merchantCity: 'São Paulo',
  amountCents: 123456,
  txid: 'AGR123',
};

/** Reads the EMV fields of the top level into a map, independently of the builder. */
function tlv(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < s.length; ) {
    const id = s.slice(i, i + 2);
    const len = Number(s.slice(i + 2, i + 4));
    out.set(id, s.slice(i + 4, i + 4 + len));
    i += 4 + len;
  }
  return out;
}

describe('crc16ccitt', () => {
  it('computes CRC-16/CCITT-FALSE (check value of "123456789" is 29B1)', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
    expect(crc16ccitt('')).toBe('FFFF');
  });

  it('reproduces the CRC of the Banco Central manual example', () => {
    const example =
      '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000' +
      '5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***6304';
    expect(crc16ccitt(example)).toBe('1D3D');
  });
});

describe('buildPixBrCode', () => {
  it('writes the fields in order with the expected values', () => {
    const code = buildPixBrCode(base);
    const f = tlv(code);
    expect([...f.keys()]).toEqual(['00', '26', '52', '53', '54', '58', '59', '60', '62', '63']);
    expect(f.get('00')).toBe('01');
    expect(f.get('26')).toBe('0014br.gov.bcb.pix011411222333000181');
    expect(f.get('52')).toBe('0000');
    expect(f.get('53')).toBe('986');
    expect(f.get('54')).toBe('1234.56');
    expect(f.get('58')).toBe('BR');
    expect(f.get('59')).toBe('Cordial Cobrancas Ltda');
    expect(f.get('60')).toBe('Sao Paulo');
    expect(f.get('62')).toBe('0506AGR123');
    expect(f.get('63')).toBe(crc16ccitt(code.slice(0, -4)));
  });

  it('is read back by pix-utils with the same key, amount, txid and a valid CRC', () => {
    const parsed = parsePix(buildPixBrCode({ ...base, description: 'Acordo 1/6' }));
    if (hasError(parsed)) throw new Error(parsed.message);
    expect(parsed.type).toBe(PixElementType.STATIC);
    if (parsed.type !== PixElementType.STATIC) return;
    expect(parsed.pixKey).toBe('11222333000181');
    expect(parsed.transactionAmount).toBe(1234.56);
    expect(parsed.txid).toBe('AGR123');
    expect(parsed.infoAdicional).toBe('Acordo 1/6');
    expect(parsed.merchantName).toBe('Cordial Cobrancas Ltda');
    expect(parsed.merchantCity).toBe('Sao Paulo');
  });

  it('is read back by @brazilian-utils with the same key, amount and txid', () => {
    const code = buildPixBrCode(base);
    expect(isValidPixPayload(code)).toBe(true);
    expect(getPixPayloadInfo(code)).toMatchObject({ key: '11222333000181', amount: 1234.56, txid: 'AGR123', pointOfInitiation: 'static' });
  });

  it('fails the CRC check of both parsers once tampered with', () => {
    const code = buildPixBrCode(base);
    const tampered = code.replace('1234.56', '1234.50');
    expect(hasValidPixCrc(code)).toBe(true);
    expect(hasValidPixCrc(tampered)).toBe(false);
    const parsed = parsePix(tampered);
    expect(hasError(parsed) && parsed.message).toBe('invalid crc');
    expect(isValidPixPayload(tampered)).toBe(false);
  });

  it('writes "***" when there is no txid', () => {
    const { txid: _omit, ...noTxid } = base;
    const code = buildPixBrCode(noTxid);
    expect(tlv(code).get('62')).toBe('0503***');
    expect(getPixPayloadInfo(code)?.txid).toBeUndefined();
  });

  it('folds accents and cuts name to 25 and city to 15 characters', () => {
    const f = tlv(buildPixBrCode({ ...base, merchantName: 'Companhia Açucareira Paulista de Cobranças', merchantCity: 'São José dos Campos' }));
    expect(f.get('59')).toBe('Companhia Acucareira Paul');
    expect(f.get('60')).toBe('Sao Jose dos Ca');
    expect(toPixAscii('Ação  ÇÃO\tfim ✓')).toBe('Acao CAO fim');
  });

  it('formats amounts from cents with string maths', () => {
    expect(tlv(buildPixBrCode({ ...base, amountCents: 1 })).get('54')).toBe('0.01');
    expect(tlv(buildPixBrCode({ ...base, amountCents: 30 })).get('54')).toBe('0.30');
    expect(tlv(buildPixBrCode({ ...base, amountCents: 100000000 })).get('54')).toBe('1000000.00');
  });

  it('fits a long description into field 26 instead of overflowing it', () => {
    const key = '123e4567-e12b-12d1-a456-426655440000';
    const code = buildPixBrCode({ ...base, key, description: 'x'.repeat(200) });
    expect(tlv(code).get('26')?.length).toBe(99);
    expect(isValidPixPayload(code)).toBe(true);
  });

  it('rejects a bad txid, amount, key, or empty name', () => {
    expect(() => buildPixBrCode({ ...base, txid: 'has-dash' })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...base, txid: 'A'.repeat(26) })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...base, amountCents: 0 })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...base, amountCents: 12.5 })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...base, key: '' })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...base, key: 'k'.repeat(78) })).toThrow(RangeError);
    expect(() => buildPixBrCode({ ...base, merchantName: '✓✓' })).toThrow(RangeError);
  });

  it('round-trips arbitrary amounts, txids and names through pix-utils', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.stringMatching(/^[A-Za-z0-9]{1,25}$/),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => toPixAscii(s) !== ''),
        (amountCents, txid, merchantName) => {
          const code = buildPixBrCode({ ...base, amountCents, txid, merchantName });
          const parsed = parsePix(code);
          if (hasError(parsed)) throw new Error(`${parsed.message}: ${code}`);
          if (parsed.type !== PixElementType.STATIC) throw new Error('not static');
          expect(Math.round((parsed.transactionAmount ?? 0) * 100)).toBe(amountCents);
          expect(parsed.txid).toBe(txid);
          expect(hasValidPixCrc(code)).toBe(true);
        },
      ),
    );
  });
});
