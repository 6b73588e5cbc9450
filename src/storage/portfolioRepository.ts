import { randomUUID } from 'node:crypto';
import type { PortfolioDebtor } from '../domain/portfolioChecker.js';
import type { ParsedDebtor } from '../domain/portfolioCsv.js';
import type { ScannedDebtor } from '../domain/portfolioCsvStream.js';
import { Prisma } from '../generated/prisma/client.js';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';
import { retryOnConflict } from './retryOnConflict.js';

/** One invoice row of a portfolio: the debtor's CNPJ and the invoice's fields. */
export type PortfolioInvoice = { cnpj: string; invoice: string; amountCents: number; dueDate: string; description?: string };

/**
 * Rows per statement (the values travel as one array parameter per column, so there is no limit
 * of bind parameters to mind): big enough that a 100 000-row file is ~250 statements, small enough that one statement
 * on the embedded database holds the event loop only a few tens of milliseconds.
 */
const BATCH_ROWS = 1_000;

/**
 * The whole import is one transaction: a portfolio file is one decision of the creditor, and half
 * of it written (the first 60 000 invoices, the rest failed) would have the bot collect on a
 * state nobody uploaded; a retry of the same file is always safe. The 120 s interactive-transaction
 * limit that made large files fail on PostgreSQL was the cost of one statement per row; in
 * batches 100 000 rows take seconds, so this limit is only a safety net for a stuck connection,
 * far above what the largest file the endpoint accepts (MAX_BODY_BYTES) needs.
 */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A turn of the event loop between batches: on the embedded database (in this process) the server answers meanwhile. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

// now() is the transaction's start; the columns are timestamps without zone, written in UTC as Prisma does.
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** Writes a portfolio held in memory (parsePortfolioCsv's result, or debtors built in code). */
export function importPortfolio(db: Db, creditorId: string, debtors: ParsedDebtor[], actor: string): Promise<{ debtors: number; invoices: number }> {
  return writePortfolio(db, creditorId, debtors, async function* () {
    for (const d of debtors) for (const inv of d.invoices) yield { cnpj: d.cnpj, ...inv };
  }, actor);
}

/**
 * Writes a validated portfolio in one transaction, in batched upserts: debtors by CNPJ (company
 * name updated), their contact, then the invoices by number. Re-importing an invoice updates its
 * amount, due date and description; its status stays (an invoice in an agreement keeps it).
 * `invoices` gives a fresh pass over the invoices each call (a retried transaction reads them
 * again); every CNPJ it names is one of `debtors`, and each debtor's `invoices` are its invoices in
 * that pass (numbers, amounts, due dates).
 *
 * Debtors are written first, in one stable order (CNPJ) whatever the file's: the upsert locks each
 * debtor row until commit, so two imports of overlapping files meet on the first shared debtor
 * and one waits for the other instead of deadlocking; their invoices and contacts are touched only
 * under locks already held. A conflict PostgreSQL still reports (with another writer) reruns the
 * whole transaction.
 *
 * A debtor row is what the database's triggers keep its search text and balances on (migrations
 * debtor_search_text, debtor_balances): left to them, each new debtor would be written three times
 * (inserted; rewritten by the balance trigger after its invoice batch; rewritten by the search
 * refresh), each time with entries in all seven of its indexes. The import defers both (SET LOCAL,
 * which the triggers check) and writes
 * a new debtor once, its search text and balances computed from the file in its INSERT (its only
 * invoices and contact are the file's); a debtor already there whose name, contact or invoices the
 * file changed is recomputed once at the end, by the functions the triggers call.
 */
export function writePortfolio(
  db: Db,
  creditorId: string,
  debtors: readonly ScannedDebtor[],
  invoices: () => AsyncIterable<PortfolioInvoice>,
  actor: string,
): Promise<{ debtors: number; invoices: number }> {
  const ordered = [...debtors].sort((a, b) => byString(a.cnpj, b.cnpj));
  return retryOnConflict(() =>
    db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('cordial.defer_search_text', 'on', true), set_config('cordial.defer_balances', 'on', true)`;
        const ids = new Map<string, string>();
        // Debtors already there (their search text and balances are not the file's alone), and those of them this import changed.
        const existing = new Set<string>();
        const changed = new Set<string>();
        const changedIfExisting = (debtorIds: string[]) => {
          for (const id of debtorIds) if (existing.has(id)) changed.add(id);
        };
        for (let at = 0; at < ordered.length; at += BATCH_ROWS) {
          const batch = ordered.slice(at, at + BATCH_ROWS);
          for (const r of await upsertDebtors(tx, creditorId, batch)) {
            ids.set(r.cnpj, r.id);
            if (r.stale) changed.add(r.id);
            if (r.inserted) continue;
            existing.add(r.id);
            if (r.renamed) changed.add(r.id);
          }
          await breathe();
          changedIfExisting(await upsertContacts(tx, batch.flatMap((d) => (hasContact(d) ? [{ ...d, debtorId: ids.get(d.cnpj)! }] : []))));
          await breathe();
        }
        // One batch in flight while the next is read from the file: on PostgreSQL the server
        // writes one while this process parses the other (one statement at a time, as a
        // transaction's connection needs).
        let written = 0;
        let inFlight: Promise<void> = Promise.resolve();
        let batch: PortfolioInvoice[] = [];
        const send = async () => {
          const rows = batch;
          batch = [];
          await inFlight;
          inFlight = upsertInvoices(tx, ids, rows).then(changedIfExisting);
          inFlight.catch(() => {}); // awaited at the next send or at the end; not "unhandled" meanwhile
          written += rows.length;
          await breathe();
        };
        try {
          for await (const inv of invoices()) {
            batch.push(inv);
            if (batch.length === BATCH_ROWS) await send();
          }
          if (batch.length > 0) await send();
        } finally {
          // Never leave a statement running into the rollback of a failed read.
          await inFlight.catch(() => {});
        }
        await inFlight;
        await tx.$executeRaw`SELECT set_config('cordial.defer_search_text', 'off', true), set_config('cordial.defer_balances', 'off', true)`;
        const refresh = [...changed];
        for (let at = 0; at < refresh.length; at += BATCH_ROWS) {
          const some = refresh.slice(at, at + BATCH_ROWS);
          await tx.$executeRaw`SELECT "Debtor_refresh_balances"(${some}::text[])`;
          await tx.$executeRaw`SELECT "Debtor_refresh_search"(${some}::text[])`;
          await breathe();
        }
        await appendAudit(tx, [{ type: 'portfolio.imported', actor, data: { creditorId, debtors: ordered.length, invoices: written } }]);
        return { debtors: ordered.length, invoices: written };
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
    ),
  );
}

/** A debtor of the file with contact data: it gets a contact (upsertContacts). */
const hasContact = (d: PortfolioDebtor) => Boolean(d.contactName || d.phone || d.email);

/**
 * A batch of debtors, inserted or (company name changed) updated; their ids, and whether each was
 * inserted or renamed. A debtor already there is locked by its upsert even when nothing changes,
 * and kept by this transaction until it ends.
 *
 * A new debtor is inserted with its search text and balances as "Debtor_refresh_search" and
 * "Debtor_refresh_balances" would compute them once its invoices (all open) and its contact (the
 * file's, see upsertContacts) are written — the same expressions, over the file's values instead of
 * the rows (test/storage/importPortfolioCsv.test.ts compares the two). They are computed only for
 * the debtors not found by a first look (folding costs 5-10 µs a value, and a re-import
 * finds them all); one inserted all the same (another writer's row gone meanwhile) is `stale`:
 * the caller recomputes it.
 */
async function upsertDebtors(tx: Tx, creditorId: string, batch: ScannedDebtor[]): Promise<{ id: string; cnpj: string; inserted: boolean; renamed: boolean; stale: boolean }[]> {
  const cnpjs = batch.map((d) => d.cnpj);
  const lookUp = () => tx.$queryRaw<{ id: string; cnpj: string }[]>`SELECT "id", "cnpj" FROM "Debtor" WHERE "creditorId" = ${creditorId} AND "cnpj" = ANY(${cnpjs}::text[])`;
  const found = new Map((await lookUp()).map((r) => [r.cnpj, r.id]));
  const fresh = batch.map((d) => !found.has(d.cnpj));
  const proposed = batch.map(() => randomUUID());
  const contact = (d: ScannedDebtor, value: string | undefined) => (hasContact(d) ? (value ?? null) : null);
  const invoices = batch.flatMap((d, k) => (fresh[k] ? d.invoices.map((i) => ({ cnpj: d.cnpj, ...i })) : []));
  const written = await tx.$queryRaw<{ id: string; cnpj: string }[]>`
    WITH inv AS (
      SELECT t."cnpj", string_agg("Debtor_search_fold"(t."number"), E'\n' ORDER BY t."number") AS "text",
        sum(t."amountCents"::bigint)::bigint AS "openCents", count(*)::int AS "openInvoices", min(t."dueDate") AS "dueDate"
      FROM unnest(${invoices.map((i) => i.cnpj)}::text[], ${invoices.map((i) => i.invoice)}::text[], ${invoices.map((i) => String(i.amountCents))}::text[],
        ${invoices.map((i) => i.dueDate)}::text[]) AS t("cnpj", "number", "amountCents", "dueDate")
      GROUP BY t."cnpj"
    )
    INSERT INTO "Debtor" ("id", "creditorId", "cnpj", "companyName", "searchText", "searchPhones", "openCents", "openInvoices", "oldestUnpaidDueDate", "firstDueDate", "createdAt", "updatedAt")
    SELECT t."id", ${creditorId}, t."cnpj", t."companyName",
      CASE WHEN t."fresh" THEN concat_ws(E'\n', "Debtor_search_fold"(t."companyName"), inv."text",
        CASE WHEN t."contactName" IS NOT NULL OR t."email" IS NOT NULL THEN concat_ws(E'\n', "Debtor_search_fold"(t."contactName"), "Debtor_search_fold"(t."email")) END)
      ELSE '' END,
      COALESCE(t."phone", ''), COALESCE(inv."openCents", 0), COALESCE(inv."openInvoices", 0), inv."dueDate", inv."dueDate", ${NOW}, ${NOW}
    FROM unnest(${proposed}::text[], ${fresh}::boolean[], ${cnpjs}::text[], ${batch.map((d) => d.companyName)}::text[], ${batch.map((d) => contact(d, d.contactName))}::text[],
      ${batch.map((d) => contact(d, d.phone))}::text[], ${batch.map((d) => contact(d, d.email))}::text[]) AS t("id", "fresh", "cnpj", "companyName", "contactName", "phone", "email")
    LEFT JOIN inv ON inv."cnpj" = t."cnpj"
    ON CONFLICT ("creditorId", "cnpj") DO UPDATE SET "companyName" = EXCLUDED."companyName", "updatedAt" = EXCLUDED."updatedAt"
      WHERE "Debtor"."companyName" IS DISTINCT FROM EXCLUDED."companyName"
    RETURNING "id", "cnpj"`;
  const ids = new Map([...found, ...written.map((r) => [r.cnpj, r.id] as const)]);
  // RETURNING leaves out the rows left as they were: one inserted meanwhile by another import is in neither answer.
  if (ids.size < batch.length) for (const r of await lookUp()) ids.set(r.cnpj, r.id);
  const proposedIds = new Set<string>(proposed);
  const writtenIds = new Set(written.map((r) => r.id));
  return batch.map((d, k) => {
    const id = ids.get(d.cnpj)!;
    const inserted = proposedIds.has(id);
    return { id, cnpj: d.cnpj, inserted, renamed: !inserted && writtenIds.has(id), stale: inserted && !fresh[k] };
  });
}

/**
 * Contact data in the file updates the debtor's first contact not erased (the file's empty cells
 * keep the old values), or creates one. An erased contact stays erased: contact data in a later
 * import is a new contact (the creditor, as controller, decided to process it again). Returns the
 * debtors whose contact it inserted or changed.
 */
async function upsertContacts(tx: Tx, batch: (PortfolioDebtor & { debtorId: string })[]): Promise<string[]> {
  if (batch.length === 0) return [];
  const rows = await tx.$queryRaw<{ debtorId: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(${batch.map(() => randomUUID())}::text[], ${batch.map((d) => d.debtorId)}::text[],
        ${batch.map((d) => d.contactName ?? null)}::text[], ${batch.map((d) => d.phone ?? null)}::text[], ${batch.map((d) => d.email ?? null)}::text[],
        ${batch.map((d) => d.preferredChannel ?? null)}::text[])
        AS t("id", "debtorId", "name", "phone", "email", "preferredChannel")
    ), first AS (
      SELECT DISTINCT ON (c."debtorId") c."id", c."debtorId" FROM "Contact" c
      WHERE c."debtorId" IN (SELECT "debtorId" FROM input) AND c."erasedAt" IS NULL
      ORDER BY c."debtorId", c."createdAt", c."id"
    ), updated AS (
      UPDATE "Contact" c SET "name" = COALESCE(i."name", c."name"), "phone" = COALESCE(i."phone", c."phone"), "email" = COALESCE(i."email", c."email"),
        "preferredChannel" = COALESCE(i."preferredChannel", c."preferredChannel"),
        -- A new address is another mailbox: the old one's bounce says nothing about it.
        "emailUnusableAt" = CASE WHEN i."email" IS NOT NULL AND lower(i."email") IS DISTINCT FROM lower(c."email") THEN NULL ELSE c."emailUnusableAt" END,
        "emailUnusableReason" = CASE WHEN i."email" IS NOT NULL AND lower(i."email") IS DISTINCT FROM lower(c."email") THEN NULL ELSE c."emailUnusableReason" END
      FROM first f JOIN input i ON i."debtorId" = f."debtorId"
      WHERE c."id" = f."id"
        AND (COALESCE(i."name", c."name"), COALESCE(i."phone", c."phone"), COALESCE(i."email", c."email"), COALESCE(i."preferredChannel", c."preferredChannel"))
          IS DISTINCT FROM (c."name", c."phone", c."email", c."preferredChannel")
      RETURNING c."debtorId"
    ), inserted AS (
      INSERT INTO "Contact" ("id", "debtorId", "name", "phone", "email", "preferredChannel", "createdAt")
      SELECT i."id", i."debtorId", i."name", i."phone", i."email", i."preferredChannel", ${NOW} FROM input i
      WHERE NOT EXISTS (SELECT 1 FROM first f WHERE f."debtorId" = i."debtorId")
      RETURNING "debtorId"
    )
    SELECT "debtorId" FROM updated UNION ALL SELECT "debtorId" FROM inserted`;
  return rows.map((r) => r.debtorId);
}

/**
 * A batch of invoices, inserted or updated where a value changed (so updatedAt says when it last
 * changed); the debtors whose invoices it wrote.
 */
async function upsertInvoices(tx: Tx, debtorIds: Map<string, string>, batch: PortfolioInvoice[]): Promise<string[]> {
  const debtorId = (cnpj: string) => {
    const id = debtorIds.get(cnpj);
    if (id === undefined) throw new Error('writePortfolio: an invoice names a CNPJ that is not among the debtors');
    return id;
  };
  const rows = await tx.$queryRaw<{ debtorId: string }[]>`
    WITH written AS (
    INSERT INTO "Invoice" ("id", "debtorId", "number", "amountCents", "dueDate", "description", "createdAt", "updatedAt")
    SELECT t."id", t."debtorId", t."number", t."amountCents"::bigint, t."dueDate", t."description", ${NOW}, ${NOW}
    FROM unnest(${batch.map(() => randomUUID())}::text[], ${batch.map((i) => debtorId(i.cnpj))}::text[], ${batch.map((i) => i.invoice)}::text[],
      ${batch.map((i) => String(i.amountCents))}::text[], ${batch.map((i) => i.dueDate)}::text[], ${batch.map((i) => i.description ?? null)}::text[])
      AS t("id", "debtorId", "number", "amountCents", "dueDate", "description")
    ON CONFLICT ("debtorId", "number") DO UPDATE
      SET "amountCents" = EXCLUDED."amountCents", "dueDate" = EXCLUDED."dueDate", "description" = EXCLUDED."description", "updatedAt" = EXCLUDED."updatedAt"
      WHERE ("Invoice"."amountCents", "Invoice"."dueDate", "Invoice"."description") IS DISTINCT FROM (EXCLUDED."amountCents", EXCLUDED."dueDate", EXCLUDED."description")
    RETURNING "debtorId"
    )
    SELECT DISTINCT "debtorId" FROM written`;
  return rows.map((r) => r.debtorId);
}
