import type { MailContacts } from '../engine/mailContacts.js';
import { appendAudit } from './auditLog.js';
import type { Db } from './database.js';

/** The e-mail channel's port on the database, for one creditor. */
export function mailContacts(db: Db, creditorId: string, clock: () => Date = () => new Date()): MailContacts {
  return {
    async recipient(address) {
      const conv = await db.conversation.findUnique({ where: { channel_chatId: { channel: 'email', chatId: address } }, select: { debtorId: true, contactId: true } });
      return conv ? { debtorId: conv.debtorId, contactId: conv.contactId } : null;
    },

    async markUnusable(address, reason) {
      const now = clock();
      await db.$transaction(async (tx) => {
        const contacts = await tx.contact.findMany({
          where: { email: { equals: address, mode: 'insensitive' }, emailUnusableAt: null, debtor: { creditorId } },
          select: { id: true, debtorId: true },
        });
        if (!contacts.length) return;
        await tx.contact.updateMany({ where: { id: { in: contacts.map((c) => c.id) } }, data: { emailUnusableAt: now, emailUnusableReason: reason.slice(0, 300) } });
        // The address is personal data: the event names the contact, not the address.
        await appendAudit(
          tx,
          contacts.map((c) => ({ type: 'contact.email_unusable', actor: 'system', debtorId: c.debtorId, data: { contactId: c.id, reason: reason.slice(0, 300) } })),
        );
      });
    },

    async optOut(contactId, via) {
      return db.$transaction(async (tx) => {
        const contact = await tx.contact.findFirst({ where: { id: contactId, debtor: { creditorId } }, select: { id: true, debtorId: true, optedOutAt: true } });
        if (!contact) return false;
        // A second click changes nothing and says the same: the contact is out.
        if (contact.optedOutAt) return true;
        await tx.contact.update({ where: { id: contact.id }, data: { optedOutAt: clock() } });
        await appendAudit(tx, [{ type: 'contact.opted_out', actor: 'debtor', debtorId: contact.debtorId, data: { contactId: contact.id, channel: 'email', via } }]);
        return true;
      });
    },
  };
}
