// A creditor's portfolio at the scale of the debtor search bench (issue 14): debtors with varied
// company names (accents included), contacts with names, phones and e-mails, four invoices each,
// two conversations each and an agreement for one debtor in ten. Seeded with one INSERT … SELECT
// generate_series per table, so 100 000 debtors take seconds.
//
// Everything is a pure function of the row number g, so the bench can name a row's CNPJ, phone,
// e-mail or invoice number without reading it back, and the figures are the same on every run and
// on both databases. Names: a trade (20) × a second word (25) × g × a legal suffix (4), so a
// two-word fragment ("padaria pao quente") matches one debtor in 500.
import type { Db, Tx } from '../src/storage/database.js';

export const SEARCH_CREDITOR = 'search-creditor';

const TRADES = ['Padaria', 'Mercado', 'Farmácia', 'Açougue', 'Oficina', 'Papelaria', 'Distribuidora', 'Comércio', 'Construtora', 'Transportes', 'Confecções', 'Laticínios', 'Restaurante', 'Lanchonete', 'Drogaria', 'Ótica', 'Livraria', 'Marcenaria', 'Serralheria', 'Vidraçaria'];
const SECOND = ['Pão Quente', 'São João', 'Boa Vista', 'Estrela', 'Central', 'Paulista', 'Nordeste', 'Irmãos Souza', 'Santa Luzia', 'União', 'Progresso', 'Aliança', 'Horizonte', 'Primavera', 'Bandeirantes', 'Ipiranga', 'Atlântico', 'Cerrado', 'Pantanal', 'Guanabara', 'Vitória', 'Conceição', 'Itaú', 'Jardim', 'Avenida'];
const SUFFIX = ['Ltda', 'ME', 'EIRELI', 'S.A.'];
const FIRST = ['Marina', 'João', 'Zélia', 'Antônio', 'Luíza', 'Carlos', 'Fernanda', 'José', 'Ana', 'Paulo', 'Márcia', 'Ricardo', 'Beatriz', 'Sérgio', 'Helena', 'Thiago'];
const LAST = ['Souza', 'Silva', 'Prado', 'Conceição', 'Araújo', 'Gonçalves', 'Pereira', 'Lima', 'Ribeiro', 'Mendes', 'Cardoso', 'Nogueira'];

const array = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
const pick = (xs: string[], index: string) => `(${array(xs)})[(${index}) % ${xs.length} + 1]`;

/** Debtor g's values, the same expressions the seed uses, for the bench's queries. */
export const searchRow = {
  /** 14 digits, unique: g·48271 modulo the largest prime below 10^8 is one-to-one on the rows. */
  cnpj: (g: number) => `${String((BigInt(g) * 48271n) % 99999989n).padStart(8, '0')}0001${String(g % 100).padStart(2, '0')}`,
  phone: (g: number) => `+55${11 + (g % 80)}9${String((BigInt(g) * 7919n) % 100000000n).padStart(8, '0')}`,
  email: (g: number) => `financeiro.${g}@cliente${g % 97}.com.br`,
  invoice: (g: number, k: number) => `NF-${4 * g + k}`,
  name: (g: number) => `${TRADES[g % TRADES.length]} ${SECOND[Math.floor(g / 20) % SECOND.length]} ${g} ${SUFFIX[Math.floor(g / 500) % SUFFIX.length]}`,
};
const cnpjSql = (g: string) => `lpad(((${g}::bigint * 48271) % 99999989)::text, 8, '0') || '0001' || lpad((${g} % 100)::text, 2, '0')`;
const phoneSql = (g: string) => `'+55' || (11 + ${g} % 80) || '9' || lpad(((${g}::bigint * 7919) % 100000000)::text, 8, '0')`;

/** Seeds `debtors` debtors of SEARCH_CREDITOR in one transaction. */
export async function seedSearchPortfolio(db: Db, debtors: number): Promise<void> {
  await db.$transaction((tx) => insertRows(tx, debtors), { maxWait: 60_000, timeout: 30 * 60_000 });
}

async function insertRows(db: Tx, debtors: number): Promise<void> {
  const D = debtors;
  const run = (sql: string, ...args: unknown[]) => db.$executeRawUnsafe(sql, ...args);
  await run(
    `INSERT INTO "Creditor" ("id", "name", "cnpj", "pixKey", "pixMerchantName", "pixCity") VALUES ($1, 'Distribuidora Exemplo Ltda', '11222333000181', 'financeiro@exemplo.com.br', 'Distribuidora Exemplo', 'SAO PAULO')`,
    SEARCH_CREDITOR,
  );
  await run(
    `INSERT INTO "Debtor" ("id", "creditorId", "cnpj", "companyName", "updatedAt")
     SELECT 'sd' || g, $1, ${cnpjSql('g')}, ${pick(TRADES, 'g')} || ' ' || ${pick(SECOND, 'g / 20')} || ' ' || g || ' ' || ${pick(SUFFIX, 'g / 500')}, now()
     FROM generate_series(0, ${D - 1}) g`,
    SEARCH_CREDITOR,
  );
  // One named contact per debtor with a phone and an e-mail; a second, phone only, for one in five.
  await run(
    `INSERT INTO "Contact" ("id", "debtorId", "name", "phone", "email")
     SELECT 'sc' || g, 'sd' || g, ${pick(FIRST, 'g')} || ' ' || ${pick(LAST, 'g / 16')}, ${phoneSql('g')}, 'financeiro.' || g || '@cliente' || g % 97 || '.com.br'
     FROM generate_series(0, ${D - 1}) g
     UNION ALL
     SELECT 'se' || g, 'sd' || g, NULL, '+5521' || lpad(((g::bigint * 104729) % 1000000000)::text, 9, '0'), NULL
     FROM generate_series(0, ${D - 1}, 5) g`,
  );
  // Four invoices each: the first two open, the third paid, the fourth open or in an agreement.
  await run(
    `INSERT INTO "Invoice" ("id", "debtorId", "number", "amountCents", "dueDate", "status", "updatedAt")
     SELECT 'si' || g || '_' || k, 'sd' || g, 'NF-' || (4 * g + k), 10000 + (g::bigint * 7919 + k * 104729) % 900000,
            to_char(date '2026-01-01' + (g * 13 + k * 30) % 300, 'YYYY-MM-DD'),
            CASE WHEN k = 2 THEN 'paid' WHEN k = 3 AND g % 10 = 0 THEN 'in_agreement' ELSE 'open' END, now()
     FROM generate_series(0, ${D - 1}) g CROSS JOIN generate_series(0, 3) k`,
  );
  await run(
    `INSERT INTO "Conversation" ("id", "creditorId", "channel", "chatId", "debtorId", "flowId", "flowVersion", "snapshot", "status", "state", "simulation", "createdAt", "updatedAt")
     SELECT 'sv' || g || '_' || k, $1, 'webchat', 'search-' || g || '-' || k, 'sd' || g, 'negotiation', 1, '{}'::jsonb, 'closed', 'done', g % 100 = 3 AND k = 1,
            timestamp '2026-06-01' + make_interval(mins => g + k * 1000), timestamp '2026-06-01' + make_interval(mins => g + k * 1000)
     FROM generate_series(0, ${D - 1}) g CROSS JOIN generate_series(0, 1) k`,
    SEARCH_CREDITOR,
  );
  await run(
    `INSERT INTO "Offer" ("id", "conversationId", "debtorId", "kind", "totalCents", "discountBasisPoints", "installments", "installmentCents", "firstDueDate", "schedule", "round", "source", "status")
     SELECT 'so' || g, 'sv' || g || '_0', 'sd' || g, 'cash', 100000, 0, 1, 100000, '2026-07-01', '[]'::jsonb, 1, 'ladder', 'accepted'
     FROM generate_series(0, ${D - 1}, 10) g`,
  );
  await run(
    `INSERT INTO "Agreement" ("id", "creditorId", "debtorId", "conversationId", "offerId", "totalCents", "debtCents", "kind", "acceptedMessageId", "agreedOn")
     SELECT 'sa' || g, $1, 'sd' || g, 'sv' || g || '_0', 'so' || g, 100000, 100000, 'cash', '', '2026-06-01'
     FROM generate_series(0, ${D - 1}, 10) g`,
    SEARCH_CREDITOR,
  );
}

/** Rows per table, for the printout. */
export async function countSearchRows(db: Tx): Promise<Record<string, number>> {
  const tables = ['Debtor', 'Contact', 'Invoice', 'Conversation', 'Agreement'];
  const rows = await db.$queryRawUnsafe<{ t: string; n: bigint }[]>(tables.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM "${t}"`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}
