import { Prisma } from '../generated/prisma/client.js';
import { foldedPattern } from '../domain/foldedPattern.js';
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
 * The filter a search text becomes. CNPJs and phone numbers are stored without punctuation, so the
 * text is matched there without its mask too ("11.444" finds 11444777000161, "98765-43" a phone).
 * Phones only for a text without letters: its digits alone are searched, and "Empresa 1" must not
 * find every phone number with a 1 in it.
 */
function matchSql(q: string): Prisma.Sql {
  const re = foldedPattern(q);
  const or: Prisma.Sql[] = [
    Prisma.sql`d."companyName" ~ ${re}`,
    Prisma.sql`EXISTS (SELECT 1 FROM "Invoice" inv WHERE inv."debtorId" = d.id AND inv.number ~ ${re})`,
  ];
  const contact = [Prisma.sql`ct.name ~ ${re}`, Prisma.sql`ct.email ~ ${re}`];
  // The CNPJ is stored unmasked and upper case; alphanumeric CNPJs (from 2026) have letters too.
  const cnpj = q.toUpperCase().replace(/[\s./-]/g, '');
  if (/^[0-9A-Z]+$/.test(cnpj) && /\d/.test(cnpj)) or.push(Prisma.sql`d.cnpj LIKE ${contains(cnpj)}`);
  const digits = q.replace(/\D/g, '');
  if (digits !== '' && /^[\d\s()+.-]+$/.test(q)) contact.push(Prisma.sql`ct.phone LIKE ${contains(digits)}`);
  or.push(Prisma.sql`EXISTS (SELECT 1 FROM "Contact" ct WHERE ct."debtorId" = d.id AND (${Prisma.join(contact, ' OR ')}))`);
  return Prisma.sql`(${Prisma.join(or, ' OR ')})`;
}

type Row = { id: string; name: string; cnpj: string; openCents: bigint; openInvoices: number; agreements: number; lastConversationAt: Date | null; total: bigint };

/**
 * The admin's debtor list: matches of `q` (company name, CNPJ, invoice number, contact name, phone
 * or e-mail; case and accents ignored), most money open first, then by name.
 *
 * Cost on a large portfolio: ordering by open amount needs every match's open invoices summed —
 * one join with Invoice through its unique (debtorId, number) index — and a substring cannot use a
 * B-tree, so the match is one pass over Debtor with semi-joins to Invoice and Contact. Agreements
 * and the last conversation are looked up for the page's rows only. Measured on PostgreSQL 15
 * with 100k debtors, 400k invoices and 200k conversations, on two cores shared at a load average
 * of 8 to 14: 0.6 to 2.3 s whatever the search (not measured on an idle server). Faster would take
 * an open amount stored on each debtor, or pg_trgm indexes for the substrings: both need a migration.
 */
export async function searchDebtors(db: Db, creditorId: string, opts: DebtorSearchOptions): Promise<{ debtors: DebtorSearchHit[]; total: number }> {
  // Regular expressions and a sum over every debtor put the planner's estimate above PostgreSQL's
  // JIT threshold, and compiling then took longer (2 s, measured) than the query itself. Off for
  // this transaction only.
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL jit = off`;
      return search(tx, creditorId, opts);
    },
    { timeout: 30_000 },
  );
}

async function search(db: Tx, creditorId: string, opts: DebtorSearchOptions): Promise<{ debtors: DebtorSearchHit[]; total: number }> {
  const q = opts.q?.trim() ?? '';
  const where = q === '' ? Prisma.sql`d."creditorId" = ${creditorId}` : Prisma.sql`d."creditorId" = ${creditorId} AND ${matchSql(q)}`;
  const rows = await db.$queryRaw<Row[]>`
    WITH page AS (
      SELECT d.id, d."companyName" AS name, d.cnpj, COALESCE(SUM(i."amountCents"), 0)::bigint AS "openCents", COUNT(i.id)::int AS "openInvoices", COUNT(*) OVER () AS total
      FROM "Debtor" d LEFT JOIN "Invoice" i ON i."debtorId" = d.id AND i.status = 'open'
      WHERE ${where}
      GROUP BY d.id
      ORDER BY "openCents" DESC, lower(d."companyName"), d.id
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

  let total = rows[0] ? Number(rows[0].total) : 0;
  // Paged past the end: the window count came back with no rows to carry it.
  if (rows.length === 0 && opts.offset > 0) {
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
