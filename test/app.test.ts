import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/testApp.js';
import { createPgDatabase, notePostgresSkipped, TEST_DATABASE_URL } from './helpers/testDatabase.js';

notePostgresSkipped('app');

describe.runIf(!!TEST_DATABASE_URL)('replicas starting at once on one empty PostgreSQL database', () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    pgdb = await createPgDatabase();
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await pgdb?.drop();
  });

  it('all start and serve; the creditor, the demo debtor and the flow are set up once', async () => {
    const started = await Promise.allSettled([1, 2, 3].map(() => startTestApp({ env: { DATABASE_URL: pgdb.url } })));
    apps.push(...started.filter((s): s is PromiseFulfilledResult<TestApp> => s.status === 'fulfilled').map((s) => s.value));
    expect(started.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason).slice(0, 500))).toEqual([]);
    for (const a of apps) expect((await a.api('GET', '/healthz')).status).toBe(200);
    const db = apps[0]!.app.database.prisma;
    expect(await db.creditor.count()).toBe(1);
    expect(await db.debtor.count()).toBe(1);
    expect(await db.contact.count()).toBe(1);
    expect(await db.invoice.count()).toBe(2);
    expect(await db.flowVersion.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { type: 'portfolio.imported' } })).toBe(1);
  }, 240_000);
});
