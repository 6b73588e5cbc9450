import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { todayIn } from '../domain/dates.js';
import type { FlowCatalog } from './flowCatalog.js';
import { initialContext, type FlowEvent, type FlowRules, type Locale } from './flowContext.js';
import { KeyedMutex } from './keyedMutex.js';
import type { ConversationReads } from './conversationReads.js';
import type { ConversationRecord, CreditorFacts, InboundAttachment, StoredReply } from './ports.js';
import { runTurn } from './runTurn.js';
import { toFlowEvent } from './toFlowEvent.js';
import type { TurnStore } from './turnStore.js';
import { understand, type Understanding } from './understanding/understand.js';
import { CordialError, isTurnFailure } from '../domain/errors.js';

export interface Outbox {
  /** Sends whatever is pending for the conversation (or everything), rendering it first. */
  flush(conversationId?: string): Promise<void>;
}

export interface TurnPipelineDeps {
  /** Turns, and the replies they stored (what handle() and open() answer with). */
  store: TurnStore & Pick<ConversationReads, 'repliesTo' | 'messagesAfter'>;
  flows: FlowCatalog;
  creditor: CreditorFacts;
  outbox: Outbox;
  logger: Logger;
  flowId: string;
  defaultTimeZone: string;
  clock?: () => Date;
  /** The admin's current escalation switches (read before each turn's transaction); defaults when absent. */
  rules?: () => Promise<FlowRules>;
  /** Told after anything that changes what an agent sees (a message in, a turn, a hand-off). */
  onChange?: (change: ConversationChange) => void;
}

export interface ConversationChange {
  conversationId: string;
  kind: 'message' | 'status' | 'handoff';
}

export interface InboundMessage {
  channel: string;
  chatId: string;
  /** The platform's id for the message: a redelivery carries the same one and is ignored. */
  channelMessageId: string;
  text: string;
  locale?: Locale;
  attachment?: InboundAttachment;
  /** The sender's number when the channel reveals it (WhatsApp): identity by phone on the first turn. */
  senderPhone?: string;
  /** Where the message came from (the web chat's client IP): identity attempts are counted per address. */
  clientAddress?: string;
}

const SMALL_TALK = new Set(['greeting', 'thanks', 'help']);
/** Whether an opening message says more than "hello": then it gets its own turn after the welcome. */
function saysSomething(u: Understanding): boolean {
  return (
    !!u.cnpj ||
    !!u.cnpjInvalid ||
    u.invoiceCandidates.length > 0 ||
    u.intents.some((i) => !SMALL_TALK.has(i)) ||
    // "Prefiro e-mail" as the first words: answered after the welcome, not dropped as a greeting.
    !!u.preferredChannel ||
    u.amountCents !== undefined ||
    u.installments !== undefined ||
    u.percent !== undefined
  );
}

export class ConversationNotFoundError extends CordialError<'CONVERSATION_NOT_FOUND'> {
  constructor(message: string) {
    super('CONVERSATION_NOT_FOUND', message);
  }
}

/** The turn pipeline (README, Architecture): store first, dedupe, one event at a time, one transaction, outbox. */
export class TurnPipeline {
  private locks = new KeyedMutex();
  private clock: () => Date;
  /** This process's name on its claims of unprocessed inbound messages. */
  private readonly holder = `turns:${randomUUID()}`;

  constructor(private deps: TurnPipelineDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Starts a conversation (the bot speaks first, as on the web chat) and returns its first replies. */
  async open({
    channel,
    chatId,
    locale = 'pt-BR',
    senderPhone,
    simulation,
    clientAddress,
    linkedDebtorId,
  }: {
    channel: string;
    chatId: string;
    locale?: Locale;
    senderPhone?: string;
    /** A simulator session: pinned to a draft's snapshot instead of the published flow. */
    simulation?: { flowId: string; flowVersion: number };
    /** The web chat's client IP (identity attempts are counted per address). */
    clientAddress?: string;
    /** The debtor a signed e-mail link named: the session's second identity factor. */
    linkedDebtorId?: string;
  }): Promise<{ conversationId: string; replies: StoredReply[] }> {
    const { store, flows, defaultTimeZone } = this.deps;
    const flowId = simulation?.flowId ?? this.deps.flowId;
    const flowVersion = simulation?.flowVersion ?? (await flows.latestVersion(flowId));
    const { conversation, created } = await store.open({ channel, chatId, locale, flowId, flowVersion, timeZone: defaultTimeZone, simulation: !!simulation, clientAddress, linkedDebtorId });
    if (created) await this.started(conversation, senderPhone);
    else await this.deps.outbox.flush(conversation.id);
    return { conversationId: conversation.id, replies: created ? await store.messagesAfter(conversation.id, 0) : [] };
  }

  /** One inbound message: returns the bot's replies to it (none while a person holds the conversation). */
  async handle(
    msg: InboundMessage,
    opts: { openIfMissing?: boolean } = {},
  ): Promise<{ conversationId: string; messageId: string; duplicate: boolean; replies: StoredReply[] }> {
    const { store, flows, flowId, defaultTimeZone } = this.deps;
    const inbound = { channel: msg.channel, chatId: msg.chatId, channelMessageId: msg.channelMessageId, text: msg.text, attachment: msg.attachment, clientAddress: msg.clientAddress };
    const flowVersion = () => flows.latestVersion(flowId);
    // Channels where the debtor writes first (Telegram, WhatsApp) open the conversation on the first message.
    let received = await store.receiveOrOpen({ ...inbound, flowVersion, open: opts.openIfMissing ? { locale: msg.locale ?? 'pt-BR', flowId, timeZone: defaultTimeZone } : undefined });
    if (received?.created) {
      // Just opened: the bot speaks first, then the message is stored as the conversation's opening one.
      // What the bot said goes out after that message is stored, with the replies to it: a channel
      // whose free text depends on the person having written (WhatsApp's 24-hour window) sees it.
      await this.started(received.conversation, msg.senderPhone, false);
      received = await store.receiveOrOpen({ ...inbound, attachment: { kind: 'text', ...msg.attachment, opening: true }, flowVersion });
    }
    if (!received || received.created) throw new ConversationNotFoundError(`no conversation for this ${msg.channel} chat`);
    const { conversation: conv, receipt, attachment, needsStart } = received;
    if (!receipt.duplicate) this.notify(conv.id, 'message');
    // A conversation our notice opened, or one an agent closed: its flow starts with this message,
    // and the welcome answers it (stored first, so a crash in between loses nothing).
    if (needsStart) await this.startIfNew(conv.id, msg.senderPhone, receipt.messageId);
    // A duplicate may still be unprocessed (the first copy crashed mid-turn): processInbound checks.
    await this.locks.run(conv.id, () => this.processInbound(conv.id, receipt.messageId, msg.text, attachment ?? null, conv));
    await this.deps.outbox.flush(conv.id);
    return { ...receipt, replies: await store.repliesTo(receipt.messageId) };
  }

  /** A conversation just created: its START runs (the bot speaks first) and what it said is sent. */
  private async started(conversation: ConversationRecord, senderPhone?: string, flush = true): Promise<void> {
    const id = conversation.id;
    // The record just created names the flow to load (checked again under the row lock).
    const start: FlowEvent = { type: 'START', ...(senderPhone ? { phone: senderPhone } : {}), ...(conversation.linkedDebtorId ? { signedLink: true } : {}) };
    await this.locks.run(id, () => this.turn(id, null, start, undefined, true, conversation));
    if (flush) await this.deps.outbox.flush(id);
  }

  /** Runs START once for a conversation without a flow state yet; its replies answer `replyTo`. */
  private startIfNew(conversationId: string, senderPhone: string | undefined, replyTo: string): Promise<boolean> {
    return this.locks.run(conversationId, async () => {
      const c = await this.deps.store.get(conversationId);
      if (!c || c.snapshot) return false;
      // Checked again under the row lock (startOnly): another process may have started it meanwhile.
      await this.turn(conversationId, null, { type: 'START', ...(senderPhone ? { phone: senderPhone } : {}) }, replyTo, true);
      return true;
    });
  }

  /**
   * Finishes turns whose inbound was stored but not processed (a process stopped or died mid-turn),
   * then sends what is pending. At start every such message is taken; the periodic chores take
   * those older than `olderThanMs`, whichever process stored them. Each is claimed for `leaseMs`
   * so processes looking at once share the work; the turn itself is exactly-once regardless.
   */
  async recover(opts: { olderThanMs?: number; leaseMs?: number } = {}): Promise<number> {
    const now = this.clock();
    const pending = await this.deps.store.claimStaleInbound({
      storedBefore: new Date(now.getTime() - (opts.olderThanMs ?? 0)),
      holder: this.holder,
      leaseMs: opts.leaseMs ?? 30_000,
      now,
      limit: 1000,
    });
    for (const p of pending) {
      // Stored as the first message of a conversation whose START had not run yet.
      if (p.attachment?.opening) await this.startIfNew(p.conversationId, undefined, p.messageId);
      await this.locks.run(p.conversationId, () => this.processInbound(p.conversationId, p.messageId, p.text, p.attachment));
    }
    // At start, everything pending; on the periodic pass, what these turns wrote (the chores send the rest).
    if (opts.olderThanMs === undefined) await this.deps.outbox.flush();
    else for (const id of new Set(pending.map((p) => p.conversationId))) await this.deps.outbox.flush(id);
    return pending.length;
  }

  /** An event from outside the dialogue (an agent's hand-back, a scheduled job). */
  async dispatch(conversationId: string, event: FlowEvent): Promise<void> {
    await this.locks.run(conversationId, () => this.turn(conversationId, null, event));
    await this.deps.outbox.flush(conversationId);
  }

  private async processInbound(conversationId: string, messageId: string, text: string, a: InboundAttachment | null, read?: ConversationRecord): Promise<void> {
    // A redelivery racing the first copy finds it already processed: commitTurn checks that under
    // the conversation's row lock and does nothing (no read for it here, on every turn).
    await this.turn(conversationId, messageId, (conv) => {
      const now = this.clock();
      const today = todayIn(conv.timeZone, now);
      const stamp = { today, now: now.toISOString() };
      if (a?.kind === 'contact' && a.contact) return { type: 'CONTACT', phone: a.contact.phone, own: a.contact.own, ...stamp };
      if (a?.kind === 'media' || a?.kind === 'unsupported') return { type: 'MEDIA', mediaType: a.media?.type ?? 'other', ...stamp };
      const options = conv.snapshot?.context.lastOptions ?? [];
      const u = understand(text, { locale: conv.locale, today, options });
      // A button the platform identified beats any reading of its label.
      if (a?.choiceId && options.some((o) => o.id === a.choiceId)) u.choice = a.choiceId;
      if (a?.opening && !saysSomething(u)) return null;
      return toFlowEvent(u, today, now);
    }, undefined, false, read);
  }

  /** `read`: the conversation as this request already read it (its flow, to load before the transaction). */
  private async turn(conversationId: string, inboundId: string | null, event: FlowEvent | ((c: ConversationRecord) => FlowEvent | null), replyTo?: string, startOnly = false, read?: ConversationRecord): Promise<void> {
    try {
      await this.runTurnOnce(conversationId, inboundId, event, replyTo, startOnly, read);
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'UNKNOWN';
      // Another process moved the conversation: run the turn again on the new revision, once.
      if (code === 'CONCURRENT_TURN') return this.runTurnOnce(conversationId, inboundId, event, replyTo, startOnly);
      // Failures that would repeat on every retry: the turn is abandoned and a person takes over.
      if (!isTurnFailure(err)) throw err;
      this.deps.logger.error({ err, conversationId }, 'turn failed; handing the conversation to a person');
      await this.deps.store.failTurn(conversationId, inboundId, { code, message: (err as Error).message }, this.clock());
      this.notify(conversationId, 'handoff');
    }
  }

  private async runTurnOnce(
    conversationId: string,
    inboundId: string | null,
    event: FlowEvent | ((c: ConversationRecord) => FlowEvent | null),
    replyTo?: string,
    startOnly = false,
    read?: ConversationRecord,
  ): Promise<void> {
    const { store, flows, creditor, logger } = this.deps;
    // Load the pinned flow before the transaction: nothing outside it may touch the database while
    // it is open (PGlite serialises transactions, so that would wait on itself). The conversation
    // this request already read names it; it is checked again under the row lock below.
    const pinned = read ?? (await store.get(conversationId));
    if (!pinned) throw new ConversationNotFoundError(`conversation ${conversationId} not found`);
    const machine = await flows.machine(pinned.flowId, pinned.flowVersion);
    const templates = await flows.templates(pinned.flowId, pinned.flowVersion);
    const rules = await this.deps.rules?.();
    const committed = await store.commitTurn(conversationId, inboundId, replyTo ?? inboundId, async (conv, unit) => {
      // The flow moved since it was read (a reopen by another process): run again on a fresh read.
      if (conv.flowId !== pinned.flowId || conv.flowVersion !== pinned.flowVersion) throw new CordialError('CONCURRENT_TURN', 'the conversation changed flow version before its turn');
      // A START racing another process's START for the same new conversation: the first one won.
      if (startOnly && conv.snapshot) return null;
      // A person holds the conversation: the message is stored and the agent sees it; the bot says nothing.
      if (conv.status !== 'bot' && (typeof event === 'function' || event.type !== 'HANDBACK')) {
        await unit.audit('message.held_for_agent', { status: conv.status });
        return null;
      }
      const ev = typeof event === 'function' ? event(conv) : event;
      // Nothing to act on (an opening "oi" the welcome already answered): stored and marked processed.
      if (!ev) return null;
      // A second hand-back (a retry racing the first) finds the bot already in charge: nothing to say twice.
      if (ev.type === 'HANDBACK' && conv.status === 'bot') return null;
      const out = await runTurn({
        machine,
        snapshot: conv.snapshot,
        initial: initialContext(conv.locale),
        event: ev,
        unit,
        creditor,
        templates,
        now: this.clock(),
        timeZone: conv.timeZone,
        inboundMessageId: inboundId,
        rules,
      });
      logger.debug({ conversationId, event: ev.type, state: out.state, replies: out.messages.length }, 'turn');
      return { snapshot: out.snapshot, state: out.state, messages: out.messages, status: out.escalated ? 'human' : 'bot' };
    });
    if (committed && committed.status !== pinned.status) this.notify(conversationId, committed.status === 'human' ? 'handoff' : 'status');
    for (const other of committed?.alsoQueuedIn ?? []) void this.deps.outbox.flush(other).catch((err: unknown) => logger.error({ err, conversationId: other }, 'outbox flush failed'));
  }

  private notify(conversationId: string, kind: ConversationChange['kind']) {
    try {
      this.deps.onChange?.({ conversationId, kind });
    } catch (err) {
      this.deps.logger.warn({ err, conversationId }, 'change listener failed');
    }
  }
}
