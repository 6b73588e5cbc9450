// Where an agreement's later messages (reminders, receipts, the broken-agreement notice) go: not
// always the conversation it was made in. The contact's preferred channel comes first, when the
// contact has a conversation there; an agreement made in the web chat, which cannot reach a person
// who left the page, goes to the contact's e-mail conversation; else where it was made.

/**
 * SQL for that conversation's id, given the SQL of the agreement's conversation id (a column or
 * a parameter). An address that bounced or a contact who opted out is not chosen.
 */
export function agreementMessageConversationSql(conversationId: string): string {
  return `COALESCE(
    (SELECT p.id FROM "Conversation" c0
       JOIN "Contact" k ON k.id = c0."contactId"
       JOIN "Conversation" p ON p."contactId" = k.id AND p.channel = k."preferredChannel"
      WHERE c0.id = ${conversationId} AND p.channel <> 'webchat' AND p."erasedAt" IS NULL
        AND NOT (p.channel = 'email' AND k."emailUnusableAt" IS NOT NULL)
      ORDER BY p."createdAt" DESC LIMIT 1),
    (SELECT e.id FROM "Conversation" c1
       JOIN "Conversation" e ON e."debtorId" = c1."debtorId" AND e.channel = 'email'
       JOIN "Contact" k ON k.id = e."contactId"
      WHERE c1.id = ${conversationId} AND c1.channel = 'webchat' AND k."emailUnusableAt" IS NULL AND k."erasedAt" IS NULL AND e."erasedAt" IS NULL
      ORDER BY (e."contactId" = c1."contactId") DESC, e."createdAt" DESC LIMIT 1),
    ${conversationId})`;
}
