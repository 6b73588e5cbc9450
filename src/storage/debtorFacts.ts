import { todayIn, type IsoDate } from '../domain/dates.js';
import type { AgreementFacts, DebtFacts } from '../engine/flowContext.js';
import { agreementInForce } from './agreementInForce.js';
import type { Tx } from './database.js';

/**
 * What a verified debtor owes now: its open invoices (null when none) and its latest agreement in
 * force (active or broken), standing as on `today` (the debtor's calendar day; the wall clock in
 * São Paulo only for callers that need no agreement status). Read at identification and again
 * when an agent hands a conversation back.
 */
export async function loadDebtorFacts(
  tx: Tx,
  debtorId: string,
  contactId: string | null,
  today: IsoDate = todayIn('America/Sao_Paulo', new Date()),
): Promise<{ debt: DebtFacts | null; agreement?: AgreementFacts }> {
  const debtor = await tx.debtor.findUniqueOrThrow({
    where: { id: debtorId },
    include: { invoices: { where: { status: 'open' }, orderBy: { dueDate: 'asc' } }, contacts: { take: 1, orderBy: { createdAt: 'asc' } } },
  });
  const agreementFacts = await agreementInForce(tx, debtorId, today);
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
