import { agentOffer, type AgentOfferRequest, type FieldError } from '../domain/agentOffer.js';
import { todayIn } from '../domain/dates.js';
import type { Offer } from '../domain/offer.js';
import { percentToBasisPoints } from '../domain/money.js';
import { offerFacts } from '../engine/buildFacts.js';
import type { FlowEvent } from '../engine/flowContext.js';
import type { ConversationWrites } from '../engine/conversationWrites.js';
import type { PersistedSnapshot } from '../engine/ports.js';
import type { ConversationChange } from '../engine/turnPipeline.js';
import { appendAudit } from '../storage/auditLog.js';
import { auditText, getOrCreatePiiKey } from '../storage/auditText.js';
import type { Db, Tx } from '../storage/database.js';
import { loadDebtorFacts } from '../storage/debtorFacts.js';
import { policyForDebt } from '../storage/policyRepository.js';
import { activeHandoff, type HandoffItem } from './handoffView.js';
import { CordialError, type HandoffErrorCode } from '../domain/errors.js';

/** The person acting in the console. */
export interface AgentUser {
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'admin';
}

export type { HandoffErrorCode };

export class HandoffError extends CordialError<HandoffErrorCode> {
  constructor(
    code: HandoffErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(code, message);
  }
}

export interface HandoffDeskDeps {
  db: Db;
  /** The conversation's own changes (messages, closing): written by storage, not by the desk. */
  conversations: ConversationWrites<Tx>;
  creditorId: string;
  /** Runs an event through the conversation's flow (the hand-back). */
  dispatch(conversationId: string, event: FlowEvent): Promise<void>;
  /** Sends what is pending for the conversation over its own channel. */
  flush(conversationId: string): Promise<void>;
  publish(change: ConversationChange): void;
  clock?: () => Date;
}

const TX = { timeout: 30_000, maxWait: 30_000 };
const actorOf = (u: AgentUser) => `user:${u.id}`;

function offerFromRow(o: { kind: string; totalCents: bigint; discountBasisPoints: number; installments: number; installmentCents: bigint; firstDueDate: string; schedule: unknown }): Offer {
  return {
    kind: o.kind as Offer['kind'],
    totalCents: Number(o.totalCents),
    discountPercent: o.discountBasisPoints / 100,
    installments: o.installments,
    installmentCents: Number(o.installmentCents),
    firstDueDate: o.firstDueDate,
    schedule: o.schedule as Offer['schedule'],
  };
}

/**
 * What agents do with escalated conversations: claim, reply, note, offer, hand back, close.
 * Ownership is decided by conditional updates on the handoff row, so two agents (or two
 * processes) racing for the same conversation get one winner and a clear answer for the other.
 */
export class HandoffDesk {
  private clock: () => Date;

  constructor(private deps: HandoffDeskDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Takes a pending handoff. Claiming one you already hold is fine; someone else's is a conflict. */
  async claim(conversationId: string, user: AgentUser): Promise<HandoffItem> {
    const { db } = this.deps;
    await db.$transaction(async (tx) => this.claimIn(tx, conversationId, user), TX);
    this.deps.publish({ conversationId, kind: 'handoff' });
    return (await activeHandoff(db, conversationId))!;
  }

  private async claimIn(tx: Tx, conversationId: string, user: AgentUser) {
    const h = await tx.handoff.findFirst({ where: { conversationId, status: { in: ['pending', 'open'] } }, include: { agent: { select: { name: true } } } });
    if (!h) throw new HandoffError('no_handoff', 'this conversation is not waiting for a person');
    if (h.status === 'open') {
      if (h.agentId === user.id) return h;
      throw new HandoffError('claimed_by_other', `${h.agent?.name ?? 'another agent'} already took this conversation`, { agent: { name: h.agent?.name ?? null } });
    }
    const won = await tx.handoff.updateMany({ where: { id: h.id, status: 'pending' }, data: { status: 'open', agentId: user.id, claimedAt: this.clock() } });
    if (won.count === 0) {
      // Someone else's claim committed between our read and our update.
      const now = await tx.handoff.findUniqueOrThrow({ where: { id: h.id }, include: { agent: { select: { name: true } } } });
      if (now.agentId === user.id) return now;
      throw new HandoffError('claimed_by_other', `${now.agent?.name ?? 'another agent'} already took this conversation`, { agent: { name: now.agent?.name ?? null } });
    }
    const conv = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { debtorId: true } });
    await appendAudit(tx, [{ type: 'handoff.claimed', actor: actorOf(user), conversationId, debtorId: conv.debtorId, data: { handoffId: h.id, reason: h.reason } }]);
    return { ...h, status: 'open', agentId: user.id };
  }

  /** The handoff the user may act on: theirs, or a pending one they take by acting (as in shared inboxes). */
  private async holdIn(tx: Tx, conversationId: string, user: AgentUser) {
    const conv = await tx.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
    if (!conv) throw new HandoffError('not_found', 'no such conversation');
    const h = await tx.handoff.findFirst({ where: { conversationId, status: { in: ['pending', 'open'] } } });
    if (!h) throw new HandoffError('not_handed_off', 'the bot holds this conversation; it is not waiting for a person');
    // Admins may act on a conversation another agent holds (a supervisor stepping in).
    if (h.status === 'open' && h.agentId !== user.id && user.role === 'admin') return h;
    return this.claimIn(tx, conversationId, user);
  }

  /** An agent's reply: delivered over the conversation's own channel, exactly as written. */
  async reply(conversationId: string, user: AgentUser, text: string) {
    const { db } = this.deps;
    const message = await db.$transaction(async (tx) => {
      await this.holdIn(tx, conversationId, user);
      const { message, debtorId } = await this.deps.conversations.append(tx, conversationId, { author: 'agent', direction: 'out', text, facts: { agent: { name: user.name } }, delivery: 'pending' });
      await appendAudit(tx, [{ type: 'agent.message', actor: actorOf(user), conversationId, debtorId, data: { messageId: message.id, seq: message.seq, ...auditText(await getOrCreatePiiKey(tx, conversationId), text) } }]);
      return message;
    }, TX);
    await this.deps.flush(conversationId);
    this.deps.publish({ conversationId, kind: 'message' });
    return message;
  }

  /** An internal note: part of the record, never sent to the debtor. Any agent may add one. */
  async note(conversationId: string, user: AgentUser, text: string) {
    const { db } = this.deps;
    const message = await db.$transaction(async (tx) => {
      const conv = await tx.conversation.findUnique({ where: { id: conversationId }, select: { id: true } });
      if (!conv) throw new HandoffError('not_found', 'no such conversation');
      const { message, debtorId } = await this.deps.conversations.append(tx, conversationId, { author: 'agent', direction: 'note', text, facts: { agent: { name: user.name } }, delivery: null });
      await appendAudit(tx, [{ type: 'agent.note', actor: actorOf(user), conversationId, debtorId, data: { messageId: message.id, ...auditText(await getOrCreatePiiKey(tx, conversationId), text) } }]);
      return message;
    }, TX);
    this.deps.publish({ conversationId, kind: 'message' });
    return message;
  }

  /**
   * An offer the agent makes, held to the creditor's policy. The debtor reads it now; when the
   * conversation is handed back, the bot presents it with the accept option and formalises it.
   */
  async offer(conversationId: string, user: AgentUser, req: AgentOfferRequest): Promise<{ ok: true; offer: Offer } | { ok: false; errors: FieldError[] }> {
    const { db, creditorId } = this.deps;
    const result = await db.$transaction(async (tx) => {
      await this.holdIn(tx, conversationId, user);
      const conv = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId } });
      const verified = !!(conv.snapshot as Partial<PersistedSnapshot>)?.context?.verified;
      if (!conv.debtorId || !verified) throw new HandoffError('identity_not_verified', 'the debtor has not confirmed their identity in this conversation; no offer can be made yet');
      const { debt } = await loadDebtorFacts(tx, conv.debtorId, conv.contactId);
      if (!debt) throw new HandoffError('invalid', 'this debtor has no open invoices');
      const today = todayIn(conv.timeZone, this.clock());
      const policy = await policyForDebt(tx, creditorId, debt.invoices.map((i) => i.dueDate), today);
      const made = agentOffer(debt.totalCents, req, policy, today);
      if (!made.ok) return made;
      const o = made.offer;
      await tx.offer.updateMany({ where: { conversationId, status: 'proposed' }, data: { status: 'superseded' } });
      const row = await tx.offer.create({
        data: {
          conversationId,
          debtorId: conv.debtorId,
          kind: o.kind,
          totalCents: BigInt(o.totalCents),
          discountBasisPoints: percentToBasisPoints(o.discountPercent),
          installments: o.installments,
          installmentCents: BigInt(o.installmentCents),
          firstDueDate: o.firstDueDate,
          schedule: o.schedule as object,
          round: 0,
          source: 'agent',
        },
      });
      const { message } = await this.deps.conversations.append(tx, conversationId, { author: 'agent', direction: 'out', templateKey: `offer.${o.kind}`, facts: { offer: offerFacts(o), agent: { name: user.name } }, delivery: 'pending' });
      await appendAudit(tx, [{ type: 'offer.made', actor: actorOf(user), conversationId, debtorId: conv.debtorId, data: { offerId: row.id, messageId: message.id, offer: o, debtCents: debt.totalCents, policy } }]);
      return made;
    }, TX);
    if (result.ok) {
      await this.deps.flush(conversationId);
      this.deps.publish({ conversationId, kind: 'message' });
    }
    return result;
  }

  /** Ends the handoff and gives the conversation back to the bot, which resumes with a recap. */
  async handback(conversationId: string, user: AgentUser): Promise<void> {
    const { db } = this.deps;
    const since = await db.$transaction(async (tx) => {
      const h = await this.holdIn(tx, conversationId, user);
      const closed = await tx.handoff.updateMany({ where: { id: h.id, status: { in: ['pending', 'open'] } }, data: { status: 'closed', closedAt: this.clock(), resolution: 'handback' } });
      if (closed.count === 0) throw new HandoffError('not_handed_off', 'this conversation was already handed back or closed');
      const conv = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { debtorId: true } });
      await appendAudit(tx, [{ type: 'handoff.handback', actor: actorOf(user), conversationId, debtorId: conv.debtorId, data: { handoffId: h.id, reason: h.reason } }]);
      return h.createdAt;
    }, TX);
    await this.resume(conversationId, since);
  }

  /**
   * Conversations a person no longer holds but the bot has not taken back (the process stopped
   * between closing the handoff and the bot's turn): resume them, so no debtor is left unanswered.
   */
  async resumeOrphans(): Promise<number> {
    const orphans = await this.deps.db.conversation.findMany({
      where: { status: 'human', simulation: false, handoffs: { none: { status: { in: ['pending', 'open'] } } } },
      select: { id: true, handoffs: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } } },
      take: 100,
    });
    for (const o of orphans) await this.resume(o.id, o.handoffs[0]?.createdAt ?? new Date(0));
    return orphans.length;
  }

  /** The hand-back event, with what is true now, through the flow (it decides where the bot resumes). */
  private async resume(conversationId: string, handoffSince: Date): Promise<void> {
    const { db, creditorId } = this.deps;
    const conv = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const ev: Extract<FlowEvent, { type: 'HANDBACK' }> = { type: 'HANDBACK', today: todayIn(conv.timeZone, this.clock()) };
    const verified = !!(conv.snapshot as Partial<PersistedSnapshot>)?.context?.verified;
    // Debt facts travel only to a conversation whose debtor proved who they are.
    if (conv.debtorId && verified) {
      const { debt, agreement } = await loadDebtorFacts(db, conv.debtorId, conv.contactId, ev.today);
      if (debt) {
        ev.debt = debt;
        ev.policy = await policyForDebt(db, creditorId, debt.invoices.map((i) => i.dueDate), ev.today);
      }
      if (agreement) ev.agreement = agreement;
      const fromAgent = await db.offer.findFirst({ where: { conversationId, status: 'proposed', source: 'agent', createdAt: { gte: handoffSince } }, orderBy: { createdAt: 'desc' } });
      if (fromAgent) ev.offer = offerFromRow(fromAgent);
    }
    await this.deps.dispatch(conversationId, ev);
    this.deps.publish({ conversationId, kind: 'status' });
  }

  /** Ends the handoff and the conversation; if the debtor writes again, the bot starts over. */
  async close(conversationId: string, user: AgentUser): Promise<void> {
    const { db } = this.deps;
    await db.$transaction(async (tx) => {
      const h = await this.holdIn(tx, conversationId, user);
      const closed = await tx.handoff.updateMany({ where: { id: h.id, status: { in: ['pending', 'open'] } }, data: { status: 'closed', closedAt: this.clock(), resolution: 'closed' } });
      if (closed.count === 0) throw new HandoffError('not_handed_off', 'this conversation was already handed back or closed');
      const conv = await this.deps.conversations.close(tx, conversationId);
      await appendAudit(tx, [{ type: 'handoff.closed', actor: actorOf(user), conversationId, debtorId: conv.debtorId, data: { handoffId: h.id, reason: h.reason } }]);
    }, TX);
    this.deps.publish({ conversationId, kind: 'status' });
  }
}
