// An agreement as the ledger sees it (issue 12): its instalments, the payments received for it,
// what they paid and what remains. Pure data and pure functions; storage keeps these rows and
// the audit trail keeps the events, but nothing here knows about either.
//
// The state is *derived* from the payments: every payment is kept as received, and the
// instalments' paid amounts are recomputed from all of them in the order they were made
// (`paidAt`, then the payment's key). So a webhook redelivered, a bank export imported after the
// webhook, or two notifications arriving out of order all end in the same instalments, the same
// `paidAt`s and the same overpayment: the ledger does not depend on the order the news came in.
//
// Money is integer cents (safe integers, asserted on the way in); dates are 'YYYY-MM-DD' calendar
// days in the creditor's time zone; payment instants are ISO 8601 strings, kept normalised to UTC
// with milliseconds (the form Date#toISOString gives) so that equal instants compare equal.

import { CordialError } from './errors.js';
import { compareDates, isValidIsoDate, type IsoDate } from './dates.js';

export type InstallmentStatus = 'open' | 'paid' | 'late';
export type AgreementStatus = 'active' | 'settled' | 'broken' | 'renegotiated' | 'cancelled';
export type PaymentSource = 'pix' | 'manual' | 'import';

export interface LedgerInstallment {
  readonly n: number;
  readonly dueDate: IsoDate;
  readonly amountCents: number;
  /** The txid of the PIX code issued for this instalment: the key payments are matched by. */
  readonly txid: string;
  /** 0 … amountCents: what the payments have covered of this instalment. */
  readonly paidCents: number;
  /** The instant of the payment that completed it; null while not fully paid. */
  readonly paidAt: string | null;
  readonly status: InstallmentStatus;
}

/** Why a payment was kept but not counted towards the instalments: a person decides what to do. */
export type HoldReason = 'agreement_renegotiated' | 'agreement_cancelled';

export interface Allocation {
  readonly n: number;
  readonly cents: number;
}

/** A payment as received, with what the ledger made of it. */
export interface RecordedPayment {
  /** The idempotency key: `e2e:<endToEndId>`, or `tx:<txid>|<amountCents>|<paidAt>` without one. */
  readonly key: string;
  readonly endToEndId: string | null;
  readonly txid: string;
  readonly amountCents: number;
  /** ISO instant, normalised (UTC, milliseconds). */
  readonly paidAt: string;
  readonly source: PaymentSource;
  /** The instalment it pays first: matched by txid, or assigned by a person. */
  readonly installmentN: number;
  /** Set when a person assigned it by hand (its txid matched nothing). */
  readonly assignedByHand: boolean;
  /** How its amount was spread over the instalments; empty when held. */
  readonly allocations: readonly Allocation[];
  /** The part no instalment needed (everything was paid): to refund or credit by hand. */
  readonly overpaidCents: number;
  /**
   * The late fee + interest the PIX charge it pays carried (0 for any other payment): the most of
   * it that may count as late charges. Kept as received, since the allocation is recomputed.
   */
  readonly lateChargesCents: number;
  /** What of it was counted as late charges: paid to the creditor, but to no instalment's principal. */
  readonly chargesCents: number;
  readonly held: HoldReason | null;
}

export interface LedgerAgreement {
  readonly id: string;
  readonly status: AgreementStatus;
  readonly installments: readonly LedgerInstallment[];
  readonly payments: readonly RecordedPayment[];
  /** The sum of the payments' overpaidCents. */
  readonly overpaidCents: number;
  /** The day it broke (first day past the grace period), while broken or after. */
  readonly brokenOn: IsoDate | null;
  /** The agreement this one replaced, if it came from a renegotiation. */
  readonly renegotiates: string | null;
  /** The agreement that replaced this one, once renegotiated. */
  readonly renegotiatedBy: string | null;
}

/**
 * What changed, for the audit trail: ids, instalment numbers, amounts, dates and reasons only —
 * never a name, a document or the payer's information.
 */
export type LedgerEvent =
  | { type: 'payment_applied'; data: { agreementId: string; paymentKey: string; source: PaymentSource; txid: string; amountCents: number; paidAt: string; installmentN: number; assignedByHand: boolean; allocations: Allocation[]; chargesCents: number; overpaidCents: number } }
  | { type: 'payments_reallocated'; data: { agreementId: string; paymentKeys: string[] } }
  | { type: 'overpayment_recorded'; data: { agreementId: string; paymentKey: string; overpaidCents: number; agreementOverpaidCents: number } }
  | { type: 'payment_held'; data: { agreementId: string; paymentKey: string; source: PaymentSource; txid: string; amountCents: number; paidAt: string; installmentN: number; reason: HoldReason } }
  | { type: 'payment_conflict'; data: { agreementId: string; paymentKey: string; recorded: { txid: string; amountCents: number; paidAt: string }; received: { txid: string; amountCents: number; paidAt: string } } }
  | { type: 'installment_paid'; data: { agreementId: string; n: number; amountCents: number; paidAt: string } }
  | { type: 'installment_late'; data: { agreementId: string; n: number; dueDate: IsoDate; daysLate: number; dueCents: number } }
  | { type: 'agreement_settled'; data: { agreementId: string; totalCents: number; paidCents: number; overpaidCents: number } }
  | { type: 'agreement_broken'; data: { agreementId: string; n: number; dueDate: IsoDate; daysLate: number; graceDays: number; brokenOn: IsoDate; remainingCents: number } }
  | { type: 'agreement_renegotiated'; data: { agreementId: string; renegotiatedBy: string; fromStatus: AgreementStatus; totalCents: number; paidCents: number; remainingCents: number } }
  | { type: 'agreement_cancelled'; data: { agreementId: string; fromStatus: AgreementStatus; reason: string; totalCents: number; paidCents: number; remainingCents: number } }
  | { type: 'agreement_reinstated'; data: { agreementId: string; brokenOn: IsoDate | null; reason: string; remainingCents: number } };

export type LedgerErrorReason =
  | 'invalid_amount'
  | 'invalid_date'
  | 'invalid_instant'
  | 'invalid_installments'
  | 'invalid_txid'
  | 'invalid_source'
  | 'invalid_reason'
  | 'invalid_id'
  | 'invalid_grace_days'
  | 'unknown_txid'
  | 'unknown_installment'
  | 'not_renegotiable'
  | 'not_cancellable'
  | 'not_reinstatable';

/**
 * Bad input to the ledger. `reason` is for code (the HTTP layer maps it to a 400 with the
 * message); nothing has changed when it is thrown.
 */
export class LedgerError extends CordialError<LedgerErrorReason> {
  constructor(reason: LedgerErrorReason, message: string) {
    super(reason, message);
  }

  /** The same as `code`: the word the ledger's callers and tests use. */
  get reason(): LedgerErrorReason {
    return this.code;
  }
}

export function assertPositiveCents(cents: number, what: string): void {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents)) {
    throw new LedgerError('invalid_amount', `${what} must be a whole number of cents (a safe integer), got ${String(cents)}`);
  }
  if (cents <= 0) throw new LedgerError('invalid_amount', `${what} must be more than zero cents, got ${cents}`);
}

/** A sum that stays a safe integer, or a clear error (a ledger never wraps or rounds money). */
export function addCents(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new LedgerError('invalid_amount', `amount too large: ${a} + ${b} cents is not a safe integer`);
  return sum;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * An ISO 8601 instant with its offset ('2026-12-05T13:00:00Z', '…-03:00') in the one form the
 * ledger keeps. A bare date or a local time without offset is refused: it does not say when.
 */
export function normaliseInstant(s: string, what = 'paidAt'): string {
  const ms = typeof s === 'string' && INSTANT.test(s) ? Date.parse(s) : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new LedgerError('invalid_instant', `${what} must be an ISO 8601 instant with its offset (e.g. 2026-12-05T13:00:00Z), got ${JSON.stringify(s)}`);
  }
  return new Date(ms).toISOString();
}

/** txids of PIX BR Codes: 1–25 letters and digits (see pixBrCode.ts). */
export const TXID = /^[A-Za-z0-9]{1,25}$/;

export interface NewLedgerAgreement {
  id: string;
  installments: readonly { n: number; dueDate: IsoDate; amountCents: number; txid: string }[];
  /** The agreement this one replaces, when it comes from a renegotiation. */
  renegotiates?: string | null;
}

/**
 * A new active agreement with nothing paid. The instalments must be numbered 1…k in due-date
 * order (a later instalment never falls due before an earlier one), each with a positive amount
 * and its own txid.
 */
export function openLedger(input: NewLedgerAgreement): LedgerAgreement {
  if (typeof input.id !== 'string' || input.id.trim() === '') throw new LedgerError('invalid_id', 'the agreement needs an id');
  const list = input.installments;
  if (!Array.isArray(list) || list.length === 0) throw new LedgerError('invalid_installments', 'an agreement needs at least one instalment');
  const txids = new Set<string>();
  let total = 0;
  const installments = list.map((i, index): LedgerInstallment => {
    if (i.n !== index + 1) throw new LedgerError('invalid_installments', `instalments must be numbered 1…${list.length} in order; position ${index + 1} has n = ${i.n}`);
    if (!isValidIsoDate(i.dueDate)) throw new LedgerError('invalid_date', `instalment ${i.n}: dueDate must be a date YYYY-MM-DD, got ${JSON.stringify(i.dueDate)}`);
    const previous = list[index - 1];
    if (previous && compareDates(previous.dueDate, i.dueDate) > 0) {
      throw new LedgerError('invalid_installments', `instalment ${i.n} falls due (${i.dueDate}) before instalment ${previous.n} (${previous.dueDate})`);
    }
    assertPositiveCents(i.amountCents, `instalment ${i.n}: amountCents`);
    total = addCents(total, i.amountCents);
    if (typeof i.txid !== 'string' || !TXID.test(i.txid)) throw new LedgerError('invalid_txid', `instalment ${i.n}: txid must be 1–25 letters and digits, got ${JSON.stringify(i.txid)}`);
    if (txids.has(i.txid)) throw new LedgerError('invalid_txid', `instalment ${i.n}: txid ${i.txid} is used twice`);
    txids.add(i.txid);
    return { n: i.n, dueDate: i.dueDate, amountCents: i.amountCents, txid: i.txid, paidCents: 0, paidAt: null, status: 'open' };
  });
  return {
    id: input.id,
    status: 'active',
    installments,
    payments: [],
    overpaidCents: 0,
    brokenOn: null,
    renegotiates: input.renegotiates ?? null,
    renegotiatedBy: null,
  };
}

export interface LedgerTotals {
  totalCents: number;
  /** What the payments covered of the instalments (never more than totalCents). */
  paidCents: number;
  /** totalCents − paidCents: paid + remaining = total, always. */
  remainingCents: number;
  /** Received beyond what the instalments needed. */
  overpaidCents: number;
  /** Received on a renegotiated or cancelled agreement and left for a person. */
  heldCents: number;
  /** Received as late fee + interest (the late PIX charges): outside paid + remaining = total. */
  chargesCents: number;
}

export function ledgerTotals(agreement: LedgerAgreement): LedgerTotals {
  let totalCents = 0;
  let paidCents = 0;
  for (const i of agreement.installments) {
    totalCents += i.amountCents;
    paidCents += i.paidCents;
  }
  const heldCents = agreement.payments.reduce((sum, p) => (p.held ? sum + p.amountCents : sum), 0);
  const chargesCents = agreement.payments.reduce((sum, p) => (p.held ? sum : sum + p.chargesCents), 0);
  return { totalCents, paidCents, remainingCents: totalCents - paidCents, overpaidCents: agreement.overpaidCents, heldCents, chargesCents };
}

/** The first instalment not fully paid (what a receipt calls "the next due date"); null when none. */
export function nextDueInstallment(agreement: LedgerAgreement): LedgerInstallment | null {
  return agreement.installments.find((i) => i.paidCents < i.amountCents) ?? null;
}

export function isFullyPaid(agreement: LedgerAgreement): boolean {
  return agreement.installments.every((i) => i.paidCents === i.amountCents);
}
