// Renegotiating an agreement in force (issue 12, "Renegotiation that honours what was paid"): what
// the new negotiation is about, and the old agreement giving way to the new one. The rules are the
// domain's (renegotiate, renegotiationRefusal, renegotiationPolicy); this file moves rows.

import { ledgerTotals } from '../domain/agreementLedger.js';
import { renegotiate } from '../domain/agreementStatus.js';
import { addDays, type IsoDate } from '../domain/dates.js';
import { renegotiationPolicy } from '../domain/renegotiationPolicy.js';
import { renegotiationRefusal } from '../domain/renegotiationRefusal.js';
import type { DebtFacts } from '../engine/flowContext.js';
import type { RenegotiationTerms } from '../engine/ports.js';
import { loadLedger, saveLedger, type StoredLedger } from './agreementLedgerRepository.js';
import type { Tx } from './database.js';
import { IN_FORCE_STATUSES } from './agreementInForce.js';
import { policyForDebt } from './policyRepository.js';
import { currentReminderSettings } from './reminderSettingsRepository.js';

type Audit = (type: string, data: Record<string, unknown>) => Promise<void>;

/** Renegotiations of this debtor agreed in the 365 days up to `today` (simulator runs excluded). */
export async function renegotiationsInLastYear(tx: Tx, debtorId: string, today: IsoDate): Promise<number> {
  return tx.agreement.count({ where: { debtorId, renegotiatesId: { not: null }, status: { not: 'simulated' }, agreedOn: { gt: addDays(today, -365) } } });
}

/**
 * The remaining balance of the debtor's agreement as the debt to negotiate (paid instalments
 * credited), with the renegotiation limits; or why a person must do it.
 */
export async function renegotiationTerms(tx: Tx, creditorId: string, debtorId: string, agreementId: string, today: IsoDate, audit: Audit): Promise<RenegotiationTerms> {
  const stored = await loadLedger(tx, creditorId, agreementId);
  if (!stored || stored.debtorId !== debtorId || !IN_FORCE_STATUSES.includes(stored.ledger.status)) return { ok: false, reason: 'not_in_force' };
  const totals = ledgerTotals(stored.ledger);
  if (totals.remainingCents <= 0) return { ok: false, reason: 'not_in_force' };
  const count = await renegotiationsInLastYear(tx, debtorId, today);
  const max = (await currentReminderSettings(tx, creditorId)).renegotiation.maxPerDebtorPerYear;
  const refusal = renegotiationRefusal(stored.ledger, count, max);
  if (refusal) {
    await audit('renegotiation.refused', { agreementId, reason: refusal, renegotiationsInLastYear: count, maxPerDebtorPerYear: max, remainingCents: totals.remainingCents });
    return { ok: false, reason: refusal };
  }
  const debtor = await tx.debtor.findUniqueOrThrow({ where: { id: debtorId }, select: { companyName: true } });
  const invoices = await tx.invoice.findMany({ where: { agreementId, status: 'in_agreement' }, orderBy: { dueDate: 'asc' }, select: { number: true, amountCents: true, dueDate: true } });
  const unpaidDueDates = stored.ledger.installments.filter((i) => i.paidCents < i.amountCents).map((i) => i.dueDate);
  const policy = renegotiationPolicy(await policyForDebt(tx, creditorId, unpaidDueDates, today));
  const debt: DebtFacts = {
    debtorId,
    companyName: debtor.companyName,
    totalCents: totals.remainingCents,
    invoices: invoices.map((i) => ({ number: i.number, amountCents: Number(i.amountCents), dueDate: i.dueDate })),
  };
  await audit('renegotiation.started', { agreementId, totalCents: totals.totalCents, paidCents: totals.paidCents, remainingCents: totals.remainingCents });
  return { ok: true, debt, policy };
}

/**
 * Locks the agreement being renegotiated and checks the new one settles exactly what remains of
 * it (a payment that arrived since the offer was made changes the balance: the offer is stale).
 */
export async function lockForRenegotiation(tx: Tx, creditorId: string, debtorId: string, agreementId: string, debtCents: number): Promise<StoredLedger> {
  const stored = await loadLedger(tx, creditorId, agreementId, { lock: true });
  if (!stored || stored.debtorId !== debtorId) throw new Error(`agreement ${agreementId} is not this debtor's to renegotiate`);
  const remaining = ledgerTotals(stored.ledger).remainingCents;
  if (remaining !== debtCents) throw new Error(`agreement ${agreementId} now has ${remaining} cents remaining, not the ${debtCents} the offer was made for`);
  return stored;
}

/** The old agreement becomes 'renegotiated' (replaced by newId) and its invoices move to the new one. */
export async function replaceAgreement(tx: Tx, old: StoredLedger, newId: string, now: Date): Promise<void> {
  const r = renegotiate(old.ledger, newId);
  await saveLedger(tx, old, r.agreement, r.events, { actor: 'bot', now });
  await tx.invoice.updateMany({ where: { agreementId: old.ledger.id, status: 'in_agreement' }, data: { agreementId: newId } });
}
