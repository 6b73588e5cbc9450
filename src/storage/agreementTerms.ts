import { randomBytes } from 'node:crypto';
import type { Offer } from '../domain/offer.js';
import { buildPixBrCode } from '../domain/pixBrCode.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An agreement's public number: "AC" and 16 characters no one confuses when reading them aloud. */
export function agreementNumber(): string {
  const b = randomBytes(8);
  return `AC${[...b].map((x) => ALPHABET[x % ALPHABET.length]).join('')}`;
}

/** The agreement's installments, each with its PIX code (txid: the agreement number and the installment's). */
export function installmentsWithPix(id: string, offer: Offer, creditor: { pixKey: string; pixMerchantName: string; pixCity: string }) {
  return offer.schedule.map((s) => {
    const txid = `${id}P${s.n}`;
    const pix = buildPixBrCode({ key: creditor.pixKey, merchantName: creditor.pixMerchantName, merchantCity: creditor.pixCity, amountCents: s.amountCents, txid });
    return { n: s.n, dueDate: s.dueDate, amountCents: s.amountCents, pix, txid };
  });
}
