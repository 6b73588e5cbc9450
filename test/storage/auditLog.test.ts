import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, appendAudit, auditHash, verifyAuditChain } from '../../src/storage/auditLog.js';
import type { Database } from '../../src/storage/database.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/auditLog');

describe.each(DATABASES)('audit hash chain ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
  }, 120_000);
  afterAll(async () => opened?.close());

  /** A fresh trail of `n` events (the table emptied first), in id order. */
  async function freshChain(n = 10) {
    const db = database.prisma;
    await db.$executeRawUnsafe('DELETE FROM "AuditEvent"');
    await db.$transaction((tx) =>
      appendAudit(
        tx,
        Array.from({ length: n }, (_, i) => ({ type: 'test.event', actor: 'test', conversationId: `c${i % 3}`, data: { i, nested: { b: 2, a: [1, 'x'] } } })),
      ),
    );
    return db.auditEvent.findMany({ orderBy: { id: 'asc' } });
  }
  const sql = (s: string) => database.prisma.$executeRawUnsafe(s);

  it.skipIf(!enabled)('links every event to the previous one, also under concurrent appends', async () => {
    const db = database.prisma;
    await db.$executeRawUnsafe('DELETE FROM "AuditEvent"');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.$transaction((tx) => appendAudit(tx, [{ type: 'test.event', actor: 'test', data: { i, nested: { b: 2, a: [1, 'x'] } } }, { type: 'test.event', actor: 'test', data: { i, second: true } }])),
      ),
    );
    const last = await db.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const r = await verifyAuditChain(db);
    expect(r).toEqual({ ok: true, checked: 16, firstBroken: null, head: { id: last.id.toString(), at: last.at, hash: last.hash } });
  });

  it.skipIf(!enabled)('walks the table in batches: a chain longer than one batch verifies', async () => {
    await freshChain(10);
    expect(await verifyAuditChain(database.prisma, { batchSize: 3 })).toMatchObject({ ok: true, checked: 10 });
  });

  // Each edit, on the first, a middle and the last row: the row itself is named, with the hash the
  // walk expected and the one the table holds.
  const EDITS: [string, string][] = [
    ['data', `data = '{"i": 999}'::jsonb`],
    ['actor', `actor = 'someone-else'`],
    ['type', `type = 'test.other'`],
    ['at', `at = at + interval '1 millisecond'`],
    ['conversationId', `"conversationId" = 'c-forged'`],
    ['debtorId', `"debtorId" = 'd-forged'`],
  ];
  for (const [column, set] of EDITS) {
    for (const where of [0, 4, 9]) {
      it.skipIf(!enabled)(`detects an edited ${column} in row ${where + 1} of 10 and names it`, async () => {
        const rows = await freshChain(10);
        const victim = rows[where]!;
        await sql(`UPDATE "AuditEvent" SET ${set} WHERE id = ${victim.id}`);
        const r = await verifyAuditChain(database.prisma, { batchSize: 4 });
        expect(r.ok).toBe(false);
        expect(r.checked).toBe(where);
        expect(r.firstBroken).toMatchObject({ id: victim.id.toString(), found: victim.hash });
        expect(r.firstBroken!.expected).not.toBe(victim.hash);
        expect(r.firstBroken!.expected).toMatch(/^[0-9a-f]{64}$/);
      });
    }
  }

  it.skipIf(!enabled)('detects a row whose hash was recomputed after an edit: the next link breaks', async () => {
    const rows = await freshChain(10);
    const victim = rows[4]!;
    const forged = { ...victim, data: { i: 999 } };
    const hash = auditHash(victim.prevHash, forged);
    await sql(`UPDATE "AuditEvent" SET data = '{"i": 999}'::jsonb, hash = '${hash}' WHERE id = ${victim.id}`);
    const r = await verifyAuditChain(database.prisma);
    expect(r).toMatchObject({ ok: false, checked: 5, firstBroken: { id: rows[5]!.id.toString(), type: 'test.event', expected: hash, found: victim.hash } });
  });

  it.skipIf(!enabled)('detects an edited hash or prevHash column', async () => {
    let rows = await freshChain(10);
    await sql(`UPDATE "AuditEvent" SET hash = '${'f'.repeat(64)}' WHERE id = ${rows[6]!.id}`);
    expect((await verifyAuditChain(database.prisma)).firstBroken).toMatchObject({ id: rows[6]!.id.toString(), expected: rows[6]!.hash, found: 'f'.repeat(64) });
    rows = await freshChain(10);
    await sql(`UPDATE "AuditEvent" SET "prevHash" = '${'e'.repeat(64)}' WHERE id = ${rows[6]!.id}`);
    expect((await verifyAuditChain(database.prisma)).firstBroken).toMatchObject({ id: rows[6]!.id.toString(), expected: rows[5]!.hash, found: 'e'.repeat(64) });
  });

  it.skipIf(!enabled)('detects a deleted row in the middle: the row after it points to a hash that is gone', async () => {
    const rows = await freshChain(10);
    await sql(`DELETE FROM "AuditEvent" WHERE id = ${rows[4]!.id}`);
    const r = await verifyAuditChain(database.prisma, { batchSize: 3 });
    expect(r).toMatchObject({ ok: false, checked: 4, firstBroken: { id: rows[5]!.id.toString(), expected: rows[3]!.hash, found: rows[4]!.hash } });
  });

  it.skipIf(!enabled)('detects a deleted first row: the new first row does not start from the genesis hash', async () => {
    const rows = await freshChain(10);
    await sql(`DELETE FROM "AuditEvent" WHERE id = ${rows[0]!.id}`);
    const r = await verifyAuditChain(database.prisma);
    expect(r).toMatchObject({ ok: false, checked: 0, firstBroken: { id: rows[1]!.id.toString(), expected: GENESIS_HASH, found: rows[0]!.hash } });
  });

  it.skipIf(!enabled)('detects deleted newest rows against a head recorded earlier (the chain alone cannot)', async () => {
    const rows = await freshChain(10);
    const head = (await verifyAuditChain(database.prisma)).head!;
    expect(head).toMatchObject({ id: rows[9]!.id.toString(), hash: rows[9]!.hash });
    await sql(`DELETE FROM "AuditEvent" WHERE id >= ${rows[8]!.id}`);
    // What is left is a consistent, shorter chain...
    expect(await verifyAuditChain(database.prisma)).toMatchObject({ ok: true, checked: 8 });
    // ...which the recorded head exposes.
    const r = await verifyAuditChain(database.prisma, { anchor: { id: head.id, hash: head.hash } });
    expect(r).toMatchObject({ ok: false, checked: 8, firstBroken: { id: head.id, at: null, type: null, expected: head.hash, found: null } });
  });

  it.skipIf(!enabled)('detects a rewritten tail (every hash recomputed) against a head recorded earlier', async () => {
    const rows = await freshChain(10);
    const head = (await verifyAuditChain(database.prisma)).head!;
    const last = rows[9]!;
    const hash = auditHash(last.prevHash, { ...last, data: { i: 999 } });
    await sql(`UPDATE "AuditEvent" SET data = '{"i": 999}'::jsonb, hash = '${hash}' WHERE id = ${last.id}`);
    expect(await verifyAuditChain(database.prisma)).toMatchObject({ ok: true, checked: 10 });
    const r = await verifyAuditChain(database.prisma, { anchor: { id: head.id, hash: head.hash } });
    expect(r).toMatchObject({ ok: false, checked: 9, firstBroken: { id: last.id.toString(), type: 'test.event', expected: head.hash, found: hash } });
  });

  it.skipIf(!enabled)('an intact chain verifies against its recorded head, also after more events', async () => {
    await freshChain(5);
    const head = (await verifyAuditChain(database.prisma)).head!;
    await database.prisma.$transaction((tx) => appendAudit(tx, [{ type: 'test.later', actor: 'test', data: {} }]));
    expect(await verifyAuditChain(database.prisma, { anchor: { id: head.id, hash: head.hash } })).toMatchObject({ ok: true, checked: 6, firstBroken: null });
  });
});
