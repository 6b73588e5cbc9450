import { describe, expect, it } from 'vitest';
import { parsePortfolioCsv, type PortfolioError } from '../../src/domain/portfolioCsv.js';

const HEADER = 'cnpj,company_name,contact_name,phone,email,invoice,amount,due_date,description';
const A = '11.222.333/0001-81';
const B = '12.ABC.345/01DE-35';

function errorsOf(text: string): PortfolioError[] {
  const r = parsePortfolioCsv(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}

function ok(text: string) {
  const r = parsePortfolioCsv(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe('parsePortfolioCsv — valid files', () => {
  it('groups rows by CNPJ into debtors with normalised values', () => {
    const r = ok(
      [
        HEADER,
        `${A},Acme Ltda,Maria,(11) 98765-4321,maria@acme.com.br,NF-1,"1.234,56",31/03/2026,Serviços março`,
        `${A},Acme Ltda,,,,NF-2,2000,2026-04-30,`,
        `${B},Beta SA,João,+55 21 3456-7890,,77,99.9,2026-05-01,`,
      ].join('\n'),
    );
    expect(r.invoiceCount).toBe(3);
    expect(r.debtors).toEqual([
      {
        cnpj: '11222333000181',
        companyName: 'Acme Ltda',
        contactName: 'Maria',
        phone: '+5511987654321',
        email: 'maria@acme.com.br',
        invoices: [
          { invoice: 'NF-1', amountCents: 123456, dueDate: '2026-03-31', description: 'Serviços março', line: 2 },
          { invoice: 'NF-2', amountCents: 200000, dueDate: '2026-04-30', line: 3 },
        ],
      },
      {
        cnpj: '12ABC34501DE35',
        companyName: 'Beta SA',
        contactName: 'João',
        phone: '+552134567890',
        invoices: [{ invoice: '77', amountCents: 9990, dueDate: '2026-05-01', line: 4 }],
      },
    ]);
  });

  it('reads semicolon files from Brazilian Excel, with a BOM, CRLF and case-insensitive padded headers', () => {
    const text = '\uFEFF CNPJ ; Company_Name ;INVOICE;Amount;Due_Date\r\n' + `${A};Acme;1;1.234,56;31/03/2026\r\n`;
    const r = ok(text);
    expect(r.debtors[0]).toMatchObject({ cnpj: '11222333000181', companyName: 'Acme' });
    expect(r.debtors[0]?.invoices[0]).toEqual({ invoice: '1', amountCents: 123456, dueDate: '2026-03-31', line: 2 });
  });

  it('needs only the required columns and ignores unknown extra ones', () => {
    const r = ok(`invoice,amount,due_date,cnpj,company_name,segment\nX1,10,2026-03-31,${A},Acme,retail\n`);
    expect(r.debtors[0]?.invoices).toEqual([{ invoice: 'X1', amountCents: 1000, dueDate: '2026-03-31', line: 2 }]);
  });

  it('keeps a comma inside a quoted name and a newline inside a quoted description', () => {
    const r = ok(`${HEADER}\n${A},"Acme, Ltda",,,,1,10,2026-03-31,"line one\nline two"\n${A},"Acme, Ltda",,,,2,10,2026-03-31,\n`);
    expect(r.debtors[0]?.companyName).toBe('Acme, Ltda');
    expect(r.debtors[0]?.invoices[0]?.description).toBe('line one\nline two');
    // Each row keeps the line it starts on, as a text editor numbers it.
    expect(r.debtors[0]?.invoices.map((i) => i.line)).toEqual([2, 4]);
  });

  it('skips blank lines and all-empty rows a spreadsheet leaves at the end', () => {
    const r = ok(`${HEADER}\n\n${A},Acme,,,,1,10,2026-03-31,\n,,,,,,,,\n\n`);
    expect(r.invoiceCount).toBe(1);
  });

  it('treats company names differing only in case or spacing as the same company', () => {
    expect(ok(`${HEADER}\n${A},Acme  Ltda,,,,1,10,2026-03-31,\n${A},ACME LTDA,,,,2,10,2026-03-31,\n`).debtors).toHaveLength(1);
  });

  it('allows the same invoice number for different CNPJs', () => {
    expect(ok(`${HEADER}\n${A},Acme,,,,1,10,2026-03-31,\n${B},Beta,,,,1,10,2026-03-31,\n`).invoiceCount).toBe(2);
  });
});

describe('parsePortfolioCsv — errors', () => {
  it('reports every bad field of every row, with spreadsheet line numbers', () => {
    const errors = errorsOf(
      [
        HEADER,
        `${A},Acme,,,,1,10,2026-03-31,`, // line 2: fine
        `11.222.333/0001-82,Acme,,,,2,10,2026-03-31,`, // line 3: check digits
        `${A},,,,,3,10,2026-03-31,`, // line 4: company name
        `${A},Acme,,(11) 1234,maria@,4,0,31/02/2026,`, // line 5: phone, email, amount, date
        `${A},Acme,,,,5,"1.234,567",2026-03-31,`, // line 6: amount
        `${A},Acme,,,,,10,,`, // line 7: invoice and date missing
        `123,Acme,,,,6,10,2026-03-31,`, // line 8: cnpj format
        `${A},Acme,,,,7,-10,2026-03-31,`, // line 9: negative amount
      ].join('\n'),
    );
    expect(errors).toEqual([
      { line: 3, field: 'cnpj', message: 'invalid check digits' },
      { line: 4, field: 'company_name', message: 'required' },
      { line: 5, field: 'phone', message: 'invalid phone number' },
      { line: 5, field: 'email', message: 'invalid email address' },
      { line: 5, field: 'amount', message: 'must be greater than zero' },
      { line: 5, field: 'due_date', message: 'expected 2026-03-31 or 31/03/2026' },
      { line: 6, field: 'amount', message: 'expected 1234.56 or 1.234,56' },
      { line: 7, field: 'invoice', message: 'required' },
      { line: 7, field: 'due_date', message: 'required' },
      { line: 8, field: 'cnpj', message: 'expected 14 characters like 12.345.678/0001-95' },
      { line: 9, field: 'amount', message: 'must be greater than zero' },
    ]);
  });

  it('flags the second occurrence of an invoice for the same CNPJ', () => {
    expect(errorsOf(`${HEADER}\n${A},Acme,,,,NF-1,10,2026-03-31,\n${A},Acme,,,,NF-2,10,2026-03-31,\n${A},Acme,,,,NF-1,20,2026-04-30,\n`)).toEqual([
      { line: 4, field: 'invoice', message: 'duplicate of line 2 for the same CNPJ' },
    ]);
  });

  it('flags the same CNPJ with a different company name', () => {
    expect(errorsOf(`${HEADER}\n${A},Acme,,,,1,10,2026-03-31,\n${A},Other Co,,,,2,10,2026-03-31,\n`)).toEqual([
      { line: 3, field: 'company_name', message: 'differs from line 2 ("Acme") for the same CNPJ' },
    ]);
  });

  it('recognises the same CNPJ written with and without the mask', () => {
    const errors = errorsOf(`${HEADER}\n${A},Acme,,,,1,10,2026-03-31,\n11222333000181,Acme,,,,1,10,2026-03-31,\n`);
    expect(errors).toEqual([{ line: 3, field: 'invoice', message: 'duplicate of line 2 for the same CNPJ' }]);
  });

  it('rejects all-same-digit CNPJs', () => {
    expect(errorsOf(`${HEADER}\n00000000000000,Acme,,,,1,10,2026-03-31,\n`)[0]).toMatchObject({ line: 2, field: 'cnpj' });
  });

  it('counts lines from the start of a record when a quoted cell spans lines', () => {
    const errors = errorsOf(`${HEADER}\n${A},Acme,,,,1,10,2026-03-31,"two\nlines"\n${A},Acme,,,,2,abc,2026-03-31,\n`);
    expect(errors).toEqual([{ line: 4, field: 'amount', message: 'expected 1234.56 or 1.234,56' }]);
  });

  it('counts blank lines like a spreadsheet does', () => {
    expect(errorsOf(`${HEADER}\n\n\n${A},Acme,,,,1,abc,2026-03-31,\n`)[0]?.line).toBe(4);
  });

  it('reports a row with missing trailing cells as missing values', () => {
    expect(errorsOf(`${HEADER}\n${A},Acme,,,,1\n`)).toEqual([
      { line: 2, field: 'amount', message: 'required' },
      { line: 2, field: 'due_date', message: 'required' },
    ]);
  });

  it('reports each missing required column once, on line 1', () => {
    expect(errorsOf(`cnpj,company_name,amount\n${A},Acme,10\n`)).toEqual([
      { line: 1, field: 'invoice', message: 'missing required column' },
      { line: 1, field: 'due_date', message: 'missing required column' },
    ]);
  });

  it('reports a duplicated column', () => {
    expect(errorsOf(`cnpj,company_name,invoice,amount,due_date,Amount\n${A},Acme,1,10,2026-03-31,20\n`)).toEqual([
      { line: 1, field: 'amount', message: 'duplicate column' },
    ]);
  });

  it('says clearly when the file is empty or has only a header', () => {
    expect(errorsOf('')).toEqual([{ line: 1, field: 'file', message: 'file is empty' }]);
    expect(errorsOf('\uFEFF \n\n')).toEqual([{ line: 1, field: 'file', message: 'file is empty' }]);
    expect(errorsOf(`${HEADER}\n`)).toEqual([{ line: 1, field: 'file', message: 'no data rows after the header' }]);
    expect(errorsOf(`${HEADER}\n,,,,,,,,\n`)).toEqual([{ line: 1, field: 'file', message: 'no data rows after the header' }]);
  });

  it('reports an unclosed quote instead of throwing', () => {
    const errors = errorsOf(`${HEADER}\n${A},"Acme,,,,1,10,2026-03-31,\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'file', message: 'unclosed quote' });
  });
});

describe('control characters in cells', () => {
  it('rejects a NUL or another control character with its line and field; a quoted line break or tab is fine', () => {
    const errors = errorsOf(
      [HEADER, `${A},Acme\u0000 Ltda,,,,1,10.00,2026-03-31,`, `${A},Acme Ltda,,,,2,10.00,2026-03-31,"duas\nlinhas\tcom tab"`, `${A},Acme Ltda,,,,3\u001B,10.00,2026-03-31,`].join('\n'),
    );
    expect(errors).toEqual([
      { line: 2, field: 'company_name', message: 'contains the control character U+0000 (NUL); remove it and import again' },
      { line: 5, field: 'invoice', message: 'contains the control character U+001B; remove it and import again' },
    ]);
  });

  it('ignores control characters in columns it does not read', () => {
    expect(parsePortfolioCsv(`cnpj,company_name,invoice,amount,due_date,notes\n${A},Acme,1,10.00,2026-03-31,x\u0000y\n`).ok).toBe(true);
  });
});
