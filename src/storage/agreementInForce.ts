import type { IsoDate } from '../domain/dates.js';
import type { AgreementFacts } from '../engine/flowContext.js';
import { agreementFactsFrom } from './agreementFactsFrom.js';
import { loadLedger } from './agreementLedgerRepository.js';
import type { Tx } from './database.js';

/**
 * Statuses in which an agreement is what the debtor owes: active, or broken (payments still count,
 * and the debtor may renegotiate it). Settled, renegotiated and cancelled ones are history.
 */
export const IN_FORCE_STATUSES = ['active', 'broken'];

/** The debtor's latest agreement in force, as it stands on `today`; undefined when none. */
export async function agreementInForce(tx: Tx, debtorId: string, today: IsoDate): Promise<AgreementFacts | undefined> {
  const row = await tx.agreement.findFirst({ where: { debtorId, status: { in: IN_FORCE_STATUSES } }, orderBy: { createdAt: 'desc' }, select: { id: true, creditorId: true } });
  if (!row) return undefined;
  return agreementFacts(tx, row.creditorId, row.id, today);
}

/** One agreement of this creditor as facts (null for none, or a simulator run). */
export async function agreementFacts(tx: Tx, creditorId: string, agreementId: string, today: IsoDate): Promise<AgreementFacts | undefined> {
  const stored = await loadLedger(tx, creditorId, agreementId);
  if (!stored) return undefined;
  const rows = await tx.installment.findMany({ where: { agreementId }, select: { n: true, pixCode: true } });
  return agreementFactsFrom(stored.ledger, new Map(rows.map((r) => [r.n, r.pixCode])), today);
}
