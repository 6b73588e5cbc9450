// Phone numbers are stored and compared as E.164 ("+5511987654321"). Brazilian numbers get
// real validation (area code, subscriber length and first digit); foreign numbers are kept
// when they look like E.164 because the bot cannot know every numbering plan.

/** Brazilian area codes (DDD) in service, per Anatel. */
const BRAZIL_DDD = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43,
  44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77,
  79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
]);

/**
 * A Brazilian national number (DDD + subscriber, 10 or 11 digits) or null.
 * 11 digits: a mobile, whose 9-digit subscriber number starts with 9.
 * 10 digits: a landline (starts 2–5) or a mobile written the pre-2016 way without the ninth
 * digit (starts 6–9) — kept as given; brazilianPhoneVariants bridges the two spellings.
 */
function validBrazilianNational(national: string): string | null {
  if (!/^\d{10,11}$/.test(national)) return null;
  if (!BRAZIL_DDD.has(Number(national.slice(0, 2)))) return null;
  const subscriber = national.slice(2);
  if (subscriber.length === 9 ? !subscriber.startsWith('9') : !/^[2-9]/.test(subscriber)) return null;
  return national;
}

function brazil(national: string): string | null {
  const ok = validBrazilianNational(national);
  return ok === null ? null : `+55${ok}`;
}

function international(digits: string): string | null {
  if (digits.startsWith('55')) return brazil(digits.slice(2));
  // E.164 allows at most 15 digits; fewer than 8 is no real subscriber anywhere.
  return /^[1-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}

/**
 * Normalises a phone as typed in a spreadsheet or chat to E.164, or null.
 * Accepts "(11) 98765-4321", "11987654321", "+55 11 98765-4321", "5511987654321",
 * "011 98765-4321" (trunk 0), "0 21 11 98765-4321" (trunk 0 + carrier code), "0055…", and
 * foreign numbers written with "+" or "00".
 */
export function normalizePhone(s: string): string | null {
  const t = s.trim();
  if (!/^\+?[\d\s().\-]+$/.test(t)) return null;
  const digits = t.replace(/\D/g, '');
  if (t.startsWith('+')) return international(digits);
  if (digits.startsWith('00')) return international(digits.slice(2));
  if (digits.startsWith('0')) {
    const rest = digits.slice(1);
    if (rest.length === 10 || rest.length === 11) return brazil(rest);
    // 0 + carrier selection code (2 digits) + DDD + number, the long-distance dialling form.
    if (rest.length === 12 || rest.length === 13) return brazil(rest.slice(2));
    return null;
  }
  // Length decides whether a leading 55 is the country code: a national number is 10–11
  // digits, so 12–13 digits starting with 55 must carry it (DDD 55 itself is a real area code).
  if ((digits.length === 12 || digits.length === 13) && digits.startsWith('55')) {
    return brazil(digits.slice(2));
  }
  return brazil(digits);
}

/**
 * The spellings under which a Brazilian mobile may appear: with and without the ninth digit.
 * WhatsApp ids of accounts created before 2016 still lack the 9, so a contact stored as
 * +55 11 9 8765-4321 can write from 551187654321. Only subscriber numbers whose 8-digit part
 * starts with 6–9 are bridged: 2–5 are landlines, and adding/removing a 9 there would name a
 * different subscriber (and could match the wrong debtor). The given spelling comes first.
 * Non-Brazilian numbers and landlines return just themselves; invalid input returns [].
 */
export function brazilianPhoneVariants(e164: string): string[] {
  const n = normalizePhone(e164);
  if (n === null) return [];
  if (!n.startsWith('+55')) return [n];
  const ddd = n.slice(3, 5);
  const subscriber = n.slice(5);
  if (subscriber.length === 9 && /^9[6-9]/.test(subscriber)) return [n, `+55${ddd}${subscriber.slice(1)}`];
  if (subscriber.length === 8 && /^[6-9]/.test(subscriber)) return [n, `+55${ddd}9${subscriber}`];
  return [n];
}
