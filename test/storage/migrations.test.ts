import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { DataDirLockedError } from '../../src/storage/dirLock.js';
import { diffSchemaAgainstMigrations } from '../../src/storage/migrations.js';
import { newPGlite, PrismaPGliteWithExtensions } from '../../src/storage/newPGlite.js';

describe('migrations and the embedded database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cordial-mig-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies every migration on a new directory, nothing on the next start, and keeps data', async () => {
    const first = await openDatabase({ dataDir: dir });
    expect(first.appliedMigrations.length).toBeGreaterThan(0);
    await first.prisma.creditor.create({ data: { id: 'c1', name: 'n', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'n', pixCity: 'c' } });
    // Ordered by name (their timestamps): a table without ORDER BY answers in whatever order its pages hold.
    const rows = await first.prisma.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name');
    expect(rows.map((r) => r.migration_name)).toEqual([...first.appliedMigrations].sort());
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    expect(second.appliedMigrations).toEqual([]);
    expect(await second.prisma.creditor.count()).toBe(1);
    await second.close();
  }, 120_000);

  it('refuses a second opener of the same directory while the first holds it', async () => {
    const first = await openDatabase({ dataDir: dir });
    try {
      // Same process: simulate another live process by writing a live foreign pid (our parent's).
      const { writeFileSync } = await import('node:fs');
      writeFileSync(path.join(dir, 'cordial.lock'), String(process.ppid));
      await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.close();
    }
  }, 120_000);

  it('has no schema change left without a migration', async () => {
    expect(await diffSchemaAgainstMigrations(new PrismaPGliteWithExtensions(newPGlite()))).toBe('');
  }, 120_000);
});
