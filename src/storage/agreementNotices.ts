// Messages about an agreement that may go out once (a reminder, the late note, the broken-agreement
// notice, a receipt): the AgreementNotice row's unique key makes each one at-most-once, also when
// two processes run the reminder pass or a webhook is redelivered at the same moment.

import { randomUUID } from 'node:crypto';
import type { IsoDate } from '../domain/dates.js';
import type { AppendedRow, ConversationWrites } from '../engine/conversationWrites.js';
import { Prisma } from '../generated/prisma/client.js';
import { appendAudit, type AuditInput } from './auditLog.js';
import type { Tx } from './database.js';
import { agreementMessageConversationSql } from './agreementMessageConversation.js';

export interface AgreementMessage {
  creditorId: string;
  agreementId: string;
  /** The conversation the agreement was made in: the debtor hears on the channel it used. */
  conversationId: string;
  installmentN?: number | null;
  /** What it is: before:3, due, after:1, broken, receipt … */
  kind: string;
  /** At most one message per key (reminderKey in src/domain/reminderSchedule.ts, or a receipt's). */
  key: string;
  /** The creditor's calendar day it is meant for. */
  forDate: IsoDate;
  row: Omit<AppendedRow, 'author' | 'direction' | 'delivery'>;
}

/**
 * Queues the message in the outbox unless its key already went out. Returns the new message's id
 * and the conversation it went to, or null when the key was taken (by this or another process). Runs in the caller's transaction:
 * the notice row, the message and the audit event commit together or not at all.
 */
export async function queueAgreementMessage(tx: Tx, conversations: ConversationWrites<Tx>, m: AgreementMessage, actor = 'system'): Promise<{ messageId: string; conversationId: string } | null> {
  // ON CONFLICT DO NOTHING: a taken key neither errors (which would abort a PostgreSQL transaction) nor writes.
  const claimed = await tx.agreementNotice.createMany({
    data: [{ creditorId: m.creditorId, agreementId: m.agreementId, installmentN: m.installmentN ?? null, kind: m.kind, key: m.key, forDate: m.forDate }],
    skipDuplicates: true,
  });
  if (claimed.count === 0) return null;
  // The contact's preferred channel, or e-mail for an agreement made in the web chat.
  const [{ id: conversationId }] = (await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT ${agreementMessageConversationSql('$1')} AS id`, m.conversationId)) as [{ id: string }];
  const { message, debtorId } = await conversations.append(tx, conversationId, { ...m.row, author: 'bot', direction: 'out', delivery: 'pending' });
  await tx.agreementNotice.update({ where: { creditorId_key: { creditorId: m.creditorId, key: m.key } }, data: { messageId: message.id } });
  await appendAudit(tx, [messageQueuedEvent({ ...m, conversationId, agreementConversationId: m.conversationId, templateKey: m.row.templateKey ?? null }, message.id, debtorId, actor)]);
  return { messageId: message.id, conversationId };
}

/** A key a batch wants to claim (the reminder pass). */
export type NoticeClaim = Omit<AgreementMessage, 'conversationId' | 'row'>;

/**
 * Claims a batch's at-most-once keys in one statement and returns the keys this call took: a key
 * already there (sent earlier, or claimed by another process) is skipped by ON CONFLICT DO NOTHING
 * and not returned. Only what is returned may be acted on (a PIX code issued, a message queued);
 * the caller writes the messages in the same transaction and then attachNoticeMessages.
 */
export async function claimNotices(tx: Tx, claims: readonly NoticeClaim[]): Promise<Set<string>> {
  if (!claims.length) return new Set();
  const values = Prisma.join(claims.map((c) => Prisma.sql`(${randomUUID()}, ${c.creditorId}, ${c.agreementId}, ${c.installmentN ?? null}::int, ${c.kind}, ${c.key}, ${c.forDate})`));
  const rows = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO "AgreementNotice" ("id", "creditorId", "agreementId", "installmentN", "kind", "key", "forDate")
    VALUES ${values}
    ON CONFLICT ("creditorId", "key") DO NOTHING RETURNING "key"`;
  return new Set(rows.map((r) => r.key));
}

/** Records which message each claimed key became, in one statement. */
export async function attachNoticeMessages(tx: Tx, creditorId: string, pairs: readonly { key: string; messageId: string }[]): Promise<void> {
  if (!pairs.length) return;
  const values = Prisma.join(pairs.map((p) => Prisma.sql`(${p.key}, ${p.messageId})`));
  await tx.$executeRaw`
    UPDATE "AgreementNotice" n SET "messageId" = v.mid FROM (VALUES ${values}) AS v(key, mid)
    WHERE n."creditorId" = ${creditorId} AND n."key" = v.key`;
}

/** The audit event of a queued agreement message (queueAgreementMessage's, for a batch to append together). */
export function messageQueuedEvent(
  m: Omit<AgreementMessage, 'row'> & { templateKey: string | null; agreementConversationId?: string },
  messageId: string,
  debtorId: string | null,
  actor = 'system',
): AuditInput {
  // Sent elsewhere than where the agreement was made (agreementMessageConversation.ts): both named.
  const moved = m.agreementConversationId && m.agreementConversationId !== m.conversationId ? { agreementConversationId: m.agreementConversationId } : {};
  return {
    type: 'agreement.message_queued',
    actor,
    conversationId: m.conversationId,
    debtorId,
    data: { ...moved, agreementId: m.agreementId, installmentN: m.installmentN ?? null, kind: m.kind, key: m.key, forDate: m.forDate, messageId, templateKey: m.templateKey },
  };
}
