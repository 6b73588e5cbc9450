import { expect } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { TEST_ADMIN_TOKEN, type TestApp } from './testApp.js';

let n = 0;

/** Imports a debtor company with a named contact person (name, phone, e-mail) through the admin API. */
export async function seedDebtorWithContact(t: TestApp, contactName = 'Joana Quixabeira') {
  n++;
  const base = `${String(30_000_000 + (process.pid % 10_000) * 100 + n).slice(-8)}0001`;
  const cnpj = base + cnpjCheckDigits(base);
  const invoice = `PV${n}${process.pid}`;
  const phone = `+55119${String(10_000_000 + ((process.pid * 37 + n) % 89_999_999)).slice(-8)}`;
  const email = `contato${n}.${process.pid}@example.com`;
  const csv = `cnpj,company_name,contact_name,phone,email,invoice,amount,due_date\n${cnpj},Empresa Privada ${n} Ltda,${contactName},${phone},${email},${invoice},4321.00,2026-08-01\n`;
  const r = await t.api('POST', '/api/admin/portfolio/import', csv, { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' });
  expect(r.status).toBe(200);
  const debtor = await t.app.database.prisma.debtor.findFirstOrThrow({ where: { cnpj }, include: { contacts: true } });
  return { cnpj, invoice, phone, email, contactName, debtCents: 432_100, debtorId: debtor.id, contactId: debtor.contacts[0]!.id };
}
