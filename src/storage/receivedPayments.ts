import type { Payment } from '../generated/prisma/client.js';
import type { Tx } from './database.js';

/** What the ledger made of a payment (src/domain/agreementLedger.ts), as the Payment row keeps it. */
export const PAYMENT_STATUSES = ['applied', 'unmatched', 'held', 'conflict'] as const;
export type PaymentStatusFilter = (typeof PAYMENT_STATUSES)[number];

/** A payment as the consoles show it; money in integer cents, instants in ISO 8601. */
export function receivedPaymentJson(p: Payment) {
  return {
    id: p.id,
    source: p.source,
    txid: p.txid,
    endToEndId: p.endToEndId,
    amountCents: Number(p.amountCents),
    paidAt: p.paidAt.toISOString(),
    status: p.status,
    installmentN: p.installmentN,
    allocations: Array.isArray(p.allocations) ? p.allocations : [],
    overpaidCents: Number(p.overpaidCents),
    /** What of it was counted as late fee + interest (a late PIX charge's), not towards the instalments. */
    chargesCents: Number(p.chargesCents),
    note: p.note,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
  };
}

export interface PaymentSearch {
  status?: PaymentStatusFilter;
  limit: number;
  /** The createdAt and id of the previous page's last row (newest first). */
  after?: { createdAt: string; id: string };
}

/**
 * The payments received for a creditor, newest first, `limit` at a time: for admins, above all
 * the unmatched ones a person has to assign. Read only; payments are written by the ledger.
 * One range of the index Payment [creditorId, status, createdAt] when a status is given.
 */
export async function listReceivedPayments(db: Tx, creditorId: string, q: PaymentSearch) {
  const after = q.after ? new Date(q.after.createdAt) : null;
  const rows = await db.payment.findMany({
    where: {
      creditorId,
      ...(q.status ? { status: q.status } : {}),
      ...(after && q.after ? { OR: [{ createdAt: { lt: after } }, { createdAt: after, id: { gt: q.after.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: q.limit + 1,
  });
  const more = rows.length > q.limit;
  const list = rows.slice(0, q.limit);
  const last = list[list.length - 1];
  return {
    payments: list.map((p) => ({ ...receivedPaymentJson(p), agreementId: p.agreementId, held: p.held })),
    nextCursor: more && last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
  };
}
