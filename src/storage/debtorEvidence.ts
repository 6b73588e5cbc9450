import { verifyAuditChain, type ChainProblem, type ChainVerification } from './verifyAuditChain.js';
import { recordedTextHmac, verifyTextHmac } from './auditText.js';
import type { Db, Tx } from './database.js';

export interface EvidenceEvent {
  id: string;
  at: string;
  type: string;
  actor: string;
  /** The person behind a `user:<id>` actor, for readers of the evidence. */
  actorName: string | null;
  conversationId: string | null;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /**
   * The message the event is about, when it names one: its text as stored (null once erased or not
   * yet sent) and, when the event recorded a keyed hash of it, whether the two match.
   */
  message?: { id: string; text: string | null; textVerified?: boolean | null };
}

export interface DebtorEvidence {
  generatedAt: string;
  creditor: { name: string; cnpj: string };
  debtor: { id: string; companyName: string; cnpj: string };
  period: { from: string | null; to: string | null };
  events: EvidenceEvent[];
  /** The whole trail's verification (not only this debtor's events: every stream, and the latest checkpoint). */
  chain: {
    ok: boolean;
    events: number;
    firstBroken: { id: string; at: string | null; type: string | null; expected: string; found: string | null; stream: string | null; problem: ChainProblem } | null;
    head: { id: string; at: string; hash: string } | null;
    streams: number;
    brokenStreams: number;
    checkpoint: { id: string; at: string; streams: number; events: string; signatureChecked: boolean } | null;
  };
}

export function chainJson(v: ChainVerification): DebtorEvidence['chain'] {
  return {
    ok: v.ok,
    events: v.checked,
    firstBroken: v.firstBroken ? { ...v.firstBroken, at: v.firstBroken.at?.toISOString() ?? null } : null,
    head: v.head ? { ...v.head, at: v.head.at.toISOString() } : null,
    streams: v.streams,
    brokenStreams: v.brokenStreams,
    checkpoint: v.checkpoint ? { ...v.checkpoint, at: v.checkpoint.at.toISOString() } : null,
  };
}

const CHUNK = 1000;

/**
 * A debtor's part of the audit trail (append-only and tamper-evident, so it serves as
 * evidence): its events in chain order with
 * their hashes, the texts of the messages they name (where not erased, checked against the keyed
 * hashes the trail holds), and the verification of the whole trail (checkpoint signatures checked
 * with `checkpointKey`, AUDIT_CHECKPOINT_SECRET). Null for an unknown debtor.
 */
export async function buildDebtorEvidence(db: Db | Tx, debtorId: string, now: Date = new Date(), checkpointKey?: string): Promise<DebtorEvidence | null> {
  const debtor = await db.debtor.findUnique({ where: { id: debtorId }, include: { creditor: { select: { name: true, cnpj: true } } } });
  if (!debtor) return null;
  // Events written before the debtor was identified carry only the conversation's id.
  const convs = await db.conversation.findMany({ where: { debtorId }, select: { id: true, piiKey: true } });
  const keyOf = new Map(convs.map((c) => [c.id, c.piiKey]));
  const rows = await db.auditEvent.findMany({ where: { OR: [{ debtorId }, { conversationId: { in: convs.map((c) => c.id) } }] }, orderBy: { id: 'asc' } });

  const messageIds = [...new Set(rows.map((r) => (r.data as Record<string, unknown>).messageId).filter((m): m is string => typeof m === 'string'))];
  const textOf = new Map<string, string | null>();
  for (let i = 0; i < messageIds.length; i += CHUNK) {
    const ms = await db.message.findMany({ where: { id: { in: messageIds.slice(i, i + CHUNK) } }, select: { id: true, text: true } });
    for (const m of ms) textOf.set(m.id, m.text);
  }
  const userIds = [...new Set(rows.map((r) => /^user:(.+)$/.exec(r.actor)?.[1]).filter((u): u is string => !!u))];
  const users = userIds.length ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const nameOf = new Map(users.map((u) => [`user:${u.id}`, u.name]));

  const events = rows.map((r): EvidenceEvent => {
    const data = r.data as Record<string, unknown>;
    const messageId = typeof data.messageId === 'string' ? data.messageId : null;
    const e: EvidenceEvent = {
      id: r.id.toString(),
      at: r.at.toISOString(),
      type: r.type,
      actor: r.actor,
      actorName: nameOf.get(r.actor) ?? null,
      conversationId: r.conversationId,
      data,
      prevHash: r.prevHash,
      hash: r.hash,
    };
    if (messageId && textOf.has(messageId)) {
      const text = textOf.get(messageId) ?? null;
      const recorded = recordedTextHmac(data);
      e.message = { id: messageId, text };
      if (recorded !== undefined) e.message.textVerified = verifyTextHmac((r.conversationId && keyOf.get(r.conversationId)) || null, text, recorded);
    }
    return e;
  });

  return {
    generatedAt: now.toISOString(),
    creditor: { name: debtor.creditor.name, cnpj: debtor.creditor.cnpj },
    debtor: { id: debtor.id, companyName: debtor.companyName, cnpj: debtor.cnpj },
    period: { from: events[0]?.at ?? null, to: events.at(-1)?.at ?? null },
    events,
    chain: chainJson(await verifyAuditChain(db, { checkpointKey })),
  };
}
