// The agreement ledger's rows (issue 12): loads an agreement, its instalments and its payments as
// the domain's LedgerAgreement, and writes back what a domain function changed — the rows and one
// audit event per ledger event, in the caller's transaction. The rules live in src/domain
// (applyPayment, statusOn, renegotiate …); this file only moves them in and out of the database.

import type { Allocation, AgreementStatus, HoldReason, InstallmentStatus, LedgerAgreement, LedgerEvent, PaymentSource, RecordedPayment } from '../domain/agreementLedger.js';
import type { Prisma } from '../generated/prisma/client.js';
import { appendAudit, type AuditInput } from './auditLog.js';
import type { Tx } from './database.js';

/** A ledger with the facts around it that the rows hold and the domain does not need. */
export interface StoredLedger {
  ledger: LedgerAgreement;
  creditorId: string;
  debtorId: string;
  conversationId: string;
  /** The term's rates, in basis points (2 % = 200). */
  lateFeeBasisPoints: number;
  monthlyInterestBasisPoints: number;
  /** The debtor's calendar day of acceptance. */
  agreedOn: string;
  debtCents: number;
  createdAt: Date;
  /** Instalment ids by number (reminder keys use them). */
  installmentIds: ReadonlyMap<number, string>;
}

/** What only the caller knows about a payment the change adds (who registered it, a note). */
export interface NewPaymentMeta {
  createdBy: string;
  note?: string | null;
}

export interface SaveLedgerOptions {
  /** Who made the change, for the audit trail ('pix', 'system', 'admin:<id>' …). */
  actor: string;
  now: Date;
  /** Payments the change adds, by key; a payment without an entry is recorded as created by `actor`. */
  newPayments?: ReadonlyMap<string, NewPaymentMeta>;
}

const LEDGER_STATUSES: readonly AgreementStatus[] = ['active', 'settled', 'broken', 'renegotiated', 'cancelled'];

/** An agreement's status as the ledger knows it; null for a simulator run (never a real ledger). */
export function ledgerStatus(status: string): AgreementStatus | null {
  return (LEDGER_STATUSES as readonly string[]).includes(status) ? (status as AgreementStatus) : null;
}

/**
 * Loads an agreement of this creditor as a ledger; null when there is none (or it is a simulator
 * run). With `lock`, the agreement row is locked until the transaction ends, so two processes
 * applying payments or the daily status pass to the same agreement take turns (the ledger is
 * recomputed from all payments, and the second one must see the first one's).
 */
export async function loadLedger(tx: Tx, creditorId: string, agreementId: string, opts: { lock?: boolean } = {}): Promise<StoredLedger | null> {
  if (opts.lock) {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Agreement" WHERE "id" = ${agreementId} AND "creditorId" = ${creditorId} FOR UPDATE`;
    if (locked.length === 0) return null;
  }
  const row = await tx.agreement.findFirst({ where: { id: agreementId, creditorId }, include: LEDGER_INCLUDE });
  if (!row) return null;
  return storedLedgerOf(row, await chargesOf(tx, creditorId, [row]));
}

const LEDGER_INCLUDE = {
  installments: { orderBy: { n: 'asc' } },
  payments: { where: { status: { in: ['applied', 'held'] } }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.AgreementInclude;

/**
 * Loads several agreements of this creditor as ledgers in one query (the reminder pass's daily
 * status, a batch at a time). No lock: the caller locks the rows first (in id order) and passes
 * the ids it holds. Simulator runs are left out.
 */
export async function loadLedgers(tx: Tx, creditorId: string, agreementIds: readonly string[]): Promise<Map<string, StoredLedger>> {
  const out = new Map<string, StoredLedger>();
  if (!agreementIds.length) return out;
  const rows = await tx.agreement.findMany({ where: { id: { in: [...agreementIds] }, creditorId }, include: LEDGER_INCLUDE });
  const charges = await chargesOf(tx, creditorId, rows);
  for (const row of rows) {
    const s = storedLedgerOf(row, charges);
    if (s) out.set(row.id, s);
  }
  return out;
}

type LedgerRow = Prisma.AgreementGetPayload<{ include: typeof LEDGER_INCLUDE }>;

/**
 * The late fee + interest each paid PIX charge carried (by txid): what a payment of it may count as
 * charges. Read from the charges, not the payments, because the allocation is recomputed on every change.
 */
async function chargesOf(tx: Tx, creditorId: string, rows: readonly LedgerRow[]): Promise<Map<string, number>> {
  const txids = [...new Set(rows.flatMap((r) => r.payments.map((p) => p.txid)))];
  if (!txids.length) return new Map();
  const charged = await tx.pixCharge.findMany({ where: { creditorId, agreementId: { in: rows.map((r) => r.id) }, txid: { in: txids } }, select: { txid: true, chargesCents: true } });
  return new Map(charged.map((c) => [c.txid, Number(c.chargesCents)]));
}

function storedLedgerOf(row: LedgerRow, lateCharges: ReadonlyMap<string, number>): StoredLedger | null {
  const status = ledgerStatus(row.status);
  if (!status) return null;
  const payments = row.payments.map(
    (p): RecordedPayment => ({
      key: p.key,
      endToEndId: p.endToEndId,
      txid: p.txid,
      amountCents: Number(p.amountCents),
      paidAt: p.paidAt.toISOString(),
      source: p.source as PaymentSource,
      installmentN: p.installmentN ?? 1,
      assignedByHand: p.assignedByHand,
      allocations: (p.allocations as unknown as Allocation[]) ?? [],
      overpaidCents: Number(p.overpaidCents),
      lateChargesCents: lateCharges.get(p.txid) ?? 0,
      chargesCents: Number(p.chargesCents),
      held: (p.held as HoldReason | null) ?? null,
    }),
  );
  return {
    ledger: {
      id: row.id,
      status,
      installments: row.installments.map((i) => ({
        n: i.n,
        dueDate: i.dueDate,
        amountCents: Number(i.amountCents),
        txid: i.txid,
        paidCents: Number(i.paidCents),
        paidAt: i.paidAt ? i.paidAt.toISOString() : null,
        status: i.status as InstallmentStatus,
      })),
      payments,
      overpaidCents: Number(row.overpaidCents),
      brokenOn: row.brokenOn,
      renegotiates: row.renegotiatesId,
      renegotiatedBy: row.renegotiatedById,
    },
    creditorId: row.creditorId,
    debtorId: row.debtorId,
    conversationId: row.conversationId,
    lateFeeBasisPoints: row.lateFeeBasisPoints,
    monthlyInterestBasisPoints: row.monthlyInterestBasisPoints,
    agreedOn: row.agreedOn,
    debtCents: Number(row.debtCents),
    createdAt: row.createdAt,
    installmentIds: new Map(row.installments.map((i) => [i.n, i.id])),
  };
}

/** The audit type of a ledger event: payment.applied, installment.late, agreement.broken … */
export function auditTypeOf(event: LedgerEvent): string {
  const [, subject, what] = /^(payments?|installment|agreement)_(.+)$/.exec(event.type) ?? [];
  return subject && what ? `${subject === 'payments' ? 'payment' : subject}.${what}` : `ledger.${event.type}`;
}

const sameAllocations = (a: readonly Allocation[], b: readonly Allocation[]): boolean =>
  a.length === b.length && a.every((x, k) => x.n === b[k]?.n && x.cents === b[k]?.cents);

/**
 * Writes what a domain function changed: the agreement's status and totals, the instalments whose
 * paid amount or status moved, the payments added or re-allocated, the invoices an agreement
 * settles, and one audit event per ledger event. Nothing is written when nothing changed.
 */
export async function saveLedger(tx: Tx, stored: StoredLedger, after: LedgerAgreement, events: readonly LedgerEvent[], opts: SaveLedgerOptions): Promise<void> {
  await appendAudit(tx, await writeLedgerRows(tx, stored, after, events, opts));
}

/**
 * saveLedger without the audit append: writes the rows and returns the audit events, so that a
 * batch (the reminder pass's daily status) appends the events of all its agreements in one call,
 * locking the audit streams it touches once, in stream order, after every row lock of the batch.
 */
export async function writeLedgerRows(tx: Tx, stored: StoredLedger, after: LedgerAgreement, events: readonly LedgerEvent[], opts: SaveLedgerOptions): Promise<AuditInput[]> {
  const before = stored.ledger;
  if (after === before && events.length === 0) return [];
  const id = before.id;

  if (after.status !== before.status || after.overpaidCents !== before.overpaidCents || after.brokenOn !== before.brokenOn || after.renegotiatedBy !== before.renegotiatedBy) {
    await tx.agreement.update({
      where: { id },
      data: {
        status: after.status,
        overpaidCents: BigInt(after.overpaidCents),
        brokenOn: after.brokenOn,
        renegotiatedById: after.renegotiatedBy,
        ...(after.status === 'settled' && before.status !== 'settled' ? { settledAt: opts.now } : {}),
      },
    });
  }
  for (const i of after.installments) {
    const was = before.installments.find((b) => b.n === i.n);
    if (was && was.paidCents === i.paidCents && was.status === i.status && was.paidAt === i.paidAt) continue;
    await tx.installment.update({
      where: { agreementId_n: { agreementId: id, n: i.n } },
      data: { paidCents: BigInt(i.paidCents), status: i.status, paidAt: i.paidAt ? new Date(i.paidAt) : null },
    });
  }
  const known = new Map(before.payments.map((p) => [p.key, p]));
  for (const p of after.payments) {
    const was = known.get(p.key);
    if (!was) {
      const meta = opts.newPayments?.get(p.key);
      await tx.payment.create({
        data: {
          creditorId: stored.creditorId,
          key: p.key,
          endToEndId: p.endToEndId,
          txid: p.txid,
          amountCents: BigInt(p.amountCents),
          paidAt: new Date(p.paidAt),
          source: p.source,
          status: p.held ? 'held' : 'applied',
          agreementId: id,
          installmentN: p.installmentN,
          assignedByHand: p.assignedByHand,
          allocations: p.allocations.map((a) => ({ ...a })),
          overpaidCents: BigInt(p.overpaidCents),
          chargesCents: BigInt(p.chargesCents),
          held: p.held,
          note: meta?.note ?? null,
          createdBy: meta?.createdBy ?? opts.actor,
          createdAt: opts.now,
        },
      });
    } else if (!sameAllocations(was.allocations, p.allocations) || was.overpaidCents !== p.overpaidCents || was.chargesCents !== p.chargesCents) {
      await tx.payment.update({
        where: { creditorId_key: { creditorId: stored.creditorId, key: p.key } },
        data: { allocations: p.allocations.map((a) => ({ ...a })), overpaidCents: BigInt(p.overpaidCents), chargesCents: BigInt(p.chargesCents) },
      });
    }
  }
  if (after.status === 'settled' && before.status !== 'settled') {
    await tx.invoice.updateMany({ where: { agreementId: id, status: 'in_agreement' }, data: { status: 'paid' } });
  }
  return events.map((e) => ({ type: auditTypeOf(e), actor: opts.actor, conversationId: stored.conversationId, debtorId: stored.debtorId, data: e.data as unknown as Record<string, unknown> }));
}
