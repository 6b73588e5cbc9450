import { Prisma } from '../generated/prisma/client.js';
import { foldedText } from '../domain/foldedPattern.js';
import type { Db, Tx } from './database.js';

export type DebtorSearchHit = {
  id: string;
  name: string;
  cnpj: string;
  /** Sum of the debtor's open invoices, integer cents. */
  openCents: number;
  openInvoices: number;
  /** Agreements made in real conversations (simulations excluded). */
  agreements: number;
  /** Last activity of a real conversation with the debtor, ISO 8601; null if none. */
  lastConversationAt: string | null;
};

export type DebtorSearchOptions = { q?: string; limit: number; offset: number };

/** A LIKE pattern matching `text` anywhere, its own % _ \ taken literally. */
function contains(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/**
 * The filter a search text becomes, on the debtor's stored search columns (see searchDebtors).
 * CNPJs and phone numbers are stored without punctuation, so the text is matched there without its
 * mask too ("11.444" finds 11444777000161, "98765-43" a phone). Phones only for a text without
 * letters: its digits alone are searched, and "Empresa 1" must not find every phone number with a
 * 1 in it.
 */
function matchSql(q: string): Prisma.Sql {
  const or: Prisma.Sql[] = [Prisma.sql`d."searchText" LIKE ${contains(foldedText(q))}`];
  // The CNPJ is stored unmasked and upper case; alphanumeric CNPJs (from 2026) have letters too.
  const cnpj = q.toUpperCase().replace(/[\s./-]/g, '');
  if (/^[0-9A-Z]+$/.test(cnpj) && /\d/.test(cnpj)) or.push(Prisma.sql`d.cnpj LIKE ${contains(cnpj)}`);
  const digits = q.replace(/\D/g, '');
  if (digits !== '' && /^[\d\s()+.-]+$/.test(q)) or.push(Prisma.sql`d."searchPhones" LIKE ${contains(digits)}`);
  return Prisma.sql`(${Prisma.join(or, ' OR ')})`;
}

type Row = { id: string; name: string; cnpj: string; openCents: bigint; openInvoices: number; agreements: number; lastConversationAt: Date | null };

/**
 * The admin's debtor list: matches of `q` (company name, CNPJ, invoice number, contact name, phone
 * or e-mail; case and accents ignored), most money open first, then by name.
 *
 * How it stays fast on a large portfolio (issue 14: under 100 ms at 100 000 debtors). Each debtor
 * carries its search text (company name, invoice numbers, contact names and e-mails, folded as
 * foldedText folds the query: src/domain/foldedPattern.ts) and its contacts' phones, kept by
 * triggers on Debtor, Invoice and Contact (migration debtor_search_text), and its open amount, kept
 * by the trigger on Invoice (migration debtor_balances). A search is then LIKE '%…%' on those
 * columns and the CNPJ, each with a pg_trgm GIN index: the index yields the debtors holding every
 * three-letter piece of the text and only those rows are read and checked. The order comes from an
 * index on (creditorId, openCents DESC); agreements and the last conversation are looked up for the
 * page's rows only, and the total is its own count.
 *
 * Measured (`npm run bench -- search`, README) on PostgreSQL 15 with 100k debtors, 120k contacts
 * and 400k invoices, on two cores shared at a load average of 5 to 8: 4 to 58 ms for a first page
 * (it was 360 to 560 ms with regular expressions over every debtor, invoice and contact and a sum
 * of the open invoices), 50 ms for the empty query's page at offset 99 950. Text of one or two
 * characters ("ma", "z") gives the trigram index nothing to look up: one pass over every debtor's
 * text for the page and one for the count, 66 ms. A deep page of a broad match reads and sorts
 * all its matches (page 500 of "ltda"'s 25 000: 100 ms).
 */
export async function searchDebtors(db: Db, creditorId: string, opts: DebtorSearchOptions): Promise<{ debtors: DebtorSearchHit[]; total: number }> {
  // The page and the total from one snapshot, so they agree while imports run.
  return db.$transaction(
    async (tx) => {
      // PostgreSQL's default page costs are a spinning disk's: with them a late page (offset 99 950)
      // sorted every debtor (130 ms, measured) rather than read the order index alone (4x faster).
      // The SSD figure, for this transaction only.
      await tx.$executeRaw`SET LOCAL random_page_cost = 1.1`;
      return search(tx, creditorId, opts);
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 30_000 },
  );
}

async function search(db: Tx, creditorId: string, opts: DebtorSearchOptions): Promise<{ debtors: DebtorSearchHit[]; total: number }> {
  const q = opts.q?.trim() ?? '';
  const where = q === '' ? Prisma.sql`d."creditorId" = ${creditorId}` : Prisma.sql`d."creditorId" = ${creditorId} AND ${matchSql(q)}`;
  const rows = await db.$queryRaw<Row[]>`
    WITH page AS (
      SELECT d.id, d."companyName" AS name, d.cnpj, d."openCents", d."openInvoices"
      FROM "Debtor" d
      WHERE ${where}
      ORDER BY d."openCents" DESC, lower(d."companyName"), d.id
      LIMIT ${opts.limit} OFFSET ${opts.offset}
    ),
    agreements AS (
      SELECT a."debtorId", COUNT(*)::int AS n
      FROM "Agreement" a JOIN "Conversation" c ON c.id = a."conversationId"
      WHERE a."debtorId" IN (SELECT id FROM page) AND NOT c.simulation
      GROUP BY a."debtorId"
    ),
    conversations AS (
      SELECT c."debtorId", MAX(c."updatedAt") AS last
      FROM "Conversation" c
      WHERE c."debtorId" IN (SELECT id FROM page) AND NOT c.simulation
      GROUP BY c."debtorId"
    )
    SELECT page.*, COALESCE(agreements.n, 0)::int AS agreements, conversations.last AS "lastConversationAt"
    FROM page
    LEFT JOIN agreements ON agreements."debtorId" = page.id
    LEFT JOIN conversations ON conversations."debtorId" = page.id
    ORDER BY page."openCents" DESC, lower(page.name), page.id`;
  // A page shorter than asked for tells the total without counting (unless paged past the end).
  let total: number;
  if (rows.length < opts.limit && (rows.length > 0 || opts.offset === 0)) total = opts.offset + rows.length;
  else {
    const [count] = await db.$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM "Debtor" d WHERE ${where}`;
    total = count?.n ?? 0;
  }
  return {
    debtors: rows.map((r) => ({
      id: r.id,
      name: r.name,
      cnpj: r.cnpj,
      openCents: Number(r.openCents),
      openInvoices: r.openInvoices,
      agreements: r.agreements,
      lastConversationAt: r.lastConversationAt ? new Date(r.lastConversationAt).toISOString() : null,
    })),
    total,
  };
}
