// The receipt a debtor gets when a payment is applied (issue 12, section 3): which instalment(s)
// it paid, the amount, how much of it was late fee + interest (when it paid a late PIX charge),
// what remains and the next due date — or that the agreement is settled.
// Facts only, in integer cents and calendar dates: the template formats them (renderTemplate),
// so every amount the debtor reads comes from here, never typed into a text.

import { ledgerTotals, nextDueInstallment, type LedgerAgreement, type RecordedPayment } from './agreementLedger.js';

export type ReceiptTemplateKey = 'agreement.receipt' | 'agreement.settled';

export interface ReceiptFacts {
  agreement: {
    id: string;
    totalCents: number;
    receipt: {
      /** What the debtor paid in this payment. */
      amountCents: number;
      /** How it was spread: per instalment, the part of this payment and where the instalment stands. */
      installments: { n: number; cents: number; paidCents: number; amountCents: number }[];
      /** The agreement after it: paid + remaining = total. */
      paidCents: number;
      remainingCents: number;
      /** Received beyond every instalment (a person refunds or credits it). */
      overpaidCents: number;
      /** What of this payment was counted as late fee + interest (paying a late PIX charge), 0 otherwise. */
      chargesCents: number;
      /**
       * The same, as a list of one element when there are charges and none otherwise: templates
       * have loops but no conditionals, so the line about charges is a loop over this list.
       */
      lateCharges: { cents: number }[];
      /** The first instalment not fully paid, with what is left of it; absent once settled. */
      next?: { n: number; dueDate: string; amountCents: number };
    };
  };
}

/**
 * The receipt of `payment` (as applyPayment recorded it) on the agreement after it, or null when
 * there is nothing to acknowledge as paid: a payment held (renegotiated or cancelled agreement)
 * or one that neither paid an instalment nor counted as late charges (all overpayment) goes to a
 * person instead, who writes to the debtor.
 */
export function paymentReceipt(after: LedgerAgreement, payment: RecordedPayment): { templateKey: ReceiptTemplateKey; facts: ReceiptFacts } | null {
  if (payment.held || (payment.allocations.length === 0 && payment.chargesCents === 0)) return null;
  const totals = ledgerTotals(after);
  const next = nextDueInstallment(after);
  const installments = payment.allocations.map((a) => {
    const i = after.installments.find((x) => x.n === a.n)!;
    return { n: a.n, cents: a.cents, paidCents: i.paidCents, amountCents: i.amountCents };
  });
  const settled = after.status === 'settled' || next === null;
  return {
    templateKey: settled ? 'agreement.settled' : 'agreement.receipt',
    facts: {
      agreement: {
        id: after.id,
        totalCents: totals.totalCents,
        receipt: {
          amountCents: payment.amountCents,
          installments,
          paidCents: totals.paidCents,
          remainingCents: totals.remainingCents,
          overpaidCents: payment.overpaidCents,
          chargesCents: payment.chargesCents,
          lateCharges: payment.chargesCents > 0 ? [{ cents: payment.chargesCents }] : [],
          ...(next && !settled ? { next: { n: next.n, dueDate: next.dueDate, amountCents: next.amountCents - next.paidCents } } : {}),
        },
      },
    },
  };
}
