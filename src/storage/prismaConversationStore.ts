import { randomUUID } from 'node:crypto';
import type { Locale } from '../engine/flowContext.js';
import type { ConversationReads } from '../engine/conversationReads.js';
import type { AppendedRow, ConversationWrites } from '../engine/conversationWrites.js';
import type { DeliveredAs, OutboxStore } from '../engine/outboxStore.js';
import { outboundAttachmentOf, type ConversationRecord, type InboundAttachment, type InboundReceipt, type PersistedSnapshot, type ReplyOption, type StoredReply, type TurnCommit } from '../engine/ports.js';
import type { InboundToStore, NewConversation, Received, ReceiveOrOpenArgs, TurnStore } from '../engine/turnStore.js';
import { ConversationNotFoundError } from '../engine/turnPipeline.js';
import { RECEIPT_RANK, receiptRankSql, type ReceiptReport } from '../domain/deliveryReceipt.js';
import { appendMessage } from './appendMessage.js';
import { appendMessages } from './appendMessages.js';
import { ConcurrentTurnError } from './concurrentTurnError.js';
import { appendAudit, type AuditInput } from './auditLog.js';
import { auditText, getOrCreatePiiKey, newPiiKey, phrasingForAudit } from './auditText.js';
import type { CreditorRow } from './creditorRepository.js';
import type { Db, Tx } from './database.js';
import { openingOf } from './openingOf.js';
import { PrismaTurnUnit } from './prismaTurnUnit.js';
import { insertInbound, insertInboundByChat, lockConversationForTurn, writeTurn, type ConversationRow } from './turnStatements.js';

/**
 * The moment a held row (notBefore) is due by: retry back-offs are set from the wall clock and the
 * contact policy's deferrals from the app's clock; in production they are one clock, and under a
 * test clock ahead of the wall clock a deferral must come due when the app's day does.
 */
function dueBy(now: Date): Date {
  return new Date(Math.max(Date.now(), now.getTime()));
}


function toRecord(r: ConversationRow): ConversationRecord {
  const snap = r.snapshot as PersistedSnapshot | Record<string, never>;
  return {
    id: r.id,
    channel: r.channel,
    chatId: r.chatId,
    flowId: r.flowId,
    flowVersion: r.flowVersion,
    snapshot: 'v' in snap ? (snap as PersistedSnapshot) : null,
    status: r.status as ConversationRecord['status'],
    locale: r.locale as Locale,
    rev: r.rev,
    debtorId: r.debtorId,
    timeZone: r.timeZone,
    simulation: r.simulation,
    clientAddress: r.clientAddress ?? null,
    linkedDebtorId: r.linkedDebtorId ?? null,
  };
}

type MsgRow = { seq: number; author: string; text: string | null; templateKey: string | null; facts: unknown; options: unknown };
function toReply(m: MsgRow): StoredReply {
  return {
    seq: m.seq,
    from: m.author as StoredReply['from'],
    text: m.text ?? '',
    key: m.templateKey,
    facts: (m.facts as Record<string, unknown> | null) ?? {},
    options: (m.options as ReplyOption[] | null) ?? [],
  };
}

const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 };


const messageKey = (m: { channel: string; channelMessageId: string }) => ({ channel_channelMessageId: { channel: m.channel, channelMessageId: m.channelMessageId } });

/**
 * The conversation ports on Prisma (PGlite or PostgreSQL). One adapter for the four ports: turns,
 * outbox and reads share the Conversation and Message rows, and this class is their only writer.
 */
export class PrismaConversationStore implements TurnStore, OutboxStore, ConversationReads, ConversationWrites<Tx> {
  constructor(
    private db: Db,
    private creditor: CreditorRow,
    /** E-mail runs: agreements made in the web chat or by a contact who prefers e-mail get their term e-mailed (termByEmail.ts). */
    private readonly opts: { emailTerms?: boolean } = {},
  ) {}

  async open(args: NewConversation) {
    // Created first, read only if that fails: a web chat session's chat id is new every time, and
    // the messaging channels call this after finding no conversation.
    try {
      const row = await this.db.$transaction(async (tx) => {
        const c = await tx.conversation.create({
          data: {
            creditorId: this.creditor.id,
            channel: args.channel,
            chatId: args.chatId,
            locale: args.locale,
            flowId: args.flowId,
            flowVersion: args.flowVersion,
            snapshot: {},
            timeZone: args.timeZone,
            simulation: args.simulation ?? false,
            clientAddress: args.clientAddress ?? null,
            linkedDebtorId: args.linkedDebtorId ?? null,
            // Made now, not at the first message: that turn then writes no key.
            piiKey: newPiiKey(),
          },
        });
        await appendAudit(tx, [
          { type: 'conversation.opened', actor: 'system', conversationId: c.id, data: { channel: args.channel, flowId: args.flowId, flowVersion: args.flowVersion, simulation: args.simulation ?? false } },
          // A signed e-mail link used: on the debtor's record, though nobody is verified yet.
          ...(args.linkedDebtorId ? [{ type: 'identity.link_used', actor: 'debtor', conversationId: c.id, debtorId: args.linkedDebtorId, data: { purpose: 'chat' } }] : []),
        ]);
        return c;
      }, TX_OPTIONS);
      return { conversation: toRecord(row), created: true };
    } catch (err) {
      // It exists already, or two first messages raced and the other one created it.
      const again = await this.db.conversation.findUnique({ where: { channel_chatId: { channel: args.channel, chatId: args.chatId } } });
      if (again) return { conversation: toRecord(again), created: false };
      throw err;
    }
  }

  async receiveOrOpen(args: ReceiveOrOpenArgs): Promise<Received | null> {
    // The usual case in one statement: a live conversation, the message stored under it.
    const id = randomUUID();
    const live = await insertInboundByChat(this.db, { id, chatId: args.chatId, channel: args.channel, channelMessageId: args.channelMessageId, text: args.text, attachment: args.attachment, clientAddress: args.clientAddress, now: new Date() });
    if (live) {
      const receipt = live.seq === null ? await this.redelivered(live.id, args) : { conversationId: live.id, messageId: id, duplicate: false };
      return { conversation: toRecord(live), created: false, receipt, attachment: args.attachment, needsStart: false };
    }
    const found = await this.find(args.channel, args.chatId);
    let conv = found;
    if (!conv) {
      if (!args.open) return null;
      const opened = await this.open({ channel: args.channel, chatId: args.chatId, ...args.open, flowVersion: await args.flowVersion() });
      if (opened.created) return { conversation: opened.conversation, created: true };
      conv = opened.conversation;
    }
    // An agent closed this conversation: the debtor writing again starts over (identity included).
    if (conv.status === 'closed') conv = await this.reopen(conv.id, await args.flowVersion());
    const { needsStart, attachment } = openingOf(conv, args.attachment, !found);
    const remember = args.clientAddress && args.clientAddress !== conv.clientAddress ? args.clientAddress : undefined;
    const receipt = await this.receive(conv.id, args, attachment, remember);
    if (remember) conv = { ...conv, clientAddress: remember };
    return { conversation: conv, created: false, receipt, attachment, needsStart };
  }

  /** A closed conversation the debtor writes to again: back to the bot, from the flow's start, on `flowVersion`. */
  private async reopen(conversationId: string, flowVersion: number) {
    return this.db.$transaction(async (tx) => {
      // Conditional on "closed": a message racing an agent's reopen does not reset a live conversation.
      const r = await tx.conversation.updateMany({
        where: { id: conversationId, status: 'closed' },
        data: { status: 'bot', snapshot: {}, state: '', flowVersion, rev: { increment: 1 }, identityFailures: 0, lockedUntil: null },
      });
      const row = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId } });
      if (r.count === 1) await appendAudit(tx, [{ type: 'conversation.reopened', actor: 'debtor', conversationId, debtorId: row.debtorId, data: { flowVersion } }]);
      return toRecord(row);
    }, TX_OPTIONS);
  }

  async find(channel: string, chatId: string) {
    const r = await this.db.conversation.findUnique({ where: { channel_chatId: { channel, chatId } } });
    return r ? toRecord(r) : null;
  }

  async get(id: string) {
    const r = await this.db.conversation.findUnique({ where: { id } });
    return r ? toRecord(r) : null;
  }

  /**
   * Stores the inbound message (one statement, its own transaction), or recognises a redelivery of
   * the same (channel, channelMessageId), stored or being stored; `clientAddress`, when given, is remembered.
   */
  private async receive(conversationId: string, args: InboundToStore, attachment: InboundAttachment | undefined, clientAddress: string | undefined): Promise<InboundReceipt> {
    const id = randomUUID();
    const stored = await insertInbound(this.db, { id, conversationId, channel: args.channel, channelMessageId: args.channelMessageId, text: args.text, attachment, clientAddress, now: new Date() });
    if (stored) return { conversationId, messageId: id, duplicate: false };
    return this.redelivered(conversationId, args);
  }

  /** A message whose (channel, channelMessageId) is stored already: the first copy's receipt. */
  private async redelivered(conversationId: string, args: InboundToStore): Promise<InboundReceipt> {
    const first = await this.db.message.findUnique({ where: messageKey(args), select: { id: true, conversationId: true } });
    // Nothing stored and no first copy: the conversation itself is gone (erased meanwhile).
    if (!first) throw new ConversationNotFoundError(`conversation ${conversationId} not found; the message was not stored`);
    return { conversationId: first.conversationId, messageId: first.id, duplicate: true };
  }

  /** The inbound's audit event, written by the transaction that marks it processed (so exactly once). */
  private async inboundAudit(tx: Tx, conv: { id: string; debtorId: string | null; piiKey?: string | null }, messageId: string, seq: number, text: string): Promise<AuditInput> {
    return { type: 'message.in', actor: 'debtor', conversationId: conv.id, debtorId: conv.debtorId, data: { messageId, seq, ...auditText(await getOrCreatePiiKey(tx, conv.id, conv.piiKey), text) } };
  }

  async claimStaleInbound(args: { storedBefore: Date; holder: string; leaseMs: number; now: Date; limit: number }) {
    // SKIP LOCKED: replicas looking at once each take different rows; a live claim is left alone.
    const rows = await this.db.$queryRawUnsafe<{ id: string; conversationId: string; text: string | null; attachment: unknown; createdAt: Date; seq: number }[]>(
      `UPDATE "Message" SET "claimedBy" = $1, "claimedUntil" = $2
        WHERE id IN (SELECT id FROM "Message"
                      WHERE direction = 'in' AND "processedAt" IS NULL AND "createdAt" <= $3
                        AND ("claimedUntil" IS NULL OR "claimedUntil" <= $4)
                      ORDER BY "createdAt", seq LIMIT $5 FOR UPDATE SKIP LOCKED)
        RETURNING id, "conversationId", text, attachment, "createdAt", seq`,
      args.holder,
      new Date(args.now.getTime() + args.leaseMs),
      args.storedBefore,
      args.now,
      args.limit,
    );
    rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq);
    return rows.map((r) => ({ conversationId: r.conversationId, messageId: r.id, text: r.text ?? '', attachment: (r.attachment as InboundAttachment | null) ?? null }));
  }

  async isProcessed(messageId: string) {
    const r = await this.db.message.findUnique({ where: { id: messageId }, select: { processedAt: true } });
    return !!r?.processedAt;
  }

  async commitTurn(conversationId: string, inboundId: string | null, replyTo: string | null, fn: Parameters<TurnStore['commitTurn']>[3]): Promise<TurnCommit | null> {
    return this.db.$transaction((tx) => this.turnIn(tx, conversationId, inboundId, replyTo, fn), TX_OPTIONS);
  }

  private async turnIn(tx: Tx, conversationId: string, inboundId: string | null, replyTo: string | null, fn: Parameters<TurnStore['commitTurn']>[3]): Promise<TurnCommit | null> {
    const now = new Date();
    // Row lock: across processes (PostgreSQL), one turn at a time per conversation. The inbound is
    // marked processed in the same statement, which waits for and re-checks any other turn on it:
    // another process (a redelivery to another replica, a recovery) may have finished this inbound
    // since the caller looked. Exactly one turn per inbound message.
    const row = await lockConversationForTurn(tx, conversationId, inboundId, now);
    if (!row) throw new ConversationNotFoundError(`conversation ${conversationId} not found`);
    if (inboundId && !row.inboundMarked) return null;
    const conv = toRecord(row);
    const audit: AuditInput[] = inboundId ? [await this.inboundAudit(tx, row, inboundId, row.inboundSeq!, row.inboundText ?? '')] : [];
    const unit = new PrismaTurnUnit(tx, conv, this.creditor, audit, this.opts.emailTerms);
    const result = await fn(conv, unit);
    if (!result) {
      await appendAudit(tx, audit);
      return null;
    }
    const status = unit.status ?? result.status;
    const outbound = result.messages.map((m, i) => ({
      id: randomUUID(),
      // The lock keeps lastSeq still until this transaction ends (every writer of it updates the row).
      seq: row.lastSeq + 1 + i,
      channel: conv.channel,
      templateKey: m.templateKey,
      facts: m.facts as object,
      options: m.options as object[],
      requestContact: m.requestContact ?? false,
      attachment: (m.attachment as object | undefined) ?? null,
      inReplyTo: replyTo,
    }));
    // The revision check refuses a write over a turn committed meanwhile by another process.
    const after = await writeTurn(tx, { conversationId, rev: row.rev, snapshot: result.snapshot as object, state: result.state, status, outbound, now });
    if (!after) throw new ConcurrentTurnError(`conversation ${conversationId} moved during the turn`);
    for (const m of outbound) {
      audit.push({ type: 'message.out', actor: 'bot', conversationId, debtorId: after.debtorId, data: { messageId: m.id, seq: m.seq, key: m.templateKey, facts: m.facts } });
    }
    if (status !== conv.status) audit.push({ type: 'conversation.status', actor: 'bot', conversationId, debtorId: after.debtorId, data: { from: conv.status, to: status } });
    result.status = status;
    if (unit.alsoQueuedIn.length) result.alsoQueuedIn = unit.alsoQueuedIn;
    await appendAudit(tx, audit);
    return result;
  }

  async failTurn(conversationId: string, inboundId: string | null, error: { code: string; message: string }, now: Date) {
    await this.db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe('SELECT id FROM "Conversation" WHERE id = $1 FOR UPDATE', conversationId);
      const audit: AuditInput[] = [];
      if (inboundId) {
        // Another process finished this inbound meanwhile: nothing failed here to hand over.
        const [marked] = await tx.$queryRawUnsafe<{ seq: number; text: string | null; debtorId: string | null }[]>(
          `UPDATE "Message" m SET "processedAt" = $2 FROM "Conversation" c WHERE m.id = $1 AND m."processedAt" IS NULL AND c.id = m."conversationId" RETURNING m.seq, m.text, c."debtorId"`,
          inboundId,
          new Date(),
        );
        if (!marked) return;
        audit.push(await this.inboundAudit(tx, { id: conversationId, debtorId: marked.debtorId }, inboundId, marked.seq, marked.text ?? ''));
      }
      const c = await tx.conversation.update({
        where: { id: conversationId },
        data: { status: 'human', rev: { increment: 1 }, lastSeq: { increment: 1 } },
        select: { lastSeq: true, debtorId: true, channel: true },
      });
      const open = await tx.handoff.findFirst({ where: { conversationId, status: { in: ['pending', 'open'] } } });
      if (!open) await tx.handoff.create({ data: { conversationId, reason: 'bot_error', detail: `${error.code}: ${error.message}`.slice(0, 500), createdAt: now } });
      await tx.message.create({
        data: { conversationId, seq: c.lastSeq, direction: 'out', author: 'bot', channel: c.channel, templateKey: 'handoff.notice', facts: { handoff: { reason: 'bot_error' } }, options: [], delivery: 'pending', inReplyTo: inboundId },
      });
      audit.push({ type: 'turn.failed', actor: 'system', conversationId, debtorId: c.debtorId, data: { inboundId, code: error.code, message: error.message.slice(0, 500) } });
      await appendAudit(tx, audit);
    }, TX_OPTIONS);
  }

  async conversationsWithPendingOutbound(now: Date, holder: string, createdBefore?: Date) {
    const rows = await this.db.$queryRawUnsafe<{ conversationId: string }[]>(
      `SELECT "conversationId" FROM "Message"
        WHERE direction = 'out' AND delivery = 'pending' AND ("notBefore" IS NULL OR "notBefore" <= $1)
          AND ("claimedUntil" IS NULL OR "claimedUntil" <= $2 OR "claimedBy" = $3) AND ("createdAt" <= $4 OR attempts > 0 OR "notBefore" IS NOT NULL)
        GROUP BY "conversationId" ORDER BY min("createdAt") LIMIT 500`,
      dueBy(now),
      now,
      holder,
      createdBefore ?? new Date(8.64e15),
    );
    return rows.map((r) => r.conversationId);
  }

  async claimOutbound(conversationId: string, holder: string, leaseMs: number, now: Date) {
    // One statement, its own transaction. The conversation's row serialises claims on its outbox:
    // one process holds all its due rows and sends them in order. Locked (a turn is committing,
    // another process is claiming): that one sends. The claimed rows come back whole, so the
    // outbox does not read again what the turn just wrote.
    const rows = await this.db.$queryRawUnsafe<(PendingMessage & OutboundConversation & { seq: number; createdAt: Date })[]>(
      `WITH conv AS (SELECT "chatId", locale, "timeZone", "flowId", "flowVersion", "lastInboundAt" FROM "Conversation" WHERE id = $1 FOR UPDATE SKIP LOCKED),
            claimed AS (
              UPDATE "Message" SET "claimedBy" = $2, "claimedUntil" = $3
               WHERE EXISTS (SELECT 1 FROM conv)
                 AND id IN (SELECT id FROM "Message"
                             WHERE "conversationId" = $1 AND direction = 'out' AND delivery = 'pending'
                               AND ("notBefore" IS NULL OR "notBefore" <= $5)
                               AND ("claimedUntil" IS NULL OR "claimedUntil" <= $4 OR "claimedBy" = $2)
                             ORDER BY seq LIMIT 50 FOR UPDATE SKIP LOCKED)
                 AND NOT EXISTS (SELECT 1 FROM "Message" o
                                  WHERE o."conversationId" = $1 AND o.direction = 'out' AND o.delivery = 'pending'
                                    AND o."claimedUntil" > $4 AND o."claimedBy" <> $2)
              RETURNING id, "conversationId", channel, author, text, "templateKey", facts, options, "requestContact", proactive,
                        "countsTowardCaps", attempts, attachment, seq, "createdAt")
       SELECT claimed.*, conv.* FROM claimed, conv`,
      conversationId,
      holder,
      new Date(now.getTime() + leaseMs),
      now,
      dueBy(now),
    );
    // In the order they were written (RETURNING keeps none).
    rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq);
    return rows.map((r) => outboundRowOf(r, r));
  }

  async hasDueOutbound(conversationId: string, holder: string, now: Date) {
    const [r] = await this.db.$queryRawUnsafe<{ due: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM "Message"
                       WHERE "conversationId" = $1 AND direction = 'out' AND delivery = 'pending'
                         AND ("notBefore" IS NULL OR "notBefore" <= $4)
                         AND ("claimedUntil" IS NULL OR "claimedUntil" <= $3 OR "claimedBy" = $2))
          AND NOT EXISTS (SELECT 1 FROM "Message" o
                           WHERE o."conversationId" = $1 AND o.direction = 'out' AND o.delivery = 'pending'
                             AND o."claimedUntil" > $3 AND o."claimedBy" <> $2) AS due`,
      conversationId,
      holder,
      now,
      dueBy(now),
    );
    return r?.due === true;
  }

  async renewClaim(messageId: string, holder: string, leaseMs: number, now: Date) {
    // The whole batch this holder claimed in the conversation is extended, so its later rows stay held too.
    const row = await this.db.message.findUnique({ where: { id: messageId }, select: { conversationId: true } });
    if (!row) return false;
    await this.db.message.updateMany({ where: { conversationId: row.conversationId, claimedBy: holder, delivery: 'pending' }, data: { claimedUntil: new Date(now.getTime() + leaseMs) } });
    return (await this.db.message.count({ where: { id: messageId, claimedBy: holder, delivery: 'pending' } })) === 1;
  }

  async markDelivered(messageId: string, text: string, sent: DeliveredAs = {}) {
    const { phrasing, platformMessageId, template } = sent;
    const delivered = { delivery: 'sent', text, sentAt: new Date(), attempts: { increment: 1 }, claimedBy: null, claimedUntil: null, platformMessageId: platformMessageId ?? null, sentAsTemplate: template ?? null };
    // Nothing to audit (no LLM): one conditional statement, no transaction around it.
    if (!phrasing) {
      await this.db.message.updateMany({ where: { id: messageId, delivery: 'pending' }, data: delivered });
      return;
    }
    await this.db.$transaction(async (tx) => {
      // Conditional on "pending": a row is delivered at most once even if two senders race.
      const r = await tx.message.updateMany({ where: { id: messageId, delivery: 'pending' }, data: delivered });
      if (r.count === 1) {
        const m = await tx.message.findUniqueOrThrow({ where: { id: messageId }, select: { conversationId: true, conversation: { select: { debtorId: true } } } });
        await appendAudit(tx, [{ type: 'message.phrased', actor: 'bot', conversationId: m.conversationId, debtorId: m.conversation.debtorId, data: { messageId, ...phrasingForAudit(await getOrCreatePiiKey(tx, m.conversationId), phrasing) } }]);
      }
    }, TX_OPTIONS);
  }

  async templateChatsSince(channel: string, since: Date, chatId: string) {
    const [r] = await this.db.$queryRawUnsafe<{ chats: number; includesChat: boolean; oldestAt: Date | null }[]>(
      `SELECT count(DISTINCT c."chatId")::int AS chats, coalesce(bool_or(c."chatId" = $4), false) AS "includesChat", min(m."sentAt") AS "oldestAt"
         FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
        WHERE m.channel = $1 AND m."sentAsTemplate" IS NOT NULL AND m."sentAt" >= $2 AND c."creditorId" = $3`,
      channel,
      since,
      this.creditor.id,
      chatId,
    );
    return r ?? { chats: 0, includesChat: false, oldestAt: null };
  }

  async recordReceipt(r: ReceiptReport) {
    return this.db.$transaction(async (tx) => {
      // Conditional on going further: reports arrive in any order, and a redelivered one changes nothing.
      const [m] = await tx.$queryRawUnsafe<{ id: string; conversationId: string; debtorId: string | null }[]>(
        `UPDATE "Message" m SET receipt = $3, "receiptAt" = $4, "receiptError" = $5
           FROM "Conversation" c
          WHERE m.channel = $1 AND m."platformMessageId" = $2 AND m.direction = 'out' AND c.id = m."conversationId"
            AND (${receiptRankSql('m.receipt')}) < $6
      RETURNING m.id, m."conversationId", c."debtorId"`,
        r.channel,
        r.platformMessageId,
        r.status,
        r.at,
        r.error ?? null,
        RECEIPT_RANK[r.status],
      );
      if (!m) return null;
      if (r.status === 'failed') await appendAudit(tx, [{ type: 'message.receipt_failed', actor: 'system', conversationId: m.conversationId, debtorId: m.debtorId, data: { messageId: m.id, error: r.error ?? null } }]);
      return { conversationId: m.conversationId };
    }, TX_OPTIONS);
  }

  async recentMessages(conversationId: string, n: number) {
    const rows = await this.db.message.findMany({
      where: { conversationId, OR: [{ direction: 'in' }, { delivery: 'sent' }] },
      orderBy: { seq: 'desc' },
      take: n,
      select: { author: true, text: true },
    });
    return rows.reverse().map((r) => ({ from: r.author, text: r.text ?? '' }));
  }

  async markDeliveryFailed(messageId: string, error: string, retryAt: Date | null) {
    await this.db.message.update({
      where: { id: messageId },
      data: { delivery: retryAt ? 'pending' : 'failed', lastError: error.slice(0, 500), notBefore: retryAt, attempts: { increment: 1 }, claimedBy: null, claimedUntil: null },
    });
  }

  async isOptedOut(conversationId: string) {
    const c = await this.db.conversation.findUnique({ where: { id: conversationId }, select: { contactId: true } });
    if (!c?.contactId) return false;
    const contact = await this.db.contact.findUnique({ where: { id: c.contactId }, select: { optedOutAt: true } });
    return !!contact?.optedOutAt;
  }

  async repliesTo(inboundMessageId: string) {
    const rows = await this.db.message.findMany({ where: { inReplyTo: inboundMessageId, delivery: 'sent' }, orderBy: { seq: 'asc' } });
    return rows.map(toReply);
  }

  async messagesAfter(conversationId: string, afterSeq: number) {
    const rows = await this.db.message.findMany({
      where: { conversationId, seq: { gt: afterSeq }, OR: [{ direction: 'in' }, { delivery: 'sent' }] },
      orderBy: { seq: 'asc' },
      take: 500,
    });
    return rows.map(toReply);
  }

  async append(tx: Tx, conversationId: string, row: AppendedRow) {
    return appendMessage(tx, conversationId, row);
  }

  async appendMany(tx: Tx, rows: readonly { conversationId: string; row: AppendedRow }[]) {
    return appendMessages(tx, rows);
  }

  async close(tx: Tx, conversationId: string) {
    return tx.conversation.update({ where: { id: conversationId }, data: { status: 'closed', rev: { increment: 1 } }, select: { debtorId: true } });
  }
}

type PendingMessage = {
  id: string;
  conversationId: string;
  channel: string;
  author: string;
  text: string | null;
  templateKey: string | null;
  facts: unknown;
  options: unknown;
  requestContact: boolean;
  proactive: boolean;
  countsTowardCaps: boolean;
  attempts: number;
  attachment: unknown;
};
type OutboundConversation = { chatId: string; locale: string; timeZone: string; flowId: string; flowVersion: number; lastInboundAt?: Date | null };

/** An outbound row as the outbox sends it: the message and what it needs of its conversation. */
function outboundRowOf(r: PendingMessage, c: OutboundConversation) {
  return {
    id: r.id,
    conversationId: r.conversationId,
    channel: r.channel,
    chatId: c.chatId,
    flowId: c.flowId,
    flowVersion: c.flowVersion,
    author: r.author === 'agent' ? ('agent' as const) : ('bot' as const),
    text: r.author === 'agent' && !r.templateKey ? r.text : null,
    templateKey: r.templateKey ?? '',
    facts: (r.facts as Record<string, unknown> | null) ?? {},
    options: (r.options as ReplyOption[] | null) ?? [],
    requestContact: r.requestContact,
    proactive: r.proactive,
    countsTowardCaps: r.countsTowardCaps,
    attempts: r.attempts,
    locale: c.locale as Locale,
    timeZone: c.timeZone,
    attachment: outboundAttachmentOf(r.attachment),
    lastInboundAt: c.lastInboundAt ?? null,
  };
}
