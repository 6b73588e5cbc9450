-- The debtor search (src/storage/debtorSearch.ts) reads substrings through trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- AlterTable
ALTER TABLE "Debtor" ADD COLUMN     "searchPhones" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- A text as the search compares it: the data side of foldedPattern (src/domain/foldedPattern.ts).
-- A-Z and the accented letters of its table become their plain lower-case letter, every other
-- character stays as it is (a letter the table lacks matches only itself, as in the regex), and a
-- run of white space becomes one space (the regex's \s+). Written out with translate(), not lower()
-- or unaccent: the result must not depend on the server's locale nor on an extension more.
CREATE FUNCTION "Debtor_search_fold"(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(
    translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZáÁàÀâÂãÃäÄåÅéÉèÈêÊëËíÍìÌîÎïÏóÓòÒôÔõÕöÖúÚùÙûÛüÜçÇñÑýÝÿŸ',
                 'abcdefghijklmnopqrstuvwxyzaaaaaaaaaaaaeeeeeeeeiiiiiiiioooooooooouuuuuuuuccnnyyyy'),
    '[[:space:]]+', ' ', 'g')
$$;

-- A debtor's search text: its company name, invoice numbers, contact names and e-mails, folded, one
-- per line (a folded search never holds a line break, so it never matches across two of them); and
-- its contacts' phones as stored (digits after a +), one per line. Recomputed whole for the debtors
-- given, in one statement (an import touches thousands at once), and written only where it changed.
CREATE FUNCTION "Debtor_refresh_search"(ids text[]) RETURNS void LANGUAGE sql AS $$
  WITH u AS (SELECT DISTINCT t."id" FROM unnest(ids) AS t("id") WHERE t."id" IS NOT NULL),
  inv AS (
    SELECT i."debtorId", string_agg("Debtor_search_fold"(i."number"), E'\n' ORDER BY i."number") AS "text"
    FROM u JOIN "Invoice" i ON i."debtorId" = u."id" GROUP BY i."debtorId"
  ),
  ct AS (
    SELECT c."debtorId",
      string_agg(concat_ws(E'\n', "Debtor_search_fold"(c."name"), "Debtor_search_fold"(c."email")), E'\n' ORDER BY c."id")
        FILTER (WHERE c."name" IS NOT NULL OR c."email" IS NOT NULL) AS "text",
      string_agg(c."phone", E'\n' ORDER BY c."id") AS "phones"
    FROM u JOIN "Contact" c ON c."debtorId" = u."id" GROUP BY c."debtorId"
  )
  UPDATE "Debtor" d SET "searchText" = s."text", "searchPhones" = s."phones"
  FROM (
    SELECT d2."id", concat_ws(E'\n', "Debtor_search_fold"(d2."companyName"), inv."text", ct."text") AS "text", COALESCE(ct."phones", '') AS "phones"
    FROM u JOIN "Debtor" d2 ON d2."id" = u."id"
    LEFT JOIN inv ON inv."debtorId" = d2."id"
    LEFT JOIN ct ON ct."debtorId" = d2."id"
  ) s
  WHERE d."id" = s."id" AND (d."searchText" <> s."text" OR d."searchPhones" <> s."phones")
$$;

-- A new debtor has no invoices nor contacts yet (they reference it): its text is its name, set
-- before the row is written. A new company name: the whole text again, after.
CREATE FUNCTION "Debtor_set_search_text"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := "Debtor_search_fold"(NEW."companyName");
  RETURN NEW;
END
$$;
CREATE TRIGGER "Debtor_search_insert" BEFORE INSERT ON "Debtor"
  FOR EACH ROW EXECUTE FUNCTION "Debtor_set_search_text"();
CREATE FUNCTION "Debtor_refresh_search_of_debtor"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A bulk writer (the portfolio import) defers the refresh to one pass at its end.
  IF current_setting('cordial.defer_search_text', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM "Debtor_refresh_search"(ARRAY[NEW."id"]);
  RETURN NULL;
END
$$;
CREATE TRIGGER "Debtor_search_rename" AFTER UPDATE OF "companyName" ON "Debtor"
  FOR EACH ROW WHEN (OLD."companyName" IS DISTINCT FROM NEW."companyName") EXECUTE FUNCTION "Debtor_refresh_search_of_debtor"();

-- Invoices and contacts added or removed: the debtors they belong to, once per statement (an import
-- adds thousands at once). A change of invoice number, or of a contact's name, e-mail or phone (an
-- LGPD erasure blanks them: the search text must forget them too), is rare: a row trigger.
CREATE FUNCTION "Debtor_refresh_search_of_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A bulk writer (the portfolio import) defers the refresh to one pass at its end.
  IF current_setting('cordial.defer_search_text', true) = 'on' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM "Debtor_refresh_search"(ARRAY(SELECT DISTINCT "debtorId" FROM new_rows));
  ELSE
    PERFORM "Debtor_refresh_search"(ARRAY(SELECT DISTINCT "debtorId" FROM old_rows));
  END IF;
  RETURN NULL;
END
$$;
CREATE FUNCTION "Debtor_refresh_search_of_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A bulk writer (the portfolio import) defers the refresh to one pass at its end.
  IF current_setting('cordial.defer_search_text', true) = 'on' THEN RETURN NULL; END IF;
  PERFORM "Debtor_refresh_search"(ARRAY[OLD."debtorId", NEW."debtorId"]);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Invoice_search_insert" AFTER INSERT ON "Invoice"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Debtor_refresh_search_of_rows"();
CREATE TRIGGER "Invoice_search_delete" AFTER DELETE ON "Invoice"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Debtor_refresh_search_of_rows"();
CREATE TRIGGER "Invoice_search_update" AFTER UPDATE OF "number", "debtorId" ON "Invoice"
  FOR EACH ROW WHEN (OLD."number" IS DISTINCT FROM NEW."number" OR OLD."debtorId" IS DISTINCT FROM NEW."debtorId")
  EXECUTE FUNCTION "Debtor_refresh_search_of_row"();

CREATE TRIGGER "Contact_search_insert" AFTER INSERT ON "Contact"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "Debtor_refresh_search_of_rows"();
CREATE TRIGGER "Contact_search_delete" AFTER DELETE ON "Contact"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "Debtor_refresh_search_of_rows"();
CREATE TRIGGER "Contact_search_update" AFTER UPDATE OF "name", "email", "phone", "debtorId" ON "Contact"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."email" IS DISTINCT FROM NEW."email"
                     OR OLD."phone" IS DISTINCT FROM NEW."phone" OR OLD."debtorId" IS DISTINCT FROM NEW."debtorId")
  EXECUTE FUNCTION "Debtor_refresh_search_of_row"();

-- The debtors already there, before their indexes are built (one build, not 100 000 insertions).
SELECT "Debtor_refresh_search"(ARRAY(SELECT "id" FROM "Debtor"));

-- CreateIndex
CREATE INDEX "Debtor_searchText_idx" ON "Debtor" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Debtor_searchPhones_idx" ON "Debtor" USING GIN ("searchPhones" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Debtor_cnpj_idx" ON "Debtor" USING GIN ("cnpj" gin_trgm_ops);

-- The list's order, with the page's columns: the first page is the index's first entries, and a
-- late page is read from the index alone (no sort of every debtor, no visit to every row). Not in
-- schema.prisma, which cannot spell lower(); the schema diff leaves expression indexes alone.
CREATE INDEX "Debtor_search_order_idx" ON "Debtor" ("creditorId", "openCents" DESC, lower("companyName"), "id") INCLUDE ("companyName", "cnpj", "openInvoices");
