// PIX codes issued after the term (issue 12): the late note's code for the updated amount, or a
// reminder's code for what remains of a partly paid instalment. Each has its own txid; a payment
// carrying it pays that agreement's instalment (the payments side looks the txid up here).

import { randomInt } from 'node:crypto';
import type { IsoDate } from '../domain/dates.js';
import { buildPixBrCode } from '../domain/pixBrCode.js';
import type { Tx } from './database.js';

const TXID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The longest txid a BR Code carries: 62^25 values, so a collision with a live one is not a concern. */
export const PIX_CHARGE_TXID_LENGTH = 25;

/** A random txid of 25 letters and digits (unique in PixCharge and never of the instalments' form "<agreement>P<n>"). */
export function newChargeTxid(): string {
  let s = '';
  for (let k = 0; k < PIX_CHARGE_TXID_LENGTH; k++) s += TXID_ALPHABET[randomInt(TXID_ALPHABET.length)];
  return s;
}

export interface NewPixCharge {
  creditorId: string;
  agreementId: string;
  installmentN: number;
  amountCents: number;
  /** late: balance + late fee + interest; balance: what remains of a partly paid instalment. */
  kind: 'late' | 'balance';
  /** The creditor's calendar day the amount was computed for. */
  forDate: IsoDate;
  /** The late fee + interest part of amountCents (late codes); paying it counts this much as charges. */
  chargesCents?: number;
}

/** Issues a PIX code for `amountCents` with a new txid, recorded in the caller's transaction. */
export async function issuePixCharge(
  tx: Tx,
  creditor: { pixKey: string; pixMerchantName: string; pixCity: string },
  c: NewPixCharge,
): Promise<{ txid: string; pixCode: string }> {
  const txid = newChargeTxid();
  const pixCode = buildPixBrCode({ key: creditor.pixKey, merchantName: creditor.pixMerchantName, merchantCity: creditor.pixCity, amountCents: c.amountCents, txid });
  await tx.pixCharge.create({ data: { creditorId: c.creditorId, txid, agreementId: c.agreementId, installmentN: c.installmentN, amountCents: BigInt(c.amountCents), chargesCents: BigInt(c.chargesCents ?? 0), pixCode, kind: c.kind, forDate: c.forDate } });
  return { txid, pixCode };
}
