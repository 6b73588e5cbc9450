-- AlterTable
ALTER TABLE "Debtor" ADD COLUMN     "firstDueDate" TEXT,
ADD COLUMN     "inAgreementCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "oldestUnpaidDueDate" TEXT,
ADD COLUMN     "openCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "openInvoices" INTEGER NOT NULL DEFAULT 0;

-- Each debtor's balance is recomputed from its invoices whenever any of them is inserted, updated
-- or deleted: one statement-level trigger per event, so a statement touching many invoices (an
-- agreement taking all of a debtor's, an import) recomputes each debtor it touched once.
-- Recomputing (not adding deltas) keeps the figures right whatever the change was.
CREATE FUNCTION "Debtor_refresh_balances"(ids text[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Debtor" d SET
    "openCents" = b."openCents",
    "openInvoices" = b."openInvoices",
    "inAgreementCents" = b."inAgreementCents",
    "oldestUnpaidDueDate" = b."oldestUnpaidDueDate",
    "firstDueDate" = b."firstDueDate"
  FROM (
    SELECT t."id",
      COALESCE(sum(i."amountCents") FILTER (WHERE i."status" = 'open'), 0)::bigint AS "openCents",
      count(i."id") FILTER (WHERE i."status" = 'open')::int AS "openInvoices",
      COALESCE(sum(i."amountCents") FILTER (WHERE i."status" = 'in_agreement'), 0)::bigint AS "inAgreementCents",
      min(i."dueDate") FILTER (WHERE i."status" IN ('open', 'in_agreement')) AS "oldestUnpaidDueDate",
      min(i."dueDate") FILTER (WHERE i."status" <> 'cancelled') AS "firstDueDate"
    FROM unnest(ids) AS t("id") LEFT JOIN "Invoice" i ON i."debtorId" = t."id"
    GROUP BY t."id"
  ) b
  WHERE d."id" = b."id"
$$;

CREATE FUNCTION "Invoice_refresh_debtor_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "Debtor_refresh_balances"(ARRAY(SELECT DISTINCT "debtorId" FROM new_invoices));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "Debtor_refresh_balances"(ARRAY(SELECT DISTINCT "debtorId" FROM old_invoices));
  ELSE
    PERFORM "Debtor_refresh_balances"(ARRAY(SELECT "debtorId" FROM new_invoices UNION SELECT "debtorId" FROM old_invoices));
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Invoice_balances_insert" AFTER INSERT ON "Invoice"
  REFERENCING NEW TABLE AS new_invoices FOR EACH STATEMENT EXECUTE FUNCTION "Invoice_refresh_debtor_balances"();
CREATE TRIGGER "Invoice_balances_update" AFTER UPDATE ON "Invoice"
  REFERENCING OLD TABLE AS old_invoices NEW TABLE AS new_invoices FOR EACH STATEMENT EXECUTE FUNCTION "Invoice_refresh_debtor_balances"();
CREATE TRIGGER "Invoice_balances_delete" AFTER DELETE ON "Invoice"
  REFERENCING OLD TABLE AS old_invoices FOR EACH STATEMENT EXECUTE FUNCTION "Invoice_refresh_debtor_balances"();

-- The balances of the invoices already there.
SELECT "Debtor_refresh_balances"(ARRAY(SELECT "id" FROM "Debtor"));
