import { describe, expect, it } from 'vitest';
import { jidCandidatesForPhone, phoneFromJid, phoneVariantsForSender } from '../../../src/channels/whatsapp/phoneFromJid.js';

describe('phoneFromJid', () => {
  it.each([
    ['5511987654321@s.whatsapp.net', '+5511987654321'],
    ['5511987654321:23@s.whatsapp.net', '+5511987654321'], // a device of the account
    ['551187654321@s.whatsapp.net', '+551187654321'], // pre-ninth-digit account, kept as WhatsApp spells it
    ['551134567890@s.whatsapp.net', '+551134567890'], // landline (WhatsApp Business)
    ['14155550100@s.whatsapp.net', '+14155550100'],
    ['5511987654321@c.us', '+5511987654321'],
  ])('reads %s as %s', (jid, phone) => {
    expect(phoneFromJid(jid)).toBe(phone);
  });

  it.each(['128765432109876@lid', '120363025246125486@g.us', 'status@broadcast', '120363144038483540@newsletter', '', undefined, null])(
    'has no phone for %j',
    (jid) => {
      expect(phoneFromJid(jid)).toBeNull();
    },
  );
});

describe('phoneVariantsForSender (the ninth-digit quirk)', () => {
  it('matches an old 8-digit WhatsApp id to the 9-digit mobile on file, and the other way round', () => {
    expect(phoneVariantsForSender('551187654321@s.whatsapp.net')).toEqual(['+551187654321', '+5511987654321']);
    expect(phoneVariantsForSender('5511987654321@s.whatsapp.net')).toEqual(['+5511987654321', '+551187654321']);
    expect(phoneVariantsForSender('+55 11 8765-4321')).toEqual(['+551187654321', '+5511987654321']);
  });

  it('never adds or removes a 9 on a landline, which would name another subscriber', () => {
    expect(phoneVariantsForSender('551134567890@s.whatsapp.net')).toEqual(['+551134567890']);
  });

  it('leaves foreign numbers alone and has nothing for a LID', () => {
    expect(phoneVariantsForSender('14155550100@s.whatsapp.net')).toEqual(['+14155550100']);
    expect(phoneVariantsForSender('128765432109876@lid')).toEqual([]);
  });
});

describe('jidCandidatesForPhone', () => {
  it('offers both spellings of a Brazilian mobile, the one on file first', () => {
    expect(jidCandidatesForPhone('(11) 98765-4321')).toEqual(['5511987654321@s.whatsapp.net', '551187654321@s.whatsapp.net']);
  });

  it('has nothing for an invalid number', () => {
    expect(jidCandidatesForPhone('12345')).toEqual([]);
  });
});
