import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countKpiRows, KPI_CREDITOR, KPI_NOW, seedKpiPortfolio } from '../../bench/kpiSeed.js';
import { AGEING_BUCKETS, ageingBucketOf, type Kpis } from '../../src/domain/kpis.js';
import { computeKpis } from '../../src/storage/kpiQueries.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('bench/kpiSeed');

// The KPI bench's portfolio at a small scale: it must hold what its comment promises (the shares
// are exact functions of the row numbers), and the figures it yields must not depend on the
// database. 1 000 debtors → 1 100 conversations, 180 agreements + 18 successors + 11 simulated.
const DEBTORS = 1000;
const figures: Partial<Record<string, Kpis>> = {};

describe.each(DATABASES.filter((d) => d.enabled))('KPI bench portfolio on $kind', ({ kind }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    await seedKpiPortfolio(t.database.prisma, DEBTORS);
  }, 120_000);
  afterAll(() => t?.close());

  it('has the rows its comment describes', async () => {
    const n = await countKpiRows(t.database.prisma);
    expect(n).toMatchObject({ Debtor: 1000, Contact: 1200, Invoice: 2000, Conversation: 1100, Agreement: 180 + 18 + 11, Handoff: 50 });
    const db = t.database.prisma;
    const [r] = await db.$queryRawUnsafe<{ orphans: number; unpaid: number; simulated: number; notices: number }[]>(
      `SELECT
         (SELECT count(*) FROM "Agreement" a WHERE NOT EXISTS (SELECT 1 FROM "Installment" i WHERE i."agreementId" = a."id"))::int AS "orphans",
         (SELECT count(*) FROM "Installment" i WHERE i."status" = 'paid' AND NOT EXISTS (SELECT 1 FROM "Payment" p WHERE p."txid" = i."txid"))::int AS "unpaid",
         (SELECT count(*) FROM "Agreement" a JOIN "Conversation" c ON c."id" = a."conversationId" WHERE a."status" = 'simulated' AND NOT c."simulation")::int AS "simulated",
         (SELECT count(*) FROM "Message" WHERE "proactive")::int AS "notices"`,
    );
    // Every agreement has instalments, every paid instalment its payment, simulated agreements sit
    // in simulator runs; notices open two thirds of the conversations.
    expect(r).toEqual({ orphans: 0, unpaid: 0, simulated: 0, notices: expect.any(Number) });
    expect(r!.notices / 1100).toBeCloseTo(0.67, 1);
    // Debtors in every ageing bucket today, by their oldest invoice (as the portfolio figures age them).
    const ages = await db.$queryRawUnsafe<{ age: number }[]>(
      `SELECT DISTINCT ($1::date - min("dueDate")::date) AS "age" FROM "Invoice" WHERE "status" <> 'cancelled' GROUP BY "debtorId"`,
      KPI_NOW.toISOString().slice(0, 10),
    );
    expect(new Set(ages.map((a) => ageingBucketOf(Number(a.age)))).size).toBe(AGEING_BUCKETS.length);
  });

  it('gives the same figures on every database', async () => {
    const kpis = await computeKpis(t.database.prisma, { creditorId: KPI_CREDITOR, query: { from: '2026-01-01', to: '2026-12-31' }, timeZone: 'America/Sao_Paulo', now: KPI_NOW });
    expect(kpis.conversations.started).toBeGreaterThan(0);
    expect(kpis.agreements.count).toBeGreaterThan(0);
    expect(kpis.payments.count).toBeGreaterThan(0);
    figures[kind] = kpis;
    const other = figures[kind === 'pglite' ? 'postgresql' : 'pglite'];
    if (other) expect(kpis).toEqual(other);
  });
});
