// Payments in (issue 12): the one place the PIX webhook, an admin's manual registration and a bank
// export record a payment. Each payment is matched to an instalment by its txid — the instalment's
// own PIX code, or a PIX charge issued later for it (the updated amount of a late one) — and then,
// in the caller's transaction: the agreement row locked, the domain's applyPayment, the ledger's
// rows and audit events written, and the receipt queued in the outbox (at most once per payment).
// A txid that matches nothing is kept as an unmatched Payment row (never dropped) until a person
// assigns it (assignPayment).

import { assertPositiveCents, normaliseInstant, type PaymentSource, type RecordedPayment } from '../domain/agreementLedger.js';
import { CordialError } from '../domain/errors.js';
import { applyPayment, paymentKey, type ApplyOutcome, type IncomingPayment, type ReviewReason } from '../domain/applyPayment.js';
import { todayIn } from '../domain/dates.js';
import { paymentReceipt } from '../domain/paymentReceipt.js';
import type { ConversationWrites } from '../engine/conversationWrites.js';
import { loadLedger, saveLedger, type StoredLedger } from './agreementLedgerRepository.js';
import { queueAgreementMessage } from './agreementNotices.js';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';
import { retryOnConflict } from './retryOnConflict.js';

export interface PaymentInput {
  endToEndId?: string | null;
  /** null: a PIX without txid (to a bare key) — kept as unmatched. */
  txid: string | null;
  amountCents: number;
  /** ISO 8601 instant with its offset. */
  paidAt: string;
  source: PaymentSource;
}

export type RecordOutcome = ApplyOutcome | 'unmatched';

export interface RecordResult {
  outcome: RecordOutcome;
  /** The Payment row (for 'duplicate' and 'conflict', the one recorded earlier); null for a conflict on a row of another agreement. */
  paymentId: string | null;
  paymentKey: string;
  agreementId: string | null;
  installmentN: number | null;
  review: ReviewReason[];
  /** The receipt queued for the debtor, and the conversation it goes to (the caller flushes it). */
  receipt: { messageId: string; conversationId: string } | null;
}

export interface RecordOptions {
  creditorId: string;
  /** Audit actor: 'pix', 'admin', 'user:<id>' … */
  actor: string;
  now: Date;
  /** The creditor's time zone: the calendar day a receipt is meant for. */
  timeZone: string;
  conversations: ConversationWrites<Tx>;
  note?: string | null;
}

/** Where a txid points: an instalment's own code, or a charge issued later for an instalment. */
export interface TxidMatch {
  agreementId: string;
  installmentN: number;
  /** Set when the txid is a later PIX charge's (not the instalment's own). */
  charge: boolean;
  /** That charge's late fee + interest part (0 for an instalment's own code). */
  chargesCents: number;
}

// Generous: a bank export of thousands of lines is one transaction (all or nothing).
export const PAYMENT_TX_OPTIONS = { timeout: 120_000, maxWait: 30_000 };

/** The instalment a txid pays, of this creditor; null when it matches nothing. */
export async function matchTxid(tx: Tx, creditorId: string, txid: string | null): Promise<TxidMatch | null> {
  if (!txid) return null;
  const own = await tx.installment.findUnique({ where: { txid }, select: { agreementId: true, n: true, creditorId: true } });
  if (own && own.creditorId === creditorId) return { agreementId: own.agreementId, installmentN: own.n, charge: false, chargesCents: 0 };
  const charge = await tx.pixCharge.findUnique({ where: { txid }, select: { agreementId: true, installmentN: true, creditorId: true, chargesCents: true } });
  if (charge && charge.creditorId === creditorId) return { agreementId: charge.agreementId, installmentN: charge.installmentN, charge: true, chargesCents: Number(charge.chargesCents) };
  return null;
}

const sameFacts = (row: { txid: string; amountCents: bigint; paidAt: Date }, p: { txid: string; amountCents: number; paidAt: string }) =>
  row.txid === p.txid && Number(row.amountCents) === p.amountCents && row.paidAt.toISOString() === p.paidAt;

function result(outcome: RecordOutcome, key: string, o: Partial<RecordResult> = {}): RecordResult {
  return { outcome, paymentKey: key, paymentId: null, agreementId: null, installmentN: null, review: [], receipt: null, ...o };
}

/** Queues the receipt of an applied payment on the agreement's conversation (at most once per payment). */
async function queueReceipt(tx: Tx, stored: StoredLedger, after: StoredLedger['ledger'], payment: RecordedPayment, o: RecordOptions): Promise<RecordResult['receipt']> {
  const receipt = paymentReceipt(after, payment);
  if (!receipt) return null;
  const queued = await queueAgreementMessage(
    tx,
    o.conversations,
    {
      creditorId: stored.creditorId,
      agreementId: after.id,
      conversationId: stored.conversationId,
      installmentN: payment.installmentN,
      kind: 'receipt',
      key: `receipt:${payment.key}`,
      forDate: todayIn(o.timeZone, o.now),
      // Proactive: quiet hours and opt-out hold it; the caps do not (a debtor who paid is owed it).
      row: { templateKey: receipt.templateKey, facts: receipt.facts, proactive: true, countsTowardCaps: false },
    },
    o.actor,
  );
  return queued;
}

/**
 * Records one payment in the caller's transaction. `keepUnmatched: false` (manual registration)
 * writes nothing for a txid that matches nothing and answers 'unmatched' so the caller can refuse
 * it; otherwise the payment is kept as an unmatched row. Throws LedgerError on bad input (an
 * amount that is not positive whole cents, an instant without offset): nothing is written.
 */
export async function recordPaymentIn(tx: Tx, input: PaymentInput, o: RecordOptions & { keepUnmatched?: boolean }): Promise<RecordResult> {
  const match = await matchTxid(tx, o.creditorId, input.txid);
  const stored = match ? await loadLedger(tx, o.creditorId, match.agreementId, { lock: true }) : null;
  if (!match || !stored) return recordUnmatched(tx, input, o);

  const incoming: IncomingPayment = {
    endToEndId: input.endToEndId ?? null,
    txid: input.txid!,
    amountCents: input.amountCents,
    paidAt: input.paidAt,
    source: input.source,
    ...(match.charge ? { chargeFor: match.installmentN, lateChargesCents: match.chargesCents } : {}),
  };
  const key = paymentKey(incoming);
  // The same key recorded elsewhere (unmatched, or on another agreement): the ledger cannot see it.
  const existing = await tx.payment.findUnique({ where: { creditorId_key: { creditorId: o.creditorId, key } } });
  if (existing && existing.agreementId !== stored.ledger.id) {
    const paidAt = new Date(input.paidAt).toISOString();
    if (sameFacts(existing, { txid: incoming.txid, amountCents: input.amountCents, paidAt })) {
      return result('duplicate', key, { paymentId: existing.id, agreementId: existing.agreementId, installmentN: existing.installmentN });
    }
    await auditConflict(tx, o, key, existing, { txid: incoming.txid, amountCents: input.amountCents, paidAt }, stored);
    return result('conflict', key, { paymentId: existing.id, agreementId: existing.agreementId, installmentN: existing.installmentN, review: ['payment_conflict'] });
  }

  const r = applyPayment(stored.ledger, incoming);
  await saveLedger(tx, stored, r.agreement, r.events, { actor: o.actor, now: o.now, newPayments: new Map([[r.payment.key, { createdBy: o.actor, note: o.note ?? null }]]) });
  const row = await tx.payment.findUnique({ where: { creditorId_key: { creditorId: o.creditorId, key: r.payment.key } }, select: { id: true } });
  const receipt = r.outcome === 'applied' ? await queueReceipt(tx, stored, r.agreement, r.payment, o) : null;
  return result(r.outcome, r.payment.key, { paymentId: row?.id ?? null, agreementId: stored.ledger.id, installmentN: r.payment.installmentN, review: r.review, receipt });
}

async function auditConflict(
  tx: Tx,
  o: RecordOptions,
  key: string,
  recorded: { txid: string; amountCents: bigint; paidAt: Date; agreementId: string | null },
  received: { txid: string; amountCents: number; paidAt: string },
  stored?: StoredLedger,
) {
  await appendAudit(tx, [
    {
      type: 'payment.conflict',
      actor: o.actor,
      conversationId: stored?.conversationId ?? null,
      debtorId: stored?.debtorId ?? null,
      data: {
        agreementId: stored?.ledger.id ?? recorded.agreementId,
        paymentKey: key,
        recorded: { txid: recorded.txid, amountCents: Number(recorded.amountCents), paidAt: recorded.paidAt.toISOString() },
        received,
      },
    },
  ]);
}

async function recordUnmatched(tx: Tx, input: PaymentInput, o: RecordOptions & { keepUnmatched?: boolean }): Promise<RecordResult> {
  const txid = input.txid ?? '';
  // The domain's rules for what a payment may be hold before anything is kept (an unmatched
  // payment of -5 cents is as wrong as a matched one).
  assertPositiveCents(input.amountCents, 'amountCents');
  const paidAt = normaliseInstant(input.paidAt);
  const key = paymentKey({ endToEndId: input.endToEndId ?? null, txid, amountCents: input.amountCents, paidAt });
  if (o.keepUnmatched === false) return result('unmatched', key);
  const existing = await tx.payment.findUnique({ where: { creditorId_key: { creditorId: o.creditorId, key } } });
  if (existing) {
    if (sameFacts(existing, { txid, amountCents: input.amountCents, paidAt })) {
      return result('duplicate', key, { paymentId: existing.id, agreementId: existing.agreementId, installmentN: existing.installmentN });
    }
    await auditConflict(tx, o, key, existing, { txid, amountCents: input.amountCents, paidAt });
    return result('conflict', key, { paymentId: existing.id, agreementId: existing.agreementId, review: ['payment_conflict'] });
  }
  // ON CONFLICT DO NOTHING: the same notification delivered twice at once keeps one row, and the
  // loser's transaction is not aborted.
  const created = await tx.payment.createMany({
    data: [{ creditorId: o.creditorId, key, endToEndId: input.endToEndId ?? null, txid, amountCents: BigInt(input.amountCents), paidAt: new Date(paidAt), source: input.source, status: 'unmatched', note: o.note ?? null, createdBy: o.actor, createdAt: o.now }],
    skipDuplicates: true,
  });
  const row = await tx.payment.findUniqueOrThrow({ where: { creditorId_key: { creditorId: o.creditorId, key } }, select: { id: true } });
  if (created.count === 0) return result('duplicate', key, { paymentId: row.id });
  await appendAudit(tx, [{ type: 'payment.unmatched', actor: o.actor, data: { paymentId: row.id, paymentKey: key, source: input.source, txid, amountCents: input.amountCents, paidAt } }]);
  return result('unmatched', key, { paymentId: row.id });
}

/** Several payments (a webhook's batch, a bank export) in one transaction: all recorded or none. */
export async function recordPayments(db: Db, inputs: readonly PaymentInput[], o: RecordOptions): Promise<RecordResult[]> {
  // Two deliveries of one batch in another order lock the same rows in another order: PostgreSQL
  // aborts one (a deadlock), and running it again finds the other's rows (duplicates).
  return retryOnConflict(() =>
    db.$transaction(async (tx) => {
      const results: RecordResult[] = [];
      for (const input of inputs) results.push(await recordPaymentIn(tx, input, o));
      return results;
    }, PAYMENT_TX_OPTIONS),
  );
}

export type AssignError = 'not_found' | 'not_unmatched' | 'duplicate_payment' | 'payment_conflict';

/** Why an assignment was refused (the route maps each code to a status); nothing was written. */
export class AssignPaymentError extends CordialError<AssignError> {}

/**
 * A person assigns an unmatched payment to an instalment: it is applied to that agreement (the
 * ledger marks it assigned by hand) and the unmatched row becomes the applied one, keeping its id,
 * its note and who recorded it. Audited as payment.assigned, plus the ledger's own events.
 */
export async function assignPayment(
  db: Db,
  a: { paymentId: string; agreementId: string; installmentN: number },
  o: RecordOptions,
): Promise<RecordResult> {
  return db.$transaction(async (tx) => {
    const row = await tx.payment.findFirst({ where: { id: a.paymentId, creditorId: o.creditorId } });
    if (!row) throw new AssignPaymentError('not_found', 'no such payment');
    // Locks the agreement before the row is looked at again: two people assigning at once take turns.
    const stored = await loadLedger(tx, o.creditorId, a.agreementId, { lock: true });
    if (!stored) throw new AssignPaymentError('not_found', `no agreement ${a.agreementId}`);
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT "status" FROM "Payment" WHERE "id" = ${row.id} FOR UPDATE`;
    if (locked[0]?.status !== 'unmatched') throw new AssignPaymentError('not_unmatched', `payment ${row.id} is ${locked[0]?.status ?? 'gone'}, not unmatched`);

    const r = applyPayment(stored.ledger, {
      endToEndId: row.endToEndId,
      txid: row.txid,
      amountCents: Number(row.amountCents),
      paidAt: row.paidAt.toISOString(),
      source: row.source as PaymentSource,
      assignTo: a.installmentN,
    });
    if (r.outcome === 'duplicate') throw new AssignPaymentError('duplicate_payment', `agreement ${a.agreementId} already has this payment (${r.payment.key})`);
    if (r.outcome === 'conflict') throw new AssignPaymentError('payment_conflict', `agreement ${a.agreementId} has another payment with key ${r.payment.key}`);
    // The key is unique per creditor: the unmatched row makes way for the applied one, which then
    // takes its id and arrival time back (links and lists that named it keep working).
    await tx.payment.delete({ where: { id: row.id } });
    await saveLedger(tx, stored, r.agreement, r.events, { actor: o.actor, now: o.now, newPayments: new Map([[r.payment.key, { createdBy: row.createdBy, note: row.note }]]) });
    await tx.payment.update({ where: { creditorId_key: { creditorId: o.creditorId, key: r.payment.key } }, data: { id: row.id, createdAt: row.createdAt } });
    await appendAudit(tx, [
      { type: 'payment.assigned', actor: o.actor, conversationId: stored.conversationId, debtorId: stored.debtorId, data: { paymentId: row.id, paymentKey: r.payment.key, agreementId: a.agreementId, installmentN: a.installmentN, outcome: r.outcome } },
    ]);
    const receipt = r.outcome === 'applied' ? await queueReceipt(tx, stored, r.agreement, r.payment, o) : null;
    return result(r.outcome, r.payment.key, { paymentId: row.id, agreementId: a.agreementId, installmentN: a.installmentN, review: r.review, receipt });
  }, PAYMENT_TX_OPTIONS);
}

/** A Payment row as the API shows it (amounts in cents as numbers, instants as ISO strings). */
export function paymentJson(p: {
  id: string;
  key: string;
  endToEndId: string | null;
  txid: string;
  amountCents: bigint;
  paidAt: Date;
  source: string;
  status: string;
  agreementId: string | null;
  installmentN: number | null;
  assignedByHand: boolean;
  allocations: unknown;
  overpaidCents: bigint;
  chargesCents: bigint;
  held: string | null;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}) {
  return {
    id: p.id,
    key: p.key,
    endToEndId: p.endToEndId,
    txid: p.txid,
    amountCents: Number(p.amountCents),
    paidAt: p.paidAt.toISOString(),
    source: p.source,
    status: p.status,
    agreementId: p.agreementId,
    installmentN: p.installmentN,
    assignedByHand: p.assignedByHand,
    allocations: p.allocations,
    overpaidCents: Number(p.overpaidCents),
    chargesCents: Number(p.chargesCents),
    held: p.held,
    note: p.note,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
  };
}

/** The payment, the instalment it paid first and its agreement's totals, for the API's answers. */
export async function paymentView(db: Tx, creditorId: string, paymentId: string) {
  const p = await db.payment.findFirst({ where: { id: paymentId, creditorId } });
  if (!p) return null;
  const agreement = p.agreementId
    ? await db.agreement.findFirst({ where: { id: p.agreementId, creditorId }, include: { installments: { orderBy: { n: 'asc' } } } })
    : null;
  const i = agreement?.installments.find((x) => x.n === p.installmentN);
  const paidCents = agreement ? agreement.installments.reduce((s, x) => s + Number(x.paidCents), 0) : 0;
  return {
    payment: paymentJson(p),
    installment: i ? { n: i.n, dueDate: i.dueDate, amountCents: Number(i.amountCents), paidCents: Number(i.paidCents), status: i.status, paidAt: i.paidAt?.toISOString() ?? null, txid: i.txid } : null,
    agreement: agreement
      ? { id: agreement.id, status: agreement.status, totalCents: Number(agreement.totalCents), paidCents, remainingCents: Number(agreement.totalCents) - paidCents, overpaidCents: Number(agreement.overpaidCents) }
      : null,
  };
}
