-- The portfolio import writes each new debtor once, with its search text and balances already
-- computed from the file (src/storage/portfolioRepository.ts): before, each new debtor row was
-- written three times (inserted with its name, rewritten by the balance trigger after its invoice
-- batch, rewritten again by the deferred search refresh), each time with entries in its three
-- trigram indexes and its list index. Every other writer keeps the triggers as they were.

-- Under cordial.defer_search_text the writer supplies the search text of the debtors it inserts
-- (and refreshes, at its end, those it only updated): the trigger leaves it. Checked in the
-- trigger's WHEN, not in its function: the import inserts tens of thousands of debtors at once, and a PL/pgSQL
-- call per row that only returns cost 12-17 ms per 1 000 rows.
DROP TRIGGER "Debtor_search_insert" ON "Debtor";
CREATE TRIGGER "Debtor_search_insert" BEFORE INSERT ON "Debtor"
  FOR EACH ROW WHEN (current_setting('cordial.defer_search_text', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION "Debtor_set_search_text"();

-- Under cordial.defer_balances (SET LOCAL, the portfolio import only) the writer supplies the
-- balances of the debtors it inserts and calls "Debtor_refresh_balances" at its end for the
-- debtors already there whose invoices it wrote: one recomputation per debtor, not one per batch.
CREATE OR REPLACE FUNCTION "Invoice_refresh_debtor_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('cordial.defer_balances', true) = 'on' THEN RETURN NULL; END IF;
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

-- The same figures, written only where one changed: a debtor row rewritten is a new entry in each
-- of its indexes (the balances are in the list's index, so the update is never HOT), and a
-- recomputation often finds nothing changed (an invoice's description edited, a re-import).
CREATE OR REPLACE FUNCTION "Debtor_refresh_balances"(ids text[]) RETURNS void LANGUAGE sql AS $$
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
    AND (d."openCents", d."openInvoices", d."inAgreementCents", d."oldestUnpaidDueDate", d."firstDueDate")
      IS DISTINCT FROM (b."openCents", b."openInvoices", b."inAgreementCents", b."oldestUnpaidDueDate", b."firstDueDate")
$$;
