import type { Tx } from './database.js';
import { paidCentsOf } from './debtRecordJson.js';
import { receivedPaymentJson } from './receivedPayments.js';

/**
 * One agreement as the admin and agent consoles show it: its terms, every instalment with what
 * was paid of it, and every payment received for it (in the order they were made, as the ledger
 * counts them). Null for an id that does not exist, is another creditor's, or is a simulator run.
 */
export async function loadAgreementPage(db: Tx, creditorId: string, agreementId: string) {
  const a = await db.agreement.findFirst({
    where: { id: agreementId, creditorId, status: { not: 'simulated' } },
    include: {
      debtor: { select: { id: true, cnpj: true, companyName: true } },
      installments: { orderBy: { n: 'asc' } },
      payments: { orderBy: [{ paidAt: 'asc' }, { key: 'asc' }] },
    },
  });
  if (!a) return null;
  return {
    id: a.id,
    status: a.status,
    debtCents: Number(a.debtCents),
    totalCents: Number(a.totalCents),
    paidCents: paidCentsOf(a.installments),
    overpaidCents: Number(a.overpaidCents),
    renegotiates: a.renegotiatesId,
    renegotiatedBy: a.renegotiatedById,
    brokenOn: a.brokenOn,
    lateFeeBasisPoints: a.lateFeeBasisPoints,
    monthlyInterestBasisPoints: a.monthlyInterestBasisPoints,
    debtor: { id: a.debtor.id, cnpj: a.debtor.cnpj, name: a.debtor.companyName },
    conversationId: a.conversationId,
    createdAt: a.createdAt.toISOString(),
    installments: a.installments.map((i) => ({
      n: i.n,
      dueDate: i.dueDate,
      amountCents: Number(i.amountCents),
      status: i.status,
      paidCents: Number(i.paidCents),
      paidAt: i.paidAt?.toISOString() ?? null,
      txid: i.txid,
      pixCode: i.pixCode,
    })),
    payments: a.payments.map(receivedPaymentJson),
  };
}

export type AgreementPage = NonNullable<Awaited<ReturnType<typeof loadAgreementPage>>>;
