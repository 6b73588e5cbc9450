import {
  downloadMediaMessage,
  isLidUser,
  isPnUser,
  jidNormalizedUser,
  type BaileysEventMap,
  type WAMessage,
  type WAMessageContent,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';
import { normalizePhone } from '../../domain/phone.js';
import {
  ChannelSendError,
  type ChannelAdapter,
  type ChannelErrorCode,
  type ChannelPairing,
  type InboundChannelMessage,
  type OutboundChannelMessage,
  type OutboundDocument,
} from '../channelPort.js';
import { baileysSocketFactory, type WhatsAppSocket, type WhatsAppSocketFactory } from './baileysSocketFactory.js';
import { jidCandidatesForPhone } from './phoneFromJid.js';
import { reconnectPolicy, type ReconnectPolicyOptions, type StopReason } from './reconnectPolicy.js';
import { renderTerminalQr } from './renderTerminalQr.js';
import { toInbound } from './toInbound.js';
import { toWhatsAppText } from './toWhatsAppText.js';

export type WhatsAppStatus = 'connecting' | 'open' | 'closed' | 'logged_out';

export interface WhatsAppAdapterOptions {
  /** Where the session credentials persist (created 0700). Losing it unlinks the bot; leaking it hands over the number. */
  authDir: string;
  /** A pino logger (the app's, bound to channel 'whatsapp' by the caller). Baileys gets a child of it at 'warn'. */
  logger: Logger;
  /** Makes the socket; default: Baileys' makeWASocket with useMultiFileAuthState(authDir). */
  socketFactory?: WhatsAppSocketFactory;
  /** Pair by an 8-digit code entered on this phone instead of a QR code (any spelling; "+55 11 9…"). */
  pairingPhone?: string;
  /** Every new QR code while pairing (they rotate about every 20 s), for the admin console. */
  onQr?: (qr: string) => void;
  /** The pairing code, when pairingPhone is set. */
  onPairingCode?: (code: string) => void;
  /** Where the terminal QR goes; default stdout. false: do not print it. */
  printQr?: false | ((rendered: string) => void);
  /**
   * Answer messages that arrived while disconnected ('append' upserts) up to this age, in ms.
   * Default 0: only live ('notify') messages, as Baileys' own examples do. See toInbound.
   */
  appendMaxAgeMs?: number;
  /** Backoff bounds (default 1 s → 60 s) and the jitter source. */
  reconnect?: ReconnectPolicyOptions;
}

/** Recent sends kept for recipient retries, and recent media kept for downloadMedia. */
const SENT_CACHE_SIZE = 500;
const MEDIA_CACHE_SIZE = 200;

/**
 * WhatsApp through Baileys (WhatsApp Web's multi-device protocol), as one ChannelAdapter.
 *
 * Chat ids are jids: the phone jid ("5511987654321@s.whatsapp.net") whenever WhatsApp reveals
 * the number, else the LID ("…@lid"). Message ids are WhatsApp's own (key.id).
 */
export class WhatsAppAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp' as const;

  private readonly log: Logger;
  private readonly baileysLog: Logger;
  private readonly socketFactory: WhatsAppSocketFactory;
  private readonly pairingDigits: string | undefined;

  private sock: WhatsAppSocket | undefined;
  private currentStatus: WhatsAppStatus = 'closed';
  private qr: string | undefined;
  private currentPairingCode: string | undefined;
  private haltReason: StopReason | undefined;
  /** The receipt the core gives back is not needed here: WhatsApp is answered through the outbox. */
  private onMessage: ((m: InboundChannelMessage) => Promise<unknown>) | undefined;
  private running = false;
  /** Closes since the socket was last open: drives the backoff. */
  private closesInARow = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** A socket being made right now; stop() waits for it so that no socket outlives stop(). */
  private connecting: Promise<void> | undefined;
  private pairingRequested = false;
  /** One promise chain per chat: a chat's messages are handled in order, chats in parallel. */
  private readonly chains = new Map<string, Promise<void>>();
  private readonly sent = new Map<string, WAMessageContent>();
  private readonly media = new Map<string, WAMessage>();

  constructor(private readonly options: WhatsAppAdapterOptions) {
    this.log = options.logger;
    this.baileysLog = options.logger.child({ module: 'baileys' }, { level: atLeastWarn(options.logger) });
    this.socketFactory = options.socketFactory ?? baileysSocketFactory;
    if (options.pairingPhone !== undefined) {
      const e164 = normalizePhone(options.pairingPhone);
      if (e164 === null) throw new RangeError('pairingPhone is not a valid phone number');
      // requestPairingCode wants the international number in digits only.
      this.pairingDigits = e164.slice(1);
    }
  }

  get status(): WhatsAppStatus {
    return this.currentStatus;
  }

  /** The QR code to scan while pairing by QR, until the connection opens. */
  get lastQr(): string | undefined {
    return this.qr;
  }

  /** The code to enter on the phone while pairing by code, until the connection opens. */
  get pairingCode(): string | undefined {
    return this.currentPairingCode;
  }

  /** The admin's pairing screen reads status, lastQr and pairingCode above. */
  get pairing(): ChannelPairing {
    return this;
  }

  /** WhatsApp allows one socket per linked device. */
  singleConnectionName(creditorId: string): string {
    return `channel:whatsapp:${creditorId}`;
  }

  /** Why the adapter gave up reconnecting, if it did. */
  get stopReason(): StopReason | undefined {
    return this.haltReason;
  }

  async start(onMessage: (m: InboundChannelMessage) => Promise<unknown>): Promise<void> {
    if (this.running) throw new Error('WhatsAppAdapter already started');
    this.running = true;
    this.onMessage = onMessage;
    this.closesInARow = 0;
    this.haltReason = undefined;
    // Resolves once the socket exists, not once it is open: pairing may take minutes.
    try {
      await this.connect();
    } catch (err) {
      this.running = false;
      this.currentStatus = 'closed';
      throw err;
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const sock = this.sock;
    this.sock = undefined;
    if (this.currentStatus !== 'logged_out') this.currentStatus = 'closed';
    // end(), not logout(): the phone keeps this device linked and the next start needs no pairing.
    if (sock) await sock.end(undefined);
    // A socket still being made ends itself once it sees the adapter stopped (connect()).
    await this.connecting?.catch(() => undefined);
    await Promise.allSettled([...this.chains.values()]);
  }

  async send(chatId: string, message: OutboundChannelMessage): Promise<{ messageId: string }> {
    const sock = this.sock;
    if (!sock || this.currentStatus !== 'open') {
      // Retryable: the outbox keeps the row pending and sends it once the connection is back.
      throw new ChannelSendError('whatsapp', 'unavailable', `WhatsApp is not connected (${this.currentStatus})`);
    }
    const jid = privateChatJid(chatId);
    if (jid === null) {
      throw new ChannelSendError('whatsapp', 'bad_request', 'chatId is not a private WhatsApp chat jid (resolve a phone with resolveChatId)', { permanent: true });
    }
    const text = toWhatsAppText(message);
    if (text === '') throw new ChannelSendError('whatsapp', 'bad_request', 'empty message', { permanent: true });
    return this.sendContent(sock, jid, { text });
  }

  /** A file (the agreement term) as a WhatsApp document message, with its name and a caption. */
  async sendDocument(chatId: string, document: OutboundDocument): Promise<{ messageId: string }> {
    const sock = this.sock;
    if (!sock || this.currentStatus !== 'open') {
      throw new ChannelSendError('whatsapp', 'unavailable', `WhatsApp is not connected (${this.currentStatus})`);
    }
    const jid = privateChatJid(chatId);
    if (jid === null) {
      throw new ChannelSendError('whatsapp', 'bad_request', 'chatId is not a private WhatsApp chat jid (resolve a phone with resolveChatId)', { permanent: true });
    }
    if (!document.bytes.length) throw new ChannelSendError('whatsapp', 'bad_request', 'empty document', { permanent: true });
    return this.sendContent(sock, jid, {
      document: document.bytes,
      mimetype: document.mimeType,
      fileName: document.fileName,
      ...(document.caption ? { caption: document.caption } : {}),
    });
  }

  private async sendContent(sock: WhatsAppSocket, jid: string, content: Parameters<WhatsAppSocket['sendMessage']>[1]): Promise<{ messageId: string }> {
    let sentMessage: WAMessage | undefined;
    try {
      sentMessage = await sock.sendMessage(jid, content);
    } catch (err) {
      throw sendError(err);
    }
    const messageId = sentMessage?.key.id;
    if (!messageId) throw new ChannelSendError('whatsapp', 'unavailable', 'WhatsApp returned no message id');
    // Kept so Baileys can resend it when the recipient's phone asks (a document's message holds its media keys, not the bytes).
    if (sentMessage?.message) remember(this.sent, messageId, sentMessage.message, SENT_CACHE_SIZE);
    return { messageId };
  }

  /**
   * The chat id for a phone on file (any spelling), asking WhatsApp which spelling has an account:
   * a Brazilian mobile registered before the ninth digit is known by its 8-digit id only. Null
   * when the number has no WhatsApp. Throws ChannelSendError 'unavailable' while disconnected.
   */
  async resolveChatId(phone: string): Promise<string | null> {
    const candidates = jidCandidatesForPhone(phone);
    if (candidates.length === 0) return null;
    const sock = this.sock;
    if (!sock || this.currentStatus !== 'open') {
      throw new ChannelSendError('whatsapp', 'unavailable', `WhatsApp is not connected (${this.currentStatus})`);
    }
    if (!sock.onWhatsApp) return candidates[0] ?? null;
    let results: { jid: string; exists: boolean }[] | undefined;
    try {
      results = await sock.onWhatsApp(...candidates);
    } catch (err) {
      throw sendError(err);
    }
    const existing = (results ?? []).filter((r) => r.exists).map((r) => jidNormalizedUser(r.jid));
    // Both spellings can answer for the same line; prefer the one on file.
    return candidates.find((c) => existing.includes(c)) ?? existing[0] ?? null;
  }

  /** The bytes of a media message received recently (fileId from InboundChannelMessage.media). */
  async downloadMedia(fileId: string): Promise<Buffer> {
    const message = this.media.get(fileId);
    if (!message) throw new Error('WhatsApp media no longer held in memory; ask the sender to send it again');
    const sock = this.sock;
    return downloadMediaMessage(message, 'buffer', {}, {
      logger: this.baileysLog,
      // Old media expire on WhatsApp's servers; the sender's phone can upload them again.
      reuploadRequest: (m) => (sock?.updateMediaMessage ? sock.updateMediaMessage(m) : Promise.reject(new Error('WhatsApp is not connected'))),
    });
  }

  private connect(): Promise<void> {
    const attempt = this.makeSocket().finally(() => {
      if (this.connecting === attempt) this.connecting = undefined;
    });
    this.connecting = attempt;
    return attempt;
  }

  private async makeSocket(): Promise<void> {
    this.currentStatus = 'connecting';
    this.pairingRequested = false;
    const sock = await this.socketFactory({
      authDir: this.options.authDir,
      logger: this.baileysLog,
      getMessage: async (key) => (key.id ? this.sent.get(key.id) : undefined),
    });
    if (!this.running) {
      await sock.end(undefined);
      return;
    }
    this.sock = sock;
    sock.ev.on('connection.update', (update) => this.onConnectionUpdate(sock, update));
    sock.ev.on('messages.upsert', (upsert) => this.onUpsert(upsert));
  }

  private onConnectionUpdate(sock: WhatsAppSocket, update: BaileysEventMap['connection.update']): void {
    // A socket we replaced or stopped may still report its own end: not our concern any more.
    if (sock !== this.sock) return;
    if (update.qr) this.onPairingStep(sock, update.qr);
    if (update.connection === 'open') {
      this.currentStatus = 'open';
      this.closesInARow = 0;
      this.qr = undefined;
      this.currentPairingCode = undefined;
      this.log.info('WhatsApp connected');
    } else if (update.connection === 'close') {
      this.sock = undefined;
      this.afterClose(update.lastDisconnect?.error);
    }
  }

  /** A `qr` update means the socket is waiting to be paired. */
  private onPairingStep(sock: WhatsAppSocket, qr: string): void {
    if (this.pairingDigits !== undefined) {
      // The code can only be requested once the socket is up, which the first QR signals.
      if (this.pairingRequested || sock.authState?.creds.registered || !sock.requestPairingCode) return;
      this.pairingRequested = true;
      sock.requestPairingCode(this.pairingDigits).then(
        (code) => {
          this.currentPairingCode = code;
          this.log.info({ pairingCode: code }, 'WhatsApp pairing code: on the phone, Linked devices > Link a device > Link with phone number instead');
          try {
            this.options.onPairingCode?.(code);
          } catch (err) {
            this.log.error({ err }, 'onPairingCode callback failed');
          }
        },
        (err: unknown) => this.log.error({ err }, 'WhatsApp pairing code request failed'),
      );
      return;
    }
    this.qr = qr;
    this.log.info('WhatsApp pairing: scan the QR code with the phone (Linked devices > Link a device)');
    try {
      this.options.onQr?.(qr);
    } catch (err) {
      this.log.error({ err }, 'onQr callback failed');
    }
    if (this.options.printQr !== false) {
      const print = this.options.printQr ?? ((s: string) => void process.stdout.write(`${s}\n`));
      print(renderTerminalQr(qr));
    }
  }

  private afterClose(error: Error | undefined): void {
    if (!this.running) {
      if (this.currentStatus !== 'logged_out') this.currentStatus = 'closed';
      return;
    }
    this.closesInARow += 1;
    const statusCode = statusCodeOf(error);
    const decision = reconnectPolicy(statusCode, this.closesInARow, this.options.reconnect);
    if (!decision.reconnect) {
      this.halt(decision.reason, statusCode);
      return;
    }
    this.currentStatus = 'connecting';
    const level = decision.delayMs === 0 ? 'info' : 'warn';
    this.log[level]({ statusCode, attempt: this.closesInARow, delayMs: decision.delayMs, err: error }, 'WhatsApp connection closed; reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.running) return;
      this.connect().catch((err: unknown) => {
        this.log.error({ err }, 'WhatsApp socket could not be created');
        this.afterClose(err instanceof Error ? err : undefined);
      });
    }, decision.delayMs);
  }

  private halt(reason: StopReason, statusCode: number | undefined): void {
    this.running = false;
    this.haltReason = reason;
    this.qr = undefined;
    this.currentPairingCode = undefined;
    this.currentStatus = reason === 'logged_out' ? 'logged_out' : 'closed';
    const authDir = this.options.authDir;
    const advice: Record<StopReason, string> = {
      logged_out: `WhatsApp logged this device out. Delete the auth directory (${authDir}) and pair the number again.`,
      replaced: 'Another client took over this WhatsApp session (is a second instance using the same auth directory?). Not reconnecting; restart once only one instance remains.',
      forbidden: 'WhatsApp refused this account (403; it may be banned). Not reconnecting.',
      bad_session: `The stored WhatsApp session keeps failing. Delete the auth directory (${authDir}) and pair the number again.`,
    };
    this.log.error({ statusCode, reason, authDir }, advice[reason]);
  }

  private onUpsert({ messages, type }: BaileysEventMap['messages.upsert']): void {
    for (const message of messages) {
      let inbound: InboundChannelMessage | null;
      try {
        inbound = toInbound(message, type, { appendMaxAgeMs: this.options.appendMaxAgeMs ?? 0 });
      } catch (err) {
        // One malformed message must not take the socket's event loop down with it.
        this.log.error({ err, messageId: message.key?.id }, 'WhatsApp message could not be translated');
        continue;
      }
      if (!inbound) continue;
      if (inbound.media?.fileId) remember(this.media, inbound.media.fileId, message, MEDIA_CACHE_SIZE);
      this.enqueue(inbound.chatId, () => this.deliver(inbound));
    }
  }

  private async deliver(inbound: InboundChannelMessage): Promise<void> {
    try {
      await this.onMessage?.(inbound);
    } catch (err) {
      // Baileys already acknowledged the message to WhatsApp: the handler owns retries from here.
      this.log.error({ err, messageId: inbound.messageId }, 'WhatsApp message handler failed');
    }
  }

  private enqueue(key: string, task: () => Promise<void>): void {
    const next = (this.chains.get(key) ?? Promise.resolve()).then(task);
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }
}

/** Baileys is chatty below warn; a quieter app logger (error, silent) stays quieter for it too. */
function atLeastWarn(logger: Logger): string {
  if (logger.level === 'silent') return 'silent';
  const values = logger.levels.values;
  return (values[logger.level] ?? 0) > (values.warn ?? 40) ? logger.level : 'warn';
}

function statusCodeOf(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

function privateChatJid(chatId: string): string | null {
  if (!chatId.includes('@')) return null;
  const jid = jidNormalizedUser(chatId);
  return isPnUser(jid) || isLidUser(jid) ? jid : null;
}

/** Baileys errors are Booms; their status says whether retrying can help. */
function sendError(err: unknown): ChannelSendError {
  const status = statusCodeOf(err);
  const text = err instanceof Error ? err.message : String(err);
  let code: ChannelErrorCode = 'unavailable';
  let permanent = false;
  if (status === 429) code = 'rate_limited';
  else if (status === 401 || status === 403) [code, permanent] = ['forbidden', true];
  else if (status === 400 || status === 404) [code, permanent] = ['bad_request', true];
  const error = new ChannelSendError('whatsapp', code, `WhatsApp send failed: ${text}`, { permanent });
  error.cause = err;
  return error;
}

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  // Maps iterate in insertion order: the first key is the oldest.
  if (map.size > max) map.delete(map.keys().next().value as string);
}
