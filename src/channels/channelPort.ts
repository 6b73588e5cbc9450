import type { FastifyInstance } from 'fastify';
import type { ReceiptReport } from '../domain/deliveryReceipt.js';
import type { ReplyOption, StoredReply } from '../engine/ports.js';
import type { Locale } from '../language/locale.js';
import { CordialError, type ChannelErrorCode } from '../domain/errors.js';

// The one interface every channel adapter implements. Adapters translate platform <-> these
// shapes at the edge, in small pure functions; nothing platform-specific crosses into the core.

export type ChannelName = 'webchat' | 'telegram' | 'whatsapp' | 'email';

/** A platform message from a private chat, translated. Group, channel and broadcast messages never become one. */
export interface InboundChannelMessage {
  channel: ChannelName;
  /** The conversation's address on the platform (Telegram chat id, WhatsApp jid). */
  chatId: string;
  /** The platform's id for this message, unique per channel: a redelivery carries the same one. */
  messageId: string;
  kind: 'text' | 'choice' | 'contact' | 'media' | 'unsupported';
  /** The text, a media caption, or the label of the chosen option (bounded: inboundText.ts). */
  text?: string;
  /** The text's original length when it was longer than MAX_INBOUND_CHARS and cut. */
  cutFromChars?: number;
  /** The option id, when the platform says which button or list row was chosen. */
  choiceId?: string;
  /** A shared contact card; `own` is true when it is the sender's own (Telegram request_contact). */
  contact?: { phone: string; own: boolean };
  /** The sender's phone number as E.164, when the platform reveals it (WhatsApp). */
  senderPhone?: string;
  /** Where the message came from (the web chat's client IP): identity attempts are counted per address. */
  clientAddress?: string;
  media?: {
    type: 'photo' | 'document' | 'sticker' | 'audio' | 'video' | 'other';
    fileId?: string;
    fileName?: string;
    mimeType?: string;
    /** Where the bytes were kept (set by the app, not the adapter), relative to DATA_DIR. */
    stored?: { path: string; sha256: string; bytes: number };
  };
  from?: { firstName?: string; languageCode?: string };
  receivedAt: Date;
}

export interface OutboundChannelMessage {
  text: string;
  options: ReplyOption[];
  /** Ask the person to share their phone number (Telegram's request_contact keyboard button). */
  requestContact?: boolean;
  /**
   * Outside the platform's customer-service window: the approved template to send instead of the
   * text, its parameters already rendered (the text stays the record of what the message says).
   */
  template?: { name: string; language: string; parameters: string[] };
  /** The message's template key and language, for channels that title a message (an e-mail's subject). */
  key?: string;
  locale?: Locale;
  /** The document that goes with the text, on a channel that attaches it to the same message (e-mail). */
  document?: OutboundDocument;
}

/** A file sent to the person (the agreement term as a PDF). */
export interface OutboundDocument {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  /** A short line shown with the file (platforms limit captions: Telegram to 1024 characters). */
  caption?: string;
}

export type { ChannelErrorCode };

/** A send that failed, with what the outbox needs to decide: retry when, or give up. */
export class ChannelSendError extends CordialError<ChannelErrorCode> {
  /** The platform's own hint (Telegram's retry_after), in ms. */
  readonly retryAfterMs?: number;
  /** True when retrying cannot help (the user blocked the bot, the chat does not exist). */
  readonly permanent: boolean;

  constructor(
    readonly channel: ChannelName,
    code: ChannelErrorCode,
    message: string,
    opts: { retryAfterMs?: number; permanent?: boolean } = {},
  ) {
    super(code, message);
    this.retryAfterMs = opts.retryAfterMs;
    this.permanent = opts.permanent ?? false;
  }
}

/** What the core made of an inbound message: the web chat answers its POST with the replies. */
export interface InboundReceipt {
  conversationId: string;
  messageId: string;
  /** A redelivery of a message already stored (same platform id): its replies, not a new turn. */
  duplicate: boolean;
  /** The bot's replies to this message (none while a person holds the conversation). */
  replies: StoredReply[];
}

/** Where an adapter hands each translated message; resolves once it is stored and answered. */
export type InboundHandler = (m: InboundChannelMessage) => Promise<InboundReceipt>;

/** What a platform reported about a message we sent (the WhatsApp Cloud API's statuses): the domain's report, from one of our channels. */
export type DeliveryReceipt = ReceiptReport & { channel: ChannelName };

/** Where an adapter hands each delivery receipt; resolves once it is recorded. */
export type ReceiptHandler = (r: DeliveryReceipt) => Promise<void>;

/** A channel's link to its account while an admin pairs it (WhatsApp's QR code or pairing code). */
export interface ChannelPairing {
  readonly status: string;
  readonly lastQr?: string;
  readonly pairingCode?: string;
}

export interface ChannelAdapter {
  readonly channel: ChannelName;
  /**
   * Starts receiving. Each translated message is awaited before it counts as handled (at least
   * once); so is each delivery receipt, on platforms that report them.
   */
  start(onMessage: InboundHandler, onReceipt?: ReceiptHandler): Promise<void>;
  stop(): Promise<void>;
  send(chatId: string, message: OutboundChannelMessage): Promise<{ messageId: string }>;
  /** True when a document goes inside the text's own message (`OutboundChannelMessage.document`), not after it. */
  readonly attachesDocuments?: boolean;
  /** Sends a file, where the platform can (Telegram, WhatsApp); without it a message goes as text alone. */
  sendDocument?(chatId: string, document: OutboundDocument): Promise<{ messageId: string }>;
  /** The bytes of received media (a payment receipt), where the platform lets us fetch them. */
  downloadMedia?(fileId: string): Promise<Buffer>;
  /** HTTP routes the channel receives on (the web chat's API, Telegram's webhook). */
  registerRoutes?(server: FastifyInstance): void;
  /** The platform's chat for a phone number (E.164), or null when it has none: for a first notice. */
  resolveChatId?(phone: string): Promise<string | null>;
  /**
   * How long after the person's last message free text may be sent (WhatsApp Cloud API: 24 h);
   * later, only an approved template. Undefined: no such window.
   */
  readonly serviceWindowMs?: number;
  /** The lock name of a connection that must be single across replicas; undefined when every replica may run it. */
  singleConnectionName?(creditorId: string): string | undefined;
  /** Pairing with the platform, for the admin's screen. */
  readonly pairing?: ChannelPairing;
}
