// The rows of the list exports (src/domain/reportSheets.ts): agreements made, payments received and
// hand-offs opened in a period, for one creditor, simulator runs left out. Read in keyset pages
// (instant, id) of `pageSize` rows, each page yielded as soon as it is read, so an export of a year
// never holds more than one page in memory however large the table.
//
// Indexes: Agreement [creditorId, createdAt], Payment [creditorId, paidAt], Handoff [createdAt]
// (joined to its conversation for the creditor); each page is one range scan from the last key.

import { Prisma } from '../generated/prisma/client.js';
import type { AgreementExportRow, HandoffExportRow, PaymentExportRow } from '../domain/reportSheets.js';
import type { AgreementFilter } from './agreementSearch.js';
import type { Tx } from './database.js';

export interface ExportQuery {
  creditorId: string;
  /** The period as instants, [start, end) (periodInstants of the creditor's calendar days). */
  start: Date;
  end: Date;
  /** Rows per query. */
  pageSize: number;
}

export const EXPORT_PAGE_SIZE = 1000;

type Key = { at: Date; id: string };

/** Pages of `read(after)` until one comes back short; `keyOf` is the sort key of a row. */
async function* keysetPages<R>(read: (after: Key | null, limit: number) => Promise<R[]>, keyOf: (r: R) => Key, pageSize: number): AsyncGenerator<R[]> {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a whole number from 1, got ${pageSize}`);
  let after: Key | null = null;
  for (;;) {
    const page = await read(after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    after = keyOf(page[page.length - 1]!);
  }
}

/** `(column, id) > (after)` for a keyset on an instant column and the row's id. */
function afterKey(at: Prisma.Sql, id: Prisma.Sql, after: Key | null): Prisma.Sql {
  return after ? Prisma.sql`(${at} > ${after.at} OR (${at} = ${after.at} AND ${id} > ${after.id}))` : Prisma.sql`TRUE`;
}

type AgreementRaw = Omit<AgreementExportRow, 'totalCents' | 'debtCents' | 'paidCents'> & { totalCents: bigint; debtCents: bigint; paidCents: bigint };

/** Agreements made in the period, oldest first; `status` as the JSON list's filter ('late' = in force with a late instalment). */
export function agreementExportPages(db: Tx, q: ExportQuery & { status?: AgreementFilter }): AsyncGenerator<AgreementExportRow[]> {
  const where: Prisma.Sql[] = [
    Prisma.sql`a."creditorId" = ${q.creditorId}`,
    Prisma.sql`a.status <> 'simulated'`,
    Prisma.sql`a."createdAt" >= ${q.start}`,
    Prisma.sql`a."createdAt" < ${q.end}`,
    Prisma.sql`c.simulation IS NOT TRUE`,
  ];
  if (q.status === 'late') {
    where.push(Prisma.sql`a.status IN ('active', 'broken')`);
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Installment" l WHERE l."agreementId" = a.id AND l.status = 'late')`);
  } else if (q.status) where.push(Prisma.sql`a.status = ${q.status}`);
  return keysetPages(
    async (after, limit) => {
      const rows = await db.$queryRaw<AgreementRaw[]>`
        SELECT a.id, a."createdAt", d."companyName", d.cnpj, a.kind, a."totalCents", a."debtCents",
          o."discountBasisPoints", a.status, c.channel,
          (SELECT COUNT(*) FROM "Installment" i WHERE i."agreementId" = a.id)::int AS installments,
          (SELECT COALESCE(SUM(i."paidCents"), 0) FROM "Installment" i WHERE i."agreementId" = a.id)::bigint AS "paidCents"
        FROM "Agreement" a
        JOIN "Debtor" d ON d.id = a."debtorId"
        LEFT JOIN "Offer" o ON o.id = a."offerId"
        LEFT JOIN "Conversation" c ON c.id = a."conversationId"
        WHERE ${Prisma.join(where, ' AND ')} AND ${afterKey(Prisma.sql`a."createdAt"`, Prisma.sql`a.id`, after)}
        ORDER BY a."createdAt", a.id
        LIMIT ${limit}`;
      return rows.map((r) => ({
        ...r,
        createdAt: new Date(r.createdAt),
        totalCents: Number(r.totalCents),
        debtCents: Number(r.debtCents),
        paidCents: Number(r.paidCents),
        discountBasisPoints: r.discountBasisPoints === null ? null : Number(r.discountBasisPoints),
        installments: Number(r.installments),
      }));
    },
    (r) => ({ at: r.createdAt, id: r.id }),
    q.pageSize,
  );
}

type PaymentRaw = Omit<PaymentExportRow, 'amountCents' | 'chargesCents' | 'overpaidCents'> & { amountCents: bigint; chargesCents: bigint; overpaidCents: bigint };

/**
 * Payments received (by the instant paid) in the period, oldest first. Those of a simulator run
 * never (its agreement is 'simulated', or its conversation a simulation), as in the KPIs' figures.
 */
export function paymentExportPages(db: Tx, q: ExportQuery): AsyncGenerator<PaymentExportRow[]> {
  return keysetPages(
    async (after, limit) => {
      const rows = await db.$queryRaw<PaymentRaw[]>`
        SELECT p.id, p."paidAt", p."amountCents", p."chargesCents", p."overpaidCents", p.source, p.status, p.txid,
          p."endToEndId", p."agreementId", p."installmentN", p."assignedByHand"
        FROM "Payment" p
        LEFT JOIN "Agreement" a ON a.id = p."agreementId"
        LEFT JOIN "Conversation" c ON c.id = a."conversationId"
        WHERE p."creditorId" = ${q.creditorId} AND p."paidAt" >= ${q.start} AND p."paidAt" < ${q.end}
          AND (p."agreementId" IS NULL OR (a.status <> 'simulated' AND c.simulation IS NOT TRUE))
          AND ${afterKey(Prisma.sql`p."paidAt"`, Prisma.sql`p.id`, after)}
        ORDER BY p."paidAt", p.id
        LIMIT ${limit}`;
      return rows.map((p) => ({
        ...p,
        paidAt: new Date(p.paidAt),
        amountCents: Number(p.amountCents),
        chargesCents: Number(p.chargesCents),
        overpaidCents: Number(p.overpaidCents),
      }));
    },
    (r) => ({ at: r.paidAt, id: r.id }),
    q.pageSize,
  );
}

/** Hand-offs opened in the period, oldest first, with the name of the agent who holds or held it. */
export function handoffExportPages(db: Tx, q: ExportQuery): AsyncGenerator<HandoffExportRow[]> {
  return keysetPages(
    async (after, limit) => {
      const rows = await db.handoff.findMany({
        where: {
          createdAt: { gte: q.start, lt: q.end },
          conversation: { creditorId: q.creditorId, simulation: false },
          ...(after ? { OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }] } : {}),
        },
        include: { conversation: { select: { channel: true } }, agent: { select: { name: true } } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit,
      });
      return rows.map((h) => ({
        id: h.id,
        createdAt: h.createdAt,
        reason: h.reason,
        status: h.status,
        claimedAt: h.claimedAt,
        closedAt: h.closedAt,
        resolution: h.resolution,
        channel: h.conversation.channel,
        agentName: h.agent?.name ?? null,
      }));
    },
    (r) => ({ at: r.createdAt, id: r.id }),
    q.pageSize,
  );
}
