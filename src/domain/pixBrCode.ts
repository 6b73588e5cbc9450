// PIX "copia e cola": an EMV Merchant-Presented-Mode payload (Manual do BR Code, BCB).
// Each field is ID (2 digits) + length (2 digits) + value; the last field, 63, is a
// CRC16-CCITT-FALSE over everything before it *including* the "6304" of the CRC field itself.

export type PixBrCodeInput = {
  /** The receiver's PIX key (CNPJ, e-mail, +55 phone or random EVP key), ASCII. */
  key: string;
  /** Folded to ASCII and cut to 25 characters. */
  merchantName: string;
  /** Folded to ASCII and cut to 15 characters. */
  merchantCity: string;
  /** Integer cents, ≥ 1. */
  amountCents: number;
  /** [A-Za-z0-9]{1,25}; absent -> "***" (no identifier). */
  txid?: string;
  /** Free text shown to the payer; folded to ASCII and cut to what field 26 can hold. */
  description?: string;
};

const GUI = 'br.gov.bcb.pix';

/** CRC16-CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no xor-out) as 4 uppercase hex. */
export function crc16ccitt(s: string): string {
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(s)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

function field(id: string, value: string): string {
  // EMV lengths are two decimal digits: a value over 99 characters cannot be encoded at all.
  if (value.length > 99) throw new RangeError(`field ${id} is longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/**
 * Accents stripped ("São Paulo" -> "Sao Paulo") and anything outside printable ASCII removed:
 * banking apps read these fields as plain ASCII and some reject the payload otherwise.
 */
export function toPixAscii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ') // before the ASCII filter, so a tab or NBSP still separates words
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function amountField(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 1) throw new RangeError(`amountCents must be a positive integer, got ${cents}`);
  // String maths: cents/100 as a float could print 0.30000000000000004.
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function buildPixBrCode(input: PixBrCodeInput): string {
  const key = input.key.trim();
  if (key.length === 0 || key.length > 77 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new RangeError('PIX key must be 1–77 printable ASCII characters');
  }
  const name = toPixAscii(input.merchantName).slice(0, 25).trim();
  const city = toPixAscii(input.merchantCity).slice(0, 15).trim();
  if (name === '') throw new RangeError('merchant name is empty');
  if (city === '') throw new RangeError('merchant city is empty');
  const txid = input.txid ?? '***';
  if (input.txid !== undefined && !/^[A-Za-z0-9]{1,25}$/.test(input.txid)) {
    throw new RangeError('txid must be 1–25 characters [A-Za-z0-9]');
  }

  let account = field('00', GUI) + field('01', key);
  // Field 26 holds at most 99 characters; the description gets whatever the key leaves.
  const room = 99 - account.length - 4;
  const description = toPixAscii(input.description ?? '').slice(0, Math.max(0, room)).trim();
  if (description !== '') account += field('02', description);

  const payload =
    field('00', '01') +
    field('26', account) +
    field('52', '0000') +
    field('53', '986') +
    field('54', amountField(input.amountCents)) +
    field('58', 'BR') +
    field('59', name) +
    field('60', city) +
    field('62', field('05', txid)) +
    '6304';
  return payload + crc16ccitt(payload);
}

/** Whether the last 4 characters are the CRC of the rest (a copy-paste or tampering check). */
export function hasValidPixCrc(code: string): boolean {
  if (code.length < 8 || code.slice(-8, -4) !== '6304') return false;
  return crc16ccitt(code.slice(0, -4)) === code.slice(-4).toUpperCase();
}
