import type { PersistedSnapshot } from '../engine/ports.js';
import type { Db } from '../storage/database.js';
import { todayIn } from '../domain/dates.js';
import { policyForDebt } from '../storage/policyRepository.js';
import { agreementJson, invoiceJson, offerJson } from '../storage/debtRecordJson.js';
import { activeHandoff } from './handoffView.js';

/** How many transcript rows the console loads; long conversations show the most recent. */
const MAX_MESSAGES = 1000;

/**
 * Everything an agent needs to take over a conversation: the transcript (notes included), who the
 * debtor is, what it owes, what was offered and agreed, and the limits any new offer must respect.
 */
export async function loadConversationView(db: Db, conversationId: string, creditorId: string) {
  const conv = await db.conversation.findUnique({ where: { id: conversationId } });
  if (!conv) return null;
  const verified = !!(conv.snapshot as Partial<PersistedSnapshot>)?.context?.verified;
  const [handoff, handoffs, rows, debtor, offers, agreements] = await Promise.all([
    activeHandoff(db, conversationId),
    db.handoff.findMany({ where: { conversationId }, orderBy: { createdAt: 'asc' }, include: { agent: { select: { id: true, name: true } } } }),
    db.message.findMany({ where: { conversationId }, orderBy: { seq: 'desc' }, take: MAX_MESSAGES }),
    conv.debtorId
      ? db.debtor.findUnique({ where: { id: conv.debtorId }, include: { contacts: { orderBy: { createdAt: 'asc' } }, invoices: { orderBy: { dueDate: 'asc' } } } })
      : null,
    conv.debtorId ? db.offer.findMany({ where: { debtorId: conv.debtorId, conversation: { simulation: false } }, orderBy: { createdAt: 'asc' } }) : [],
    conv.debtorId ? db.agreement.findMany({ where: { debtorId: conv.debtorId, status: { not: 'simulated' } }, orderBy: { createdAt: 'asc' }, include: { installments: { orderBy: { n: 'asc' } } } }) : [],
  ]);
  // The limits an agent's offer is held to: those of this debt's overdue bucket.
  const openDueDates = (debtor?.invoices ?? []).filter((i) => i.status === 'open').map((i) => i.dueDate);
  const policy = await policyForDebt(db, creditorId, openDueDates, todayIn(conv.timeZone, new Date()));
  return {
    conversation: {
      id: conv.id,
      channel: conv.channel,
      status: conv.status,
      state: conv.state,
      locale: conv.locale,
      timeZone: conv.timeZone,
      verified,
      createdAt: conv.createdAt.toISOString(),
    },
    handoff,
    handoffs: handoffs.map((h) => ({
      reason: h.reason,
      status: h.status,
      resolution: h.resolution,
      agent: h.agent,
      createdAt: h.createdAt.toISOString(),
      claimedAt: h.claimedAt?.toISOString() ?? null,
      closedAt: h.closedAt?.toISOString() ?? null,
    })),
    debtor: debtor
      ? {
          id: debtor.id,
          name: debtor.companyName,
          cnpj: debtor.cnpj,
          contacts: debtor.contacts.map((c) => ({ name: c.name, phone: c.phone, email: c.email, optedOut: !!c.optedOutAt })),
        }
      : null,
    invoices: (debtor?.invoices ?? []).map(invoiceJson),
    offers: offers.map(offerJson),
    agreements: agreements.map(agreementJson),
    messages: rows.reverse().map((m) => {
      const facts = (m.facts as { agent?: { name?: string } } | null) ?? null;
      const attachment = m.attachment as { kind?: string; media?: { type?: string } } | null;
      return {
        seq: m.seq,
        kind: m.direction === 'note' ? 'note' : 'message',
        from: m.author,
        // Outbound rows get their text when sent; until then the console shows them as being sent.
        text: m.text,
        at: (m.sentAt ?? m.createdAt).toISOString(),
        delivery: m.delivery,
        // What the platform last reported (WhatsApp Cloud API): delivered, read, or failed and why.
        receipt: m.receipt ? { status: m.receipt, at: m.receiptAt?.toISOString() ?? null, error: m.receiptError } : null,
        agent: m.author === 'agent' && facts?.agent?.name ? { name: facts.agent.name } : null,
        attachment: attachment?.kind === 'media' || attachment?.kind === 'unsupported' ? { type: attachment.media?.type ?? 'file' } : null,
      };
    }),
    policy,
  };
}
