import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidCnpj as referenceIsValid } from '@brazilian-utils/brazilian-utils/is-valid-cnpj';
import { generateCnpj } from '@brazilian-utils/brazilian-utils/generate-cnpj';
import { cnpjCheckDigits, cnpjProblem, formatCnpj, isValidCnpj, normalizeCnpj } from '../../src/domain/cnpj.js';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const base12 = fc.array(fc.constantFrom(...ALNUM), { minLength: 12, maxLength: 12 }).map((a) => a.join(''));
const numericBase12 = fc.array(fc.constantFrom(...'0123456789'), { minLength: 12, maxLength: 12 }).map((a) => a.join(''));

describe('cnpj', () => {
  it('accepts the Receita Federal alphanumeric example 12.ABC.345/01DE-35', () => {
    expect(cnpjCheckDigits('12ABC34501DE')).toBe('35');
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true);
    expect(isValidCnpj('12abc34501de35')).toBe(true);
  });

  it('accepts a classic numeric CNPJ with or without mask', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
    expect(isValidCnpj(' 11 222 333 0001 81 ')).toBe(true);
  });

  it('rejects wrong check digits, wrong length, letters in the check digits and junk', () => {
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
    expect(isValidCnpj('12.ABC.345/01DE-36')).toBe(false);
    expect(isValidCnpj('1122233300018')).toBe(false);
    expect(isValidCnpj('112223330001811')).toBe(false);
    expect(isValidCnpj('12ABC34501DE3A')).toBe(false);
    expect(isValidCnpj('12ABC34501DE*5')).toBe(false);
    expect(isValidCnpj('')).toBe(false);
  });

  it('rejects the all-same-digit numbers even though their checksum works', () => {
    for (const d of '0123456789') {
      expect(isValidCnpj(d.repeat(14))).toBe(false);
      expect(cnpjProblem(d.repeat(14))).toBe('repeated');
    }
  });

  it('names the problem so the import can say what is wrong', () => {
    expect(cnpjProblem('11.222.333/0001-82')).toBe('check_digits');
    expect(cnpjProblem('123')).toBe('format');
    expect(cnpjProblem('11.222.333/0001-81')).toBeNull();
  });

  it('normalises by stripping the mask and uppercasing', () => {
    expect(normalizeCnpj(' 12.abc.345/01de-35 ')).toBe('12ABC34501DE35');
  });

  it('formats as XX.XXX.XXX/XXXX-XX and leaves other lengths unmasked', () => {
    expect(formatCnpj('12abc34501de35')).toBe('12.ABC.345/01DE-35');
    expect(formatCnpj('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatCnpj('12.3')).toBe('123');
  });

  it('refuses to compute check digits for a malformed base', () => {
    expect(() => cnpjCheckDigits('12ABC34501D')).toThrow(RangeError);
    expect(() => cnpjCheckDigits('12ABC34501D_')).toThrow(RangeError);
  });

  it('agrees with @brazilian-utils on generated alphanumeric CNPJs, valid and corrupted', () => {
    fc.assert(
      fc.property(base12, fc.integer({ min: 0, max: 99 }), (base, dv) => {
        const candidate = base + String(dv).padStart(2, '0');
        expect(isValidCnpj(candidate)).toBe(referenceIsValid(candidate, { version: 2 }));
        const valid = base + cnpjCheckDigits(base);
        expect(referenceIsValid(valid, { version: 2 })).toBe(true);
        expect(referenceIsValid(formatCnpj(valid), { version: 2 })).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with @brazilian-utils on numeric CNPJs (version 1 rules)', () => {
    fc.assert(
      fc.property(numericBase12, fc.integer({ min: 0, max: 99 }), (base, dv) => {
        const candidate = base + String(dv).padStart(2, '0');
        expect(isValidCnpj(candidate)).toBe(referenceIsValid(candidate));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every CNPJ @brazilian-utils generates, in both versions', () => {
    for (let i = 0; i < 500; i++) {
      expect(isValidCnpj(generateCnpj(1))).toBe(true);
      expect(isValidCnpj(generateCnpj(2))).toBe(true);
    }
  });
});
