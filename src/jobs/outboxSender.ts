import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ChannelSendError, type ChannelAdapter, type OutboundChannelMessage, type OutboundDocument } from '../channels/channelPort.js';
import { KeyedMutex } from '../engine/keyedMutex.js';
import type { OutboxStore } from '../engine/outboxStore.js';
import type { OutboundRow, ReplyOption } from '../engine/ports.js';
import { renderSpec } from '../engine/runTurn.js';
import type { Outbox } from '../engine/turnPipeline.js';
import type { PhraseOutcome, Phraser } from '../phrasing/phraser.js';
import type { TemplateSet } from '../phrasing/templates.js';
import type { Locale } from '../language/locale.js';
import type { OutboundDocumentMaker } from './agreementTermDocument.js';
import { Pacer } from './pacer.js';
import type { ContactGate } from './proactiveGate.js';
import type { WhatsAppTemplate } from '../domain/whatsappTemplates.js';
import { renderTemplate } from '../phrasing/renderTemplate.js';

/** The outbound half of a channel adapter. Web chat is pulled by the page, so its send is a no-op. */
export type ChannelSender = Pick<ChannelAdapter, 'send' | 'sendDocument' | 'serviceWindowMs' | 'attachesDocuments'>;

/** What the audit trail keeps of a phrasing attempt: both texts and why one was chosen. */
function phrasingAudit(o: PhraseOutcome, templateText: string): Record<string, unknown> {
  return { source: o.source, reason: o.reason ?? null, templateText, llmText: o.llmText ?? null, failures: o.failures ?? [], error: o.error ?? null, cached: o.cached ?? false, tokens: o.tokens ?? 0 };
}

/** How long to wait before retrying a failed send (the error may say, e.g. a 429's retry_after). */
function retryDelayMs(err: unknown, attempt: number): number {
  const hinted = (err as { retryAfterMs?: number }).retryAfterMs;
  if (typeof hinted === 'number' && hinted > 0) return hinted;
  // 5 s, 10 s, 20 s … capped at 5 min: a platform back from an outage gets its backlog soon.
  return Math.min(2_500 * 2 ** attempt, 300_000);
}

const DAY_MS = 24 * 3_600_000;

/**
 * A row's text from its template: the channel's own wording when the templates have one
 * (`notice.first.email` for an e-mail, where "reply STOP" is a link instead), else the key's.
 */
function renderForChannel(row: OutboundRow, templates: TemplateSet): string {
  const own = `${row.templateKey}.${row.channel}`;
  const templateKey = templates[row.locale][own] !== undefined ? own : row.templateKey;
  return renderSpec({ templateKey, facts: row.facts, options: [] }, templates, row.locale, row.timeZone);
}

/** How long a claim on an outbound row holds before another process may take the row over. */
export const DEFAULT_OUTBOX_LEASE_MS = 30_000;

export interface OutboxSenderOptions {
  store: OutboxStore;
  /** The templates of the flow version a conversation is pinned to. */
  templatesFor: (flowId: string, version: number) => Promise<TemplateSet>;
  /** The sending half of each channel's adapter, by channel name. */
  channels: Record<string, ChannelSender>;
  logger: Logger;
  /** The contact policy (opt-out, sending windows, holidays, caps) every proactive row passes. */
  gate: ContactGate;
  phraser?: Phraser;
  /** Outbound pacing; default the per-channel limits of DEFAULT_PACING. */
  pacer?: Pacer;
  clock?: () => Date;
  /** How long a claim holds (LEASE_MS); a send that took longer renews it before going out. */
  leaseMs?: number;
  /** Told after each row the channel accepted (the agent console refreshes on it). */
  onSent?: (conversationId: string) => void;
  /** Makes the document a row's attachment names (the agreement term); without it rows go as text alone. */
  documents?: OutboundDocumentMaker;
  /**
   * The approved template a message goes as on a channel whose customer-service window has closed
   * (WhatsApp Cloud API), by the message's key; undefined when the admin mapped none.
   */
  windowTemplate?: (templateKey: string) => Promise<WhatsAppTemplate | undefined>;
  /**
   * Chats a channel may start business-initiated conversations with (templates outside the window)
   * in any 24 hours: a WhatsApp number's messaging tier (WHATSAPP_DAILY_LIMIT). A template to a new
   * chat past it waits until the oldest of those sends is 24 hours old.
   */
  dailyTemplateChats?: Record<string, number>;
}

/**
 * Sends outbound rows written by turns: render the template (later: LLM rephrase + guardrails),
 * hand it to the channel, mark it sent. Each row is claimed in the database before it is sent
 * (several processes on one database never send the same row; a conversation's rows go out in
 * order, by whichever process holds its outbox), and marked sent only after the channel accepted
 * it, so a crash can at worst retry a send once its claim has expired.
 */
export class OutboxSender implements Outbox {
  private locks = new KeyedMutex();
  /** This process's name on its claims. */
  private readonly holder = `outbox:${randomUUID()}`;
  private readonly store: OutboxStore;
  private readonly templatesFor: OutboxSenderOptions['templatesFor'];
  private readonly channels: Record<string, ChannelSender>;
  private readonly logger: Logger;
  private readonly gate: ContactGate;
  private readonly phraser?: Phraser;
  private readonly pacer: Pacer;
  private readonly clock: () => Date;
  private readonly leaseMs: number;
  private readonly onSent?: (conversationId: string) => void;
  private readonly documents?: OutboundDocumentMaker;
  private readonly windowTemplate?: OutboxSenderOptions['windowTemplate'];
  private readonly dailyTemplateChats: Record<string, number>;

  constructor(opts: OutboxSenderOptions) {
    this.store = opts.store;
    this.templatesFor = opts.templatesFor;
    this.channels = opts.channels;
    this.logger = opts.logger;
    this.gate = opts.gate;
    this.phraser = opts.phraser;
    this.onSent = opts.onSent;
    this.documents = opts.documents;
    this.windowTemplate = opts.windowTemplate;
    this.dailyTemplateChats = opts.dailyTemplateChats ?? {};
    this.pacer = opts.pacer ?? new Pacer();
    this.clock = opts.clock ?? (() => new Date());
    this.leaseMs = opts.leaseMs ?? DEFAULT_OUTBOX_LEASE_MS;
  }

  /** Sends what is pending for one conversation, or for all of them (the retry timer). */
  async flush(conversationId?: string): Promise<void> {
    if (conversationId) return this.locks.run(conversationId, () => this.flushConversation(conversationId));
    await this.flushAll();
  }

  /**
   * The periodic pass: retries, deferred rows, and rows left pending by a process that stopped. Rows never tried
   * only once older than `minAgeMs`: fresher ones are being sent by the process whose turn wrote
   * them (its answer to the debtor's request carries them).
   */
  flushStale(minAgeMs: number): Promise<void> {
    return this.flushAll(new Date(Date.now() - minAgeMs));
  }

  private async flushAll(createdBefore?: Date): Promise<void> {
    const ids = await this.store.conversationsWithPendingOutbound(this.clock(), this.holder, createdBefore);
    for (const id of ids) await this.locks.run(id, () => this.flushConversation(id));
  }

  /**
   * Whether the row may go on its channel now: inside the customer-service window as it is, outside
   * it only as the template the admin mapped to its key (its parameters rendered from the row's
   * facts). A row that cannot go is failed for good, with why: no template mapped (an agent's
   * words never have one), or a parameter its facts do not have.
   */
  private async windowTemplateFor(row: OutboundRow, channel: ChannelSender): Promise<{ ok: true; template?: OutboundChannelMessage['template'] } | { ok: false; why: string; retryAt?: Date }> {
    const windowMs = channel.serviceWindowMs;
    const last = row.lastInboundAt?.getTime();
    if (windowMs === undefined || (last !== undefined && this.clock().getTime() - last <= windowMs)) return { ok: true };
    const mapped = row.author === 'bot' ? await this.windowTemplate?.(row.templateKey) : undefined;
    if (!mapped) return { ok: false, why: `window_closed: the ${row.channel} customer-service window is closed and no approved template is mapped to ${row.author === 'agent' ? "an agent's message" : row.templateKey}` };
    const cap = this.dailyTemplateChats[row.channel];
    if (cap !== undefined) {
      const now = this.clock();
      const used = await this.store.templateChatsSince(row.channel, new Date(now.getTime() - DAY_MS), row.chatId);
      if (!used.includesChat && used.chats >= cap) {
        // The rolling day frees a place when its oldest send turns 24 hours old.
        const retryAt = new Date(Math.max(now.getTime() + 60_000, (used.oldestAt?.getTime() ?? now.getTime()) + DAY_MS));
        return { ok: false, why: `daily_limit: ${used.chats} of ${cap} ${row.channel} business-initiated conversations in the last 24 h; held until ${retryAt.toISOString()}`, retryAt };
      }
    }
    try {
      return { ok: true, template: { name: mapped.name, language: mapped.language, parameters: mapped.parameters.map((p) => renderTemplate(`{${p}}`, row.facts, row.locale, row.timeZone)) } };
    } catch (err) {
      return { ok: false, why: `template_parameter: template ${mapped.name} for ${row.templateKey}: ${(err as Error).message}` };
    }
  }

  private async phrase(row: { id: string; conversationId: string; templateKey: string; facts: Record<string, unknown>; locale: Locale; timeZone: string }, templateText: string): Promise<PhraseOutcome> {
    if (!this.phraser?.enabled) return { text: templateText, source: 'template', reason: 'no_llm' };
    const recentTurns = await this.store.recentMessages(row.conversationId, 6);
    const outcome = await this.phraser.phrase({
      conversationId: row.conversationId,
      key: row.templateKey,
      locale: row.locale,
      templateText,
      facts: row.facts,
      recentTurns,
      timeZone: row.timeZone,
      now: this.clock(),
    });
    if (outcome.reason === 'guardrails' || outcome.reason === 'llm_error') {
      this.logger.warn({ messageId: row.id, key: row.templateKey, reason: outcome.reason, checks: outcome.failures?.map((f) => f.check), error: outcome.error }, 'LLM text not used; template sent');
    }
    return outcome;
  }

  // One flush at a time per conversation keeps its order and never hands a row to the channel twice.
  private async flushConversation(conversationId: string): Promise<void> {
    const seen = new Set<string>();
    for (let round = 0; ; round++) {
      // The flush was asked for because something is due; after a batch, a read asks whether more
      // came meanwhile (a turn of another process) before a claim's transaction is spent on it.
      if (round > 0 && !(await this.store.hasDueOutbound(conversationId, this.holder, this.clock()))) return;
      let claimedAt = this.clock();
      const batch = (await this.store.claimOutbound(conversationId, this.holder, this.leaseMs, claimedAt)).filter((r) => !seen.has(r.id));
      // Nothing due, or another process holds this conversation's outbox (it sends the rest in order).
      if (!batch.length) return;
      for (const row of batch) {
        seen.add(row.id);
        // Proactive messages respect opt-out and quiet hours; replies to the debtor go out at any hour.
        if (row.proactive) {
          const decision = await this.gate.decide(row, this.clock());
          if (!decision.send) {
            // A blocked row is done with; a deferred one holds back the rest of the conversation, in order.
            if (decision.status === 'blocked') continue;
            return;
          }
        }
        let templateText: string;
        try {
          templateText =
            row.text !== null
              ? row.text
              : renderForChannel(row, await this.templatesFor(row.flowId, row.flowVersion));
        } catch (err) {
          this.logger.error({ err, messageId: row.id, key: row.templateKey }, 'outbound message cannot be rendered');
          await this.store.markDeliveryFailed(row.id, (err as Error).message, null);
          this.gate.release(row.id);
          continue;
        }
        const channel = this.channels[row.channel];
        // Outside the channel's customer-service window only an approved template may go out.
        const window = channel ? await this.windowTemplateFor(row, channel) : { ok: true as const };
        if (!window.ok) {
          this.logger.warn({ messageId: row.id, key: row.templateKey, channel: row.channel }, window.why);
          await this.store.markDeliveryFailed(row.id, window.why, window.retryAt ?? null);
          this.gate.release(row.id);
          // Held for the tier: the conversation's later rows wait behind it, in order.
          if (window.retryAt) return;
          continue;
        }
        // Phrasing happens here, outside any transaction and the turn's lock; it only picks the words.
        // A person's words (and offers an agent made) go out as they are: the LLM rewords only the bot.
        // A template's words are Meta's approved ones: the text is only the record of what it says.
        const outcome: PhraseOutcome =
          row.author === 'agent' ? { text: templateText, source: 'template', reason: 'agent' } : window.template ? { text: templateText, source: 'template', reason: 'window_template' } : await this.phrase(row, templateText);
        // Made before the text goes, so a document that cannot be made is known before anything is sent.
        const document = await this.documentFor(row, channel);
        try {
          if (!channel) throw new Error(`no sender for channel ${row.channel}`);
          await this.pacer.wait(row.channel, row.chatId, row.proactive);
          // Phrasing and pacing took a while: make sure the claim still holds before the send.
          if (this.clock().getTime() - claimedAt.getTime() > this.leaseMs / 2) {
            claimedAt = this.clock();
            if (!(await this.store.renewClaim(row.id, this.holder, this.leaseMs, claimedAt))) {
              this.gate.release(row.id);
              this.logger.warn({ messageId: row.id }, 'claim on an outbound row lapsed before its send; another process sends it');
              return;
            }
          }
          const inline = document && channel.attachesDocuments ? { document } : {};
          const sent = await channel.send(row.chatId, { text: outcome.text, options: row.options, requestContact: row.requestContact, key: row.templateKey, locale: row.locale, ...inline, ...(window.template ? { template: window.template } : {}) });
          await this.store.markDelivered(row.id, outcome.text, {
            phrasing: this.phraser?.enabled && row.author === 'bot' ? phrasingAudit(outcome, templateText) : undefined,
            platformMessageId: sent?.messageId,
            template: window.template?.name,
          });
          this.onSent?.(row.conversationId);
          // After markDelivered: a failure to record the decision must never lead to a second send.
          if (row.proactive) await this.gate.recordSent(row, this.clock()).catch((err: unknown) => this.logger.error({ err, messageId: row.id }, 'could not record a proactive send'));
          if (document && !channel.attachesDocuments) await this.sendDocument(row, channel, document);
        } catch (err) {
          this.gate.release(row.id);
          if (err instanceof ChannelSendError && err.permanent) {
            // Retrying cannot help (the person blocked the bot, the chat is gone): record it and move on.
            this.logger.warn({ err, messageId: row.id, channel: row.channel, code: err.code }, 'send failed for good');
            await this.store.markDeliveryFailed(row.id, `${err.code}: ${err.message}`, null);
            continue;
          }
          // The row's attempts are counted in the database, so the backoff survives a restart.
          const attempt = row.attempts + 1;
          const retryAt = new Date(Date.now() + retryDelayMs(err, attempt));
          this.logger.warn({ err, messageId: row.id, channel: row.channel, retryAt }, 'send failed; will retry');
          await this.store.markDeliveryFailed(row.id, (err as Error).message, retryAt);
          // Keep the conversation's order: later rows wait for this one.
          return;
        }
      }
    }
  }

  /** The row's document, when it names one and its channel takes files; null (text alone) otherwise. */
  private async documentFor(row: OutboundRow, channel: ChannelSender | undefined): Promise<OutboundDocument | null> {
    if (!row.attachment || !(channel?.sendDocument || channel?.attachesDocuments) || !this.documents) return null;
    try {
      return await this.documents(row.attachment);
    } catch (err) {
      // The text is what the debtor must get; the document is a copy of what it says.
      this.logger.error({ err, messageId: row.id, attachment: row.attachment }, 'document could not be made; the text goes alone');
      return null;
    }
  }

  /**
   * After the text was delivered and marked sent: a document that fails is logged, never retried as
   * the row (that would send the text twice); the web chat and the agents can still give it.
   */
  private async sendDocument(row: OutboundRow, channel: ChannelSender, document: OutboundDocument): Promise<void> {
    try {
      await this.pacer.wait(row.channel, row.chatId, row.proactive);
      await channel.sendDocument!(row.chatId, document);
    } catch (err) {
      this.logger.warn({ err, messageId: row.id, channel: row.channel, attachment: row.attachment }, 'document not sent; the text was');
    }
  }
}
