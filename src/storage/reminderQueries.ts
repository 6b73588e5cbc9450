// The reminder pass's reads (issue 12): indexed range scans over a creditor's unpaid instalments
// (Installment [creditorId, status, dueDate]), in batches, never every agreement in memory. Rows
// carry only what the pass needs to decide; it reloads a batch's agreements under their locks before writing.

import type { AgreementStatus, InstallmentStatus } from '../domain/agreementLedger.js';
import type { IsoDate } from '../domain/dates.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from './database.js';
import { agreementMessageConversationSql } from './agreementMessageConversation.js';

/** An unpaid instalment in the reminder window, with its agreement's and debtor's facts. */
export interface WindowInstallment {
  id: string;
  agreementId: string;
  n: number;
  dueDate: IsoDate;
  status: InstallmentStatus;
  agreementStatus: AgreementStatus;
  agreedOn: IsoDate;
  /** The debtor's time zone: the day a reminder is for is the debtor's. */
  timeZone: string;
}

/**
 * Agreements with something for the daily status pass on `today` (the creditor's day): an open
 * instalment past due (it becomes late), or, in an active agreement, a late one past the grace
 * (the agreement breaks). Once marked, they no longer match: a pass on a quiet day reads nothing.
 * Batched by agreement id (keyset): a failure on one agreement never stalls the rest.
 */
export async function agreementsForStatusPass(
  db: Tx,
  o: { creditorId: string; today: IsoDate; graceLimit: IsoDate; after: string; limit: number },
): Promise<string[]> {
  const rows = await db.$queryRaw<{ agreementId: string }[]>`
    SELECT DISTINCT i."agreementId" FROM "Installment" i JOIN "Agreement" a ON a."id" = i."agreementId"
    WHERE i."creditorId" = ${o.creditorId} AND i."agreementId" > ${o.after}
      AND ((i."status" = 'open' AND i."dueDate" < ${o.today} AND a."status" IN ('active', 'broken'))
        OR (i."status" = 'late' AND i."dueDate" < ${o.graceLimit} AND a."status" = 'active'))
    ORDER BY i."agreementId" LIMIT ${o.limit}`;
  return rows.map((r) => r.agreementId);
}

/**
 * One batch of unpaid instalments of one status due in [from, to], after `cursor` in (dueDate, id)
 * order, of agreements that may be reminded (active or broken: never a simulator run, never a
 * conversation whose personal data was erased).
 */
export async function installmentsInWindow(
  db: Tx,
  o: { creditorId: string; status: 'open' | 'late'; from: IsoDate; to: IsoDate; after?: { dueDate: IsoDate; id: string }; limit: number },
): Promise<WindowInstallment[]> {
  const afterDue = o.after?.dueDate ?? '';
  const afterId = o.after?.id ?? '';
  return db.$queryRaw<WindowInstallment[]>`
    SELECT i."id", i."agreementId", i."n", i."dueDate", i."status", a."status" AS "agreementStatus", a."agreedOn", d."timeZone"
    FROM "Installment" i
      JOIN "Agreement" a ON a."id" = i."agreementId"
      JOIN "Debtor" d ON d."id" = a."debtorId"
      JOIN "Conversation" c ON c."id" = a."conversationId"
    WHERE i."creditorId" = ${o.creditorId} AND i."status" = ${o.status}
      AND i."dueDate" >= ${o.from} AND i."dueDate" <= ${o.to}
      AND (i."dueDate" > ${afterDue} OR (i."dueDate" = ${afterDue} AND i."id" > ${afterId}))
      AND a."status" IN ('active', 'broken') AND c."simulation" = false AND c."erasedAt" IS NULL
    ORDER BY i."dueDate", i."id" LIMIT ${o.limit}`;
}

/** Which of these at-most-once keys already went out (or were claimed by another process). */
export async function claimedNoticeKeys(db: Tx, creditorId: string, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.agreementNotice.findMany({ where: { creditorId, key: { in: [...keys] } }, select: { key: true } });
  return new Set(rows.map((r) => r.key));
}

/** A reminder still waiting in the outbox (deferred by the contact policy, or not sent yet), with where its instalment stands now. */
export interface PendingReminder {
  messageId: string;
  conversationId: string;
  /** The message's facts.reminder: kind, key, lastDay, agreementId, installmentN. */
  reminder: { kind: string; key: string; lastDay: IsoDate; agreementId: string; installmentN: number } | null;
  /** Null when the instalment is gone (never, in practice: agreements are not deleted). */
  installmentId: string | null;
  dueDate: IsoDate | null;
  status: InstallmentStatus | null;
  agreementStatus: string | null;
  agreedOn: IsoDate | null;
  timeZone: string | null;
}

/**
 * Reminder messages of this creditor still pending, with their instalment's state, in one query
 * (the outbox's [delivery, notBefore] index keeps the pending rows few; the instalment is found by
 * its agreement and number).
 */
export async function pendingReminders(db: Tx, creditorId: string, templateKeys: readonly string[]): Promise<PendingReminder[]> {
  return db.$queryRaw<PendingReminder[]>`
    SELECT m."id" AS "messageId", m."conversationId", m."facts"->'reminder' AS "reminder",
      i."id" AS "installmentId", i."dueDate", i."status", a."status" AS "agreementStatus", a."agreedOn", d."timeZone"
    FROM "Message" m
      JOIN "Conversation" c ON c."id" = m."conversationId"
      JOIN "Debtor" d ON d."id" = c."debtorId"
      LEFT JOIN "Agreement" a ON a."id" = m."facts"->'reminder'->>'agreementId' AND a."creditorId" = ${creditorId}
      LEFT JOIN "Installment" i ON i."agreementId" = a."id" AND i."n" = (m."facts"->'reminder'->>'installmentN')::int
    WHERE m."delivery" = 'pending' AND m."proactive" = true AND m."templateKey" = ANY(${[...templateKeys]}) AND d."creditorId" = ${creditorId}`;
}

/**
 * Locks a batch's agreement rows, in id order, skipping the ones another transaction holds (a
 * payment being applied, another process's pass): those are left for the next pass rather than
 * waited on. Returns the ids now held until the transaction ends. Taken before anything else in
 * the batch's transaction — in particular before the audit streams' row locks (appendAudit, last),
 * which a payment takes after its one agreement lock: the same order, so the two never wait on each other in a circle.
 */
export async function lockAgreements(tx: Tx, creditorId: string, agreementIds: readonly string[]): Promise<Set<string>> {
  if (!agreementIds.length) return new Set();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Agreement" WHERE "id" = ANY(${[...agreementIds]}) AND "creditorId" = ${creditorId}
    ORDER BY "id" FOR UPDATE SKIP LOCKED`;
  return new Set(rows.map((r) => r.id));
}

/** An agreement as a reminder needs it, read under its row lock, with its instalments by number. */
export interface LockedReminderAgreement {
  agreementStatus: string;
  agreedOn: IsoDate;
  /** Where its messages go (agreementMessageConversation.ts); `agreementConversationId`: where it was made. */
  conversationId: string;
  agreementConversationId: string;
  lateFeeBasisPoints: number;
  monthlyInterestBasisPoints: number;
  installments: Map<number, { dueDate: IsoDate; status: InstallmentStatus; amountCents: number; paidCents: number; pixCode: string }>;
  /** What remains of the whole agreement (total − paid). */
  remainingCents: number;
}

/**
 * The agreements (already locked by lockAgreements) and all their instalments, in one query; each
 * with the conversation its messages go to (agreementMessageConversation.ts).
 */
export async function reminderAgreements(tx: Tx, creditorId: string, agreementIds: readonly string[]): Promise<Map<string, LockedReminderAgreement>> {
  const out = new Map<string, LockedReminderAgreement>();
  if (!agreementIds.length) return out;
  const rows = await tx.$queryRaw<
    { agreementId: string; agreementStatus: string; agreedOn: IsoDate; conversationId: string; agreementConversationId: string; lateFeeBasisPoints: number; monthlyInterestBasisPoints: number; n: number; dueDate: IsoDate; status: InstallmentStatus; amountCents: bigint; paidCents: bigint; pixCode: string }[]
  >`
    WITH a AS MATERIALIZED (
      -- Once per agreement, not once per instalment row: the conversation is the agreement's.
      SELECT a."id", a."status", a."agreedOn", a."conversationId", a."lateFeeBasisPoints", a."monthlyInterestBasisPoints",
        ${Prisma.raw(agreementMessageConversationSql('a."conversationId"'))} AS "messageConversationId"
      FROM "Agreement" a
      WHERE a."id" = ANY(${[...agreementIds]}) AND a."creditorId" = ${creditorId})
    SELECT a."id" AS "agreementId", a."status" AS "agreementStatus", a."agreedOn", a."messageConversationId" AS "conversationId", a."conversationId" AS "agreementConversationId", a."lateFeeBasisPoints", a."monthlyInterestBasisPoints",
      i."n", i."dueDate", i."status", i."amountCents", i."paidCents", i."pixCode"
    FROM a JOIN "Installment" i ON i."agreementId" = a."id"`;
  for (const r of rows) {
    let a = out.get(r.agreementId);
    if (!a) {
      a = { agreementStatus: r.agreementStatus, agreedOn: r.agreedOn, conversationId: r.conversationId, agreementConversationId: r.agreementConversationId, lateFeeBasisPoints: r.lateFeeBasisPoints, monthlyInterestBasisPoints: r.monthlyInterestBasisPoints, installments: new Map(), remainingCents: 0 };
      out.set(r.agreementId, a);
    }
    const amountCents = Number(r.amountCents);
    const paidCents = Number(r.paidCents);
    a.installments.set(r.n, { dueDate: r.dueDate, status: r.status, amountCents, paidCents, pixCode: r.pixCode });
    a.remainingCents += amountCents - paidCents;
  }
  return out;
}

/**
 * Drops these pending reminder messages from the outbox in one statement, each with its reason;
 * a message being sent right now (claimed by a sender, its claim not expired) or no longer pending
 * is left alone. Returns the ids dropped.
 */
export async function dropPendingMessages(tx: Tx, now: Date, drops: readonly { messageId: string; reason: string }[]): Promise<Set<string>> {
  if (!drops.length) return new Set();
  const values = Prisma.join(drops.map((d) => Prisma.sql`(${d.messageId}, ${d.reason})`));
  const rows = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Message" m SET "delivery" = 'dropped', "lastError" = v.reason, "claimedBy" = NULL, "claimedUntil" = NULL
    FROM (VALUES ${values}) AS v(id, reason)
    WHERE m."id" = v.id AND m."delivery" = 'pending' AND (m."claimedUntil" IS NULL OR m."claimedUntil" < ${now})
    RETURNING m."id"`;
  return new Set(rows.map((r) => r.id));
}
