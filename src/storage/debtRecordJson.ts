import type { Agreement, Installment, Invoice, Offer } from '../generated/prisma/client.js';

// The JSON of an invoice, an offer and an agreement, shared by every screen that shows them (the
// agent's conversation view, the admin's debtor page) so the consoles read one shape. Money leaves
// as integer cents in JS numbers: BigInt columns, exact below 2^53.

export function invoiceJson(i: Invoice) {
  return { number: i.number, amountCents: Number(i.amountCents), dueDate: i.dueDate, status: i.status, description: i.description };
}

export function offerJson(o: Offer) {
  return {
    id: o.id,
    kind: o.kind,
    totalCents: Number(o.totalCents),
    discountPercent: o.discountBasisPoints / 100,
    installments: o.installments,
    installmentCents: Number(o.installmentCents),
    firstDueDate: o.firstDueDate,
    round: o.round,
    source: o.source,
    status: o.status,
    createdAt: o.createdAt.toISOString(),
  };
}

/** What the payments covered of an agreement's instalments (the ledger keeps it per instalment). */
export function paidCentsOf(installments: readonly Pick<Installment, 'paidCents'>[]): number {
  return Number(installments.reduce((sum, i) => sum + i.paidCents, 0n));
}

export function agreementJson(a: Agreement & { installments: Installment[] }) {
  return {
    id: a.id,
    kind: a.kind,
    totalCents: Number(a.totalCents),
    debtCents: Number(a.debtCents),
    paidCents: paidCentsOf(a.installments),
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    installments: a.installments.map((i) => ({
      n: i.n,
      dueDate: i.dueDate,
      amountCents: Number(i.amountCents),
      pixCode: i.pixCode,
      txid: i.txid,
      status: i.status,
      paidCents: Number(i.paidCents),
      paidAt: i.paidAt?.toISOString() ?? null,
    })),
  };
}
