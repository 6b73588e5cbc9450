-- "Debtor_refresh_search" reads each debtor's invoices and contacts by that debtor (LATERAL, over
-- the debtorId indexes) instead of aggregating them in two CTEs joined afterwards. The planner
-- cannot see how many ids a function's array holds and guessed a handful: with the CTEs it chose
-- a nested loop that scanned the aggregated CTE once per debtor, quadratic in the ids: one
-- statement adding 200 000 invoices to 100 000 debtors (the chat bench's filler portfolio) ran
-- for more than eight minutes. Per debtor, the cost is two index lookups whatever the guess.
-- The text and phones it writes are the same as before.
CREATE OR REPLACE FUNCTION "Debtor_refresh_search"(ids text[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "Debtor" d SET "searchText" = s."text", "searchPhones" = s."phones"
  FROM (
    SELECT d2."id",
      concat_ws(E'\n', "Debtor_search_fold"(d2."companyName"), inv."text", ct."text") AS "text",
      COALESCE(ct."phones", '') AS "phones"
    FROM (SELECT DISTINCT t."id" FROM unnest(ids) AS t("id") WHERE t."id" IS NOT NULL) u
    JOIN "Debtor" d2 ON d2."id" = u."id"
    LEFT JOIN LATERAL (
      SELECT string_agg("Debtor_search_fold"(i."number"), E'\n' ORDER BY i."number") AS "text"
      FROM "Invoice" i WHERE i."debtorId" = d2."id"
    ) inv ON true
    LEFT JOIN LATERAL (
      SELECT string_agg(concat_ws(E'\n', "Debtor_search_fold"(c."name"), "Debtor_search_fold"(c."email")), E'\n' ORDER BY c."id")
               FILTER (WHERE c."name" IS NOT NULL OR c."email" IS NOT NULL) AS "text",
             string_agg(c."phone", E'\n' ORDER BY c."id") AS "phones"
      FROM "Contact" c WHERE c."debtorId" = d2."id"
    ) ct ON true
  ) s
  WHERE d."id" = s."id" AND (d."searchText" <> s."text" OR d."searchPhones" <> s."phones")
$$;
