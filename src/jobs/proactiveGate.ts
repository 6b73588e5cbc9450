import { decideProactive, type ContactPolicy, type DeferReason } from '../domain/contactPolicy.js';
import { isValidTimeZone } from '../domain/escalationRules.js';
import { KeyedMutex } from '../engine/keyedMutex.js';
import type { OutboxStore } from '../engine/outboxStore.js';
import { recordDecision } from '../storage/contactDecisionRepository.js';
import { currentContactPolicy } from '../storage/contactPolicyRepository.js';
import type { Db } from '../storage/database.js';

/** The fields of an outbox row the gate needs (a pending proactive message). */
export interface ProactiveRow {
  id: string;
  conversationId: string;
  channel: string;
  /** The conversation's time zone; the debtor's own, when the conversation has a debtor, wins. */
  timeZone: string;
  /** False for a row the caps do not count (a receipt): only opt-out and the calendar hold it. Default true. */
  countsTowardCaps?: boolean;
}

export type GateAnswer =
  | { send: true }
  | { send: false; status: 'deferred'; reason: DeferReason; until: Date }
  | { send: false; status: 'blocked'; reason: 'opted_out' };

/** What the outbox asks before a proactive send, and tells after it (a port: tests pass fakes). */
export interface ContactGate {
  /** Send now, or not: a refusal is already recorded and the row held (deferred or blocked). */
  decide(row: ProactiveRow, now: Date): Promise<GateAnswer>;
  /** The channel accepted a row `decide` let through. */
  recordSent(row: ProactiveRow, now: Date): Promise<void>;
  /** A row `decide` let through was not sent after all (render or channel failure). */
  release(messageId: string): void;
}

export interface ProactiveGateOptions {
  db: Db;
  store: Pick<OutboxStore, 'isOptedOut'>;
  creditorId: string;
  /** How long a read policy is reused; a save in this process calls invalidate(). Default 5 s. */
  policyTtlMs?: number;
}

const DAY_MS = 86_400_000;
// The current local week (under 7 days back) and the longest minimum interval (7 days), plus a day
// of slack for time zones: nothing older can change a decision.
const LOOKBACK_MS = 8 * DAY_MS;
const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 };

interface Target {
  /** Caps are per debtor across all its conversations; without a debtor, per conversation. */
  key: string;
  debtorId: string | null;
  timeZone: string;
}

/**
 * Applies the creditor's contact policy to proactive rows. Replies never come here: the outbox
 * asks only for rows marked proactive.
 *
 * The sends counted are the debtor's proactive messages on every channel and conversation: the
 * messages marked sent, at the time of their 'sent' decision when there is one (the app's clock,
 * the same one `now` comes from), plus sends this process allowed and has not finished yet. Those
 * in-flight ones, and a per-debtor lock around each decision, stop two flushes running side by side
 * (a notice's WhatsApp and Telegram rows) from both taking the day's one slot. Across processes
 * (several app instances on PostgreSQL) that window remains, as narrow as one send.
 */
export class ProactiveGate implements ContactGate {
  private locks = new KeyedMutex();
  private cached?: { policy: ContactPolicy; at: number };
  private inFlight = new Map<string, { key: string; at: Date }>();

  constructor(private opts: ProactiveGateOptions) {}

  async decide(row: ProactiveRow, now: Date): Promise<GateAnswer> {
    // A row decided before whose send failed is decided afresh.
    this.inFlight.delete(row.id);
    const target = await this.target(row);
    return this.locks.run(target.key, async () => {
      const [policy, optedOut, sentToDebtor] = await Promise.all([this.policy(), this.opts.store.isOptedOut(row.conversationId), this.sendsTo(target, now)]);
      const countsTowardCaps = row.countsTowardCaps !== false;
      const d = decideProactive({ now, timeZone: target.timeZone, policy, optedOut, sentToDebtor, countsTowardCaps });
      if (d.status === 'send') {
        // A receipt in flight takes no slot: it would not count once sent either.
        if (countsTowardCaps) this.inFlight.set(row.id, { key: target.key, at: now });
        return { send: true };
      }
      await this.hold(row, target, now, d);
      return d.status === 'deferred' ? { send: false, status: 'deferred', reason: d.reason, until: d.until } : { send: false, status: 'blocked', reason: d.reason };
    });
  }

  async recordSent(row: ProactiveRow, now: Date): Promise<void> {
    try {
      const target = await this.target(row);
      await this.opts.db.$transaction(
        (tx) => recordDecision(tx, { at: now, messageId: row.id, conversationId: row.conversationId, debtorId: target.debtorId, channel: row.channel, status: 'sent', reason: 'allowed', until: null }),
        TX_OPTIONS,
      );
    } finally {
      // Either recorded, or counted from the Message row the outbox already marked sent.
      this.inFlight.delete(row.id);
    }
  }

  release(messageId: string): void {
    this.inFlight.delete(messageId);
  }

  /** Drops the cached policy (after an admin saved a new one). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async policy(): Promise<ContactPolicy> {
    const ttl = this.opts.policyTtlMs ?? 5_000;
    if (this.cached && Date.now() - this.cached.at < ttl) return this.cached.policy;
    const policy = await currentContactPolicy(this.opts.db, this.opts.creditorId);
    this.cached = { policy, at: Date.now() };
    return policy;
  }

  private async target(row: ProactiveRow): Promise<Target> {
    const c = await this.opts.db.conversation.findUnique({ where: { id: row.conversationId }, select: { debtorId: true, debtor: { select: { timeZone: true } } } });
    const debtorZone = c?.debtor?.timeZone;
    const timeZone = debtorZone && isValidTimeZone(debtorZone) ? debtorZone : row.timeZone;
    return c?.debtorId ? { key: `debtor:${c.debtorId}`, debtorId: c.debtorId, timeZone } : { key: `conversation:${row.conversationId}`, debtorId: null, timeZone };
  }

  private async sendsTo(target: Target, now: Date): Promise<Date[]> {
    const since = new Date(now.getTime() - LOOKBACK_MS);
    const conversationId = target.key.startsWith('conversation:') ? target.key.slice('conversation:'.length) : undefined;
    const [messages, decisions] = await Promise.all([
      this.opts.db.message.findMany({
        where: { ...(target.debtorId ? { conversation: { debtorId: target.debtorId } } : { conversationId }), proactive: true, countsTowardCaps: true, delivery: 'sent', sentAt: { gte: since } },
        select: { id: true, sentAt: true },
      }),
      this.opts.db.contactDecision.findMany({
        where: { ...(target.debtorId ? { debtorId: target.debtorId } : { conversationId }), status: 'sent', at: { gte: since } },
        select: { messageId: true, at: true },
      }),
    ]);
    // Decisions to send a message the caps do not count (receipts) do not count either.
    const uncounted = decisions.length
      ? new Set((await this.opts.db.message.findMany({ where: { id: { in: decisions.map((d) => d.messageId) }, countsTowardCaps: false }, select: { id: true } })).map((m) => m.id))
      : new Set<string>();
    const times = new Map<string, Date>();
    for (const m of messages) if (m.sentAt) times.set(m.id, m.sentAt);
    for (const d of decisions) if (!uncounted.has(d.messageId)) times.set(d.messageId, d.at);
    for (const [id, f] of this.inFlight) if (f.key === target.key && !times.has(id)) times.set(id, f.at);
    return [...times.values()];
  }

  private async hold(row: ProactiveRow, target: Target, now: Date, d: { status: 'deferred'; until: Date; reason: DeferReason } | { status: 'blocked'; reason: 'opted_out' }): Promise<void> {
    await this.opts.db.$transaction(async (tx) => {
      // A deferred row waits in the outbox (notBefore), a blocked one leaves it for good.
      // Conditional on "pending" so that a row sent meanwhile is not rewritten.
      const r = await tx.message.updateMany({
        where: { id: row.id, delivery: 'pending' },
        data: d.status === 'deferred' ? { notBefore: d.until } : { delivery: 'blocked', lastError: d.reason },
      });
      if (r.count === 1) {
        await recordDecision(tx, { at: now, messageId: row.id, conversationId: row.conversationId, debtorId: target.debtorId, channel: row.channel, status: d.status, reason: d.reason, until: d.status === 'deferred' ? d.until : null });
      }
    }, TX_OPTIONS);
  }
}
