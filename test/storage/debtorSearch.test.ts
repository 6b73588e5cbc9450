import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldedPattern, VARIANTS } from '../../src/domain/foldedPattern.js';
import { Prisma } from '../../src/generated/prisma/client.js';
import type { Database, Tx } from '../../src/storage/database.js';
import { searchDebtors } from '../../src/storage/debtorSearch.js';
import { migrateOverRows } from '../helpers/migrateOverRows.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/debtorSearch');

const C = 'search-c1';
const OTHER = 'search-c2';

/**
 * The search as it was until issue 14, on the raw columns: regular expressions over the company
 * name, invoice numbers and contact names and e-mails, LIKE over the CNPJ and phones, ordered by the
 * sum of open invoices. The stored search text must give exactly its results.
 */
async function reference(db: Tx, q: string): Promise<string[]> {
  const t = q.trim();
  const like = (s: string) => `%${s.replace(/[\\%_]/g, '\\$&')}%`;
  let where = Prisma.sql`TRUE`;
  if (t !== '') {
    const re = foldedPattern(t);
    const or = [Prisma.sql`d."companyName" ~ ${re}`, Prisma.sql`EXISTS (SELECT 1 FROM "Invoice" inv WHERE inv."debtorId" = d.id AND inv.number ~ ${re})`];
    const contact = [Prisma.sql`ct.name ~ ${re}`, Prisma.sql`ct.email ~ ${re}`];
    const cnpj = t.toUpperCase().replace(/[\s./-]/g, '');
    if (/^[0-9A-Z]+$/.test(cnpj) && /\d/.test(cnpj)) or.push(Prisma.sql`d.cnpj LIKE ${like(cnpj)}`);
    const digits = t.replace(/\D/g, '');
    if (digits !== '' && /^[\d\s()+.-]+$/.test(t)) contact.push(Prisma.sql`ct.phone LIKE ${like(digits)}`);
    or.push(Prisma.sql`EXISTS (SELECT 1 FROM "Contact" ct WHERE ct."debtorId" = d.id AND (${Prisma.join(contact, ' OR ')}))`);
    where = Prisma.sql`(${Prisma.join(or, ' OR ')})`;
  }
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT d.id FROM "Debtor" d LEFT JOIN "Invoice" i ON i."debtorId" = d.id AND i.status = 'open'
    WHERE d."creditorId" = ${C} AND ${where}
    GROUP BY d.id ORDER BY COALESCE(SUM(i."amountCents"), 0) DESC, lower(d."companyName"), d.id`;
  return rows.map((r) => r.id);
}

type Seed = { id: string; name: string; cnpj: string; invoices?: [string, number, string?][]; contacts?: { name?: string | null; email?: string | null; phone?: string | null }[] };

// Names and numbers chosen to trip a folding that differs from the regex: accents of both cases,
// letters outside the table (ø, ß, ş), decomposed accents, runs of spaces, tabs and line breaks,
// LIKE and regex metacharacters, an alphanumeric CNPJ, erased contacts.
const SEEDS: Seed[] = [
  { id: 'd01', name: 'Padaria Pão Quente Ltda', cnpj: '11444777000161', invoices: [['NF-1001', 125_000], ['NF-1002', 34_805], ['nf-0999', 10, 'paid']], contacts: [{ name: 'Marina Souza', email: 'financeiro@paoquente.com.br', phone: '+5511987654321' }] },
  { id: 'd02', name: 'COMÉRCIO E SERVIÇOS ÀÇÃO', cnpj: '12ABC34501DE35', invoices: [['ABC-1', 50_000]], contacts: [{ name: 'JOÃO D’ÁVILA', email: 'Joao@Comercio.COM', phone: '+5521977771234' }, { name: null, email: null, phone: null }] },
  { id: 'd03', name: 'Mercado  São\tJoão\nFilial', cnpj: '22333444000155', invoices: [['NF 2002', 50_000], ['X_1', 1]], contacts: [{ name: 'Zélia  Prado', phone: '+5511911112222' }] },
  { id: 'd04', name: 'Smørrebrød Straße Şirket', cnpj: '33444555000166', invoices: [['100%', 7_500]], contacts: [{ email: 'ÿves@ÑANDU.com' }] },
  { id: 'd05', name: 'Cafe\u0301 Decomposto', cnpj: '44555666000177', invoices: [['A.B*C', 50_000]], contacts: [{ name: 'Ana\u00a0Maria', email: 'ana_maria@cafe.com' }] },
  { id: 'd06', name: 'ÖTICA ÏRMÃOS ÅNGSTRÖM', cnpj: '55666777000188', invoices: [['[x]', 0]], contacts: [{ name: 'Ýnes Ÿ', phone: '+5531955556666' }, { name: 'Émile', phone: '+5531900000001' }] },
  { id: 'd07', name: 'Paginação A (1) Ltda', cnpj: '66777888000199', invoices: [['PG-1', 10_000]] },
  { id: 'd08', name: 'paginação b Ltda', cnpj: '77888999000100', invoices: [['PG-2', 10_000]] },
  { id: 'd09', name: 'Back\\slash | pipe ^caret$', cnpj: '88999000000111', contacts: [{ name: 'Pedro (financeiro)', email: 'p+tag@x.io', phone: '+55 11 9 8888-7777' }] },
  { id: 'd10', name: 'Empresa 1 Ltda', cnpj: '99000111000122', invoices: [['1', 1_000]], contacts: [{ name: 'Contato 1', phone: '+5511111111111' }] },
];

// The admin's texts: fragments of every field in other cases and accents, masks, short texts,
// metacharacters, texts spanning two fields (must not match), and texts nothing holds.
const QUERIES = [
  '', 'pao quente', 'PÃO QUENTE', 'Pão', 'padaria  pao', 'páo', 'QUENTE LTDA', 'ltda', 'a', 'ã', 'Ç', 'ço', 'e', 'é', 'É', 'z', 'zz', 'pa', 'pag', 'paginacao', 'PAGINAÇÃO B',
  '11.444', '11444777', '11.444.777/0001-61', 'nf-1001', 'NF-100', 'nf 2002', 'nf', '0999', 'abc', 'ABC-1', '12.ABC.345/01DE-35', '12abc', 'abc345', 'de35',
  'marina', 'MARÍNA SOUZA', 'financeiro@paoquente', 'joao@comercio', "d'avila", 'd’ávila', 'joão', 'JOAO', 'zelia prado', 'zélia  prado', 'prado',
  '98765-4321', '+55 11 98765', '(11) 98765-4321', '97777', '1', '11', '111', '5511', '55 31', '9 8888-7777', '8888', '1234',
  'mercado sao joao', 'sao joao', 'joao filial', 'são\tjoão', 'joao\nfilial', 'filial', 'são  joão filial',
  'smørrebrød', 'SMØRREBRØD', 'smorrebrod', 'straße', 'strasse', 'şirket', 'sirket', 'ø', 'Ø', 'ß', 'ÿves', 'yves', 'ñandu', 'nandu', 'NANDU',
  'cafe', 'café', 'cafe decomposto', 'ana maria', 'ana_maria', 'ana%', 'ana\u00a0maria',
  'otica irmaos', 'ÖTICA', 'angstrom', 'ångström', 'ynes', 'ýnes y', 'emile', 'EMILE',
  '%', '_', '.*', 'pao|previa', '[a-z]', '[x]', 'x_1', '100%', 'a.b*c', 'a.b', '\\', 'back\\slash', '| pipe', '^caret$', '(1)', '(financeiro)', 'p+tag', '+', '-', '.', '@',
  'Padaria 1', 'empresa 1', 'contato 1', 'ltda nf', 'quente nf-1001', 'souza financeiro', 'zzzz', 'xyzzy',
];

describe.each(DATABASES)('debtor search on the stored search text ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (!enabled) return;
    ({ database, close } = await openTestDatabase(kind));
    const db = database.prisma;
    for (const id of [C, OTHER]) await db.creditor.create({ data: { id, name: 'C', cnpj: '1', pixKey: 'k', pixMerchantName: 'C', pixCity: 'SP' } });
    for (const s of SEEDS) {
      await db.debtor.create({ data: { id: s.id, creditorId: C, cnpj: s.cnpj, companyName: s.name } });
      for (const [number, cents, status] of s.invoices ?? []) await db.invoice.create({ data: { debtorId: s.id, number, amountCents: BigInt(cents), dueDate: '2026-08-01', status: status ?? 'open' } });
      for (const c of s.contacts ?? []) await db.contact.create({ data: { debtorId: s.id, ...c } });
    }
    // Another creditor's debtor with the same name is never found.
    await db.debtor.create({ data: { id: 'other', creditorId: OTHER, cnpj: '11444777000161', companyName: 'Padaria Pão Quente Ltda' } });
  }, 120_000);
  afterAll(async () => close?.());

  const ids = async (q: string) => {
    const r = await searchDebtors(database.prisma, C, { q, limit: 100, offset: 0 });
    expect(r.total, q).toBe(r.debtors.length);
    return r.debtors.map((d) => d.id);
  };
  const agreesWithReference = async (queries: string[]) => {
    for (const q of queries) expect(await ids(q), JSON.stringify(q)).toEqual(await reference(database.prisma, q));
  };

  it.skipIf(!enabled)('finds exactly what the regular expressions on the raw columns found, in the same order', async () => {
    await agreesWithReference(QUERIES);
    // A few the reference must find, lest both agree on finding nothing.
    expect(await ids('pao quente')).toEqual(['d01']);
    expect(await ids('smorrebrod')).toEqual([]);
    expect(await ids('smørrebrød')).toEqual(['d04']);
    expect(await ids('nandu')).toEqual(['d04']);
    expect(await ids('cafe decomposto')).toEqual([]); // its name's decomposed accent sits between "Caf" and "e"
    expect(await ids('cafe')).toEqual(['d05']); // in its contact's e-mail
    expect(await ids('sao joao')).toEqual(['d03']);
    expect(await ids('joao filial')).toEqual(['d03']);
    expect(await ids('ltda nf')).toEqual([]);
    expect(await ids('12.ABC.345/01DE-35')).toEqual(['d02']);
  });

  it.skipIf(!enabled)('pages and totals as before: by open amount, then name', async () => {
    const all = await ids('');
    expect(all).toEqual(await reference(database.prisma, ''));
    const db = database.prisma;
    for (const [limit, offset] of [[3, 0], [3, 3], [3, 9], [4, 8], [5, 10], [5, 30], [1, 0]] as const) {
      const page = await searchDebtors(db, C, { q: '', limit, offset });
      expect(page.total, `${limit}/${offset}`).toBe(SEEDS.length);
      expect(page.debtors.map((d) => d.id), `${limit}/${offset}`).toEqual(all.slice(offset, offset + limit));
    }
    const none = await searchDebtors(db, C, { q: 'xyzzy', limit: 5, offset: 0 });
    expect(none).toEqual({ total: 0, debtors: [] });
    expect(await searchDebtors(db, C, { q: 'ltda', limit: 1, offset: 10 })).toEqual({ total: 4, debtors: [] });
    const [hit] = (await searchDebtors(db, C, { q: 'pao quente', limit: 5, offset: 0 })).debtors;
    expect(hit).toEqual({ id: 'd01', name: 'Padaria Pão Quente Ltda', cnpj: '11444777000161', openCents: 159_805, openInvoices: 2, agreements: 0, lastConversationAt: null });
  });

  it.skipIf(!enabled)('follows renames, new and removed invoices and contacts, renumbering and erasure', async () => {
    const db = database.prisma;
    await db.debtor.update({ where: { id: 'd07' }, data: { companyName: 'Renomeada Ótima S.A.' } });
    await db.invoice.create({ data: { debtorId: 'd08', number: 'NOVA-77', amountCents: 1n, dueDate: '2026-09-01' } });
    await db.invoice.updateMany({ where: { debtorId: 'd01', number: 'NF-1002' }, data: { number: 'NF-3003' } });
    await db.invoice.deleteMany({ where: { debtorId: 'd03', number: 'X_1' } });
    await db.contact.createMany({ data: [{ debtorId: 'd10', name: 'Novo Contato', email: 'novo@x.com', phone: '+5541944443333' }, { debtorId: 'd09', name: 'Outra Pessoa' }] });
    // LGPD erasure blanks a contact's personal data: the search must forget it at once.
    await db.contact.updateMany({ where: { debtorId: 'd01' }, data: { name: null, email: null, phone: null, erasedAt: new Date() } });
    await db.contact.deleteMany({ where: { debtorId: 'd03' } });
    // Status changes (the common write) leave the text alone but move the order.
    await db.invoice.updateMany({ where: { debtorId: 'd02' }, data: { status: 'in_agreement' } });
    await agreesWithReference([
      ...QUERIES,
      'paginacao a', 'renomeada otima', 'otima s.a.', 'nova-77', 'nf-1002', 'nf-3003', 'x_1', 'novo contato', 'novo@x', '44443333', 'outra pessoa',
    ]);
    expect(await ids('marina')).toEqual([]);
    expect(await ids('98765')).toEqual([]);
    expect(await ids('zelia')).toEqual([]);
    expect(await ids('renomeada otima')).toEqual(['d07']);
    expect(await ids('nf-3003')).toEqual(['d01']);
    expect(await ids('44443333')).toEqual(['d10']);
  });

  it.skipIf(!enabled)('folds in SQL exactly the letters of the table, and nothing else', async () => {
    const pairs: [string, string][] = [];
    for (const [base, variants] of Object.entries(VARIANTS)) for (const ch of variants) pairs.push([ch, base]);
    for (let c = 65; c <= 90; c++) pairs.push([String.fromCharCode(c), String.fromCharCode(c + 32)]);
    for (const ch of ['Ø', 'ø', 'ß', 'Ş', 'Æ', 'Œ', 'Ł', 'ı', '\u0301', '1', '-', '%', '€']) pairs.push([ch, ch]);
    const rows = await database.prisma.$queryRaw<{ folded: string[] }[]>`
      SELECT array_agg("Debtor_search_fold"(c) ORDER BY n) AS folded FROM unnest(${pairs.map(([ch]) => ch)}::text[]) WITH ORDINALITY AS t(c, n)`;
    expect(rows[0]!.folded).toEqual(pairs.map(([, base]) => base));
    const [spaces] = await database.prisma.$queryRaw<{ s: string }[]>`SELECT "Debtor_search_fold"(${'a \t\n\r  b'}) AS s`;
    expect(spaces!.s).toBe('a b');
  });
});

describe.each(DATABASES)('debtor search text migration ($kind)', ({ kind, enabled }) => {
  it.skipIf(!enabled)('writes the search text of the debtors a database already holds', async () => {
    const before = `
      INSERT INTO "Creditor" ("id", "name", "cnpj", "pixKey", "pixMerchantName", "pixCity") VALUES ('c', 'C', '1', 'k', 'C', 'SP');
      INSERT INTO "Debtor" ("id", "creditorId", "cnpj", "companyName", "updatedAt") VALUES ('d1', 'c', '11444777000161', 'Padaria  PÃO Quente', now()), ('d2', 'c', '22333444000155', 'Sem Nada', now());
      INSERT INTO "Invoice" ("id", "debtorId", "number", "amountCents", "dueDate", "updatedAt") VALUES ('i1', 'd1', 'NF-1001', 100, '2026-08-01', now()), ('i2', 'd1', 'AB-2', 100, '2026-08-01', now());
      INSERT INTO "Contact" ("id", "debtorId", "name", "email", "phone") VALUES ('k1', 'd1', 'Zélia', 'Z@X.COM', '+5511987654321'), ('k2', 'd1', NULL, NULL, '+5521900000000');`;
    const [rows] = await migrateOverRows(kind, 'debtor_search_text', before, [`SELECT "id", "searchText", "searchPhones" FROM "Debtor" ORDER BY "id"`]);
    expect(rows).toEqual([
      { id: 'd1', searchText: 'padaria pao quente\nab-2\nnf-1001\nzelia\nz@x.com', searchPhones: '+5511987654321\n+5521900000000' },
      { id: 'd2', searchText: 'sem nada', searchPhones: '' },
    ]);
  }, 120_000);
});
