// Debtors nobody talks to in the chat bench: the portfolio a real creditor has around the debtors
// who negotiate, so the bench shows whether a turn's cost or the server's memory grows with it.
// Set-based (one INSERT … SELECT per table), like bench/kpiSeed.ts.
import pg from 'pg';

export async function addFillerDebtors(databaseUrl: string, count: number): Promise<void> {
  if (count <= 0) return;
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string }>('SELECT "id" FROM "Creditor" ORDER BY "id" LIMIT 1');
    const creditorId = rows[0]?.id;
    if (!creditorId) throw new Error('no creditor to add debtors to');
    await c.query('BEGIN');
    // CNPJs outside the chat bench's range (its debtors start at 10 000 000); check digits are not
    // needed, nobody types these.
    await c.query(
      `INSERT INTO "Debtor" ("id", "creditorId", "cnpj", "companyName", "updatedAt")
       SELECT 'filler-' || g, $1, lpad((90000000 + g)::text, 8, '0') || '000199', 'Filler ' || g || ' Ltda', now()
       FROM generate_series(1, $2::int) g`,
      [creditorId, count],
    );
    await c.query(
      `INSERT INTO "Invoice" ("id", "debtorId", "number", "amountCents", "dueDate", "updatedAt")
       SELECT 'filler-inv-' || g || '-' || k, 'filler-' || g, 'F' || g || '-' || k, 10000 + (g * 37 + k) % 500000,
              to_char(date '2026-01-01' + ((g + k * 11) % 300), 'YYYY-MM-DD'), now()
       FROM generate_series(1, $1::int) g, generate_series(1, 2) k`,
      [count],
    );
    await c.query(
      `INSERT INTO "Contact" ("id", "debtorId", "name", "phone")
       SELECT 'filler-ct-' || g, 'filler-' || g, 'Contato ' || g, '5511' || lpad((900000000 + g)::text, 9, '0')
       FROM generate_series(1, $1::int) g`,
      [count],
    );
    await c.query('COMMIT');
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}
