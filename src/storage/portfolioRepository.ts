import type { ParsedDebtor } from '../domain/portfolioCsv.js';
import { appendAudit } from './auditLog.js';
import type { Db } from './database.js';
import { retryOnConflict } from './retryOnConflict.js';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Writes a parsed portfolio in one transaction: debtors by CNPJ, their contact, invoices by number.
 * Re-importing the same invoice updates it; an invoice already in an agreement keeps its status.
 *
 * Rows are written in one stable order (CNPJ, then invoice number) whatever the file's order, so
 * two imports of overlapping files lock the same rows in the same order and wait for each other
 * instead of deadlocking; a conflict PostgreSQL still reports (with another writer) reruns the
 * whole transaction.
 */
export async function importPortfolio(db: Db, creditorId: string, debtors: ParsedDebtor[], actor: string): Promise<{ debtors: number; invoices: number }> {
  const ordered = [...debtors]
    .sort((a, b) => byString(a.cnpj, b.cnpj))
    .map((d) => ({ ...d, invoices: [...d.invoices].sort((a, b) => byString(a.invoice, b.invoice)) }));
  return retryOnConflict(() => writePortfolio(db, creditorId, ordered, actor));
}

function writePortfolio(db: Db, creditorId: string, debtors: ParsedDebtor[], actor: string): Promise<{ debtors: number; invoices: number }> {
  return db.$transaction(
    async (tx) => {
      let invoices = 0;
      for (const d of debtors) {
        const debtor = await tx.debtor.upsert({
          where: { creditorId_cnpj: { creditorId, cnpj: d.cnpj } },
          create: { creditorId, cnpj: d.cnpj, companyName: d.companyName },
          update: { companyName: d.companyName },
        });
        if (d.contactName || d.phone || d.email) {
          // An erased contact stays erased; contact data in a later import is a new contact (the
          // creditor, as controller, decided to process it again).
          const contact = await tx.contact.findFirst({ where: { debtorId: debtor.id, erasedAt: null }, orderBy: { createdAt: 'asc' } });
          const data = { name: d.contactName ?? contact?.name ?? null, phone: d.phone ?? contact?.phone ?? null, email: d.email ?? contact?.email ?? null };
          if (contact) await tx.contact.update({ where: { id: contact.id }, data });
          else await tx.contact.create({ data: { debtorId: debtor.id, ...data } });
        }
        for (const inv of d.invoices) {
          await tx.invoice.upsert({
            where: { debtorId_number: { debtorId: debtor.id, number: inv.invoice } },
            create: { debtorId: debtor.id, number: inv.invoice, amountCents: BigInt(inv.amountCents), dueDate: inv.dueDate, description: inv.description ?? null },
            update: { amountCents: BigInt(inv.amountCents), dueDate: inv.dueDate, description: inv.description ?? null },
          });
          invoices++;
        }
      }
      await appendAudit(tx, [{ type: 'portfolio.imported', actor, data: { creditorId, debtors: debtors.length, invoices } }]);
      return { debtors: debtors.length, invoices };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
