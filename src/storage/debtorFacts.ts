import { todayIn, type IsoDate } from '../domain/dates.js';
import type { AgreementFacts, DebtFacts } from '../engine/flowContext.js';
import { IN_FORCE_STATUSES, agreementFacts as agreementFactsOf } from './agreementInForce.js';
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
  // One statement (Prisma's include read the debtor, its invoices and its contacts one by one).
  const [row] = await tx.$queryRawUnsafe<{ companyName: string; invoices: { number: string; amountCents: string; dueDate: string }[]; contactName: string | null; agreementId: string | null; agreementCreditorId: string | null }[]>(
    `SELECT d."companyName",
            COALESCE((SELECT json_agg(json_build_object('number', i.number, 'amountCents', i."amountCents"::text, 'dueDate', i."dueDate") ORDER BY i."dueDate")
                        FROM "Invoice" i WHERE i."debtorId" = d.id AND i.status = 'open'), '[]'::json) AS invoices,
            (SELECT c.name FROM "Contact" c WHERE CASE WHEN $2::text IS NULL THEN c."debtorId" = d.id ELSE c.id = $2 END ORDER BY c."createdAt" LIMIT 1) AS "contactName",
            a.id AS "agreementId", a."creditorId" AS "agreementCreditorId"
       FROM "Debtor" d
       LEFT JOIN LATERAL (SELECT id, "creditorId" FROM "Agreement" WHERE "debtorId" = d.id AND status = ANY($3::text[]) ORDER BY "createdAt" DESC LIMIT 1) a ON true
      WHERE d.id = $1`,
    debtorId,
    contactId,
    IN_FORCE_STATUSES,
  );
  if (!row) throw new Error(`debtor ${debtorId} not found`);
  const agreementFacts = row.agreementId ? await agreementFactsOf(tx, row.agreementCreditorId!, row.agreementId, today) : undefined;
  if (row.invoices.length === 0) return { debt: null, agreement: agreementFacts };
  const invoices = row.invoices.map((i) => ({ number: i.number, amountCents: Number(i.amountCents), dueDate: i.dueDate }));
  const contactName = row.contactName?.trim();
  return {
    debt: {
      debtorId,
      companyName: row.companyName,
      contactFirstName: contactName ? contactName.split(/\s+/)[0] : undefined,
      totalCents: invoices.reduce((sum, i) => sum + i.amountCents, 0),
      invoices,
    },
    agreement: agreementFacts,
  };
}
