import { describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { parsePortfolioCsv } from '../../src/domain/portfolioCsv.js';
import { portfolioCsvRows, scanPortfolioCsv } from '../../src/domain/portfolioCsvStream.js';

const HEADER = 'cnpj,company_name,contact_name,phone,email,invoice,amount,due_date,description';
const A = '11222333000181';

function cnpj(n: number): string {
  const base = `${String(60_000_000 + n).padStart(8, '0')}0001`;
  return base + cnpjCheckDigits(base);
}

/** Many rows with accented, multi-line and quoted cells: 64 KB chunks end inside characters and cells. */
function largeFile(rows: number): string {
  const lines = [HEADER];
  for (let r = 0; r < rows; r++) lines.push(`${cnpj(r % 700)},"Comércio ${r % 700}, Ltda",José ${r},,,NF-${r},${r + 1}.00,2026-03-31,"Descrição ção
linha ${r} ""aspas"""`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const FILES: Record<string, string> = {
  valid: `${HEADER}\n${A},Acme,Ana,(11) 98765-4321,,1,10,2026-03-31,\n${A},ACME,,,a@b.co,2,"1.234,56",31/03/2026,x\n`,
  semicolons: `cnpj;company_name;invoice;amount;due_date\n${A};Acme;1;1.234,56;2026-03-31\n`,
  'many errors': `${HEADER}\n${A},Acme,,,,1,-5,2026-03-31,\n${A},Other,,,,1,10,2026-02-30,\n00000000000000,,,123,bad,,,,\n`,
  'multi-line cell then an error': `${HEADER}\n${A},Acme,,,,1,10,2026-03-31,"two\nlines"\n${A},Acme,,,,2,abc,2026-03-31,\n`,
  'blank lines': `${HEADER}\n\n,,,,\n${A},Acme,,,,1,abc,2026-03-31,\n`,
  'missing columns': `cnpj,company_name,amount\n${A},Acme,10\n`,
  'duplicate column': `cnpj,cnpj,company_name,invoice,amount,due_date\n`,
  'header only': `${HEADER}\n`,
  empty: ' \n',
  'unclosed quote': `${HEADER}\n${A},"Acme,,,,1,10,2026-03-31,\n`,
  'control character': `${HEADER}\n${A},Ac\u0000me,,,,1,10,2026-03-31,\n`,
  large: largeFile(3_000),
};

describe('the streamed portfolio CSV says what the whole-file parser says', () => {
  it.each(Object.entries(FILES))('%s', async (_name, file) => {
    const whole = parsePortfolioCsv(file);
    const scan = await scanPortfolioCsv(file);
    if (!whole.ok) {
      expect(scan).toEqual(whole);
      return;
    }
    expect(scan).toEqual({
      ok: true,
      debtors: whole.debtors.map((d) => ({ ...d, invoices: d.invoices.map((i) => ({ invoice: i.invoice, amountCents: i.amountCents, dueDate: i.dueDate })) })),
      invoiceCount: whole.invoiceCount,
    });
    const rows = [];
    for await (const r of portfolioCsvRows(file)) rows.push(r);
    expect(rows.map((r) => ({ cnpj: r.cnpj, invoice: r.invoice, amountCents: r.amountCents, dueDate: r.dueDate, description: r.description, line: r.line }))).toEqual(
      whole.debtors.flatMap((d) => d.invoices.map((i) => ({ cnpj: d.cnpj, invoice: i.invoice, amountCents: i.amountCents, dueDate: i.dueDate, description: i.description, line: i.line }))).sort((a, b) => a.line! - b.line!),
    );
  });

  it('reads the large file whole: every row, lines counted across multi-line cells', async () => {
    const scan = await scanPortfolioCsv(FILES.large!);
    expect(scan).toMatchObject({ ok: true, invoiceCount: 3_000 });
    const lines: number[] = [];
    for await (const r of portfolioCsvRows(FILES.large!)) lines.push(r.line);
    expect(lines.slice(0, 3)).toEqual([2, 4, 6]);
    expect(lines.at(-1)).toBe(2 + 2 * 2_999);
  });
});
