import { appendAudit } from './auditLog.js';
import { recordedTextHmac, verifyTextHmac } from './auditText.js';
import type { Db, Tx } from './database.js';
import { agreementJson, offerJson } from './debtRecordJson.js';
import { deleteUnreferencedAttachments, eraseConversationIn } from './eraseConversation.js';

// LGPD art. 18: a data subject may obtain everything held about them (II, access) and have it
// erased (VI). The person here is a debtor company's contact; the company's debt, offers and
// agreements are the creditor's financial records and stay, without the person's data.

const TX = { timeout: 120_000, maxWait: 30_000 };

/** The conversations that are the contact's: linked at verification, or at one of their channel addresses. */
async function conversationsOf(db: Db | Tx, contactId: string, identities: { channel: string; externalId: string }[]) {
  return db.conversation.findMany({
    where: { OR: [{ contactId }, ...identities.map((i) => ({ channel: i.channel, chatId: i.externalId }))] },
    orderBy: { createdAt: 'asc' },
  });
}

/** Everything held about one contact person, as JSON-ready data; null for an unknown contact. */
export async function exportContact(db: Db | Tx, contactId: string, now: Date = new Date()) {
  const contact = await db.contact.findUnique({ where: { id: contactId }, include: { debtor: true, identities: { orderBy: { createdAt: 'asc' } } } });
  if (!contact) return null;
  const convs = await conversationsOf(db, contactId, contact.identities);
  const ids = convs.map((c) => c.id);
  const [messages, offers, agreements, events] = await Promise.all([
    db.message.findMany({ where: { conversationId: { in: ids } }, orderBy: [{ conversationId: 'asc' }, { seq: 'asc' }] }),
    db.offer.findMany({ where: { conversationId: { in: ids } }, orderBy: { createdAt: 'asc' } }),
    db.agreement.findMany({ where: { conversationId: { in: ids } }, include: { installments: { orderBy: { n: 'asc' } } }, orderBy: { createdAt: 'asc' } }),
    db.auditEvent.findMany({
      where: { OR: [{ conversationId: { in: ids } }, { conversationId: null, data: { path: ['contactId'], equals: contactId } }] },
      orderBy: { id: 'asc' },
    }),
  ]);
  const textOf = new Map(messages.map((m) => [m.id, m.text]));
  const keyOf = new Map(convs.map((c) => [c.id, c.piiKey]));
  return {
    exportedAt: now.toISOString(),
    contact: {
      id: contact.id,
      name: contact.name,
      phone: contact.phone,
      email: contact.email,
      optedOutAt: contact.optedOutAt?.toISOString() ?? null,
      erasedAt: contact.erasedAt?.toISOString() ?? null,
      createdAt: contact.createdAt.toISOString(),
    },
    debtor: { id: contact.debtor.id, companyName: contact.debtor.companyName, cnpj: contact.debtor.cnpj },
    channelIdentities: contact.identities.map((i) => ({ channel: i.channel, externalId: i.externalId, createdAt: i.createdAt.toISOString() })),
    conversations: convs.map((c) => ({
      id: c.id,
      channel: c.channel,
      chatId: c.chatId,
      status: c.status,
      locale: c.locale,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      erasedAt: c.erasedAt?.toISOString() ?? null,
      messages: messages
        .filter((m) => m.conversationId === c.id)
        .map((m) => ({
          id: m.id,
          seq: m.seq,
          direction: m.direction,
          author: m.author,
          text: m.text,
          templateKey: m.templateKey,
          facts: m.facts,
          attachment: m.attachment,
          delivery: m.delivery,
          sentAt: m.sentAt?.toISOString() ?? null,
          createdAt: m.createdAt.toISOString(),
        })),
      offers: offers.filter((o) => o.conversationId === c.id).map(offerJson),
      agreements: agreements.filter((a) => a.conversationId === c.id).map(agreementJson),
    })),
    audit: events.map((e) => {
      const data = e.data as Record<string, unknown>;
      const recorded = recordedTextHmac(data);
      const messageId = typeof data.messageId === 'string' ? data.messageId : null;
      return {
        id: e.id.toString(),
        at: e.at.toISOString(),
        type: e.type,
        actor: e.actor,
        conversationId: e.conversationId,
        data,
        hash: e.hash,
        ...(recorded === undefined
          ? {}
          : { textVerified: verifyTextHmac((e.conversationId && keyOf.get(e.conversationId)) || null, messageId ? (textOf.get(messageId) ?? null) : null, recorded) }),
      };
    }),
  };
}

export type ContactExport = NonNullable<Awaited<ReturnType<typeof exportContact>>>;

export interface ContactErasure {
  contact: string;
  conversations: number;
  messages: number;
  /** Attachment files deleted from DATA_DIR (those no other message refers to). */
  attachments: number;
}

/**
 * Erases a contact person on request, in one transaction: their name, phone and e-mail, their
 * channel addresses, and every conversation of theirs (texts, attachments, text-hash key,
 * address). Agreements, instalments, offers and invoices are untouched, and the audit chain keeps
 * verifying: it never held the texts, only keyed hashes whose key is now gone. Files are deleted
 * after the commit, when `dataDir` is given. Erasing twice is harmless. Null for an unknown contact.
 */
export async function eraseContact(db: Db, contactId: string, actor: string, now: Date, opts: { dataDir?: string } = {}): Promise<ContactErasure | null> {
  const done = await db.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId }, include: { identities: true } });
    if (!contact) return null;
    const convs = (await conversationsOf(tx, contactId, contact.identities)).filter((c) => !c.erasedAt);
    let messages = 0;
    const files: string[] = [];
    for (const c of convs) {
      const e = await eraseConversationIn(tx, c.id, now);
      messages += e.messages;
      files.push(...e.attachmentPaths);
      await appendAudit(tx, [
        { type: 'conversation.erased', actor, conversationId: c.id, debtorId: e.debtorId, data: { reason: 'request', contactId, messages: e.messages, attachments: e.attachmentPaths.length } },
      ]);
    }
    await tx.channelIdentity.deleteMany({ where: { contactId } });
    await tx.contact.update({ where: { id: contactId }, data: { name: null, phone: null, email: null, erasedAt: contact.erasedAt ?? now } });
    await appendAudit(tx, [
      { type: 'contact.erased', actor, debtorId: contact.debtorId, data: { contactId, conversations: convs.length, messages, attachments: files.length, identities: contact.identities.length } },
    ]);
    return { convs: convs.length, messages, files };
  }, TX);
  if (!done) return null;
  const files = opts.dataDir ? await deleteUnreferencedAttachments(db, opts.dataDir, done.files) : { deleted: 0 };
  return { contact: contactId, conversations: done.convs, messages: done.messages, attachments: files.deleted };
}
