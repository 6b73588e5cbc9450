// Portfolio import (README.md "Portfolio import"): a CSV with one row per invoice, rows with the same CNPJ forming
// one debtor. Parsing is all-or-nothing — any bad row rejects the file — so the admin gets
// EVERY error at once and can fix the spreadsheet in one pass instead of one error per upload.
// The rules are in portfolioChecker.ts; this is the whole-file form (the preview, the CLI, code
// that builds portfolios); the import endpoint streams the file instead (portfolioCsvStream.ts).

import { normalizeCsvText, readRows, type PortfolioError } from './csvRows.js';
import type { IsoDate } from './dates.js';
import { PortfolioChecker, type PortfolioDebtor } from './portfolioChecker.js';

export { controlCharacterIn, readRows, type CsvRow, type PortfolioError } from './csvRows.js';

export type ParsedInvoice = {
  invoice: string;
  amountCents: number;
  dueDate: IsoDate;
  description?: string;
  /** The CSV line the row starts on (header = 1), so a preview can point the admin at it; absent for debtors built in code. */
  line?: number;
};

export type ParsedDebtor = PortfolioDebtor & { invoices: ParsedInvoice[] };

export type PortfolioParseResult =
  | { ok: true; debtors: ParsedDebtor[]; invoiceCount: number }
  | { ok: false; errors: PortfolioError[] };

export function parsePortfolioCsv(input: string): PortfolioParseResult {
  const text = normalizeCsvText(input);
  if (text.trim() === '') return fail([{ line: 1, field: 'file', message: 'file is empty' }]);

  const read = readRows(text);
  if (!read.ok) return fail([read.error]);
  const [header, ...body] = read.rows;
  if (header === undefined) return fail([{ line: 1, field: 'file', message: 'file is empty' }]);

  const checker = new PortfolioChecker();
  if (!checker.header(header)) return fail(checker.errors);
  const invoices = new Map<string, ParsedInvoice[]>();
  for (const row of body) {
    const r = checker.check(row);
    if (r === null) continue;
    let list = invoices.get(r.cnpj);
    if (list === undefined) invoices.set(r.cnpj, (list = []));
    list.push({ invoice: r.invoice, amountCents: r.amountCents, dueDate: r.dueDate, ...(r.description !== undefined ? { description: r.description } : {}), line: r.line });
  }
  const errors = checker.finish();
  if (errors.length > 0) return fail(errors);
  return {
    ok: true,
    debtors: [...checker.debtors.values()].map(({ firstLine: _firstLine, ...d }) => ({ ...d, invoices: invoices.get(d.cnpj) ?? [] })),
    invoiceCount: checker.invoiceCount,
  };
}

function fail(errors: PortfolioError[]): PortfolioParseResult {
  return { ok: false, errors };
}
