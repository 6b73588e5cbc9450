// The records of an uploaded CSV ("," or ";"), each with the line it starts on: the reading the
// portfolio and payments imports share. Two ways: readRows holds every record of a small file at
// once; streamRows hands a large file's records over one by one (the portfolio import reads a
// 100 000-row file twice that way instead of holding 100 000 records and their objects).

import { parse, type Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';

export type CsvRow = { line: number; cells: string[] };

/** An error an admin can act on: the file's line (header = 1), the column, what is wrong. */
export type PortfolioError = { line: number; field: string; message: string };

// NUL cannot be stored in a PostgreSQL text column (the import ended in a 500), and no other
// control character belongs in a cell; a line break or a tab inside a quoted cell may.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** "U+0000 (NUL)" for the first control character in `cell`, or null. */
export function controlCharacterIn(cell: string): string | null {
  const m = CONTROL.exec(cell);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}${code === 0 ? ' (NUL)' : ''}`;
}

/**
 * One newline convention and no BOM: csv-parse picks the record delimiter from the first line,
 * and a file mixing CRLF and LF (hand-edited exports) would leave stray \r in cells.
 */
export function normalizeCsvText(input: string): string {
  return input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Counts a delimiter outside double quotes, so a quoted "Acme, Ltda" does not vote for ",". */
function countOutsideQuotes(line: string, ch: string): number {
  let inQuotes = false;
  let count = 0;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ch && !inQuotes) count++;
  }
  return count;
}

/** The first line with something on it, found without splitting the whole (maybe 15 MB) text. */
function firstNonBlankLine(text: string): string {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end);
    if (line.trim() !== '') return line;
    if (end === -1) break;
    start = end + 1;
  }
  return '';
}

/** Brazilian Excel writes ";" (the comma is the decimal separator there); others write ",". */
function detectDelimiter(text: string): ',' | ';' {
  const header = firstNonBlankLine(text);
  return countOutsideQuotes(header, ';') > countOutsideQuotes(header, ',') ? ';' : ',';
}

type Parsed = { record: string[]; info: { lines: number } };

// Without csv-parse's `raw` (the record's text again, which cost as much as the parsing).
const options = (text: string) => ({ delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: true, info: true }) as const;

/**
 * The line a record STARTS on, header = 1, as a text editor (and, without multi-line cells, a
 * spreadsheet) numbers it. csv-parse reports the line a record ENDS on; the record's own
 * newlines, all inside quoted multi-line cells (the text has only \n), are subtracted back.
 */
function toRow({ record, info }: Parsed): CsvRow {
  let own = 0;
  for (const cell of record) for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) own++;
  return { line: info.lines - own, cells: record };
}

/** A file csv-parse cannot read (an unclosed quote…) as the one error of the file, or the error rethrown. */
export function csvProblem(e: unknown): PortfolioError {
  if (!(e instanceof CsvError)) throw e;
  const lines: unknown = (e as unknown as { lines?: unknown }).lines;
  const line = typeof lines === 'number' ? lines : 1;
  const message = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unclosed quote' : `malformed CSV (${e.code})`;
  return { line, field: 'file', message };
}

/** The records of a (normalised) CSV text, all at once. */
export function readRows(text: string): { ok: true; rows: CsvRow[] } | { ok: false; error: PortfolioError } {
  try {
    const records = parseSync(text, options(text)) as unknown as Parsed[];
    return { ok: true, rows: records.map(toRow) };
  } catch (e) {
    return { ok: false, error: csvProblem(e) };
  }
}

/**
 * The longest stretch of reading (and of what the caller does with each record) before the event
 * loop gets a turn, so the server answers other requests while a large file is read. By time, not
 * by records: on PostgreSQL a request waiting for the database needs a turn per round trip, and a
 * count of records took 100–200 ms on a busy machine (a web chat start took 6 s during an import).
 */
const SLICE_MS = 10;
const CHUNK_BYTES = 64 * 1024;

/** Until the parser wants more input, or is gone (its reader stopped or it failed). */
function drained(parser: Parser): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done).off('close', done);
      resolve();
    };
    parser.on('drain', done).on('close', done);
  });
}

/**
 * The records of a (normalised) CSV text one by one, read in 64 KB chunks with backpressure, so
 * only a chunk's records exist at a time. Throws csv-parse's CsvError (see csvProblem) on a
 * malformed file, after the records before the fault.
 */
export async function* streamRows(text: string): AsyncGenerator<CsvRow> {
  const bytes = Buffer.from(text);
  const parser = parse(options(text));
  const feed = async () => {
    for (let at = 0; at < bytes.length && !parser.destroyed; at += CHUNK_BYTES) {
      // csv-parse joins a character split between two chunks back together.
      if (!parser.write(bytes.subarray(at, at + CHUNK_BYTES))) await drained(parser);
    }
    parser.end();
  };
  void feed().catch(() => {}); // a parse error reaches the loop below through the parser
  let sliceStart = performance.now();
  for await (const record of parser as AsyncIterable<Parsed>) {
    yield toRow(record);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
