import type { CreditorFacts } from '../engine/ports.js';
import { basisPointsToPercent } from '../domain/money.js';
import type { Db } from './database.js';

export const DEFAULT_CREDITOR_ID = 'default';

export interface CreditorRow {
  id: string;
  name: string;
  cnpj: string;
  pixKey: string;
  pixMerchantName: string;
  pixCity: string;
  lateFeeBasisPoints: number;
  monthlyInterestBasisPoints: number;
}

export function creditorFacts(c: CreditorRow): CreditorFacts {
  return {
    name: c.name,
    cnpj: c.cnpj,
    lateFeePercent: basisPointsToPercent(c.lateFeeBasisPoints),
    monthlyInterestPercent: basisPointsToPercent(c.monthlyInterestBasisPoints),
  };
}

/** The creditor this deployment collects for; configured from the environment at start. */
export async function upsertCreditor(db: Db, c: Omit<CreditorRow, 'lateFeeBasisPoints' | 'monthlyInterestBasisPoints'>): Promise<CreditorRow> {
  const data = { name: c.name, cnpj: c.cnpj, pixKey: c.pixKey, pixMerchantName: c.pixMerchantName, pixCity: c.pixCity };
  return db.creditor.upsert({ where: { id: c.id }, create: { id: c.id, ...data }, update: data });
}
