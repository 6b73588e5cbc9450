import { isPnUser, jidDecode, jidNormalizedUser } from '@whiskeysockets/baileys';
import { brazilianPhoneVariants, normalizePhone } from '../../domain/phone.js';

// A WhatsApp user jid is "<country code + number>@s.whatsapp.net" (the number without "+").
// Since v7 a private chat may also be addressed by an opaque "<id>@lid", which carries no phone:
// only PN jids map to a phone here; the caller takes the PN from the message's alternate jid.

/** E.164 from a phone-number jid (device suffix ignored), or null for a LID, group or other jid. */
export function phoneFromJid(jid: string | null | undefined): string | null {
  if (!jid) return null;
  const normalized = jidNormalizedUser(jid);
  if (!isPnUser(normalized)) return null;
  const user = jidDecode(normalized)?.user;
  if (!user || !/^\d+$/.test(user)) return null;
  return normalizePhone(`+${user}`);
}

/**
 * The phones a contact on file may be stored under for this sender (a jid or an E.164 phone):
 * the given spelling first, then the same Brazilian mobile with or without the ninth digit.
 * Match a sender to a contact when any of these equals the contact's normalised phone.
 */
export function phoneVariantsForSender(jidOrPhone: string): string[] {
  const phone = jidOrPhone.includes('@') ? phoneFromJid(jidOrPhone) : normalizePhone(jidOrPhone);
  return phone === null ? [] : brazilianPhoneVariants(phone);
}

/**
 * The jids to ask WhatsApp about for a phone on file, given spelling first. Sending to the first
 * one blindly can miss: a Brazilian mobile from before the ninth digit is known to WhatsApp by its
 * 8-digit id only, so ask which exists (the adapter's resolveChatId) before a first message.
 */
export function jidCandidatesForPhone(phone: string): string[] {
  const e164 = normalizePhone(phone);
  if (e164 === null) return [];
  return brazilianPhoneVariants(e164).map((p) => `${p.slice(1)}@s.whatsapp.net`);
}
