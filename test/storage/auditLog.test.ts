import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/storage/auditLog.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { DATABASES, createPgDatabase, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/auditLog');

describe.each(DATABASES)('audit hash chain ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    if (kind === 'postgresql') {
      const pg = await createPgDatabase();
      drop = pg.drop;
      database = await openDatabase({ databaseUrl: pg.url });
    } else {
      database = await openDatabase({});
    }
  }, 120_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it.skipIf(!enabled)('links every event to the previous one, also under concurrent appends', async () => {
    const db = database.prisma;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.$transaction((tx) => appendAudit(tx, [{ type: 'test.event', actor: 'test', data: { i, nested: { b: 2, a: [1, 'x'] } } }, { type: 'test.event', actor: 'test', data: { i, second: true } }])),
      ),
    );
    const r = await verifyAuditChain(db);
    expect(r).toEqual({ ok: true, checked: 16 });
  });

  it.skipIf(!enabled)('detects a tampered row and names the first broken link', async () => {
    const db = database.prisma;
    const rows = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });
    const victim = rows[5]!;
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET data = '{"i": 999}'::jsonb WHERE id = ${victim.id}`);
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.firstBrokenId).toBe(victim.id.toString());
    expect(r.checked).toBe(5);
  });
});
