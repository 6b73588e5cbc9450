// The e-mail channel's port on storage (src/storage/mailContacts.ts implements it): who an address
// is, and what a bounce or an unsubscribe link changes. Here, with the other ports, so the adapter
// at the edge and the storage below it both depend on the core.

/** Who an address's e-mail conversation is with (set when a notice or a routed message opened it). */
export interface MailRecipient {
  debtorId: string | null;
  contactId: string | null;
}

export interface MailContacts {
  recipient(address: string): Promise<MailRecipient | null>;
  /** A hard bounce: the address takes no more e-mail (every contact of the creditor that has it). */
  markUnusable(address: string, reason: string): Promise<void>;
  /** Opts the contact out of proactive messages (audited); false when there is no such contact. */
  optOut(contactId: string, via: 'email_link' | 'one_click'): Promise<boolean>;
}
