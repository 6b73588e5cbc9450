import { describe, expect, it } from 'vitest';
import { generatePhone } from '@brazilian-utils/brazilian-utils/generate-phone';
import { brazilianPhoneVariants, normalizePhone } from '../../src/domain/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['(11) 98765-4321', '+5511987654321'],
    ['11987654321', '+5511987654321'],
    ['+55 11 98765-4321', '+5511987654321'],
    ['+55 (11) 98765-4321', '+5511987654321'],
    ['5511987654321', '+5511987654321'],
    ['011 98765-4321', '+5511987654321'],
    ['0 21 11 98765-4321', '+5511987654321'],
    ['0055 11 98765-4321', '+5511987654321'],
    ['11 98765.4321', '+5511987654321'],
    ['(11) 3456-7890', '+551134567890'],
    ['1134567890', '+551134567890'],
    ['+55 11 3456-7890', '+551134567890'],
    ['551134567890', '+551134567890'],
    ['(55) 99123-4567', '+5555991234567'],
    ['55991234567', '+5555991234567'],
    ['(11) 8765-4321', '+551187654321'],
    ['+1 415 555 0100', '+14155550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['0044 20 7946 0958', '+442079460958'],
  ])('normalises %j to %s', (input, e164) => {
    expect(normalizePhone(input)).toBe(e164);
  });

  it.each([
    '',
    'abc',
    '98765-4321',
    '(10) 98765-4321',
    '(20) 3456-7890',
    '(11) 88765-4321',
    '(11) 1456-7890',
    '(11) 0456-7890',
    '+55 11 1234',
    '123',
    '+1 234',
    '+1234567890123456',
    '+0 415 555 0100',
    '11 98765-4321 ramal 2',
  ])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('accepts every mobile and landline @brazilian-utils generates, as +55 plus the digits', () => {
    for (let i = 0; i < 500; i++) {
      for (const type of ['mobile', 'landline'] as const) {
        const digits = generatePhone(type);
        expect(normalizePhone(digits)).toBe(`+55${digits}`);
        expect(normalizePhone(`+55${digits}`)).toBe(`+55${digits}`);
      }
    }
  });
});

describe('brazilianPhoneVariants', () => {
  it('gives a mobile with and without the ninth digit, the given spelling first', () => {
    expect(brazilianPhoneVariants('+5511987654321')).toEqual(['+5511987654321', '+551187654321']);
    expect(brazilianPhoneVariants('+551187654321')).toEqual(['+551187654321', '+5511987654321']);
  });

  it('lets an old WhatsApp id match a contact stored with the ninth digit', () => {
    const stored = normalizePhone('(21) 99876-5432');
    const whatsappId = normalizePhone('552198765432');
    expect(stored).not.toBeNull();
    expect(brazilianPhoneVariants(whatsappId ?? '')).toContain(stored);
  });

  it('never turns a landline into a mobile or back (that would be somebody else)', () => {
    expect(brazilianPhoneVariants('+551134567890')).toEqual(['+551134567890']);
    // 9 followed by 3: a post-2016 mobile whose 8-digit tail would be a landline
    expect(brazilianPhoneVariants('+5511934567890')).toEqual(['+5511934567890']);
  });

  it('leaves foreign numbers alone and returns nothing for invalid input', () => {
    expect(brazilianPhoneVariants('+14155550100')).toEqual(['+14155550100']);
    expect(brazilianPhoneVariants('nope')).toEqual([]);
  });
});
