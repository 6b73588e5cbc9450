// The KPIs of src/domain/kpis.ts as SQL aggregates (being written: the signature is the contract).
import type { KpiQuery, Kpis } from '../domain/kpis.js';
import type { Db } from './database.js';

export interface KpiArgs {
  creditorId: string;
  query: KpiQuery;
  /** The creditor's time zone: the period's days and the series' days are its calendar days. */
  timeZone: string;
  now: Date;
}

export async function computeKpis(_db: Db, _args: KpiArgs): Promise<Kpis> {
  throw new Error('computeKpis is being written');
}
