// Portfolio import (README.md "Portfolio import"): a CSV with one row per invoice, rows with the same CNPJ forming
// one debtor. Parsing is all-or-nothing — any bad row rejects the file — so the admin gets
// EVERY error at once and can fix the spreadsheet in one pass instead of one error per upload.

import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import { cnpjProblem, normalizeCnpj } from './cnpj.js';
import { parseDateInput, type IsoDate } from './dates.js';
import { parseMoneyInput } from './money.js';
import { normalizePhone } from './phone.js';

export type ParsedInvoice = {
  invoice: string;
  amountCents: number;
  dueDate: IsoDate;
  description?: string;
  /** The CSV line the row starts on (header = 1), so a preview can point the admin at it; absent for debtors built in code. */
  line?: number;
};

export type ParsedDebtor = {
  /** Normalised: 14 characters, no mask, uppercase. */
  cnpj: string;
  companyName: string;
  contactName?: string;
  /** E.164. */
  phone?: string;
  email?: string;
  invoices: ParsedInvoice[];
};

export type PortfolioError = { line: number; field: string; message: string };

export type PortfolioParseResult =
  | { ok: true; debtors: ParsedDebtor[]; invoiceCount: number }
  | { ok: false; errors: PortfolioError[] };

const COLUMNS = ['cnpj', 'company_name', 'contact_name', 'phone', 'email', 'invoice', 'amount', 'due_date', 'description'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['cnpj', 'company_name', 'invoice', 'amount', 'due_date'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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

/** Brazilian Excel writes ";" (the comma is the decimal separator there); others write ",". */
function detectDelimiter(text: string): ',' | ';' {
  const header = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return countOutsideQuotes(header, ';') > countOutsideQuotes(header, ',') ? ';' : ',';
}

export type CsvRow = { line: number; cells: string[] };
type Row = CsvRow;

/**
 * The line a record STARTS on, header = 1, as a text editor (and, without multi-line cells, a
 * spreadsheet) numbers it. csv-parse reports the line a record ENDS on; the record's own
 * newlines (quoted multi-line cells) are subtracted back, leading skipped blank lines ignored.
 */
function startLine(endLine: number, raw: string): number {
  const own = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (own.match(/\n/g)?.length ?? 0);
}

/** The records of a CSV text ("," or ";"), each with the line it starts on; shared with the payments import. */
export function readRows(text: string): { ok: true; rows: Row[] } | { ok: false; error: PortfolioError } {
  try {
    const records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    return { ok: true, rows: records.map((r) => ({ line: startLine(r.info.lines, r.raw), cells: r.record })) };
  } catch (e) {
    if (e instanceof CsvError) {
      const lines: unknown = (e as unknown as { lines?: unknown }).lines;
      const line = typeof lines === 'number' ? lines : 1;
      const message = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'unclosed quote' : `malformed CSV (${e.code})`;
      return { ok: false, error: { line, field: 'file', message } };
    }
    throw e;
  }
}

export function parsePortfolioCsv(input: string): PortfolioParseResult {
  // One newline convention first: csv-parse picks the record delimiter from the first line,
  // and a file mixing CRLF and LF (hand-edited exports) would leave stray \r in cells.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail([{ line: 1, field: 'file', message: 'file is empty' }]);

  const read = readRows(text);
  if (!read.ok) return fail([read.error]);
  const [header, ...body] = read.rows;
  if (header === undefined) return fail([{ line: 1, field: 'file', message: 'file is empty' }]);

  const index = new Map<Column, number>();
  const headerErrors: PortfolioError[] = [];
  header.cells.forEach((cell, i) => {
    const name = cell.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name)) return; // extra columns are ignored
    if (index.has(name as Column)) headerErrors.push({ line: header.line, field: name, message: 'duplicate column' });
    else index.set(name as Column, i);
  });
  for (const col of REQUIRED) {
    if (!index.has(col)) headerErrors.push({ line: header.line, field: col, message: 'missing required column' });
  }
  if (headerErrors.length > 0) return fail(headerErrors);

  // A spreadsheet saved with trailing ",,,," rows: blank, not invalid.
  const rows = body.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) return fail([{ line: header.line, field: 'file', message: 'no data rows after the header' }]);

  const errors: PortfolioError[] = [];
  const debtors = new Map<string, ParsedDebtor & { firstLine: number }>();
  const invoiceLines = new Map<string, number>();
  let invoiceCount = 0;

  for (const { line, cells } of rows) {
    const get = (col: Column): string => {
      const i = index.get(col);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const err = (field: Column, message: string): void => {
      errors.push({ line, field, message });
    };
    const before = errors.length;

    for (const [col, i] of index) {
      const bad = controlCharacterIn(cells[i] ?? '');
      if (bad) err(col, `contains the control character ${bad}; remove it and import again`);
    }

    const rawCnpj = get('cnpj');
    const cnpj = normalizeCnpj(rawCnpj);
    if (rawCnpj === '') err('cnpj', 'required');
    else {
      const problem = cnpjProblem(rawCnpj);
      if (problem === 'check_digits') err('cnpj', 'invalid check digits');
      else if (problem === 'repeated') err('cnpj', 'not a real CNPJ (repeated digits)');
      else if (problem === 'format') err('cnpj', 'expected 14 characters like 12.345.678/0001-95');
    }
    const cnpjOk = rawCnpj !== '' && cnpjProblem(rawCnpj) === null;

    const companyName = get('company_name').replace(/\s+/g, ' ');
    if (companyName === '') err('company_name', 'required');

    const rawPhone = get('phone');
    const phone = rawPhone === '' ? undefined : normalizePhone(rawPhone);
    if (phone === null) err('phone', 'invalid phone number');

    const email = get('email');
    if (email !== '' && !EMAIL.test(email)) err('email', 'invalid email address');

    const invoice = get('invoice');
    if (invoice === '') err('invoice', 'required');

    const rawAmount = get('amount');
    const amountCents = parseMoneyInput(rawAmount);
    if (rawAmount === '') err('amount', 'required');
    else if (amountCents === null && rawAmount.startsWith('-') && parseMoneyInput(rawAmount.slice(1)) !== null) {
      err('amount', 'must be greater than zero');
    } else if (amountCents === null) err('amount', 'expected 1234.56 or 1.234,56');
    else if (amountCents <= 0) err('amount', 'must be greater than zero');

    const rawDate = get('due_date');
    const dueDate = parseDateInput(rawDate);
    if (rawDate === '') err('due_date', 'required');
    else if (dueDate === null) err('due_date', 'expected 2026-03-31 or 31/03/2026');

    // Cross-row checks need a valid CNPJ to group by.
    if (cnpjOk) {
      const existing = debtors.get(cnpj);
      if (existing && companyName !== '' && existing.companyName.toLowerCase() !== companyName.toLowerCase()) {
        err('company_name', `differs from line ${existing.firstLine} ("${existing.companyName}") for the same CNPJ`);
      }
      if (invoice !== '') {
        const key = `${cnpj}\u0000${invoice}`;
        const seenAt = invoiceLines.get(key);
        if (seenAt !== undefined) err('invoice', `duplicate of line ${seenAt} for the same CNPJ`);
        else invoiceLines.set(key, line);
      }
    }

    if (errors.length > before || !cnpjOk || amountCents === null || dueDate === null) continue;

    let debtor = debtors.get(cnpj);
    if (debtor === undefined) {
      debtor = { cnpj, companyName, invoices: [], firstLine: line };
      debtors.set(cnpj, debtor);
    }
    // Contact details: the first non-empty value wins; later rows may leave them blank.
    const contactName = get('contact_name');
    if (debtor.contactName === undefined && contactName !== '') debtor.contactName = contactName;
    if (debtor.phone === undefined && phone) debtor.phone = phone;
    if (debtor.email === undefined && email !== '') debtor.email = email;
    const description = get('description');
    debtor.invoices.push({ invoice, amountCents, dueDate, ...(description !== '' ? { description } : {}), line });
    invoiceCount++;
  }

  if (errors.length > 0) return fail(errors);
  return {
    ok: true,
    debtors: [...debtors.values()].map(({ firstLine: _firstLine, ...d }) => d),
    invoiceCount,
  };
}

function fail(errors: PortfolioError[]): PortfolioParseResult {
  return { ok: false, errors };
}
