import type { InboundAttachment } from '../engine/ports.js';
import type { Tx } from './database.js';

/**
 * The fixed statements of a chat turn, written out in SQL: each folds what Prisma's client sends
 * as two or three statements (lock, then read; update, then insert) into one round trip. A turn
 * runs them on every message, and on these machines every statement costs a system call and the
 * client's query building (see README, "Performance").
 */

/** What a turn needs of its conversation (ConversationRow, and lastSeq and piiKey). */
export const TURN_CONVERSATION_COLUMNS = `c.id, c.channel, c."chatId", c."flowId", c."flowVersion", c.snapshot, c.status, c.locale, c.rev, c."debtorId",
  c."timeZone", c.simulation, c."clientAddress", c."linkedDebtorId", c."lastSeq", c."piiKey"`;

/** A conversation's row as the store reads it (a Prisma row or one of these statements'). */
export type ConversationRow = {
  id: string;
  channel: string;
  chatId: string;
  flowId: string;
  flowVersion: number;
  snapshot: unknown;
  status: string;
  locale: string;
  rev: number;
  debtorId: string | null;
  timeZone: string;
  simulation: boolean;
  clientAddress?: string | null;
  linkedDebtorId?: string | null;
};

export type LockedConversation = ConversationRow & {
  lastSeq: number;
  piiKey: string | null;
  /** The turn's inbound message, marked processed by this statement: false when another turn had processed it. */
  inboundMarked: boolean;
  /** The inbound's text and place, when this statement marked it (its audit event is written by the turn). */
  inboundText: string | null;
  inboundSeq: number | null;
};

/**
 * Locks the conversation's row for the turn, reads it (the newest version: the lock waits for any
 * turn committing on it) and marks `inboundId` processed, one statement. The mark is a conditional
 * UPDATE, so it also waits for a turn holding that message and re-checks it once that one commits:
 * `inboundMarked` false means another turn processed it. The mark rolls back with the transaction
 * if the turn fails.
 */
export async function lockConversationForTurn(tx: Tx, conversationId: string, inboundId: string | null, now: Date): Promise<LockedConversation | undefined> {
  const [row] = await tx.$queryRawUnsafe<LockedConversation[]>(
    `WITH c AS (SELECT ${TURN_CONVERSATION_COLUMNS} FROM "Conversation" c WHERE c.id = $1 FOR UPDATE OF c),
          p AS (UPDATE "Message" SET "processedAt" = $3 WHERE id = $2 AND "processedAt" IS NULL AND EXISTS (SELECT 1 FROM c) RETURNING id, text, seq)
     SELECT c.*, EXISTS (SELECT 1 FROM p) AS "inboundMarked", (SELECT text FROM p) AS "inboundText", (SELECT seq FROM p) AS "inboundSeq" FROM c`,
    conversationId,
    inboundId ?? '',
    now,
  );
  return row;
}

type InboundToInsert = { id: string; channel: string; channelMessageId: string; text: string; attachment: InboundAttachment | undefined; clientAddress: string | undefined; now: Date };

/** The inbound statements' parameters $1-$8; $2 says where the message goes. */
function inboundParams(m: InboundToInsert, where: string): unknown[] {
  return [m.id, where, m.channel, m.channelMessageId, m.text, m.attachment === undefined ? null : JSON.stringify(m.attachment), m.clientAddress ?? null, m.now];
}

export interface OutboundRow {
  id: string;
  seq: number;
  channel: string;
  templateKey: string;
  facts: object;
  options: object[];
  requestContact: boolean;
  attachment: object | null;
  inReplyTo: string | null;
}

/**
 * The turn's writes after its effects, one statement: the snapshot with the next revision (only
 * if the revision is still `rev`) and the outbound rows, pending for the outbox. Null when the
 * revision moved (nothing is written).
 */
export async function writeTurn(
  tx: Tx,
  w: { conversationId: string; rev: number; snapshot: object; state: string; status: string; outbound: OutboundRow[]; now: Date },
): Promise<{ debtorId: string | null } | null> {
  const [r] = await tx.$queryRawUnsafe<{ debtorId: string | null }[]>(
    `WITH c AS (UPDATE "Conversation"
                   SET snapshot = $3::jsonb, state = $4, status = $5, rev = rev + 1, "lastSeq" = "lastSeq" + $8, "updatedAt" = $7
                 WHERE id = $1 AND rev = $2
             RETURNING "debtorId"),
          o AS (INSERT INTO "Message" (id, "conversationId", seq, direction, author, channel, "templateKey", facts, options,
                                       "requestContact", attachment, delivery, "inReplyTo", "createdAt")
                SELECT r.id, $1, r.seq, 'out', 'bot', r.channel, r."templateKey", r.facts, r.options,
                       r."requestContact", r.attachment, 'pending', r."inReplyTo", $7
                  FROM c, jsonb_to_recordset($6::jsonb) AS r(id text, seq int, channel text, "templateKey" text, facts jsonb, options jsonb,
                                                              "requestContact" boolean, attachment jsonb, "inReplyTo" text))
     SELECT c."debtorId" FROM c`,
    w.conversationId,
    w.rev,
    JSON.stringify(w.snapshot),
    w.state,
    w.status,
    JSON.stringify(w.outbound),
    w.now,
    w.outbound.length,
  );
  return r ?? null;
}

/**
 * An inbound message stored under the conversation's next sequence number: one statement, its own
 * transaction, so the message is kept before anything else happens to it. `clientAddress`, when
 * given, is remembered on the conversation. Undefined for a redelivery (the unique (channel,
 * channelMessageId) holds the first copy; a copy another transaction is storing is waited for),
 * which leaves a gap in the conversation's sequence numbers: they order messages, nothing counts
 * on them being dense. Its audit event is written by the turn that processes it, in the
 * transaction that marks it processed (exactly once, whichever process runs that turn).
 */
export async function insertInbound(
  db: Tx,
  m: InboundToInsert & { conversationId: string },
): Promise<{ seq: number } | undefined> {
  const [r] = await db.$queryRawUnsafe<{ seq: number }[]>(
    `WITH c AS (UPDATE "Conversation" SET "lastSeq" = "lastSeq" + 1, "clientAddress" = COALESCE($7, "clientAddress"), "updatedAt" = $8
                 WHERE id = $2 RETURNING "lastSeq")
     INSERT INTO "Message" (id, "conversationId", seq, direction, author, channel, "channelMessageId", text, attachment, "createdAt")
     SELECT $1, $2, c."lastSeq", 'in', 'debtor', $3, $4, $5, $6::jsonb, $8 FROM c
         ON CONFLICT (channel, "channelMessageId") DO NOTHING RETURNING seq`,
    ...inboundParams(m, m.conversationId),
  );
  return r;
}

/**
 * The usual inbound message, one statement: stored under its chat's conversation, which comes back
 * (as the turn needs it, clientAddress remembered) — when that conversation is live: neither closed
 * nor without a flow state. Otherwise nothing is written and undefined returned: the caller opens,
 * reopens or starts the conversation first. `seq` is null for a redelivery (see insertInbound).
 */
export async function insertInboundByChat(
  db: Tx,
  m: InboundToInsert & { chatId: string },
): Promise<(ConversationRow & { seq: number | null }) | undefined> {
  const [r] = await db.$queryRawUnsafe<(ConversationRow & { seq: number | null })[]>(
    `WITH c AS (UPDATE "Conversation" c SET "lastSeq" = "lastSeq" + 1, "clientAddress" = COALESCE($7, "clientAddress"), "updatedAt" = $8
                 WHERE c.channel = $3 AND c."chatId" = $2 AND c.status <> 'closed' AND c.snapshot ? 'v'
             RETURNING ${TURN_CONVERSATION_COLUMNS}),
          m AS (INSERT INTO "Message" (id, "conversationId", seq, direction, author, channel, "channelMessageId", text, attachment, "createdAt")
                SELECT $1, c.id, c."lastSeq", 'in', 'debtor', $3, $4, $5, $6::jsonb, $8 FROM c
                    ON CONFLICT (channel, "channelMessageId") DO NOTHING RETURNING seq)
     SELECT c.*, (SELECT seq FROM m) AS seq FROM c`,
    ...inboundParams(m, m.chatId),
  );
  return r;
}
