import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Bot, GrammyError, InputFile, webhookCallback, type Api } from 'grammy';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import type { Logger } from 'pino';
import { createLogger } from '../../config/logger.js';
import { ChannelSendError, type ChannelAdapter, type InboundChannelMessage, type OutboundChannelMessage, type OutboundDocument } from '../channelPort.js';
import { toChannelSendError } from './telegramErrors.js';
import { toInbound } from './toInbound.js';
import { toTelegramPayload } from './toTelegramPayload.js';

export const TELEGRAM_API_ROOT = 'https://api.telegram.org';

/** Telegram does not even deliver the rest (edits, channel posts, membership changes). */
export const TELEGRAM_ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export interface TelegramAdapterOptions {
  /** The bot token from @BotFather. */
  token: string;
  /** The Bot API server (default https://api.telegram.org): a self-hosted one, or a fake in tests. */
  apiRoot?: string;
  /**
   * 'polling' (default): long polling, no public URL needed.
   * webhook: Telegram POSTs updates to webhookHandler(), which checks the
   * X-Telegram-Bot-Api-Secret-Token header against `secretToken` (1–256 chars of A–Z a–z 0–9 _ -).
   * With `url`, start() registers the webhook with Telegram; without it, the operator does.
   */
  mode?: 'polling' | { webhook: { secretToken: string; url?: string } };
  /** Default: the app's logger at info (with its personal-data redaction). */
  logger?: Logger;
  /** Skips getMe at start (tests, or a known bot). */
  botInfo?: UserFromGetMe;
  /** How long one getUpdates waits for news (default 30 s). */
  pollingTimeoutSeconds?: number;
  /** Wait before polling restarts after Telegram ended it, e.g. 409 while another instance polls (default 5000). */
  pollingRestartDelayMs?: number;
  /** Label of the request_contact button (default pt-BR "📱 Compartilhar meu telefone"). */
  contactButtonLabel?: string;
}

type State = 'idle' | 'running' | 'stopping';
type GrammySignal = Parameters<Bot['init']>[0];

/** The Bot API's limit on a document's caption. */
const TELEGRAM_CAPTION_MAX = 1024;

/** Split messages cut short by a failure, remembered so the retry does not repeat the parts already out. */
const MAX_PARTIAL_SENDS = 1000;

/**
 * Telegram as a channel (grammY). Updates are handled one at a time, in order; an update counts
 * as confirmed to Telegram only after onMessage has settled for it, so a crash or a stop
 * mid-update leaves it to be redelivered (and deduplicated by the core on messageId).
 */
export class TelegramAdapter implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  /** The grammY bot, for what the port does not cover. */
  readonly bot: Bot;
  // Files are served from <apiRoot>/file/bot<token>/<file_path> (Bot API "getFile").
  private readonly fileRoot: string;
  private readonly logger: Logger;
  private readonly webhook?: { secretToken: string; url?: string };
  private readonly pollingTimeoutSeconds: number;
  private readonly pollingRestartDelayMs: number;
  private readonly contactButtonLabel?: string;
  private state: State = 'idle';
  /** The receipt the core gives back is not needed here: Telegram is answered through the outbox. */
  private onMessage?: (m: InboundChannelMessage) => Promise<unknown>;
  private readonly inFlight = new Set<Promise<void>>();
  /** One past the last update fully handled: the only offset ever confirmed to Telegram. */
  private confirmedOffset?: number;
  private polling?: Promise<void>;
  private abort?: AbortController;
  private restartTimer?: NodeJS.Timeout;
  private pollingFailing = false;
  private readonly partialSends = new Map<string, number>();

  constructor(opts: TelegramAdapterOptions) {
    this.logger = opts.logger ?? createLogger('info');
    if (opts.mode && opts.mode !== 'polling') {
      if (!/^[A-Za-z0-9_-]{1,256}$/.test(opts.mode.webhook.secretToken)) {
        throw new Error('Telegram webhook secretToken must be 1-256 characters of A-Z, a-z, 0-9, _ and -');
      }
      this.webhook = opts.mode.webhook;
    }
    this.pollingTimeoutSeconds = opts.pollingTimeoutSeconds ?? 30;
    this.pollingRestartDelayMs = opts.pollingRestartDelayMs ?? 5000;
    this.contactButtonLabel = opts.contactButtonLabel;
    this.bot = new Bot(opts.token, { client: { apiRoot: opts.apiRoot ?? TELEGRAM_API_ROOT }, botInfo: opts.botInfo });
    this.fileRoot = `${opts.apiRoot ?? TELEGRAM_API_ROOT}/file/bot${opts.token}`;

    this.bot.api.config.use(async (prev, method, payload, signal) => {
      if (method !== 'getUpdates') return prev(method, payload, signal);
      // grammY confirms every update it has *tried*; when stop() races the next update of a batch,
      // that may be one we skipped. Our offset confirms only what was handled.
      const p = this.confirmedOffset === undefined ? payload : ({ ...payload, offset: this.confirmedOffset } as typeof payload);
      try {
        const res = await prev(method, p, signal);
        this.pollingHealth(res.ok ? undefined : { code: res.error_code, description: res.description });
        return res;
      } catch (err) {
        if (!signal?.aborted) this.pollingHealth({ description: (err as Error).message });
        throw err;
      }
    });
    this.bot.use(async (ctx) => {
      const handled = this.handleUpdate(ctx.update, ctx.api);
      this.inFlight.add(handled);
      try {
        await handled;
      } finally {
        this.inFlight.delete(handled);
      }
    });
    // A safety net: handleUpdate does not throw while polling; grammY's default would print to the console and stop the bot.
    this.bot.catch((err) => this.logger.error({ updateId: err.ctx.update.update_id, reason: (err.error as Error).message }, 'Telegram update not handled'));
  }

  /** Long polling (one poller per bot at a time) rather than webhook mode (any replica serves). */
  get longPolling(): boolean {
    return !this.webhook;
  }

  /**
   * Telegram allows one getUpdates poller per bot (a second gets 409); webhooks reach any replica.
   * The lock is per creditor and bot (the token's numeric id, not its secret).
   */
  singleConnectionName(creditorId: string): string | undefined {
    return this.longPolling ? `channel:telegram:${creditorId}:${this.bot.token.split(':')[0]}` : undefined;
  }

  /** Webhook mode: Telegram POSTs updates to /telegram/webhook (secret-token checked). */
  registerRoutes(server: FastifyInstance): void {
    if (this.webhook) server.post('/telegram/webhook', this.webhookHandler('fastify'));
  }

  async start(onMessage: (m: InboundChannelMessage) => Promise<unknown>): Promise<void> {
    if (this.state !== 'idle') throw new Error(`TelegramAdapter cannot start while ${this.state}`);
    this.onMessage = onMessage;
    this.state = 'running';
    const abort = (this.abort = new AbortController());
    try {
      // getMe (unless botInfo was given): a wrong token fails here at once; while Telegram is
      // unreachable grammY keeps retrying, so start() waits (stop() cancels it).
      await this.bot.init(abort.signal as GrammySignal);
      if (this.webhook) {
        if (this.webhook.url) {
          await this.bot.api.setWebhook(this.webhook.url, { secret_token: this.webhook.secretToken, allowed_updates: [...TELEGRAM_ALLOWED_UPDATES] }, abort.signal as GrammySignal);
        }
        this.logger.info({ bot: this.bot.botInfo.username, registered: Boolean(this.webhook.url) }, 'Telegram webhook mode ready');
        return;
      }
      await this.startPolling();
    } catch (err) {
      if (this.state !== 'running') return; // stop() was called while starting
      this.state = 'idle';
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    clearTimeout(this.restartTimer);
    this.abort?.abort();
    // The update being handled finishes first, so its offset is confirmed and nothing is left half-done.
    await Promise.allSettled([...this.inFlight]);
    if (!this.webhook) {
      try {
        await this.bot.stop(); // aborts the pending getUpdates and confirms confirmedOffset
      } catch (err) {
        this.logger.warn({ reason: (err as Error).message }, 'Telegram offset not confirmed at stop; updates will be redelivered and deduplicated');
      }
      await this.polling;
    }
    this.onMessage = undefined;
    this.state = 'idle';
  }

  async send(chatId: string, message: OutboundChannelMessage): Promise<{ messageId: string }> {
    const parts = toTelegramPayload(message, { contactButtonLabel: this.contactButtonLabel });
    const key = createHash('sha256').update(JSON.stringify([chatId, message])).digest('base64url');
    let last: Message.TextMessage | undefined;
    try {
      for (let i = this.partialSends.get(key) ?? 0; i < parts.length; i++) {
        const part = parts[i]!;
        last = await this.bot.api.sendMessage(chatId, part.text, part.reply_markup ? { reply_markup: part.reply_markup } : {});
        if (i < parts.length - 1) this.rememberPartial(key, i + 1);
      }
    } catch (err) {
      throw toChannelSendError(err);
    }
    this.partialSends.delete(key);
    return { messageId: `${last!.chat.id}:${last!.message_id}` };
  }

  /** A file (the agreement term) as a Telegram document: multipart upload, at most 50 MB by the Bot API. */
  async sendDocument(chatId: string, document: OutboundDocument): Promise<{ messageId: string }> {
    // Telegram refuses captions over 1024 characters; the caption is a title, the text went before.
    const caption = document.caption ? document.caption.slice(0, TELEGRAM_CAPTION_MAX) : undefined;
    try {
      const sent = await this.bot.api.sendDocument(chatId, new InputFile(document.bytes, document.fileName), caption ? { caption } : {});
      return { messageId: `${sent.chat.id}:${sent.message_id}` };
    } catch (err) {
      throw toChannelSendError(err);
    }
  }

  /** Downloads a received file (a payment receipt): getFile, then the file URL. Bot API files are at most 20 MB. */
  async downloadMedia(fileId: string): Promise<Buffer> {
    const file = await this.bot.api.getFile(fileId).catch((err: unknown) => {
      throw toChannelSendError(err);
    });
    if (!file.file_path) throw new ChannelSendError('telegram', 'bad_request', 'Telegram gave no path for this file', { permanent: true });
    const res = await fetch(`${this.fileRoot}/${file.file_path}`);
    if (!res.ok) throw new ChannelSendError('telegram', 'unavailable', `file download answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** Webhook mode: the request handler to mount on the HTTP server (POST, JSON body). */
  webhookHandler(framework?: 'fastify'): (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  webhookHandler(framework: 'http'): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  webhookHandler(framework: 'fastify' | 'http' = 'fastify'): ((request: FastifyRequest, reply: FastifyReply) => Promise<void>) | ((req: IncomingMessage, res: ServerResponse) => Promise<void>) {
    if (!this.webhook) throw new Error('webhookHandler() needs mode: { webhook: { secretToken } }');
    // grammY compares the secret-token header in constant time and answers 401 when it differs.
    const options = { secretToken: this.webhook.secretToken };
    // A failure answers 503 so Telegram redelivers the update later.
    const failed = (err: unknown) => this.logger.error({ reason: (err as Error).message }, 'Telegram webhook update failed; Telegram will redeliver it');
    if (framework === 'http') {
      const handle = webhookCallback(this.bot, 'http', options);
      return async (req: IncomingMessage, res: ServerResponse) => {
        try {
          await handle(req, res);
        } catch (err) {
          failed(err);
          if (!res.headersSent) res.writeHead(503).end();
        }
      };
    }
    const handle = webhookCallback(this.bot, 'fastify', options);
    return async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        await handle(request, reply);
      } catch (err) {
        failed(err);
        if (!reply.sent) await reply.code(503).send();
      }
    };
  }

  private async handleUpdate(update: Update, api: Api): Promise<void> {
    const onMessage = this.onMessage;
    if (this.state !== 'running' || !onMessage) {
      // Webhook: an error answer makes Telegram redeliver. Polling: left unconfirmed, redelivered at the next start.
      if (this.webhook) throw new Error('Telegram adapter is not running');
      return;
    }
    // Everything below the first update this process sees was confirmed by an earlier one.
    this.confirmedOffset ??= update.update_id;
    const inbound = toInbound(update);
    if (!inbound) {
      // Groups, channels, bots, edits: no answer and no API call, so nothing is disclosed.
      this.logger.debug({ updateId: update.update_id }, 'Telegram update ignored');
    } else {
      if (update.callback_query) await this.answerCallback(api, update.callback_query.id);
      try {
        await onMessage(inbound);
      } catch (err) {
        // One bad message must not stop the bot for everyone; the update is still confirmed.
        this.logger.error({ err, updateId: update.update_id, messageId: inbound.messageId }, 'Telegram message handler failed');
      }
    }
    this.confirmedOffset = Math.max(this.confirmedOffset ?? 0, update.update_id + 1);
  }

  /** Stops the spinner on the tapped button; the answer itself comes as a normal message. */
  private async answerCallback(api: Api, id: string): Promise<void> {
    try {
      await api.answerCallbackQuery(id);
    } catch (err) {
      // A redelivered query is too old to answer (400): harmless.
      this.logger.warn({ reason: toChannelSendError(err).message }, 'Telegram callback query not answered');
    }
  }

  private startPolling(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let started = false;
      this.polling = this.bot
        .start({
          allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
          timeout: this.pollingTimeoutSeconds,
          // Unconfirmed updates are redelivered after a restart; the core dedupes them by messageId.
          drop_pending_updates: false,
          onStart: (me) => {
            started = true;
            this.logger.info({ bot: me.username }, 'Telegram long polling started');
            resolve();
          },
        })
        .then(
          () => resolve(),
          (err: unknown) => (started ? this.pollingEnded(err) : reject(err)),
        );
    });
  }

  /** grammY retries network errors and 5xx itself; it gives up on 401 (bad token) and 409 (another poller or a webhook). */
  private pollingEnded(err: unknown): void {
    if (this.state !== 'running') return;
    const code = err instanceof GrammyError ? err.error_code : undefined;
    const reason = err instanceof Error ? err.message : String(err);
    if (code === 401) {
      this.logger.error({ code, reason }, 'Telegram rejected the bot token; polling stopped');
      return;
    }
    this.logger.error({ code, reason, restartInMs: this.pollingRestartDelayMs }, 'Telegram polling ended; restarting');
    this.restartTimer = setTimeout(() => {
      if (this.state === 'running') this.startPolling().catch((e: unknown) => this.pollingEnded(e));
    }, this.pollingRestartDelayMs);
  }

  /** Logs an outage once when it starts and once when it ends, not every 3 s while grammY retries. */
  private pollingHealth(problem: { code?: number; description: string } | undefined): void {
    if (problem && !this.pollingFailing) this.logger.warn(problem, 'Telegram getUpdates failing; retrying');
    else if (problem) this.logger.debug(problem, 'Telegram getUpdates still failing');
    else if (this.pollingFailing) this.logger.info('Telegram getUpdates recovered');
    this.pollingFailing = problem !== undefined;
  }

  private rememberPartial(key: string, sentParts: number): void {
    this.partialSends.delete(key);
    this.partialSends.set(key, sentParts);
    if (this.partialSends.size > MAX_PARTIAL_SENDS) this.partialSends.delete(this.partialSends.keys().next().value!);
  }
}
