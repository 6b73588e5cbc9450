// One payment into one agreement's ledger (issue 12, "Payments in"): the PIX webhook, an admin's
// manual registration and a bank export all end here, so the three sources follow one set of
// rules.
//
// Rules (where the issue is silent, what a collection manager would expect):
// - Idempotent on the payment's key: the endToEndId when there is one, else txid + amount +
//   instant. A payment that matches a recorded one either way is a 'duplicate' and changes
//   nothing, so a bank export carrying a payment the webhook already brought is not counted again.
//   The same endToEndId with a different amount, txid or instant is a 'conflict': nothing changes
//   and a person looks (a PSP does not reuse an endToEndId; one of the two notices is wrong).
// - The instalment paid is the one whose PIX txid the payment carries (the debtor's own choice of
//   what to pay, Código Civil art. 352), or the one a person assigns an unmatched payment to.
// - What exceeds that instalment's balance pays the other unpaid instalments, oldest first: the
//   oldest is the one that makes the agreement late and then broken, and art. 355 imputes an
//   undesignated payment to the debts due first. When the oldest unpaid ones are already paid this
//   is simply "the next instalments". What no instalment needs is recorded as overpayment and
//   flagged for a person (a refund or a credit is a decision, not arithmetic).
// - A payment of a late PIX charge (the code the reminder pass issues for balance + late fee +
//   interest, src/domain/lateCharges.ts) carries `lateChargesCents`, the fee + interest part of
//   that code. It pays its instalment's balance first, then up to lateChargesCents is counted as
//   late charges (`chargesCents`: received by the creditor, paid towards no instalment), and only
//   then does anything left go to the other instalments and to overpayment as above. So the fee the
//   term states is neither waived into the next instalments nor flagged as an overpayment.
// - Imputação when such a payment falls short of balance + charges: principal first. Código Civil
//   art. 354 imputes a payment first to the interest due and then to the capital "salvo
//   estipulação em contrário, ou se o credor passar a quitação por conta do capital". Here the
//   creditor's own receipt (paymentReceipt.ts) gives quitação on account of the instalment, which is
//   the exception the article makes; it is also what the debtor is better off with (the late
//   charges of the next notice are computed on a smaller balance) and what keeps the instalments'
//   arithmetic closed (paid + remaining = total counts principal only; charges never enter it).
//   What of the charges a short payment leaves unpaid is not carried as a debt by the ledger: the
//   next late notice computes the charges again on the balance that remains.
// - The instalments are recomputed from all the payments in the order they were *made* (paidAt,
//   then key), not the order they arrived, so the final state does not depend on arrival order.
// - When every instalment is paid an active or broken agreement is settled (a broken agreement
//   otherwise stays broken: a payment that catches up is flagged, a person may reinstate it).
// - A payment for a renegotiated or cancelled agreement is recorded but held: it counts towards
//   nothing (the balance already moved to the new agreement, or the agreement is void) and a
//   person decides where it goes.

import {
  LedgerError,
  TXID,
  addCents,
  assertPositiveCents,
  isFullyPaid,
  ledgerTotals,
  normaliseInstant,
  type Allocation,
  type HoldReason,
  type LedgerAgreement,
  type LedgerEvent,
  type LedgerInstallment,
  type PaymentSource,
  type RecordedPayment,
} from './agreementLedger.js';

export interface IncomingPayment {
  /** The PIX end-to-end id (E…), when the source gives one. */
  endToEndId?: string | null;
  /** The txid the payment carries; for a bank line without one, whatever identifies it there. */
  txid: string;
  amountCents: number;
  /** When it was paid: an ISO 8601 instant with its offset. */
  paidAt: string;
  source: PaymentSource;
  /** A person assigns a payment whose txid matched nothing to this instalment. */
  assignTo?: number;
  /**
   * The txid is that of a PIX charge issued after the term for this instalment (the updated amount
   * of a late one): matched by the code we issued, so not assigned by hand.
   */
  chargeFor?: number;
  /**
   * The late fee + interest part of that charge's amount (a safe non-negative integer): up to this
   * much, after the instalment's balance, counts as late charges rather than principal.
   */
  lateChargesCents?: number;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'held' | 'conflict';

/** Why a person should look at this payment. */
export type ReviewReason = HoldReason | 'overpayment' | 'agreement_broken' | 'payment_conflict';

export interface ApplyPaymentResult {
  outcome: ApplyOutcome;
  /** The agreement after the payment (the same object when nothing changed). */
  agreement: LedgerAgreement;
  /** The payment as recorded; for 'duplicate' and 'conflict', the one recorded earlier. */
  payment: RecordedPayment;
  events: LedgerEvent[];
  review: ReviewReason[];
}

const END_TO_END_ID = /^[A-Za-z0-9]{1,64}$/;
const FOREIGN_TXID = /^\S{1,35}$/;

/** The key a payment is recognised by when it comes again. */
export function paymentKey(p: { endToEndId?: string | null; txid: string; amountCents: number; paidAt: string }): string {
  if (p.endToEndId) return `e2e:${p.endToEndId}`;
  return `tx:${p.txid}|${p.amountCents}|${normaliseInstant(p.paidAt)}`;
}

function validate(agreement: LedgerAgreement, p: IncomingPayment): { e2e: string | null; paidAt: string; installment: LedgerInstallment } {
  assertPositiveCents(p.amountCents, 'amountCents');
  const paidAt = normaliseInstant(p.paidAt);
  const e2e = p.endToEndId ?? null;
  if (e2e !== null && (typeof e2e !== 'string' || !END_TO_END_ID.test(e2e))) {
    throw new LedgerError('invalid_txid', `endToEndId must be 1–64 letters and digits, got ${JSON.stringify(e2e)}`);
  }
  // A PIX to a bare key carries no txid (kept as ''): only a person can say what it pays.
  const txidless = p.txid === '' && p.assignTo !== undefined && e2e !== null;
  if (typeof p.txid !== 'string' || (!FOREIGN_TXID.test(p.txid) && !txidless)) {
    throw new LedgerError('invalid_txid', `txid must be 1–35 characters without spaces, got ${JSON.stringify(p.txid)}`);
  }
  const charges = p.lateChargesCents ?? 0;
  if (typeof charges !== 'number' || !Number.isSafeInteger(charges) || charges < 0) {
    throw new LedgerError('invalid_amount', `lateChargesCents must be a whole, non-negative number of cents, got ${String(p.lateChargesCents)}`);
  }
  if (p.source !== 'pix' && p.source !== 'manual' && p.source !== 'import') {
    throw new LedgerError('invalid_source', `source must be pix, manual or import, got ${JSON.stringify(p.source)}`);
  }
  if (p.assignTo !== undefined) {
    const installment = agreement.installments.find((i) => i.n === p.assignTo);
    if (!installment) throw new LedgerError('unknown_installment', `agreement ${agreement.id} has no instalment ${String(p.assignTo)}`);
    return { e2e, paidAt, installment };
  }
  if (p.chargeFor !== undefined) {
    const installment = agreement.installments.find((i) => i.n === p.chargeFor);
    if (!installment) throw new LedgerError('unknown_installment', `agreement ${agreement.id} has no instalment ${String(p.chargeFor)}`);
    return { e2e, paidAt, installment };
  }
  const installment = TXID.test(p.txid) ? agreement.installments.find((i) => i.txid === p.txid) : undefined;
  if (!installment) {
    // The caller keeps it as an unmatched payment; it is never dropped, only not counted here.
    throw new LedgerError('unknown_txid', `txid ${p.txid} matches no instalment of agreement ${agreement.id}`);
  }
  return { e2e, paidAt, installment };
}

const sameFacts = (a: RecordedPayment, txid: string, amountCents: number, paidAt: string): boolean =>
  a.txid === txid && a.amountCents === amountCents && a.paidAt === paidAt;

function byMoment(a: RecordedPayment, b: RecordedPayment): number {
  if (a.paidAt !== b.paidAt) return a.paidAt < b.paidAt ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The instalments and payments recomputed from the payments, in the order they were made. Each
 * counted payment first pays its own instalment's balance, then (a late charge's payment) up to
 * its lateChargesCents as late charges, then the oldest unpaid instalments; the rest is
 * overpayment. Held payments keep their place in the list and count for nothing.
 */
export function allocatePayments(
  installments: readonly LedgerInstallment[],
  payments: readonly RecordedPayment[],
): { installments: LedgerInstallment[]; payments: RecordedPayment[]; overpaidCents: number } {
  const paid = new Map<number, number>(installments.map((i) => [i.n, 0]));
  const paidAt = new Map<number, string>();
  const result = new Map<string, RecordedPayment>();
  let overpaidCents = 0;
  for (const p of [...payments].sort(byMoment)) {
    if (p.held) {
      result.set(p.key, { ...p, allocations: [], chargesCents: 0, overpaidCents: 0 });
      continue;
    }
    let left = p.amountCents;
    const allocations: Allocation[] = [];
    const pay = (i: LedgerInstallment): void => {
      const already = paid.get(i.n) ?? 0;
      const take = Math.min(left, i.amountCents - already);
      if (take <= 0) return;
      allocations.push({ n: i.n, cents: take });
      paid.set(i.n, already + take);
      left -= take;
      if (already + take === i.amountCents) paidAt.set(i.n, p.paidAt);
    };
    const target = installments.find((i) => i.n === p.installmentN);
    // Principal of its own instalment first (see the header on art. 354), then the late charges.
    if (target) pay(target);
    const chargesCents = Math.min(left, p.lateChargesCents);
    left -= chargesCents;
    for (const i of installments) {
      if (left === 0) break;
      if (i !== target) pay(i);
    }
    overpaidCents = addCents(overpaidCents, left);
    result.set(p.key, { ...p, allocations, chargesCents, overpaidCents: left });
  }
  return {
    installments: installments.map((i) => {
      const paidCents = paid.get(i.n) ?? 0;
      const full = paidCents === i.amountCents;
      // Lateness is statusOn's to decide; a payment only ends it, by paying the instalment.
      const status = full ? 'paid' : i.status === 'late' ? 'late' : 'open';
      return { ...i, paidCents, paidAt: full ? (paidAt.get(i.n) ?? null) : null, status };
    }),
    // The recorded order (arrival) is kept: it is the history, the allocation is derived.
    payments: payments.map((p) => result.get(p.key) ?? p),
    overpaidCents,
  };
}

const sameAllocations = (a: readonly Allocation[], b: readonly Allocation[]): boolean =>
  a.length === b.length && a.every((x, k) => x.n === b[k]?.n && x.cents === b[k]?.cents);

/**
 * Records one payment and says what it did. Throws LedgerError (nothing changed) on an amount
 * that is not a positive whole number of cents, an instant without offset, a malformed id, or a
 * txid that matches no instalment and no `assignTo` (the caller keeps those as unmatched).
 */
export function applyPayment(agreement: LedgerAgreement, incoming: IncomingPayment): ApplyPaymentResult {
  const { e2e, paidAt, installment } = validate(agreement, incoming);
  const { txid, amountCents, source } = incoming;
  const key = paymentKey({ endToEndId: e2e, txid, amountCents, paidAt });

  const sameKey = agreement.payments.find((p) => p.key === key);
  if (sameKey && !sameFacts(sameKey, txid, amountCents, paidAt)) {
    const event: LedgerEvent = {
      type: 'payment_conflict',
      data: {
        agreementId: agreement.id,
        paymentKey: key,
        recorded: { txid: sameKey.txid, amountCents: sameKey.amountCents, paidAt: sameKey.paidAt },
        received: { txid, amountCents, paidAt },
      },
    };
    return { outcome: 'conflict', agreement, payment: sameKey, events: [event], review: ['payment_conflict'] };
  }
  // Either key recognises it: a bank line without endToEndId repeating a webhook's payment, or the
  // webhook arriving after the import. Two payments with different endToEndIds are two payments.
  const duplicate =
    sameKey ?? agreement.payments.find((p) => sameFacts(p, txid, amountCents, paidAt) && (p.endToEndId === null || e2e === null));
  if (duplicate) return { outcome: 'duplicate', agreement, payment: duplicate, events: [], review: [] };

  const held: HoldReason | null =
    agreement.status === 'renegotiated' ? 'agreement_renegotiated' : agreement.status === 'cancelled' ? 'agreement_cancelled' : null;
  const recorded: RecordedPayment = {
    key,
    endToEndId: e2e,
    txid,
    amountCents,
    paidAt,
    source,
    installmentN: installment.n,
    assignedByHand: incoming.assignTo !== undefined,
    allocations: [],
    overpaidCents: 0,
    lateChargesCents: incoming.lateChargesCents ?? 0,
    chargesCents: 0,
    held,
  };
  // Every amount received must stay a safe integer in sum, or the totals could not be trusted.
  agreement.payments.reduce((sum, p) => addCents(sum, p.amountCents), amountCents);

  if (held) {
    const next: LedgerAgreement = { ...agreement, payments: [...agreement.payments, recorded] };
    const event: LedgerEvent = {
      type: 'payment_held',
      data: { agreementId: agreement.id, paymentKey: key, source, txid, amountCents, paidAt, installmentN: installment.n, reason: held },
    };
    return { outcome: 'held', agreement: next, payment: recorded, events: [event], review: [held] };
  }

  const allocated = allocatePayments(agreement.installments, [...agreement.payments, recorded]);
  const payment = allocated.payments[allocated.payments.length - 1] ?? recorded;
  let next: LedgerAgreement = { ...agreement, installments: allocated.installments, payments: allocated.payments, overpaidCents: allocated.overpaidCents };

  const events: LedgerEvent[] = [
    {
      type: 'payment_applied',
      data: {
        agreementId: agreement.id,
        paymentKey: key,
        source,
        txid,
        amountCents,
        paidAt,
        installmentN: installment.n,
        assignedByHand: recorded.assignedByHand,
        allocations: [...payment.allocations],
        chargesCents: payment.chargesCents,
        overpaidCents: payment.overpaidCents,
      },
    },
  ];
  const review: ReviewReason[] = [];

  const moved = agreement.payments.filter((p, k) => {
    const now = allocated.payments[k];
    return now !== undefined && (!sameAllocations(p.allocations, now.allocations) || p.overpaidCents !== now.overpaidCents || p.chargesCents !== now.chargesCents);
  });
  if (moved.length > 0) {
    events.push({ type: 'payments_reallocated', data: { agreementId: agreement.id, paymentKeys: moved.map((p) => p.key) } });
  }

  allocated.installments.forEach((i, k) => {
    if (i.status === 'paid' && agreement.installments[k]?.status !== 'paid') {
      events.push({ type: 'installment_paid', data: { agreementId: agreement.id, n: i.n, amountCents: i.amountCents, paidAt: i.paidAt ?? paidAt } });
    }
  });

  if (allocated.overpaidCents > agreement.overpaidCents) {
    events.push({
      type: 'overpayment_recorded',
      data: { agreementId: agreement.id, paymentKey: key, overpaidCents: allocated.overpaidCents - agreement.overpaidCents, agreementOverpaidCents: allocated.overpaidCents },
    });
    review.push('overpayment');
  }

  if ((next.status === 'active' || next.status === 'broken') && isFullyPaid(next)) {
    next = { ...next, status: 'settled' };
    const totals = ledgerTotals(next);
    events.push({ type: 'agreement_settled', data: { agreementId: agreement.id, totalCents: totals.totalCents, paidCents: totals.paidCents, overpaidCents: totals.overpaidCents } });
  } else if (next.status === 'broken') {
    review.push('agreement_broken');
  }

  return { outcome: 'applied', agreement: next, payment, events, review };
}
