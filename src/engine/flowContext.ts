import type { IsoDate } from '../domain/dates.js';
import type { Offer } from '../domain/offer.js';
import type { OfferPolicy } from '../domain/policy.js';
import type { Understanding } from './understanding/understand.js';

import type { Locale } from '../language/locale.js';

// Re-exported for the engine files that take Locale with the context types (ports.ts, turnPipeline.ts).
export type { Locale };

/** What identity verification reveals to the flow: only after it does any debt fact exist here. */
export interface DebtFacts {
  debtorId: string;
  companyName: string;
  contactFirstName?: string;
  totalCents: number;
  invoices: { number: string; amountCents: number; dueDate: IsoDate }[];
}

export interface CounterOutcome {
  decision: 'accept' | 'counter' | 'escalate';
  why?: string;
}

/** One instalment's PIX as the debtor can pay it now (the code encodes amountCents). */
export interface PixFacts {
  n: number;
  dueDate: IsoDate;
  amountCents: number;
  /** What is still open on the instalment (less than amountCents after a partial payment). */
  dueCents: number;
  pix: string;
}

/**
 * An agreement as the debtor reads it. The status fields come from the ledger (src/domain/
 * agreementStanding.ts) and are absent on a term just made and in snapshots stored before them.
 * The lists of zero or one element let a template say a sentence only when it applies.
 */
export interface AgreementFacts {
  id: string;
  totalCents: number;
  installments: { n: number; dueDate: IsoDate; amountCents: number; pix: string; status?: 'open' | 'paid' | 'late'; paidCents?: number }[];
  /** The ledger's status: 'active' or 'broken' while in force. */
  status?: string;
  standing?: 'onTrack' | 'late' | 'broken';
  paidCents?: number;
  remainingCents?: number;
  /** The next instalment not fully paid, with its PIX (zero or one). */
  next?: PixFacts[];
  /** Instalments past due and not fully paid. */
  late?: { n: number; dueDate: IsoDate; dueCents: number }[];
  /** Instalments fully paid. */
  paid?: { n: number; amountCents: number; dueDate: IsoDate }[];
  /** The PIX the debtor asked a copy of (zero or one): the instalment named, else the next unpaid. */
  pixFor?: PixFacts[];
  /** The instalment the debtor named when it is already paid (zero or one). */
  askedPaid?: { n: number }[];
}

/**
 * The admin's escalation switches the flow's guards read (src/domain/escalationRules.ts has the
 * whole contract). Refreshed at every turn, so a change applies to conversations under way.
 */
export interface FlowRules {
  insultsBeforeHandoff: number;
  misunderstandingsBeforeHandoff: number;
  debtAboveThreshold: boolean;
  paymentProof: boolean;
}

export const DEFAULT_FLOW_RULES: FlowRules = { insultsBeforeHandoff: 2, misunderstandingsBeforeHandoff: 3, debtAboveThreshold: true, paymentProof: true };

/** The machine's context. JSON only: it is persisted as is with every turn. */
export interface FlowContext {
  rules?: FlowRules;
  locale: Locale;
  verified: boolean;
  cnpj?: string;
  debt?: DebtFacts;
  policy?: OfferPolicy;
  today?: IsoDate;
  hardship: boolean;
  ladder: Offer[];
  round: number;
  offer?: Offer;
  counter?: CounterOutcome;
  agreement?: AgreementFacts;
  /** While negotiating a renegotiation: the agreement the new one replaces. */
  renegotiates?: string;
  escalation?: { reason: string };
  /** ISO timestamp until which identity attempts are refused (three failures). */
  lockedUntil?: string;
  misunderstandings: number;
  insults: number;
  /** The channel the debtor asked to be reached on ("prefiro e-mail"), as the last message said it. */
  preferredChannel?: 'email' | 'whatsapp' | 'telegram';
  /** The options of the bot's last message, so "2" or "aceito" can be matched on the next turn. */
  lastOptions: { id: string; label: string }[];
}

export const INTENT_EVENTS = ['judicial', 'dispute', 'optout', 'human', 'insult', 'preferChannel'] as const;
export type IntentEventName = (typeof INTENT_EVENTS)[number];

export type FlowEvent =
  /** `phone`: the sender's number, when the channel reveals it (WhatsApp). */
  | { type: 'START'; phone?: string; signedLink?: boolean }
  /** A contact card shared in the chat; `own` when it is the sender's own number. */
  | { type: 'CONTACT'; phone: string; own: boolean; today: IsoDate; now: string }
  | { type: 'MEDIA'; mediaType: string; today: IsoDate; now: string }
  | { type: 'IDENTITY.PHONE_UNKNOWN' }
  | { type: 'TEXT'; u: Understanding; today: IsoDate; now: string }
  | { type: 'INTENT'; intent: IntentEventName; u: Understanding; today: IsoDate; now: string }
  | { type: 'IDENTITY.OK'; debt: DebtFacts; policy: OfferPolicy; today: IsoDate }
  | { type: 'IDENTITY.FAILED'; locked: boolean; lockedUntil?: string }
  | { type: 'IDENTITY.NO_DEBT'; agreement?: AgreementFacts }
  /** The CNPJ's identity lock is no longer in force (expired, or lifted by an admin). */
  | { type: 'IDENTITY.UNLOCKED' }
  | { type: 'AGREEMENT.CREATED'; agreement: AgreementFacts }
  /**
   * The debtor's agreement in force as storage has it now (none: settled, replaced or cancelled
   * meanwhile), with the message that asked, so the flow's guards can read what it said.
   */
  | { type: 'AGREEMENT.STATUS'; agreement?: AgreementFacts; u?: Understanding; today: IsoDate }
  /** The remaining balance of ctx.agreement, to negotiate as the debt, and the limits for it. */
  | { type: 'RENEGOTIATION.READY'; debt: DebtFacts; policy: OfferPolicy; today: IsoDate; renegotiates: string }
  | { type: 'RENEGOTIATION.REFUSED'; reason: string }
  /**
   * An agent handed the conversation back. It carries what is true now (the debt may have changed
   * while a person held it) and the offer the agent made, if any, already checked against the policy.
   */
  | { type: 'HANDBACK'; today: IsoDate; debt?: DebtFacts; policy?: OfferPolicy; agreement?: AgreementFacts; offer?: Offer };

export function initialContext(locale: Locale): FlowContext {
  return { locale, verified: false, hardship: false, ladder: [], round: 0, misunderstandings: 0, insults: 0, lastOptions: [] };
}
