import type { IsoDate } from '../domain/dates.js';
import type { Offer } from '../domain/offer.js';
import type { OfferPolicy } from '../domain/policy.js';
import type { AgreementFacts, DebtFacts, FlowContext, Locale } from './flowContext.js';

// Ports the turn pipeline needs. Storage implements them (src/storage); tests may use fakes.

export interface ReplyOption {
  id: string;
  label: string;
}

/** What the bot means to say: a template key and the facts behind it. Text comes at delivery. */
export interface MessageSpec {
  templateKey: string;
  facts: Record<string, unknown>;
  options: ReplyOption[];
  requestContact?: boolean;
}

export interface PersistedSnapshot {
  /** Bumped when the shape changes; older shapes are migrated or rejected on read. */
  v: 1;
  value: string;
  context: FlowContext;
}

export interface ConversationRecord {
  id: string;
  channel: string;
  chatId: string;
  flowId: string;
  flowVersion: number;
  snapshot: PersistedSnapshot | null;
  status: 'bot' | 'human' | 'closed';
  locale: Locale;
  rev: number;
  debtorId: string | null;
  timeZone: string;
  /** An admin trying a draft in the simulator: effects stay out of the agents' queue and the books. */
  simulation: boolean;
  /** Where the debtor last wrote from (web chat: the client IP); other channels use the chat id. */
  clientAddress?: string | null;
}

export interface CreditorFacts {
  name: string;
  cnpj: string;
  lateFeePercent: number;
  monthlyInterestPercent: number;
}

export type IdentityResult =
  | { ok: true; debt: DebtFacts; policy: OfferPolicy }
  | { ok: false; noDebt: true; debtorId: string; agreement?: AgreementFacts }
  | { ok: false; noDebt?: false; locked: boolean; lockedUntil?: string };

/** Everything one turn may do to storage, inside the turn's single transaction. */
export interface TurnUnit {
  /**
   * CNPJ plus second-factor candidates, one attempt per candidate, never more than the attempts left
   * on the CNPJ and on the client address (counted in storage, across sessions and processes).
   */
  verifyIdentity(cnpj: string, factors: string[], now: Date): Promise<IdentityResult>;
  /** Whether identity attempts for this CNPJ (or from this conversation's address) are locked now. */
  identityLock(cnpj: string, now: Date): Promise<{ locked: boolean; lockedUntil?: string }>;
  /** Identity by a phone number matched to exactly one contact on file (Brazilian ninth-digit variants included). */
  verifyPhone(phone: string, now: Date): Promise<IdentityResult | { ok: false; unknown: true }>;
  recordOffer(debtorId: string, offer: Offer, round: number): Promise<void>;
  createAgreement(args: { debtorId: string; offer: Offer; debtCents: number; acceptedMessageId: string | null; today: IsoDate }): Promise<AgreementFacts>;
  escalate(reason: string, detail: Record<string, unknown>, now: Date): Promise<void>;
  optOut(): Promise<void>;
  audit(type: string, data: Record<string, unknown>): Promise<void>;
}

export interface StoredReply {
  seq: number;
  from: 'bot' | 'agent' | 'debtor';
  text: string;
  key: string | null;
  facts: Record<string, unknown>;
  options: ReplyOption[];
}

/** What an inbound message carries besides text; stored with it so a recovered turn sees the same. */
export interface InboundAttachment {
  kind: 'text' | 'choice' | 'contact' | 'media' | 'unsupported';
  choiceId?: string;
  contact?: { phone: string; own: boolean };
  media?: { type: string; fileId?: string; fileName?: string; mimeType?: string; stored?: { path: string; sha256: string; bytes: number } };
  /** The text's original length when the channel adapter cut it (src/channels/inboundText.ts). */
  cutFromChars?: number;
  /** The first message of a conversation the debtor opened: the welcome answers it unless it says more. */
  opening?: boolean;
}

export interface InboundReceipt {
  conversationId: string;
  messageId: string;
  /** The same (channel, channelMessageId) was stored before: a redelivery. */
  duplicate: boolean;
}

export interface TurnCommit {
  snapshot: PersistedSnapshot;
  state: string;
  messages: MessageSpec[];
  status: ConversationRecord['status'];
}

/** An outbound row waiting to be sent. */
export interface OutboundRow {
  id: string;
  conversationId: string;
  channel: string;
  chatId: string;
  /** The conversation's pinned flow version: its templates render the row. */
  flowId: string;
  flowVersion: number;
  /** 'agent': a person wrote it; sent as written (`text`) or rendered from its template, never rephrased. */
  author: 'bot' | 'agent';
  /** Set for an agent's own words; null for rows rendered from a template at delivery. */
  text: string | null;
  templateKey: string;
  facts: Record<string, unknown>;
  options: ReplyOption[];
  requestContact: boolean;
  proactive: boolean;
  attempts: number;
  locale: Locale;
  timeZone: string;
}

/** Conversation persistence for the turn pipeline. */
export interface ConversationStore {
  /** Creates the conversation (pinned to `flowVersion`) or returns the existing one for (channel, chatId). */
  open(args: { channel: string; chatId: string; locale: Locale; flowId: string; flowVersion: number; timeZone: string; simulation?: boolean; clientAddress?: string }): Promise<{ conversation: ConversationRecord; created: boolean }>;
  /** The debtor now writes from another address (identity attempts are counted per address). */
  rememberClientAddress(conversationId: string, clientAddress: string): Promise<void>;
  find(channel: string, chatId: string): Promise<ConversationRecord | null>;
  /** A closed conversation the debtor writes to again: back to the bot, from the flow's start, on `flowVersion`. */
  reopen(conversationId: string, flowVersion: number): Promise<ConversationRecord>;
  get(conversationId: string): Promise<ConversationRecord | null>;
  /** Stores an inbound message before anything else happens to it (its own transaction). */
  receive(args: { conversationId: string; channel: string; channelMessageId: string; text: string; attachment?: InboundAttachment }): Promise<InboundReceipt>;
  /** Inbound messages stored but never processed (a crash mid-turn), oldest first. */
  unprocessedInbound(limit: number): Promise<{ conversationId: string; messageId: string; text: string; attachment: InboundAttachment | null }[]>;
  /**
   * Inbound messages stored before `storedBefore` and still unprocessed (their process died, or is
   * slow), claimed for `leaseMs` by `holder` so that other processes looking at once take others.
   */
  claimStaleInbound(args: { storedBefore: Date; holder: string; leaseMs: number; now: Date; limit: number }): Promise<{ conversationId: string; messageId: string; text: string; attachment: InboundAttachment | null }[]>;
  isProcessed(messageId: string): Promise<boolean>;
  /**
   * One transaction: `fn` runs the turn with storage effects, then the snapshot (rev + 1, refused
   * if someone else moved it), outbound rows, audit events and the inbound's processed mark are written.
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
  /** Pending outbound rows whose time has come (of one conversation, or of all), oldest first. */
  pendingOutbound(conversationId?: string): Promise<OutboundRow[]>;
  /** Conversations with pending outbound rows due and not held by another holder's live claim (optionally only rows created before a time). */
  conversationsWithPendingOutbound(now: Date, holder: string, createdBefore?: Date): Promise<string[]>;
  /**
   * The conversation's due pending rows, in order, claimed by `holder` for `leaseMs` — or none when
   * nothing is due or another process holds the conversation's outbox (it sends them, in order).
   */
  claimOutbound(conversationId: string, holder: string, leaseMs: number, now: Date): Promise<OutboundRow[]>;
  /** Extends the holder's claims in the row's conversation; false when the row's claim was lost (do not send it). */
  renewClaim(messageId: string, holder: string, leaseMs: number, now: Date): Promise<boolean>;
  /** Marks a row sent with its final text; `phrasing` (LLM attempt, fallback, failed checks) goes to the audit trail. */
  markDelivered(messageId: string, text: string, phrasing?: Record<string, unknown>): Promise<void>;
  /** The last `n` delivered or received texts of a conversation, oldest first (context for phrasing). */
  recentMessages(conversationId: string, n: number): Promise<{ from: string; text: string }[]>;
  markDeliveryFailed(messageId: string, error: string, retryAt: Date | null): Promise<void>;
  /** Whether the conversation's contact opted out of proactive messages. */
  isOptedOut(conversationId: string): Promise<boolean>;
  repliesTo(inboundMessageId: string): Promise<StoredReply[]>;
  messagesAfter(conversationId: string, afterSeq: number): Promise<StoredReply[]>;
}
