import { isValidCnpj as referenceIsValidCnpj } from '@brazilian-utils/brazilian-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnpjCheckDigits, isValidCnpj } from '../../../src/domain/cnpj.js';
import { findCnpj } from '../../../src/engine/understanding/cnpj.js';

describe('cnpj check digits', () => {
  it('validates the classic numeric examples', () => {
    expect(isValidCnpj('12345678000195')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj('12345678000196')).toBe(false);
    expect(isValidCnpj('00000000000000')).toBe(false);
    expect(isValidCnpj('11111111111111')).toBe(false);
  });

  it('validates the 2026 alphanumeric format (character value = ASCII - 48)', () => {
    expect(cnpjCheckDigits('12ABC34501DE')).toBe('35');
    expect(isValidCnpj('12ABC34501DE35')).toBe(true);
    expect(isValidCnpj('12ABC34501DE36')).toBe(false);
  });

  it('agrees with @brazilian-utils on random bases (numeric and alphanumeric)', () => {
    const char = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split(''));
    fc.assert(
      fc.property(fc.array(char, { minLength: 12, maxLength: 12 }), fc.integer({ min: 0, max: 99 }), (base, dv) => {
        const b = base.join('');
        const valid = b + cnpjCheckDigits(b);
        const other = b + String(dv).padStart(2, '0');
        if (/^(\d)\1{11}$/.test(b)) return; // reserved numbers: both reject, not interesting
        expect(isValidCnpj(valid)).toBe(referenceIsValidCnpj(valid, { version: 2 }));
        expect(isValidCnpj(other)).toBe(referenceIsValidCnpj(other, { version: 2 }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('findCnpj', () => {
  it('finds formatted, partially formatted and bare CNPJs', () => {
    expect(findCnpj('cnpj 12.345.678/0001-95').cnpj).toBe('12345678000195');
    expect(findCnpj('12345678/0001-95').cnpj).toBe('12345678000195');
    expect(findCnpj('12345678000195').cnpj).toBe('12345678000195');
    expect(findCnpj('o nosso e 12.abc.345/01de-35 ok').cnpj).toBe('12ABC34501DE35');
  });

  it('flags CNPJ-shaped text with wrong check digits', () => {
    expect(findCnpj('12.345.678/0001-00')).toEqual({ invalid: true, spans: [[0, 18]] });
    expect(findCnpj('12345678000100').invalid).toBe(true);
  });

  it('prefers a valid CNPJ over an invalid one in the same message', () => {
    const r = findCnpj('errei: 12.345.678/0001-00, o certo e 12.345.678/0001-95');
    expect(r.cnpj).toBe('12345678000195');
    expect(r.invalid).toBeUndefined();
    expect(r.spans).toHaveLength(2);
  });

  it('flags a mistyped CNPJ (wrong length) only when the debtor says "cnpj"', () => {
    expect(findCnpj('meu cnpj e 1234567800019').invalid).toBe(true);
    expect(findCnpj('meu protocolo e 1234567800019').invalid).toBeUndefined();
  });

  it('does not read words, longer numbers or bare invalid alphanumerics as a CNPJ', () => {
    expect(findCnpj('parcelamento12').spans).toEqual([]);
    expect(findCnpj('123456780001951').spans).toEqual([]); // 15 digits
    expect(findCnpj('ab12cd34ef5699').spans).toEqual([]);
  });
});
