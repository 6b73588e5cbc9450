import { appendAudit } from './auditLog.js';
import type { Tx } from './database.js';

// routed: which channel a proactive message was queued on, and why (the contact's preference, or
// the channels passed over in the creditor's order).
export const CONTACT_DECISION_STATUSES = ['routed', 'sent', 'deferred', 'blocked'] as const;
export type ContactDecisionStatus = (typeof CONTACT_DECISION_STATUSES)[number];

export interface ContactDecisionInput {
  /** When the decision was taken, on the app's clock (what the caps were counted against). */
  at: Date;
  messageId: string;
  conversationId: string;
  debtorId: string | null;
  channel: string;
  status: ContactDecisionStatus;
  /** 'allowed' for a send; a DeferReason or 'opted_out' for a hold; the route's reasons when routed. */
  reason: string;
  until: Date | null;
}

/**
 * Records why a proactive message was or was not sent: the row the admin's "why" view lists, and
 * the same facts in the audit trail. Pass a transaction: both writes must land together (and the
 * audit stream's row lock lasts until its end).
 */
export async function recordDecision(tx: Tx, d: ContactDecisionInput): Promise<void> {
  await tx.contactDecision.create({
    data: { at: d.at, messageId: d.messageId, conversationId: d.conversationId, debtorId: d.debtorId, channel: d.channel, status: d.status, reason: d.reason, until: d.until },
  });
  await appendAudit(tx, [
    {
      type: 'proactive.decision',
      actor: 'system',
      conversationId: d.conversationId,
      debtorId: d.debtorId,
      data: { messageId: d.messageId, channel: d.channel, status: d.status, reason: d.reason, until: d.until?.toISOString() ?? null, decidedAt: d.at.toISOString() },
    },
  ]);
}

export interface DecisionFilters {
  debtorId?: string;
  status?: ContactDecisionStatus;
  /** Default 50, at most 500. */
  limit?: number;
  /** Only decisions strictly before this instant: the `at` of the last row of the previous page. */
  before?: Date;
}

export interface ContactDecisionView {
  at: Date;
  messageId: string;
  conversationId: string;
  debtor: { id: string; name: string } | null;
  channel: string;
  status: string;
  reason: string;
  until: Date | null;
}

export const DEFAULT_DECISIONS_LIMIT = 50;
export const MAX_DECISIONS_LIMIT = 500;

/** The latest decisions first, with the debtor's company name. */
export async function listDecisions(db: Tx, filters: DecisionFilters = {}): Promise<ContactDecisionView[]> {
  const take = Math.min(Math.max(Math.trunc(filters.limit ?? DEFAULT_DECISIONS_LIMIT), 1), MAX_DECISIONS_LIMIT);
  const rows = await db.contactDecision.findMany({
    where: { debtorId: filters.debtorId, status: filters.status, at: filters.before ? { lt: filters.before } : undefined },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take,
  });
  const ids = [...new Set(rows.map((r) => r.debtorId).filter((id): id is string => id !== null))];
  const debtors = ids.length ? await db.debtor.findMany({ where: { id: { in: ids } }, select: { id: true, companyName: true } }) : [];
  const names = new Map(debtors.map((d) => [d.id, d.companyName]));
  return rows.map((r) => ({
    at: r.at,
    messageId: r.messageId,
    conversationId: r.conversationId,
    debtor: r.debtorId && names.has(r.debtorId) ? { id: r.debtorId, name: names.get(r.debtorId)! } : null,
    channel: r.channel,
    status: r.status,
    reason: r.reason,
    until: r.until,
  }));
}
