import type { Locale } from './flowContext.js';
import type { ConversationRecord, InboundAttachment, InboundReceipt, TurnCommit, TurnUnit } from './ports.js';

/** A conversation to start: pinned to `flowVersion`, so a published change never moves it. */
export interface NewConversation {
  channel: string;
  chatId: string;
  locale: Locale;
  flowId: string;
  flowVersion: number;
  timeZone: string;
  /** An admin trying a draft in the simulator. */
  simulation?: boolean;
  clientAddress?: string;
  /** The debtor a signed e-mail link named (the session's second identity factor). */
  linkedDebtorId?: string;
}

/** An inbound message as the pipeline hands it to storage. */
export interface InboundToStore {
  channel: string;
  chatId: string;
  channelMessageId: string;
  text: string;
  attachment?: InboundAttachment;
  /** Where it came from (web chat: the client IP); remembered on the conversation when it changed. */
  clientAddress?: string;
}

export interface ReceiveOrOpenArgs extends InboundToStore {
  /** The version a closed or new conversation starts on (the published one); asked only then. */
  flowVersion: () => Promise<number>;
  /** Channels where the debtor writes first: open the conversation when the chat has none. */
  open?: { locale: Locale; flowId: string; timeZone: string };
}

export type Received =
  /**
   * The conversation was just opened and nothing was stored: the bot speaks first (its START), then
   * the message is given again, as the conversation's opening one.
   */
  | { conversation: ConversationRecord; created: true }
  | {
      conversation: ConversationRecord;
      created: false;
      receipt: InboundReceipt;
      /**
       * As stored (or, for a redelivery, as it would be): marked `opening` when the flow has not
       * started, or when the chat had no conversation and another message opened it meanwhile.
       */
      attachment: InboundAttachment | undefined;
      /** The conversation has no flow state yet (a notice opened it, an agent closed it): START answers this message. */
      needsStart: boolean;
    };

export interface StaleInbound {
  conversationId: string;
  messageId: string;
  text: string;
  attachment: InboundAttachment | null;
}

/** What the turn pipeline stores and commits: conversations, inbound messages, one transaction per turn. */
export interface TurnStore {
  /** Creates the conversation (pinned to `flowVersion`) or returns the existing one for (channel, chatId). */
  open(args: NewConversation): Promise<{ conversation: ConversationRecord; created: boolean }>;
  /**
   * Stores an inbound message before anything else happens to it, in one step: the conversation of
   * (channel, chatId) is found (a closed one reopens first: back to the bot, from the flow's start,
   * on `flowVersion()`), its client address remembered if it changed, and the message stored — or
   * recognised as a redelivery of the same (channel, channelMessageId). Null when the chat has no
   * conversation and `open` was not given.
   */
  receiveOrOpen(args: ReceiveOrOpenArgs): Promise<Received | null>;
  get(conversationId: string): Promise<ConversationRecord | null>;
  /**
   * Inbound messages stored before `storedBefore` and still unprocessed (their process died, or is
   * slow), claimed for `leaseMs` by `holder` so that other processes looking at once take others.
   */
  claimStaleInbound(args: { storedBefore: Date; holder: string; leaseMs: number; now: Date; limit: number }): Promise<StaleInbound[]>;
  isProcessed(messageId: string): Promise<boolean>;
  /**
   * One transaction: `fn` runs the turn with storage effects, then the snapshot (rev + 1, refused
   * with code CONCURRENT_TURN if someone else moved it), outbound rows, audit events and the
   * inbound's processed mark are written. An inbound already processed runs nothing (null).
   */
  commitTurn(
    conversationId: string,
    inboundMessageId: string | null,
    /** The inbound message the turn's replies answer (usually `inboundMessageId`; a START may answer the message that caused it). */
    replyTo: string | null,
    fn: (conv: ConversationRecord, unit: TurnUnit) => Promise<TurnCommit | null>,
  ): Promise<TurnCommit | null>;
  /**
   * A turn that cannot run (a flow that no longer resolves, a broken template): marks the inbound
   * processed, hands the conversation to a person with a courteous notice, and records why — so the
   * debtor is answered and a restart does not retry it forever.
   */
  failTurn(conversationId: string, inboundMessageId: string | null, error: { code: string; message: string }, now: Date): Promise<void>;
}
