// The portfolio CSV for the import endpoint, in two streamed passes over the uploaded text (the
// same rules and errors as parsePortfolioCsv, portfolioChecker.ts): scanPortfolioCsv validates
// the whole file and keeps only one small record per debtor (with its invoices' numbers, amounts
// and due dates, from which the writer computes the debtor's search text and balances before it
// writes the debtor); portfolioCsvRows then reads the invoices again, one at a time, for the
// batched writer. A 100 000-row file never exists as
// 100 000 parsed objects at once, and the event loop gets a turn every few thousand records.

import { csvProblem, normalizeCsvText, streamRows, type PortfolioError } from './csvRows.js';
import { PortfolioChecker, type PortfolioDebtor, type PortfolioRow } from './portfolioChecker.js';
import type { ParsedInvoice } from './portfolioCsv.js';

/** A debtor of the file and what its invoices add up to (no descriptions: those are read again in pass two). */
export type ScannedDebtor = PortfolioDebtor & { invoices: Pick<ParsedInvoice, 'invoice' | 'amountCents' | 'dueDate'>[] };

export type PortfolioScan =
  | { ok: true; debtors: ScannedDebtor[]; invoiceCount: number }
  | { ok: false; errors: PortfolioError[] };

const empty = (line = 1): PortfolioScan => ({ ok: false, errors: [{ line, field: 'file', message: 'file is empty' }] });

/** Pass one: every error of the file (line-numbered), or its debtors and invoice count. */
export async function scanPortfolioCsv(input: string): Promise<PortfolioScan> {
  const text = normalizeCsvText(input);
  if (text.trim() === '') return empty();
  const checker = new PortfolioChecker();
  const invoices = new Map<string, ScannedDebtor['invoices']>();
  let headerSeen = false;
  try {
    for await (const row of streamRows(text)) {
      if (!headerSeen) {
        headerSeen = true;
        if (!checker.header(row)) return { ok: false, errors: checker.errors };
        continue;
      }
      const r = checker.check(row);
      if (r === null) continue;
      let list = invoices.get(r.cnpj);
      if (list === undefined) invoices.set(r.cnpj, (list = []));
      list.push({ invoice: r.invoice, amountCents: r.amountCents, dueDate: r.dueDate });
    }
  } catch (e) {
    // As the whole-file parser: a file csv-parse cannot read has that one error.
    return { ok: false, errors: [csvProblem(e)] };
  }
  if (!headerSeen) return empty();
  const errors = checker.finish();
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, debtors: [...checker.debtors.values()].map(({ firstLine: _firstLine, ...d }) => ({ ...d, invoices: invoices.get(d.cnpj) ?? [] })), invoiceCount: checker.invoiceCount };
}

/** Pass two, over a file scanPortfolioCsv accepted: its rows (invoices), in file order. */
export async function* portfolioCsvRows(input: string): AsyncGenerator<PortfolioRow> {
  const checker = new PortfolioChecker();
  let headerSeen = false;
  for await (const row of streamRows(normalizeCsvText(input))) {
    if (!headerSeen) {
      headerSeen = true;
      if (!checker.header(row)) throw new Error('portfolioCsvRows: the file was not scanned (bad header)');
      continue;
    }
    const r = checker.read(row);
    if (r) yield r;
    else if (checker.errors.length > 0) throw new Error(`portfolioCsvRows: the file was not scanned (line ${row.line})`);
  }
}
