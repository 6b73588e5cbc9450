import { randomUUID } from 'node:crypto';
import type { IsoDate } from '../../domain/dates.js';
import type { ThrottleKind } from '../../domain/identity.js';
import type { Offer } from '../../domain/offer.js';
import { DEFAULT_POLICY, type OfferPolicy } from '../../domain/policy.js';
import type { AgreementStatus, InstallmentStatus, LedgerAgreement } from '../../domain/agreementLedger.js';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../../domain/reminderSettings.js';
import type { AgreementFacts, DebtFacts } from '../../engine/flowContext.js';
import { agreementFactsFrom } from '../agreementFactsFrom.js';
import type { AuditInput } from '../auditLog.js';
import type { CreditorRow } from '../creditorRepository.js';
import type { ThrottleRow } from '../identityCheck.js';

export interface MemoryContact {
  id: string;
  name?: string;
  /** E.164, as the portfolio import stores it. */
  phone?: string;
  optedOutAt?: Date | null;
  erasedAt?: Date | null;
  preferredChannel?: string | null;
}

export interface MemoryInvoice {
  number: string;
  amountCents: number;
  dueDate: IsoDate;
  status: 'open' | 'in_agreement' | 'paid';
  /** The agreement that settles it, once in agreement. */
  agreementId?: string;
}

export interface MemoryDebtor {
  id: string;
  cnpj: string;
  companyName: string;
  accessCode: string | null;
  invoices: MemoryInvoice[];
  contacts: MemoryContact[];
}

export interface MemoryOffer {
  id: string;
  conversationId: string;
  debtorId: string;
  offer: Offer;
  round: number;
  source: 'bot' | 'agent';
  status: 'proposed' | 'superseded' | 'accepted';
  createdAt: Date;
}

export interface MemoryInstallment {
  n: number;
  dueDate: IsoDate;
  amountCents: number;
  pix: string;
  txid: string;
  paidCents: number;
  paidAt: string | null;
  status: InstallmentStatus;
}

/** An agreement and its ledger's instalments (tests set paidCents and status to play payments). */
export interface MemoryAgreement {
  id: string;
  totalCents: number;
  installments: MemoryInstallment[];
  debtorId: string;
  conversationId: string;
  offerId: string;
  debtCents: number;
  status: AgreementStatus | 'simulated';
  agreedOn: IsoDate;
  renegotiates: string | null;
  renegotiatedBy: string | null;
  brokenOn: IsoDate | null;
  createdAt: Date;
}

/** The domain's view of a memory agreement (no payments kept: paidCents stands for them). */
export function memoryLedger(a: MemoryAgreement): LedgerAgreement {
  if (a.status === 'simulated') throw new Error(`agreement ${a.id} is a simulator run, not a ledger`);
  return {
    id: a.id,
    status: a.status,
    installments: a.installments.map(({ n, dueDate, amountCents, txid, paidCents, paidAt, status }) => ({ n, dueDate, amountCents, txid, paidCents, paidAt, status })),
    payments: [],
    overpaidCents: 0,
    brokenOn: a.brokenOn,
    renegotiates: a.renegotiates,
    renegotiatedBy: a.renegotiatedBy,
  };
}

export interface MemoryHandoff {
  id: string;
  conversationId: string;
  reason: string;
  detail: string;
  status: 'pending' | 'open' | 'closed';
  createdAt: Date;
}

/**
 * The books the in-memory TurnUnit works on: the creditor, its debtors with their invoices and
 * contacts, one offer policy (no policy buckets), and what turns write besides the conversation.
 * Tests fill `debtors` directly.
 */
export class MemoryBook {
  debtors: MemoryDebtor[] = [];
  policy: OfferPolicy = DEFAULT_POLICY;
  reminderSettings: ReminderSettings = DEFAULT_REMINDER_SETTINGS;
  throttles = new Map<string, ThrottleRow>();
  /** (channel, chat id) → contact id: who a channel's chat turned out to be. */
  channelIdentities = new Map<string, string>();
  offers: MemoryOffer[] = [];
  agreements: MemoryAgreement[] = [];
  handoffs: MemoryHandoff[] = [];
  audit: AuditInput[] = [];

  constructor(readonly creditor: CreditorRow) {}

  addDebtor(d: Omit<MemoryDebtor, 'id' | 'accessCode' | 'contacts' | 'invoices'> & Partial<Pick<MemoryDebtor, 'accessCode' | 'contacts' | 'invoices'>>): MemoryDebtor {
    const debtor: MemoryDebtor = { id: randomUUID(), accessCode: null, contacts: [], invoices: [], ...d };
    this.debtors.push(debtor);
    return debtor;
  }

  /** The counter of (kind, key), created fresh if missing (not yet kept: saving it is the caller's). */
  throttle(kind: ThrottleKind, key: string): ThrottleRow {
    const found = this.throttles.get(`${kind}:${key}`);
    return found ? { ...found } : { id: randomUUID(), kind, key, failures: 0, lockouts: 0, lockedUntil: null, lastFailureAt: null };
  }

  openHandoff(conversationId: string): MemoryHandoff | undefined {
    return this.handoffs.find((h) => h.conversationId === conversationId && (h.status === 'pending' || h.status === 'open'));
  }

  /** The debtor's latest agreement in force (active or broken). */
  inForce(debtorId: string): MemoryAgreement | undefined {
    return this.agreements.filter((a) => a.debtorId === debtorId && (a.status === 'active' || a.status === 'broken')).at(-1);
  }

  /** What a verified debtor owes now: open invoices (null when none) and its latest agreement in force, as on `today`. */
  debtorFacts(debtorId: string, contactId: string | null, today: IsoDate): { debt: DebtFacts | null; agreement?: AgreementFacts } {
    const d = this.debtors.find((x) => x.id === debtorId);
    if (!d) throw new Error(`no debtor ${debtorId}`);
    const active = this.inForce(debtorId);
    const agreement = active ? agreementFactsFrom(memoryLedger(active), new Map(active.installments.map((i) => [i.n, i.pix])), today) : undefined;
    const open = d.invoices.filter((i) => i.status === 'open').sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    if (!open.length) return { debt: null, agreement };
    const contact = contactId ? d.contacts.find((c) => c.id === contactId) : d.contacts[0];
    const name = contact?.name?.trim();
    const invoices = open.map(({ number, amountCents, dueDate }) => ({ number, amountCents, dueDate }));
    return {
      debt: { debtorId, companyName: d.companyName, contactFirstName: name ? name.split(/\s+/)[0] : undefined, totalCents: invoices.reduce((s, i) => s + i.amountCents, 0), invoices },
      agreement,
    };
  }
}
