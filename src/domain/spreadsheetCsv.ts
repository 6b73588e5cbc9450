// Exports that open as they should in a Brazilian spreadsheet (Excel or LibreOffice in pt-BR),
// the creditor's staff's tool (issue 13): UTF-8 with a BOM (without it Excel reads the accents as
// Latin-1), ";" between cells (the comma is the decimal separator there), CRLF line ends, quoting
// per RFC 4180 (a cell holding ";", '"', CR or LF is quoted, quotes doubled), and numbers, dates and
// times written the way that spreadsheet reads them as numbers, dates and times:
//   money 1.234,56 · whole numbers 1234 · rates 66,67% · dates 30/11/2026 · instants 30/11/2026 23:30
// The format is the Brazilian spreadsheet's whatever the labels' language (`lang` only changes words).
//
// Formula injection (OWASP "CSV Injection"): a cell the spreadsheet would run as a formula, one
// starting with = + - @ (or their full-width forms, which Apple Numbers folds to them), a tab or a
// CR, is prefixed with a single quote, which shows the text as typed. That only applies to TEXT:
// the cells are typed, so a negative amount we format ourselves ("-1.234,56") stays a number. This
// is why csv-stringify's own escape_formulas is off: it sees every formatted cell as a string.

import { stringify } from 'csv-stringify/sync';
import { formatDate, type IsoDate } from './dates.js';
import { formatAmount } from './money.js';
import { wallClockOf } from './zonedTime.js';

/** One cell of an export; null is an empty cell. */
export type Cell =
  | { text: string | null }
  /** A whole number (a count, a number of instalments, minutes). */
  | { int: number | null }
  /** Integer cents: "1.234,56". */
  | { money: number | null }
  /** A number with two decimals ("3,50"): an average, never money. */
  | { decimal: number | null }
  /** A fraction 0..1 shown as a percentage with two decimals: 0.6667 → "66,67%". */
  | { percent: number | null }
  /** A calendar day: "30/11/2026". */
  | { date: IsoDate | null }
  /** An instant, on the wall clock of the export's time zone: "30/11/2026 23:30". */
  | { instant: Date | null }
  | null;

export const BOM = '\uFEFF';
export const SEPARATOR = ';';
export const LINE_END = '\r\n';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text as the spreadsheet shows it, never as a formula it runs. */
export function neutraliseText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

function wholeNumber(n: number): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`a spreadsheet number must be a safe integer, got ${n}`);
  return n;
}

/** The text of one cell, before quoting; `timeZone` places instants on a wall clock. */
export function formatCell(cell: Cell, timeZone: string): string {
  if (cell === null) return '';
  if ('text' in cell) return cell.text === null ? '' : neutraliseText(cell.text);
  if ('int' in cell) return cell.int === null ? '' : String(wholeNumber(cell.int));
  if ('money' in cell) return cell.money === null ? '' : formatAmount(cell.money, 'pt-BR');
  // Averages and rates are not money: rounding them to a whole number of hundredths is the display.
  if ('decimal' in cell) return cell.decimal === null ? '' : formatAmount(Math.round(cell.decimal * 100), 'pt-BR');
  if ('percent' in cell) return cell.percent === null ? '' : `${formatAmount(Math.round(cell.percent * 10_000), 'pt-BR')}%`;
  if ('date' in cell) return cell.date === null ? '' : formatDate(cell.date, 'pt-BR');
  if (cell.instant === null) return '';
  const wall = wallClockOf(cell.instant, timeZone);
  return `${formatDate(wall.date, 'pt-BR')} ${wall.time}`;
}

/** Records as CSV text (no BOM): each record ends with CRLF. */
function records(rows: readonly string[][]): string {
  if (rows.length === 0) return '';
  return stringify(rows as string[][], {
    delimiter: SEPARATOR,
    record_delimiter: LINE_END,
    // A lone CR or LF in a cell is quoted too (with a record delimiter of our own, csv-stringify
    // would otherwise quote only a whole CRLF), so no reader splits the record there.
    quote_record_delimiter: true,
    escape_formulas: false,
    eof: true,
  });
}

export interface SheetOptions {
  /** Where instants are shown (the creditor's time zone). */
  timeZone: string;
}

/** The header and the rows of one page, as CSV lines (no BOM). */
export function csvLines(rows: readonly (readonly Cell[])[], opts: SheetOptions): string {
  return records(rows.map((r) => r.map((c) => formatCell(c, opts.timeZone))));
}

/** A whole export in one string: BOM, header, rows. For small exports (the KPIs). */
export function spreadsheetCsv(header: readonly string[], rows: readonly (readonly Cell[])[], opts: SheetOptions): string {
  return BOM + csvLines([header.map((text) => ({ text })), ...rows], opts);
}

/**
 * A long export as it is read: the BOM and the header first, then one chunk of lines per page of
 * rows, so a response can send each page as soon as the database returns it.
 */
export async function* spreadsheetCsvChunks(header: readonly string[], pages: AsyncIterable<readonly (readonly Cell[])[]>, opts: SheetOptions): AsyncGenerator<string> {
  yield BOM + csvLines([header.map((text) => ({ text }))], opts);
  for await (const page of pages) if (page.length > 0) yield csvLines(page, opts);
}
