import type { PortfolioError } from '../domain/csvRows.js';
import { portfolioCsvRows, scanPortfolioCsv } from '../domain/portfolioCsvStream.js';
import type { Db } from './database.js';
import { writePortfolio } from './portfolioRepository.js';

export type PortfolioImportResult = { ok: true; debtors: number; invoices: number } | { ok: false; errors: PortfolioError[] };

/**
 * The portfolio import of a CSV text (POST /api/admin/portfolio/import, the CLI): the whole file
 * validated first (a bad file writes nothing and answers every bad line), then its invoices read
 * again and written in batches (writePortfolio), one transaction.
 */
export async function importPortfolioCsv(db: Db, creditorId: string, csv: string, actor: string): Promise<PortfolioImportResult> {
  const scan = await scanPortfolioCsv(csv);
  if (!scan.ok) return scan;
  const written = await writePortfolio(db, creditorId, scan.debtors, () => portfolioCsvRows(csv), actor);
  return { ok: true, ...written };
}
