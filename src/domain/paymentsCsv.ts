// Reconciliation from a bank export (issue 12, "Payments in"): a CSV with one payment per row,
// header `txid,amount,paid_at[,end_to_end_id]`. The same whole-file rules as the portfolio import
// (portfolioCsv.ts): "," or ";" as delimiter, a BOM and CRLF tolerated, extra columns ignored,
// and any bad row rejects the file with every error and its line number, so nothing is imported
// half-way and the admin fixes the spreadsheet in one pass.
//
// Cells:
// - txid: what the payment carries (1–35 characters, no spaces); a txid matching no instalment
//   is not an error here: the payment is kept as unmatched.
// - amount: "4195.84", "4.195,84", "R$ 4.195,84" (parseMoneyInput); more than zero.
// - paid_at: an ISO 8601 instant with its offset ("2026-12-05T13:00:00Z", "…T10:00:00-03:00"), or
//   a bare date ("2026-12-05" or "05/12/2026"): bank statements often carry only the day. A bare
//   date is read as NOON in the creditor's time zone (America/Sao_Paulo by default): the middle of
//   the day stays on that calendar day in every Brazilian zone. Two lines with the same txid, amount and day are the same payment (a duplicate), so a
//   bank-side repeat is not counted twice.
// - end_to_end_id (optional): the PIX E… id; with it, the payment is recognised by it alone (a
//   webhook that brought the same payment makes this line a duplicate).

import { controlCharacterIn, readRows } from './portfolioCsv.js';
import { parseDateInput, wallClockInstant, type IsoDate } from './dates.js';
import { parseMoneyInput } from './money.js';

export interface CsvPayment {
  /** The line the row starts on (header = 1). */
  line: number;
  txid: string;
  amountCents: number;
  /** ISO instant, UTC with milliseconds. */
  paidAt: string;
  endToEndId: string | null;
}

export type PaymentsCsvError = { line: number; field: string; message: string };

export type PaymentsCsvResult = { ok: true; payments: CsvPayment[] } | { ok: false; errors: PaymentsCsvError[] };

const COLUMNS = ['txid', 'amount', 'paid_at', 'end_to_end_id'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['txid', 'amount', 'paid_at'];

const TXID = /^\S{1,35}$/;
const END_TO_END_ID = /^[A-Za-z0-9]{1,64}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
/** At most 10 000 lines a file: a month's statement of a large creditor, and one transaction. */
export const MAX_PAYMENT_ROWS = 10_000;

/** Noon of `date` on the wall clock of `timeZone`, as an ISO instant. */
export function noonIn(date: IsoDate, timeZone: string): string {
  return wallClockInstant(date, 12, timeZone).toISOString();
}

/** An instant with its offset, or a bare date read as noon in `timeZone`; null when neither. */
export function parsePaidAt(s: string, timeZone: string): string | null {
  const t = s.trim();
  if (INSTANT.test(t)) {
    const ms = Date.parse(t);
    // Date.parse rolls 2026-02-30 over to March: the calendar date must exist as written.
    if (!Number.isFinite(ms) || parseDateInput(t.slice(0, 10)) === null) return null;
    return new Date(ms).toISOString();
  }
  const date = parseDateInput(t);
  return date ? noonIn(date, timeZone) : null;
}

export function parsePaymentsCsv(input: string, opts: { timeZone: string }): PaymentsCsvResult {
  const fail = (errors: PaymentsCsvError[]): PaymentsCsvResult => ({ ok: false, errors });
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail([{ line: 1, field: 'file', message: 'file is empty' }]);
  const read = readRows(text);
  if (!read.ok) return fail([read.error]);
  const [header, ...body] = read.rows;
  if (header === undefined) return fail([{ line: 1, field: 'file', message: 'file is empty' }]);

  const index = new Map<Column, number>();
  const headerErrors: PaymentsCsvError[] = [];
  header.cells.forEach((cell, i) => {
    const name = cell.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name)) return;
    if (index.has(name as Column)) headerErrors.push({ line: header.line, field: name, message: 'duplicate column' });
    else index.set(name as Column, i);
  });
  for (const col of REQUIRED) if (!index.has(col)) headerErrors.push({ line: header.line, field: col, message: 'missing required column' });
  if (headerErrors.length > 0) return fail(headerErrors);

  const rows = body.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length === 0) return fail([{ line: header.line, field: 'file', message: 'no data rows after the header' }]);
  if (rows.length > MAX_PAYMENT_ROWS) return fail([{ line: header.line, field: 'file', message: `at most ${MAX_PAYMENT_ROWS} payments per file; split it` }]);

  const errors: PaymentsCsvError[] = [];
  const payments: CsvPayment[] = [];
  for (const { line, cells } of rows) {
    const get = (col: Column): string => {
      const i = index.get(col);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const err = (field: Column, message: string) => errors.push({ line, field, message });
    const before = errors.length;
    for (const [col, i] of index) {
      const bad = controlCharacterIn(cells[i] ?? '');
      if (bad) err(col, `contains the control character ${bad}; remove it and import again`);
    }
    if (errors.length > before) continue;

    const txid = get('txid');
    if (txid === '') err('txid', 'required');
    else if (!TXID.test(txid)) err('txid', 'expected 1 to 35 characters without spaces');

    const rawAmount = get('amount');
    const amountCents = parseMoneyInput(rawAmount);
    if (rawAmount === '') err('amount', 'required');
    else if (amountCents === null && rawAmount.startsWith('-') && parseMoneyInput(rawAmount.slice(1)) !== null) err('amount', 'must be greater than zero');
    else if (amountCents === null) err('amount', 'expected 4195.84 or 4.195,84');
    else if (amountCents <= 0) err('amount', 'must be greater than zero');
    else if (!Number.isSafeInteger(amountCents)) err('amount', 'too large');

    const rawPaidAt = get('paid_at');
    const paidAt = parsePaidAt(rawPaidAt, opts.timeZone);
    if (rawPaidAt === '') err('paid_at', 'required');
    else if (paidAt === null) err('paid_at', 'expected an instant like 2026-12-05T13:00:00Z (with its offset) or a date like 2026-12-05 or 05/12/2026');

    const e2e = get('end_to_end_id');
    if (e2e !== '' && !END_TO_END_ID.test(e2e)) err('end_to_end_id', 'expected 1 to 64 letters and digits (E…)');

    if (errors.length === before) payments.push({ line, txid, amountCents: amountCents!, paidAt: paidAt!, endToEndId: e2e === '' ? null : e2e });
  }
  return errors.length > 0 ? fail(errors) : { ok: true, payments };
}
