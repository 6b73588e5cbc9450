import { receiptAdvances, type ReceiptReport } from '../../domain/deliveryReceipt.js';
import { randomUUID } from 'node:crypto';
import type { ConversationReads } from '../../engine/conversationReads.js';
import type { AppendedMessage, AppendedRow, ConversationWrites } from '../../engine/conversationWrites.js';
import { KeyedMutex } from '../../engine/keyedMutex.js';
import type { DeliveredAs, OutboxStore } from '../../engine/outboxStore.js';
import { outboundAttachmentOf, type ConversationRecord, type InboundAttachment, type InboundReceipt, type OutboundAttachment, type OutboundRow, type ReplyOption, type StoredReply, type TurnCommit } from '../../engine/ports.js';
import type { NewConversation, Received, ReceiveOrOpenArgs, StaleInbound, TurnStore } from '../../engine/turnStore.js';
import type { AuditInput } from '../auditLog.js';
import { ConcurrentTurnError } from '../concurrentTurnError.js';
import { openingOf } from '../openingOf.js';
import { Journal } from './journal.js';
import type { MemoryBook } from './memoryBook.js';
import { MemoryTurnUnit, type MemoryConversation } from './memoryTurnUnit.js';

interface MemoryMessage {
  id: string;
  conversationId: string;
  seq: number;
  direction: 'in' | 'out' | 'note';
  author: 'debtor' | 'bot' | 'agent';
  channel: string;
  channelMessageId: string | null;
  text: string | null;
  templateKey: string | null;
  facts: Record<string, unknown>;
  options: ReplyOption[];
  requestContact: boolean;
  proactive: boolean;
  countsTowardCaps?: boolean;
  /** Inbound: media or choice metadata. Outbound: the document to send after the text. */
  attachment: InboundAttachment | OutboundAttachment | null;
  delivery: 'pending' | 'sent' | 'failed' | null;
  inReplyTo: string | null;
  processedAt: Date | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
  notBefore: Date | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  platformMessageId?: string | null;
  sentAsTemplate?: string | null;
  receipt?: string | null;
  receiptAt?: Date | null;
  receiptError?: string | null;
}

const record = (c: MemoryConversation): ConversationRecord => {
  const { state: _state, lastSeq: _lastSeq, contactId: _contactId, ...r } = c;
  return structuredClone(r);
};
const reply = (m: MemoryMessage): StoredReply => ({ seq: m.seq, from: m.author, text: m.text ?? '', key: m.templateKey, facts: m.facts, options: m.options });
const bySeq = (a: MemoryMessage, b: MemoryMessage) => a.seq - b.seq;
const byAge = (a: MemoryMessage, b: MemoryMessage) => a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq;
const free = (m: MemoryMessage, holder: string, now: Date) => !m.claimedUntil || m.claimedUntil <= now || m.claimedBy === holder;

/**
 * The conversation ports in memory, for tests that run the turn pipeline without a database (and
 * for the contract suite, test/storage/contract, which holds it to what the Prisma store does).
 * Commits and failed turns run one at a time, as if every transaction were serialisable; a turn
 * that throws is rolled back through the journal.
 */
export class MemoryConversationStore implements TurnStore, OutboxStore, ConversationReads, ConversationWrites<unknown> {
  private conversations = new Map<string, MemoryConversation>();
  private messages: MemoryMessage[] = [];
  private serial = new KeyedMutex();

  constructor(
    readonly book: MemoryBook,
    /** The database's clock: when rows are stored (the times callers pass are theirs). */
    private clock: () => Date = () => new Date(),
  ) {}

  private audit(e: AuditInput): void {
    this.book.audit.push(e);
  }

  private conv(id: string): MemoryConversation {
    const c = this.conversations.get(id);
    if (!c) throw new Error(`conversation ${id} not found`);
    return c;
  }

  private byChat(channel: string, chatId: string): MemoryConversation | undefined {
    for (const c of this.conversations.values()) if (c.channel === channel && c.chatId === chatId) return c;
    return undefined;
  }

  private add(m: Partial<MemoryMessage> & Pick<MemoryMessage, 'conversationId' | 'direction' | 'author'>): MemoryMessage {
    const c = this.conv(m.conversationId);
    c.lastSeq += 1;
    const row: MemoryMessage = {
      id: randomUUID(), seq: c.lastSeq, channel: c.channel, channelMessageId: null, text: null, templateKey: null, facts: {}, options: [], requestContact: false, proactive: false,
      attachment: null, delivery: null, inReplyTo: null, processedAt: null, claimedBy: null, claimedUntil: null, notBefore: null, attempts: 0, lastError: null, createdAt: this.clock(), sentAt: null,
      ...m,
    };
    this.messages.push(row);
    return row;
  }

  private message(id: string): MemoryMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  // --- TurnStore

  async open(args: NewConversation) {
    const existing = this.byChat(args.channel, args.chatId);
    if (existing) return { conversation: record(existing), created: false };
    const c: MemoryConversation = {
      id: randomUUID(), channel: args.channel, chatId: args.chatId, flowId: args.flowId, flowVersion: args.flowVersion, snapshot: null, status: 'bot', locale: args.locale, rev: 0,
      debtorId: null, timeZone: args.timeZone, simulation: args.simulation ?? false, clientAddress: args.clientAddress ?? null, linkedDebtorId: args.linkedDebtorId ?? null, state: '', lastSeq: 0, contactId: null,
    };
    this.conversations.set(c.id, c);
    this.audit({ type: 'conversation.opened', actor: 'system', conversationId: c.id, data: { channel: args.channel, flowId: args.flowId, flowVersion: args.flowVersion, simulation: c.simulation } });
    if (args.linkedDebtorId) this.audit({ type: 'identity.link_used', actor: 'debtor', conversationId: c.id, debtorId: args.linkedDebtorId, data: { purpose: 'chat' } });
    return { conversation: record(c), created: true };
  }

  async receiveOrOpen(args: ReceiveOrOpenArgs): Promise<Received | null> {
    const found = this.byChat(args.channel, args.chatId);
    let c = found;
    if (!c) {
      if (!args.open) return null;
      const opened = await this.open({ channel: args.channel, chatId: args.chatId, ...args.open, flowVersion: await args.flowVersion() });
      if (opened.created) return { conversation: opened.conversation, created: true };
      c = this.conv(opened.conversation.id);
    }
    if (c.status === 'closed') {
      const flowVersion = await args.flowVersion();
      // Checked again after the wait: a message racing another's reopen does not reset a live conversation.
      if (c.status === 'closed') {
        Object.assign(c, { status: 'bot', snapshot: null, state: '', flowVersion, rev: c.rev + 1 });
        this.audit({ type: 'conversation.reopened', actor: 'debtor', conversationId: c.id, debtorId: c.debtorId, data: { flowVersion } });
      }
    }
    const { needsStart, attachment } = openingOf(c, args.attachment, !found);
    if (args.clientAddress && args.clientAddress !== c.clientAddress) c.clientAddress = args.clientAddress;
    const dup = this.messages.find((m) => m.channel === args.channel && m.channelMessageId === args.channelMessageId);
    let receipt: InboundReceipt;
    if (dup) receipt = { conversationId: dup.conversationId, messageId: dup.id, duplicate: true };
    else {
      const m = this.add({ conversationId: c.id, direction: 'in', author: 'debtor', channelMessageId: args.channelMessageId, text: args.text, attachment: attachment ?? null });
      this.audit({ type: 'message.in', actor: 'debtor', conversationId: c.id, debtorId: c.debtorId, data: { messageId: m.id, seq: m.seq } });
      receipt = { conversationId: c.id, messageId: m.id, duplicate: false };
    }
    return { conversation: record(c), created: false, receipt, attachment, needsStart };
  }

  async get(conversationId: string) {
    const c = this.conversations.get(conversationId);
    return c ? record(c) : null;
  }

  async claimStaleInbound(args: { storedBefore: Date; holder: string; leaseMs: number; now: Date; limit: number }): Promise<StaleInbound[]> {
    const due = this.messages
      .filter((m) => m.direction === 'in' && !m.processedAt && m.createdAt <= args.storedBefore && (!m.claimedUntil || m.claimedUntil <= args.now))
      .sort(byAge)
      .slice(0, args.limit);
    for (const m of due) Object.assign(m, { claimedBy: args.holder, claimedUntil: new Date(args.now.getTime() + args.leaseMs) });
    return due.map((m) => ({ conversationId: m.conversationId, messageId: m.id, text: m.text ?? '', attachment: m.attachment as InboundAttachment | null }));
  }

  async isProcessed(messageId: string) {
    return !!this.message(messageId)?.processedAt;
  }

  commitTurn(conversationId: string, inboundId: string | null, replyTo: string | null, fn: Parameters<TurnStore['commitTurn']>[3]): Promise<TurnCommit | null> {
    return this.serial.run('commits', async () => {
      const row = this.conv(conversationId);
      // Exactly one turn per inbound message.
      if (inboundId && this.message(inboundId)?.processedAt) return null;
      const rev = row.rev;
      const conv = record(row);
      const journal = new Journal();
      const audit: AuditInput[] = [];
      const unit = new MemoryTurnUnit(this.book, row, conv, journal, audit);
      let result: TurnCommit | null;
      try {
        result = await fn(conv, unit);
        // The revision check refuses a write over a change made meanwhile (a reopen).
        if (result && row.rev !== rev) throw new ConcurrentTurnError(`conversation ${conversationId} moved during the turn`);
      } catch (err) {
        journal.rollback();
        throw err;
      }
      const inbound = inboundId ? this.message(inboundId) : undefined;
      if (inbound) inbound.processedAt = this.clock();
      if (result) {
        const status = unit.status ?? result.status;
        Object.assign(row, { snapshot: structuredClone(result.snapshot), state: result.state, status, rev: row.rev + 1 });
        for (const m of result.messages) {
          const out = this.add({ conversationId, direction: 'out', author: 'bot', templateKey: m.templateKey, facts: m.facts, options: m.options, requestContact: m.requestContact ?? false, attachment: m.attachment ?? null, delivery: 'pending', inReplyTo: replyTo });
          audit.push({ type: 'message.out', actor: 'bot', conversationId, debtorId: row.debtorId, data: { messageId: out.id, seq: out.seq, key: out.templateKey, facts: out.facts } });
        }
        if (status !== conv.status) audit.push({ type: 'conversation.status', actor: 'bot', conversationId, debtorId: row.debtorId, data: { from: conv.status, to: status } });
        result.status = status;
      }
      this.book.audit.push(...audit);
      return result;
    });
  }

  failTurn(conversationId: string, inboundId: string | null, error: { code: string; message: string }, now: Date): Promise<void> {
    return this.serial.run('commits', async () => {
      if (inboundId) {
        // Another turn finished this inbound meanwhile: nothing failed here to hand over.
        const inbound = this.message(inboundId);
        if (!inbound || inbound.processedAt) return;
        inbound.processedAt = this.clock();
      }
      const c = this.conv(conversationId);
      Object.assign(c, { status: 'human', rev: c.rev + 1 });
      if (!this.book.openHandoff(conversationId)) {
        this.book.handoffs.push({ id: randomUUID(), conversationId, reason: 'bot_error', detail: `${error.code}: ${error.message}`.slice(0, 500), status: 'pending', createdAt: now });
      }
      this.add({ conversationId, direction: 'out', author: 'bot', templateKey: 'handoff.notice', facts: { handoff: { reason: 'bot_error' } }, delivery: 'pending', inReplyTo: inboundId });
      this.audit({ type: 'turn.failed', actor: 'system', conversationId, debtorId: c.debtorId, data: { inboundId, code: error.code, message: error.message.slice(0, 500) } });
    });
  }

  // --- OutboxStore

  /** Pending outbound rows whose time has come (by the store's clock, as the database's now()). */
  private due(m: MemoryMessage): boolean {
    return m.direction === 'out' && m.delivery === 'pending' && (!m.notBefore || m.notBefore <= this.clock());
  }

  async conversationsWithPendingOutbound(now: Date, holder: string, createdBefore?: Date) {
    const ids: string[] = [];
    for (const m of this.messages.filter((x) => this.due(x) && free(x, holder, now) && (!createdBefore || x.createdAt <= createdBefore || x.attempts > 0 || x.notBefore)).sort(byAge)) {
      if (!ids.includes(m.conversationId)) ids.push(m.conversationId);
    }
    return ids.slice(0, 500);
  }

  async claimOutbound(conversationId: string, holder: string, leaseMs: number, now: Date): Promise<OutboundRow[]> {
    const pending = this.messages.filter((m) => m.conversationId === conversationId && m.direction === 'out' && m.delivery === 'pending');
    // Another holder's live claim: that process sends the conversation's rows, in order.
    if (pending.some((m) => m.claimedUntil && m.claimedUntil > now && m.claimedBy !== holder)) return [];
    const rows = pending.filter((m) => this.due(m) && free(m, holder, now)).sort(bySeq).slice(0, 50);
    for (const m of rows) Object.assign(m, { claimedBy: holder, claimedUntil: new Date(now.getTime() + leaseMs) });
    const c = this.conv(conversationId);
    const lastInboundAt = this.messages.filter((m) => m.conversationId === conversationId && m.direction === 'in').reduce<Date | null>((a, m) => (!a || m.createdAt > a ? m.createdAt : a), null);
    return rows.sort(byAge).map((m) => ({
      id: m.id, conversationId, channel: m.channel, chatId: c.chatId, flowId: c.flowId, flowVersion: c.flowVersion,
      author: m.author === 'agent' ? 'agent' : 'bot', text: m.author === 'agent' && !m.templateKey ? m.text : null, templateKey: m.templateKey ?? '',
      facts: m.facts, options: m.options, requestContact: m.requestContact, proactive: m.proactive, countsTowardCaps: m.countsTowardCaps ?? true, attempts: m.attempts, locale: c.locale, timeZone: c.timeZone,
      attachment: outboundAttachmentOf(m.attachment),
      lastInboundAt,
    }));
  }

  async hasDueOutbound(conversationId: string, holder: string, now: Date) {
    const pending = this.messages.filter((m) => m.conversationId === conversationId && m.direction === 'out' && m.delivery === 'pending');
    if (pending.some((m) => m.claimedUntil && m.claimedUntil > now && m.claimedBy !== holder)) return false;
    return pending.some((m) => this.due(m) && free(m, holder, now));
  }

  async renewClaim(messageId: string, holder: string, leaseMs: number, now: Date) {
    const row = this.message(messageId);
    if (!row) return false;
    // The whole batch this holder claimed in the conversation is extended, so its later rows stay held too.
    for (const m of this.messages) if (m.conversationId === row.conversationId && m.claimedBy === holder && m.delivery === 'pending') m.claimedUntil = new Date(now.getTime() + leaseMs);
    return row.claimedBy === holder && row.delivery === 'pending';
  }

  async markDelivered(messageId: string, text: string, sent: DeliveredAs = {}) {
    const { phrasing, platformMessageId, template } = sent;
    const m = this.message(messageId);
    // Conditional on "pending": a row is delivered at most once even if two senders race.
    if (!m || m.delivery !== 'pending') return;
    Object.assign(m, { delivery: 'sent', text, sentAt: this.clock(), attempts: m.attempts + 1, claimedBy: null, claimedUntil: null, platformMessageId: platformMessageId ?? null, sentAsTemplate: template ?? null });
    if (phrasing) this.audit({ type: 'message.phrased', actor: 'bot', conversationId: m.conversationId, debtorId: this.conv(m.conversationId).debtorId, data: { messageId, source: phrasing.source ?? null } });
  }

  async templateChatsSince(channel: string, since: Date, chatId: string) {
    const sent = this.messages.filter((m) => m.channel === channel && m.sentAsTemplate && m.sentAt && m.sentAt >= since);
    const chats = new Set(sent.map((m) => this.conv(m.conversationId).chatId));
    const oldest = sent.reduce<Date | null>((a, m) => (!a || m.sentAt! < a ? m.sentAt! : a), null);
    return { chats: chats.size, includesChat: chats.has(chatId), oldestAt: oldest };
  }

  async recordReceipt(r: ReceiptReport) {
    const m = this.messages.find((x) => x.direction === 'out' && x.channel === r.channel && x.platformMessageId === r.platformMessageId);
    if (!m || !receiptAdvances(m.receipt ?? null, r.status)) return null;
    Object.assign(m, { receipt: r.status, receiptAt: r.at, receiptError: r.error ?? null });
    if (r.status === 'failed') this.audit({ type: 'message.receipt_failed', actor: 'system', conversationId: m.conversationId, debtorId: this.conv(m.conversationId).debtorId, data: { messageId: m.id, error: r.error ?? null } });
    return { conversationId: m.conversationId };
  }

  async markDeliveryFailed(messageId: string, error: string, retryAt: Date | null) {
    const m = this.message(messageId);
    if (!m) throw new Error(`message ${messageId} not found`);
    Object.assign(m, { delivery: retryAt ? 'pending' : 'failed', lastError: error.slice(0, 500), notBefore: retryAt, attempts: m.attempts + 1, claimedBy: null, claimedUntil: null });
  }

  async recentMessages(conversationId: string, n: number) {
    return this.transcript(conversationId, 0).slice(-n).map((m) => ({ from: m.author, text: m.text ?? '' }));
  }

  async isOptedOut(conversationId: string) {
    const contactId = this.conversations.get(conversationId)?.contactId;
    const contact = contactId ? this.book.debtors.flatMap((d) => d.contacts).find((x) => x.id === contactId) : undefined;
    return !!contact?.optedOutAt;
  }

  // --- ConversationReads

  async find(channel: string, chatId: string) {
    const c = this.byChat(channel, chatId);
    return c ? record(c) : null;
  }

  /** Received and delivered messages after `afterSeq`, in order. */
  private transcript(conversationId: string, afterSeq: number): MemoryMessage[] {
    return this.messages.filter((m) => m.conversationId === conversationId && m.seq > afterSeq && (m.direction === 'in' || m.delivery === 'sent')).sort(bySeq);
  }

  async repliesTo(inboundMessageId: string) {
    return this.messages.filter((m) => m.inReplyTo === inboundMessageId && m.delivery === 'sent').sort(bySeq).map(reply);
  }

  async messagesAfter(conversationId: string, afterSeq: number) {
    return this.transcript(conversationId, afterSeq).slice(0, 500).map(reply);
  }

  // --- ConversationWrites (no transactions here: the argument is ignored)

  async append(_tx: unknown, conversationId: string, row: AppendedRow): Promise<{ message: AppendedMessage; debtorId: string | null }> {
    const m = this.add({ conversationId, ...row, facts: (row.facts ?? {}) as Record<string, unknown>, attachment: (row.attachment ?? null) as MemoryMessage['attachment'] });
    return { message: { id: m.id, seq: m.seq, direction: m.direction, author: m.author, text: m.text, delivery: m.delivery, createdAt: m.createdAt }, debtorId: this.conv(conversationId).debtorId };
  }

  async close(_tx: unknown, conversationId: string) {
    const c = this.conv(conversationId);
    Object.assign(c, { status: 'closed', rev: c.rev + 1 });
    return { debtorId: c.debtorId };
  }
}
