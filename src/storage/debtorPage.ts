import { agreementJson, invoiceJson, offerJson } from './debtRecordJson.js';
import type { Tx } from './database.js';

/** The audit list shows the most recent events; the full trail is in the evidence export. */
export const DEBTOR_PAGE_AUDIT_EVENTS = 500;

/**
 * Everything the admin console shows about one debtor: who it is and how to reach it, what it owes,
 * every conversation, the offers and agreements, and its audit trail. Conversations an admin ran
 * in the flow simulator are listed (flagged) but their offers and agreements are not: they are
 * not commitments of the debtor. Null when the debtor does not exist for this creditor.
 */
export async function loadDebtorPage(db: Tx, creditorId: string, debtorId: string) {
  const debtor = await db.debtor.findFirst({ where: { id: debtorId, creditorId } });
  if (!debtor) return null;
  const [contacts, invoices, conversations, offers, agreements, audit] = await Promise.all([
    db.contact.findMany({ where: { debtorId }, orderBy: { createdAt: 'asc' } }),
    db.invoice.findMany({ where: { debtorId }, orderBy: [{ dueDate: 'asc' }, { number: 'asc' }] }),
    db.conversation.findMany({ where: { debtorId }, orderBy: { createdAt: 'desc' } }),
    db.offer.findMany({ where: { debtorId, conversation: { simulation: false } }, orderBy: { createdAt: 'asc' } }),
    db.agreement.findMany({ where: { debtorId }, orderBy: { createdAt: 'asc' }, include: { installments: { orderBy: { n: 'asc' } } } }),
    db.auditEvent.findMany({ where: { debtorId }, orderBy: { id: 'desc' }, take: DEBTOR_PAGE_AUDIT_EVENTS }),
  ]);
  // Agreement has no relation to Conversation in the schema; filter by the simulations listed above.
  const simulations = new Set(conversations.filter((c) => c.simulation).map((c) => c.id));
  return {
    debtor: { id: debtor.id, name: debtor.companyName, cnpj: debtor.cnpj, timeZone: debtor.timeZone, accessCode: debtor.accessCode },
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, phone: c.phone, email: c.email, optedOut: c.optedOutAt !== null, erased: c.erasedAt !== null, preferredChannel: c.preferredChannel, emailUnusable: c.emailUnusableAt !== null })),
    invoices: invoices.map(invoiceJson),
    conversations: conversations.map((c) => ({
      id: c.id,
      channel: c.channel,
      status: c.status,
      state: c.state,
      flowVersion: c.flowVersion,
      simulation: c.simulation,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
    offers: offers.map((o) => ({ ...offerJson(o), conversationId: o.conversationId })),
    agreements: agreements.filter((a) => !simulations.has(a.conversationId)).map((a) => ({ ...agreementJson(a), conversationId: a.conversationId })),
    audit: audit.map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), type: e.type, actor: e.actor, conversationId: e.conversationId, data: e.data })),
  };
}

export type DebtorPage = NonNullable<Awaited<ReturnType<typeof loadDebtorPage>>>;
