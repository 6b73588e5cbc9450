import type { IsoDate } from '../domain/dates.js';
import type { Offer } from '../domain/offer.js';
import type { OfferPolicy } from '../domain/policy.js';
import type { AgreementFacts, DebtFacts, FlowContext, Locale } from './flowContext.js';

// The shapes the storage ports share. The ports themselves, cut by who uses them: turnStore.ts (the
// turn pipeline), outboxStore.ts (the outbox sender), conversationReads.ts (what the web chat and
// the pipeline's answers read), conversationWrites.ts (people's changes outside a turn). Storage
// implements them (src/storage, and src/storage/memory for tests); test/storage/contract checks both.

export interface ReplyOption {
  id: string;
  label: string;
}

/**
 * A document that goes with an outbound message, named rather than stored: it is made at send time
 * from what the database holds (the agreement term as a PDF), on the channels that take files.
 */
export type OutboundAttachment = { kind: 'agreement_term'; agreementId: string };

/** What the bot means to say: a template key and the facts behind it. Text comes at delivery. */
export interface MessageSpec {
  templateKey: string;
  facts: Record<string, unknown>;
  options: ReplyOption[];
  requestContact?: boolean;
  /** A document sent after the text (the agreement term), where the channel takes files. */
  attachment?: OutboundAttachment;
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
  /** The debtor a signed e-mail link named when the session opened: the second identity factor. */
  linkedDebtorId?: string | null;
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

export type RenegotiationTerms =
  | { ok: true; debt: DebtFacts; policy: OfferPolicy }
  | { ok: false; reason: 'yearly_limit' | 'second_break' | 'not_in_force' };

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
  /** `renegotiates`: the agreement in force this one replaces (its remaining balance is debtCents). */
  createAgreement(args: { debtorId: string; offer: Offer; debtCents: number; acceptedMessageId: string | null; today: IsoDate; renegotiates?: string; now?: Date }): Promise<AgreementFacts>;
  /** The verified debtor's agreement in force (active or broken, the latest) as it stands today. */
  agreementInForce(today: IsoDate): Promise<AgreementFacts | undefined>;
  /**
   * What renegotiating this agreement in force would negotiate: its remaining balance as the debt,
   * with the renegotiation limits; or why a person must do it (the yearly limit, a second break).
   */
  renegotiationTerms(agreementId: string, today: IsoDate): Promise<RenegotiationTerms>;
  escalate(reason: string, detail: Record<string, unknown>, now: Date): Promise<void>;
  /** The verified contact asked to be reached on this channel: kept on the contact, audited. */
  savePreferredChannel(channel: 'email' | 'whatsapp' | 'telegram'): Promise<void>;
  optOut(): Promise<void>;
  audit(type: string, data: Record<string, unknown>): Promise<void>;
}

/** Reads an outbound row's attachment column (the same column holds inbound media metadata). */
export function outboundAttachmentOf(value: unknown): OutboundAttachment | null {
  const a = value as { kind?: unknown; agreementId?: unknown } | null;
  return a?.kind === 'agreement_term' && typeof a.agreementId === 'string' ? { kind: 'agreement_term', agreementId: a.agreementId } : null;
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
  /** Other conversations the turn queued messages in (an agreement's term e-mailed): sent after it. */
  alsoQueuedIn?: string[];
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
  /** With proactive: false for a row the contact caps do not count (a receipt); true when absent. */
  countsTowardCaps?: boolean;
  attempts: number;
  locale: Locale;
  timeZone: string;
  /** A document to send after the text, when the channel can; null for none. */
  attachment: OutboundAttachment | null;
  /** The person's last message in the conversation (a channel's customer-service window counts from it). */
  lastInboundAt?: Date | null;
}
