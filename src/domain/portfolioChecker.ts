// The portfolio CSV's rules (README.md "Portfolio import"), row by row: the header, each row's
// cells, and the checks across rows (one company name per CNPJ, each invoice once per CNPJ). The
// whole-file parser (portfolioCsv.ts) and the streaming import (portfolioCsvStream.ts) both feed
// rows through one checker, so they accept and reject the same files with the same errors.

import { controlCharacterIn, type CsvRow, type PortfolioError } from './csvRows.js';
import { cnpjProblem, normalizeCnpj } from './cnpj.js';
import { parseDateInput, type IsoDate } from './dates.js';
import { parseMoneyInput } from './money.js';
import { normalizePhone } from './phone.js';
import { PROACTIVE_CHANNELS, isProactiveChannel, type ProactiveChannel } from './channelRouting.js';

/** A debtor as the file describes it; contact details: the first non-empty value of its rows. */
export type PortfolioDebtor = {
  /** Normalised: 14 characters, no mask, uppercase. */
  cnpj: string;
  companyName: string;
  contactName?: string;
  /** E.164. */
  phone?: string;
  email?: string;
  /** The channel the contact asked to be reached on (column preferred_channel). */
  preferredChannel?: ProactiveChannel;
};

/** One valid data row: an invoice of the debtor `cnpj`. */
export type PortfolioRow = {
  line: number;
  cnpj: string;
  companyName: string;
  contactName?: string;
  phone?: string;
  email?: string;
  preferredChannel?: ProactiveChannel;
  invoice: string;
  amountCents: number;
  dueDate: IsoDate;
  description?: string;
};

const COLUMNS = ['cnpj', 'company_name', 'contact_name', 'phone', 'email', 'invoice', 'amount', 'due_date', 'description', 'preferred_channel'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['cnpj', 'company_name', 'invoice', 'amount', 'due_date'];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A row a spreadsheet saved as ",,,,": blank, not invalid. */
const isBlank = (row: CsvRow) => !row.cells.some((c) => c.trim() !== '');

/** One row's fields as far as they could be read, and whether the row had no error of its own. */
type Inspected = { cnpjOk: boolean; cnpj: string; companyName: string; invoice: string; row: PortfolioRow | null };

export class PortfolioChecker {
  /** Every error so far, in file order. */
  readonly errors: PortfolioError[] = [];
  /** Each CNPJ's debtor, in the order of their first rows (filled by check()). */
  readonly debtors = new Map<string, PortfolioDebtor & { firstLine: number }>();
  invoiceCount = 0;
  private readonly index = new Map<Column, number>();
  private readonly invoiceLines = new Map<string, number>();
  private headerLine = 1;
  private dataRows = 0;

  /** Reads the header row; false (errors recorded) when a required column is missing or one is doubled. */
  header(row: CsvRow): boolean {
    this.headerLine = row.line;
    const before = this.errors.length;
    row.cells.forEach((cell, i) => {
      const name = cell.trim().toLowerCase();
      if (!(COLUMNS as readonly string[]).includes(name)) return; // extra columns are ignored
      if (this.index.has(name as Column)) this.errors.push({ line: row.line, field: name, message: 'duplicate column' });
      else this.index.set(name as Column, i);
    });
    for (const col of REQUIRED) {
      if (!this.index.has(col)) this.errors.push({ line: row.line, field: col, message: 'missing required column' });
    }
    return this.errors.length === before;
  }

  /** A data row on its own (errors recorded): its values, or null when it has errors or is blank. */
  read(row: CsvRow): PortfolioRow | null {
    return isBlank(row) ? null : this.inspect(row).row;
  }

  /** read() and the checks across rows; a valid row counts as an invoice of its debtor. */
  check(row: CsvRow): PortfolioRow | null {
    if (isBlank(row)) return null;
    const before = this.errors.length;
    const x = this.inspect(row);
    // Cross-row checks need a valid CNPJ to group by.
    if (x.cnpjOk) {
      const existing = this.debtors.get(x.cnpj);
      if (existing && x.companyName !== '' && existing.companyName.toLowerCase() !== x.companyName.toLowerCase()) {
        this.errors.push({ line: row.line, field: 'company_name', message: `differs from line ${existing.firstLine} ("${existing.companyName}") for the same CNPJ` });
      }
      if (x.invoice !== '') {
        const key = `${x.cnpj}\u0000${x.invoice}`;
        const seenAt = this.invoiceLines.get(key);
        if (seenAt !== undefined) this.errors.push({ line: row.line, field: 'invoice', message: `duplicate of line ${seenAt} for the same CNPJ` });
        else this.invoiceLines.set(key, row.line);
      }
    }
    const r = x.row;
    if (r === null || this.errors.length > before) return null;

    let debtor = this.debtors.get(r.cnpj);
    if (debtor === undefined) {
      debtor = { cnpj: r.cnpj, companyName: r.companyName, firstLine: r.line };
      this.debtors.set(r.cnpj, debtor);
    }
    // Contact details: the first non-empty value wins; later rows may leave them blank.
    if (debtor.contactName === undefined && r.contactName !== undefined) debtor.contactName = r.contactName;
    if (debtor.phone === undefined && r.phone !== undefined) debtor.phone = r.phone;
    if (debtor.email === undefined && r.email !== undefined) debtor.email = r.email;
    if (debtor.preferredChannel === undefined && r.preferredChannel !== undefined) debtor.preferredChannel = r.preferredChannel;
    this.invoiceCount++;
    return r;
  }

  /** The file's errors once every row went through check() or read(). */
  finish(): PortfolioError[] {
    if (this.dataRows === 0 && this.errors.length === 0) this.errors.push({ line: this.headerLine, field: 'file', message: 'no data rows after the header' });
    return this.errors;
  }

  private inspect({ line, cells }: CsvRow): Inspected {
    this.dataRows++;
    const get = (col: Column): string => {
      const i = this.index.get(col);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const before = this.errors.length;
    const err = (field: Column, message: string): void => {
      this.errors.push({ line, field, message });
    };

    for (const [col, i] of this.index) {
      const bad = controlCharacterIn(cells[i] ?? '');
      if (bad) err(col, `contains the control character ${bad}; remove it and import again`);
    }

    const rawCnpj = get('cnpj');
    const cnpj = normalizeCnpj(rawCnpj);
    const problem = rawCnpj === '' ? null : cnpjProblem(rawCnpj);
    if (rawCnpj === '') err('cnpj', 'required');
    else if (problem === 'check_digits') err('cnpj', 'invalid check digits');
    else if (problem === 'repeated') err('cnpj', 'not a real CNPJ (repeated digits)');
    else if (problem === 'format') err('cnpj', 'expected 14 characters like 12.345.678/0001-95');
    const cnpjOk = rawCnpj !== '' && problem === null;

    const companyName = get('company_name').replace(/\s+/g, ' ');
    if (companyName === '') err('company_name', 'required');

    const rawPhone = get('phone');
    const phone = rawPhone === '' ? undefined : normalizePhone(rawPhone);
    if (phone === null) err('phone', 'invalid phone number');

    const email = get('email');
    if (email !== '' && !EMAIL.test(email)) err('email', 'invalid email address');
    // "e-mail", "WhatsApp", "Telegram" as a spreadsheet user writes them; empty: the creditor's order.
    const rawChannel = get('preferred_channel').toLowerCase().replace(/[\s-]/g, '');
    const preferredChannel = rawChannel === '' ? undefined : isProactiveChannel(rawChannel) ? rawChannel : undefined;
    if (rawChannel !== '' && !preferredChannel) err('preferred_channel', `expected one of: ${PROACTIVE_CHANNELS.join(', ')} (or empty)`);

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

    if (this.errors.length > before || amountCents === null || dueDate === null || phone === null) return { cnpjOk, cnpj, companyName, invoice, row: null };
    const contactName = get('contact_name');
    const description = get('description');
    return {
      cnpjOk,
      cnpj,
      companyName,
      invoice,
      row: {
        line,
        cnpj,
        companyName,
        ...(contactName !== '' ? { contactName } : {}),
        ...(phone ? { phone } : {}),
        ...(email !== '' ? { email } : {}),
        ...(preferredChannel ? { preferredChannel } : {}),
        invoice,
        amountCents,
        dueDate,
        ...(description !== '' ? { description } : {}),
      },
    };
  }
}
