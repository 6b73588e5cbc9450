import type { ParsedDebtor } from '../domain/portfolioCsv.js';
import type { Tx } from './database.js';

/** What importing one invoice row would do to the stored portfolio. */
export type PreviewAction = 'new' | 'update' | 'unchanged';

export type PreviewRow = {
  /** The CSV line of the row; null for debtors built in code. */
  line: number | null;
  cnpj: string;
  companyName: string;
  invoice: string;
  amountCents: number;
  dueDate: string;
  action: PreviewAction;
};

export type PortfolioPreview = {
  /** The same two counts importPortfolio answers with. */
  debtors: number;
  invoices: number;
  newDebtors: number;
  newInvoices: number;
  /** Stored invoices whose amount, due date or description the import would change. */
  updatedInvoices: number;
  unchangedInvoices: number;
  /** The first PREVIEW_ROWS rows in file order: enough for an admin to eyeball, small enough for any file. */
  rows: PreviewRow[];
};

export const PREVIEW_ROWS = 200;

/** Bounds the parameters of one `IN (...)` lookup; a 20 MB file can name 100k debtors. */
const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * A dry run of importPortfolio (src/storage/portfolioRepository.ts): the same matching — debtors by
 * CNPJ within the creditor, invoices by number within the debtor — and the same fields compared
 * that its upsert would overwrite, so the counts are what the import will do. Reads only.
 */
export async function previewPortfolio(db: Tx, creditorId: string, parsed: ParsedDebtor[]): Promise<PortfolioPreview> {
  const debtorIds = new Map<string, string>();
  for (const part of chunks(parsed.map((d) => d.cnpj))) {
    const found = await db.debtor.findMany({ where: { creditorId, cnpj: { in: part } }, select: { id: true, cnpj: true } });
    for (const d of found) debtorIds.set(d.cnpj, d.id);
  }
  type Stored = { amountCents: bigint; dueDate: string; description: string | null };
  const stored = new Map<string, Stored>();
  for (const part of chunks([...debtorIds.values()])) {
    const found = await db.invoice.findMany({
      where: { debtorId: { in: part } },
      select: { debtorId: true, number: true, amountCents: true, dueDate: true, description: true },
    });
    for (const i of found) stored.set(`${i.debtorId}\u0000${i.number}`, i);
  }

  const preview: PortfolioPreview = { debtors: parsed.length, invoices: 0, newDebtors: 0, newInvoices: 0, updatedInvoices: 0, unchangedInvoices: 0, rows: [] };
  const rows: PreviewRow[] = [];
  for (const d of parsed) {
    const debtorId = debtorIds.get(d.cnpj);
    if (debtorId === undefined) preview.newDebtors++;
    for (const inv of d.invoices) {
      preview.invoices++;
      const before = debtorId === undefined ? undefined : stored.get(`${debtorId}\u0000${inv.invoice}`);
      let action: PreviewAction;
      if (before === undefined) action = 'new';
      else if (before.amountCents !== BigInt(inv.amountCents) || before.dueDate !== inv.dueDate || before.description !== (inv.description ?? null)) action = 'update';
      else action = 'unchanged';
      if (action === 'new') preview.newInvoices++;
      else if (action === 'update') preview.updatedInvoices++;
      else preview.unchangedInvoices++;
      rows.push({ line: inv.line ?? null, cnpj: d.cnpj, companyName: d.companyName, invoice: inv.invoice, amountCents: inv.amountCents, dueDate: inv.dueDate, action });
    }
  }
  // The parser groups rows by debtor; the admin reads the file top to bottom.
  rows.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  preview.rows = rows.slice(0, PREVIEW_ROWS);
  return preview;
}
