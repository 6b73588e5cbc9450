import type { Tx } from '../storage/database.js';

/** A handoff as agents see it in the queue (GET /api/agent/handoffs). */
export interface HandoffItem {
  conversationId: string;
  channel: string;
  reason: string;
  detail: unknown;
  status: 'pending' | 'open';
  agent: { id: string; name: string; email: string } | null;
  /** Null while identity is not verified: the agent must not disclose debt details yet. */
  debtor: { name: string | null; cnpj: string | null };
  since: string;
  claimedAt: string | null;
  waitingNoticeSent: boolean;
  locale: string;
  lastMessage: { from: string; text: string; at: string } | null;
}

const include = {
  agent: { select: { id: true, name: true, email: true } },
  conversation: { select: { channel: true, locale: true, debtor: { select: { companyName: true, cnpj: true } } } },
} as const;

type Row = NonNullable<Awaited<ReturnType<typeof loadOne>>>;
function loadOne(db: Tx, conversationId: string) {
  return db.handoff.findFirst({ where: { conversationId, status: { in: ['pending', 'open'] } }, include, orderBy: { createdAt: 'desc' } });
}

function parseDetail(detail: string | null): unknown {
  if (!detail) return null;
  try {
    return JSON.parse(detail);
  } catch {
    return detail;
  }
}

function toItem(h: Row, last: { author: string; text: string | null; createdAt: Date } | undefined): HandoffItem {
  return {
    conversationId: h.conversationId,
    channel: h.conversation.channel,
    reason: h.reason,
    detail: parseDetail(h.detail),
    status: h.status as HandoffItem['status'],
    agent: h.agent,
    debtor: { name: h.conversation.debtor?.companyName ?? null, cnpj: h.conversation.debtor?.cnpj ?? null },
    since: h.createdAt.toISOString(),
    claimedAt: h.claimedAt?.toISOString() ?? null,
    waitingNoticeSent: !!h.waitingNoticeAt,
    locale: h.conversation.locale,
    lastMessage: last ? { from: last.author, text: last.text ?? '', at: last.createdAt.toISOString() } : null,
  };
}

/** The last thing the debtor wrote, for the queue's preview. */
async function lastDebtorMessages(db: Tx, conversationIds: string[]) {
  if (!conversationIds.length) return new Map<string, { author: string; text: string | null; createdAt: Date }>();
  const rows = await db.message.findMany({
    where: { conversationId: { in: conversationIds }, direction: 'in' },
    orderBy: { seq: 'desc' },
    distinct: ['conversationId'],
    select: { conversationId: true, author: true, text: true, createdAt: true },
  });
  return new Map(rows.map((r) => [r.conversationId, r]));
}

/** Pending and open handoffs, oldest first: the agents' queue. */
export async function listActiveHandoffs(db: Tx): Promise<HandoffItem[]> {
  const rows = await db.handoff.findMany({ where: { status: { in: ['pending', 'open'] } }, include, orderBy: { createdAt: 'asc' } });
  const last = await lastDebtorMessages(db, rows.map((r) => r.conversationId));
  return rows.map((h) => toItem(h, last.get(h.conversationId)));
}

export async function activeHandoff(db: Tx, conversationId: string): Promise<HandoffItem | null> {
  const h = await loadOne(db, conversationId);
  if (!h) return null;
  const last = await lastDebtorMessages(db, [conversationId]);
  return toItem(h, last.get(conversationId));
}
