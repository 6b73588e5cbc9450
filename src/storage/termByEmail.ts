import type { AgreementFacts } from '../engine/flowContext.js';
import type { ConversationRecord } from '../engine/ports.js';
import { appendAudit } from './auditLog.js';
import { appendMessage } from './appendMessage.js';
import { creditorFacts, type CreditorRow } from './creditorRepository.js';
import type { Tx } from './database.js';

/**
 * A copy of an agreement's term, with the PDF, to the debtor's e-mail: for an agreement made in
 * the web chat, whose page shows the term only while it is open, or by a contact who prefers
 * e-mail. The contact who was verified is written to when their address can take mail, else
 * (web chat only) another contact of the company whose can; none: nothing is queued. The e-mail
 * conversation is the one the reminders then go to (agreementMessageConversation.ts). Returns that
 * conversation's id, to be flushed after the turn.
 */
export async function queueTermByEmail(tx: Tx, creditor: CreditorRow, conv: ConversationRecord, debtorId: string, agreement: AgreementFacts): Promise<string | null> {
  const [target] = await tx.$queryRawUnsafe<{ id: string; email: string }[]>(
    `SELECT k.id, lower(trim(k.email)) AS email FROM "Contact" k
      WHERE k."debtorId" = $1 AND k.email IS NOT NULL AND k.email <> '' AND k."emailUnusableAt" IS NULL AND k."optedOutAt" IS NULL AND k."erasedAt" IS NULL
        AND ($3 OR (k.id = (SELECT "contactId" FROM "Conversation" WHERE id = $2) AND k."preferredChannel" = 'email'))
      ORDER BY (k.id = (SELECT "contactId" FROM "Conversation" WHERE id = $2)) DESC, k."createdAt" LIMIT 1`,
    debtorId,
    conv.id,
    conv.channel === 'webchat',
  );
  if (!target) return null;
  const email = await tx.conversation.upsert({
    where: { channel_chatId: { channel: 'email', chatId: target.email } },
    create: { creditorId: creditor.id, channel: 'email', chatId: target.email, debtorId, contactId: target.id, flowId: conv.flowId, flowVersion: conv.flowVersion, snapshot: {}, locale: conv.locale, timeZone: conv.timeZone },
    update: {},
    select: { id: true },
  });
  const facts = { creditor: creditorFacts(creditor), agreement: { ...agreement, count: agreement.installments.length } };
  // Not proactive: the debtor has just agreed and expects the term, at whatever hour.
  const { message } = await appendMessage(tx, email.id, { author: 'bot', direction: 'out', delivery: 'pending', templateKey: 'agreement.term', facts, attachment: { kind: 'agreement_term', agreementId: agreement.id } });
  await appendAudit(tx, [{ type: 'agreement.term_queued', actor: 'bot', conversationId: email.id, debtorId, data: { agreementId: agreement.id, messageId: message.id, channel: 'email', madeIn: conv.id } }]);
  return email.id;
}
