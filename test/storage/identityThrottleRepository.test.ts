import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, recordFailure } from '../../src/domain/identity.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { liftIdentityLock, listIdentityLocks, lockThrottle, pruneIdentityThrottles, saveThrottle } from '../../src/storage/identityThrottleRepository.js';
import { DATABASES, createPgDatabase, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/identityThrottleRepository');
const NOW = new Date('2026-12-02T12:00:00.000Z');

/** One failed attempt in its own transaction, as a turn records it. */
async function fail(database: Database, key: string, now = NOW): Promise<void> {
  await database.prisma.$transaction(async (tx) => {
    const row = await lockThrottle(tx, 'cred', 'address', key);
    await saveThrottle(tx, { ...row, ...recordFailure(row, now, LIMITS.address).state });
  });
}

describe.each(DATABASES)('identity throttle rows ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
    await database.prisma.creditor.create({ data: { id: 'cred', name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'X', pixCity: 'SP' } });
    await database.prisma.debtor.create({ data: { creditorId: 'cred', cnpj: '11444777000161', companyName: 'Padaria Pão Quente Ltda' } });
  }, 120_000);
  afterAll(async () => opened?.close());

  it.skipIf(!enabled)('counts concurrent failures on one key exactly once each', async () => {
    await Promise.all(Array.from({ length: 9 }, () => fail(database, '198.51.100.7')));
    const row = await database.prisma.identityThrottle.findUniqueOrThrow({ where: { creditorId_kind_key: { creditorId: 'cred', kind: 'address', key: '198.51.100.7' } } });
    expect(row).toMatchObject({ failures: 9, lockouts: 0, lockedUntil: null });
  });

  it.skipIf(!enabled)('prunes counters past their memory, never a lock in force', async () => {
    const db = database.prisma;
    const old = new Date(NOW.getTime() - 25 * 3_600_000);
    await db.identityThrottle.createMany({
      data: [
        { creditorId: 'cred', kind: 'address', key: 'stale', failures: 2, lastFailureAt: old, createdAt: old },
        { creditorId: 'cred', kind: 'address', key: 'never-failed', createdAt: old },
        { creditorId: 'cred', kind: 'address', key: 'recent', failures: 1, lastFailureAt: NOW, createdAt: old },
        { creditorId: 'cred', kind: 'address', key: 'locked-long', failures: 0, lockouts: 6, lastFailureAt: old, lockedUntil: new Date(NOW.getTime() + 60_000), createdAt: old },
      ],
    });
    expect(await pruneIdentityThrottles(db, NOW)).toBe(2);
    const keys = (await db.identityThrottle.findMany({ where: { key: { in: ['stale', 'never-failed', 'recent', 'locked-long'] } }, select: { key: true } })).map((r) => r.key).sort();
    expect(keys).toEqual(['locked-long', 'recent']);
    await db.identityThrottle.deleteMany({ where: { key: { in: keys } } });
  });

  it.skipIf(!enabled)('lists locks in force with their debtor and lifts one by CNPJ, audited with the actor', async () => {
    await database.prisma.$transaction(async (tx) => {
      let row = await lockThrottle(tx, 'cred', 'cnpj', '11444777000161');
      for (let i = 0; i < 3; i++) row = { ...row, ...recordFailure(row, NOW, LIMITS.cnpj).state };
      await saveThrottle(tx, row);
    });
    const locks = await listIdentityLocks(database.prisma, 'cred', NOW);
    expect(locks).toEqual([
      expect.objectContaining({ kind: 'cnpj', key: '11.444.777/0001-61', lockedUntil: '2026-12-02T13:00:00.000Z', lockouts: 1, debtor: expect.objectContaining({ name: 'Padaria Pão Quente Ltda' }) }),
    ]);
    // An hour later nothing is in force, and there is nothing to lift.
    expect(await listIdentityLocks(database.prisma, 'cred', new Date(NOW.getTime() + 3_600_000))).toEqual([]);
    expect(await liftIdentityLock(database.prisma, 'cred', { cnpj: '11444777000161' }, 'user:u1', new Date(NOW.getTime() + 3_600_000))).toBeNull();

    const lifted = await liftIdentityLock(database.prisma, 'cred', { cnpj: '11444777000161' }, 'user:u1', NOW);
    expect(lifted).toMatchObject({ kind: 'cnpj', key: '11.444.777/0001-61' });
    expect(await listIdentityLocks(database.prisma, 'cred', NOW)).toEqual([]);
    const row = await database.prisma.identityThrottle.findUniqueOrThrow({ where: { creditorId_kind_key: { creditorId: 'cred', kind: 'cnpj', key: '11444777000161' } } });
    expect(row).toMatchObject({ failures: 0, lockouts: 0, lockedUntil: null });
    const event = await database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'identity.unlocked' } });
    expect(event.actor).toBe('user:u1');
    expect(event.debtorId).not.toBeNull();
    expect(JSON.stringify(event.data)).not.toContain('11444777000161');
    expect(event.data).toMatchObject({ kind: 'cnpj', masked: '11.***.***/****-61', throttleId: row.id });
  });
});

// Two connection pools, as two processes would have: the row lock still serialises the increments.
describe('identity throttle rows from two PostgreSQL clients', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL?.trim())('loses no failure when two clients fail at once', async () => {
    const pgdb = await createPgDatabase();
    const a = await openDatabase({ databaseUrl: pgdb.url });
    const b = await openDatabase({ databaseUrl: pgdb.url });
    try {
      await a.prisma.creditor.create({ data: { id: 'cred', name: 'X', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'X', pixCity: 'SP' } });
      await Promise.all(Array.from({ length: 8 }, (_, i) => fail(i % 2 ? a : b, '203.0.113.9')));
      const row = await a.prisma.identityThrottle.findUniqueOrThrow({ where: { creditorId_kind_key: { creditorId: 'cred', kind: 'address', key: '203.0.113.9' } } });
      expect(row.failures).toBe(8);
    } finally {
      await a.close();
      await b.close();
      await pgdb.drop();
    }
  }, 120_000);
});
