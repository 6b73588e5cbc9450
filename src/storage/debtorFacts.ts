import type { AgreementFacts, DebtFacts } from '../engine/flowContext.js';
import type { Tx } from './database.js';

/**
 * What a verified debtor owes now: its open invoices (null when none) and its latest agreement in
 * force. Read at identification and again when an agent hands a conversation back.
 */
export async function loadDebtorFacts(tx: Tx, debtorId: string, contactId: string | null): Promise<{ debt: DebtFacts | null; agreement?: AgreementFacts }> {
  const debtor = await tx.debtor.findUniqueOrThrow({
    where: { id: debtorId },
    include: { invoices: { where: { status: 'open' }, orderBy: { dueDate: 'asc' } }, contacts: { take: 1, orderBy: { createdAt: 'asc' } } },
  });
  const agreement = await tx.agreement.findFirst({
    where: { debtorId, status: 'active' },
    orderBy: { createdAt: 'desc' },
    include: { installments: { orderBy: { n: 'asc' } } },
  });
  const agreementFacts: AgreementFacts | undefined = agreement
    ? {
        id: agreement.id,
        totalCents: Number(agreement.totalCents),
        installments: agreement.installments.map((i) => ({ n: i.n, dueDate: i.dueDate, amountCents: Number(i.amountCents), pix: i.pixCode })),
      }
    : undefined;
  if (debtor.invoices.length === 0) return { debt: null, agreement: agreementFacts };
  const contact = contactId ? await tx.contact.findUnique({ where: { id: contactId } }) : (debtor.contacts[0] ?? null);
  const invoices = debtor.invoices.map((i) => ({ number: i.number, amountCents: Number(i.amountCents), dueDate: i.dueDate }));
  const contactName = contact?.name?.trim();
  return {
    debt: {
      debtorId,
      companyName: debtor.companyName,
      contactFirstName: contactName ? contactName.split(/\s+/)[0] : undefined,
      totalCents: invoices.reduce((sum, i) => sum + i.amountCents, 0),
      invoices,
    },
    agreement: agreementFacts,
  };
}
