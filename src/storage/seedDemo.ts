import type { Db } from './database.js';
import { importPortfolio } from './portfolioRepository.js';

/** The README's demo debtor: try the web chat with this CNPJ and invoice number. */
export const DEMO = {
  cnpj: '11444777000161',
  cnpjFormatted: '11.444.777/0001-61',
  invoice: 'NF-1001',
  companyName: 'Padaria Pão Quente Ltda',
};

/** Seeds the demo debtor once, on an empty portfolio only: it never touches real data. */
export async function seedDemo(db: Db, creditorId: string): Promise<boolean> {
  if ((await db.debtor.count({ where: { creditorId } })) > 0) return false;
  await importPortfolio(
    db,
    creditorId,
    [
      {
        cnpj: DEMO.cnpj,
        companyName: DEMO.companyName,
        contactName: 'Marina Souza',
        phone: '+5511987654321',
        email: 'financeiro@paoquente.example',
        invoices: [
          { invoice: DEMO.invoice, amountCents: 1_250_000, dueDate: '2026-09-10', description: 'Farinha e insumos, agosto' },
          { invoice: 'NF-1002', amountCents: 348_050, dueDate: '2026-10-10', description: 'Embalagens, setembro' },
        ],
      },
    ],
    'system:demo',
  );
  return true;
}
