import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointKeyId, signCheckpoint, writeAuditCheckpoint } from '../../src/storage/auditCheckpoint.js';
import { GENESIS_HASH, LEGACY_STREAM, appendAudit, auditHash, type AuditInput } from '../../src/storage/auditLog.js';
import type { Database } from '../../src/storage/database.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import { DATABASES, TEST_DATABASE_URL, notePostgresSkipped, openTestDatabase, twoConnections } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/auditLog');

const KEY = 'the-audit-checkpoint-key-of-these-tests';
const NOW = new Date('2026-12-03T12:00:00Z');

describe.each(DATABASES)('audit streams ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
  }, 120_000);
  afterAll(async () => opened?.close());

  const sql = (s: string) => database.prisma.$executeRawUnsafe(s);
  const verify = (opts: Parameters<typeof verifyAuditChain>[1] = {}) => verifyAuditChain(database.prisma, { checkpointKey: KEY, ...opts });
  const checkpoint = () => writeAuditCheckpoint(database.prisma, KEY, NOW);
  const append = (events: AuditInput[]) => database.prisma.$transaction((tx) => appendAudit(tx, events));
  const event = (i: number, conversationId: string | null = 'c0'): AuditInput => ({ type: 'test.event', actor: 'test', conversationId, data: { i, nested: { b: 2, a: [1, 'x'] } } });

  async function emptyTrail() {
    for (const t of ['AuditEvent', 'AuditStream', 'AuditCheckpoint', 'AuditCheckpointHead']) await sql(`DELETE FROM "${t}"`);
  }
  /** A fresh trail: `n` events of conversation c0 (one stream), in seq order. */
  async function freshStream(n = 10) {
    await emptyTrail();
    await append(Array.from({ length: n }, (_, i) => event(i)));
    return database.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
  }

  it.skipIf(!enabled)('gives each conversation its own stream, others the debtor’s or the system stream, each numbered from 1 and linked from the genesis hash', async () => {
    await emptyTrail();
    await append([event(0, 'a'), event(1, 'b'), { type: 'test.debtor', actor: 'test', debtorId: 'd1', data: {} }, event(2, 'a'), { type: 'test.system', actor: 'test', data: {} }]);
    const rows = await database.prisma.auditEvent.findMany({ orderBy: { id: 'asc' } });
    // Ids follow the callers' order, as before streams.
    expect(rows.map((r) => [r.stream, Number(r.seq), (r.data as { i?: number }).i ?? null])).toEqual([
      ['conversation:a', 1, 0],
      ['conversation:b', 1, 1],
      ['debtor:d1', 1, null],
      ['conversation:a', 2, 2],
      ['system', 1, null],
    ]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[3]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[3]!.hash).toBe(auditHash(rows[0]!.hash, rows[3]!));
    const heads = await database.prisma.auditStream.findMany({ orderBy: { stream: 'asc' } });
    expect(heads.map((h) => [h.stream, Number(h.seq), h.hash])).toEqual([
      ['conversation:a', 2, rows[3]!.hash],
      ['conversation:b', 1, rows[1]!.hash],
      ['debtor:d1', 1, rows[2]!.hash],
      ['system', 1, rows[4]!.hash],
    ]);
    const last = rows.at(-1)!;
    expect(await verify()).toEqual({ ok: true, checked: 5, firstBroken: null, brokenStreams: 0, head: { id: last.id.toString(), at: last.at, hash: last.hash }, streams: 4, checkpoint: null });
  });

  it.skipIf(!enabled)('continues a stream from its newest event when its head row is gone', async () => {
    const rows = await freshStream(3);
    await sql('DELETE FROM "AuditStream"');
    await append([event(3)]);
    const next = await database.prisma.auditEvent.findFirstOrThrow({ where: { seq: 4 } });
    expect(next.prevHash).toBe(rows[2]!.hash);
    expect(await verify()).toMatchObject({ ok: true, checked: 4 });
  });

  it.skipIf(!enabled)('takes no advisory lock: an append holds its stream’s row, nothing global', async () => {
    await emptyTrail();
    await database.prisma.$transaction(async (tx) => {
      const advisory = async () => (await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`))[0]!.n;
      const before = await advisory();
      await appendAudit(tx, [event(1, 'x'), event(2, 'y'), { type: 'test.system', actor: 'test', data: {} }]);
      expect(await advisory()).toBe(before);
    });
  });

  it.skipIf(!enabled)('keeps each stream linear under concurrent appends, a new stream’s first writers included', async () => {
    await emptyTrail();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => append([event(i, i % 2 ? 'odd' : 'even'), { ...event(i, null), type: 'test.system' }, event(100 + i, i % 2 ? 'odd' : 'even')])),
    );
    expect(await verify()).toMatchObject({ ok: true, checked: 24, streams: 3 });
    const seqs = async (stream: string) => (await database.prisma.auditEvent.findMany({ where: { stream }, orderBy: { seq: 'asc' } })).map((r) => Number(r.seq));
    expect(await seqs('conversation:odd')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await seqs('system')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.skipIf(!enabled)('walks the trail in batches: streams longer than one batch verify', async () => {
    await freshStream(10);
    await append([event(1, 'c1'), event(2, 'c1')]);
    expect(await verify({ batchSize: 3 })).toMatchObject({ ok: true, checked: 12, streams: 2 });
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
        const rows = await freshStream(10);
        const victim = rows[where]!;
        await sql(`UPDATE "AuditEvent" SET ${set} WHERE id = ${victim.id}`);
        const r = await verify({ batchSize: 4 });
        expect(r.ok).toBe(false);
        expect(r.checked).toBe(where);
        expect(r.firstBroken).toMatchObject({ id: victim.id.toString(), found: victim.hash, stream: 'conversation:c0', problem: 'hash' });
        expect(r.firstBroken!.expected).not.toBe(victim.hash);
        expect(r.firstBroken!.expected).toMatch(/^[0-9a-f]{64}$/);
      });
    }
  }

  it.skipIf(!enabled)('detects an event renumbered or moved to another stream', async () => {
    let rows = await freshStream(10);
    await sql(`UPDATE "AuditEvent" SET seq = 99 WHERE id = ${rows[9]!.id}`);
    expect((await verify()).firstBroken).toMatchObject({ id: rows[9]!.id.toString(), problem: 'hash', found: rows[9]!.hash });
    rows = await freshStream(10);
    await sql(`UPDATE "AuditEvent" SET stream = 'conversation:c-forged', seq = 1 WHERE id = ${rows[4]!.id}`);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, brokenStreams: 2 });
    // Its new stream does not start from the genesis hash; its old one lost a link.
    expect(r.firstBroken).toMatchObject({ id: rows[4]!.id.toString(), problem: 'link', expected: GENESIS_HASH, found: rows[3]!.hash });
  });

  it.skipIf(!enabled)('detects a row whose hash was recomputed after an edit: the next link breaks', async () => {
    const rows = await freshStream(10);
    const victim = rows[4]!;
    const hash = auditHash(victim.prevHash, { ...victim, data: { i: 999 } });
    await sql(`UPDATE "AuditEvent" SET data = '{"i": 999}'::jsonb, hash = '${hash}' WHERE id = ${victim.id}`);
    expect(await verify()).toMatchObject({ ok: false, checked: 5, firstBroken: { id: rows[5]!.id.toString(), type: 'test.event', expected: hash, found: victim.hash, problem: 'link' } });
  });

  it.skipIf(!enabled)('detects an edited hash or prevHash column', async () => {
    let rows = await freshStream(10);
    await sql(`UPDATE "AuditEvent" SET hash = '${'f'.repeat(64)}' WHERE id = ${rows[6]!.id}`);
    expect((await verify()).firstBroken).toMatchObject({ id: rows[6]!.id.toString(), expected: rows[6]!.hash, found: 'f'.repeat(64) });
    rows = await freshStream(10);
    await sql(`UPDATE "AuditEvent" SET "prevHash" = '${'e'.repeat(64)}' WHERE id = ${rows[6]!.id}`);
    expect((await verify()).firstBroken).toMatchObject({ id: rows[6]!.id.toString(), expected: rows[5]!.hash, found: 'e'.repeat(64) });
  });

  it.skipIf(!enabled)('detects a deleted row in the middle: the row after it points to a hash that is gone', async () => {
    const rows = await freshStream(10);
    await append([event(1, 'other')]);
    await sql(`DELETE FROM "AuditEvent" WHERE id = ${rows[4]!.id}`);
    const r = await verify({ batchSize: 3 });
    // The other stream still verifies: 4 of c0 and 1 of the other.
    expect(r).toMatchObject({ ok: false, checked: 5, brokenStreams: 1, firstBroken: { id: rows[5]!.id.toString(), expected: rows[3]!.hash, found: rows[4]!.hash, problem: 'link' } });
  });

  it.skipIf(!enabled)('detects a deleted first row: the new first row does not start from the genesis hash', async () => {
    const rows = await freshStream(10);
    await sql(`DELETE FROM "AuditEvent" WHERE id = ${rows[0]!.id}`);
    expect(await verify()).toMatchObject({ ok: false, checked: 0, firstBroken: { id: rows[1]!.id.toString(), expected: GENESIS_HASH, found: rows[0]!.hash } });
  });

  it.skipIf(!enabled)('detects a stream’s deleted tail against the latest checkpoint (the stream alone cannot)', async () => {
    const rows = await freshStream(10);
    await append([event(1, 'other')]);
    expect(await checkpoint()).toMatchObject({ streams: 2, moved: 2, behind: [] });
    await sql(`DELETE FROM "AuditEvent" WHERE id >= ${rows[8]!.id} AND stream = 'conversation:c0'`);
    // Without the checkpoint what is left is a consistent, shorter stream...
    expect(await verifyAuditChain(database.prisma, { checkpointKey: KEY })).toMatchObject({ ok: false });
    await sql('DELETE FROM "AuditCheckpointHead"');
    await sql('DELETE FROM "AuditCheckpoint"');
    expect(await verify()).toMatchObject({ ok: true, checked: 9, checkpoint: null });
    // ...which a checkpoint written before the cut exposes, naming the head it no longer reaches.
    await emptyTrail();
    const again = await freshStream(10);
    await checkpoint();
    await sql(`DELETE FROM "AuditEvent" WHERE id >= ${again[8]!.id}`);
    const r = await verify();
    expect(r).toMatchObject({ ok: false, checked: 8, brokenStreams: 1, firstBroken: { id: 'conversation:c0#10', at: null, type: null, expected: again[9]!.hash, found: null, stream: 'conversation:c0', problem: 'tail_missing' } });
    expect(r.checkpoint).toMatchObject({ streams: 1, events: '10', signatureChecked: true });
  });

  it.skipIf(!enabled)('detects a rewritten tail (the last hash recomputed) against the checkpoint', async () => {
    const rows = await freshStream(10);
    await checkpoint();
    const last = rows[9]!;
    const hash = auditHash(last.prevHash, { ...last, data: { i: 999 } });
    await sql(`UPDATE "AuditEvent" SET data = '{"i": 999}'::jsonb, hash = '${hash}' WHERE id = ${last.id}`);
    expect(await verify()).toMatchObject({ ok: false, checked: 9, firstBroken: { id: last.id.toString(), expected: last.hash, found: hash, problem: 'tail_missing' } });
  });

  it.skipIf(!enabled)('detects a deleted whole stream against the checkpoint', async () => {
    await freshStream(3);
    await append([event(1, 'gone'), event(2, 'gone')]);
    await checkpoint();
    const gone = await database.prisma.auditEvent.findFirstOrThrow({ where: { stream: 'conversation:gone' }, orderBy: { seq: 'desc' } });
    await sql(`DELETE FROM "AuditEvent" WHERE stream = 'conversation:gone'`);
    await sql(`DELETE FROM "AuditStream" WHERE stream = 'conversation:gone'`);
    expect(await verify()).toMatchObject({ ok: false, checked: 3, streams: 1, firstBroken: { id: 'conversation:gone#2', expected: gone.hash, found: null, problem: 'stream_missing' } });
  });

  it.skipIf(!enabled)('detects a forged checkpoint: edited, signed with another key, or its heads changed', async () => {
    const rows = await freshStream(10);
    await checkpoint();
    const cp = await database.prisma.auditCheckpoint.findFirstOrThrow();
    expect(await verify()).toMatchObject({ ok: true, checkpoint: { id: cp.id.toString() } });

    // The cut made to look covered: the checkpoint's head lowered, with the digest recomputed but no key to sign it.
    await sql(`DELETE FROM "AuditEvent" WHERE id = ${rows[9]!.id}`);
    await sql(`UPDATE "AuditCheckpointHead" SET seq = 9, hash = '${rows[8]!.hash}'`);
    const { headsDigest } = await import('../../src/storage/auditCheckpoint.js');
    const digest = headsDigest(new Map([['conversation:c0', { seq: 9n, hash: rows[8]!.hash }]]));
    await sql(`UPDATE "AuditCheckpoint" SET digest = '${digest}', events = 9`);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { id: `checkpoint:${cp.id}`, problem: 'checkpoint_signature', found: cp.signature } });

    // The same, signed with a key of the forger's own.
    const forged = { at: cp.at, streams: 1, events: 9n, digest, keyId: checkpointKeyId('another-key-of-at-least-32-characters') };
    await sql(`UPDATE "AuditCheckpoint" SET "keyId" = '${forged.keyId}', signature = '${signCheckpoint('another-key-of-at-least-32-characters', forged)}'`);
    expect((await verify()).firstBroken).toMatchObject({ id: `checkpoint:${cp.id}`, problem: 'checkpoint_signature', found: `key ${forged.keyId}` });

    // Heads changed under an intact, signed checkpoint: their digest no longer matches.
    const fresh = await freshStream(10);
    await checkpoint();
    await sql(`UPDATE "AuditCheckpointHead" SET seq = 9, hash = '${fresh[8]!.hash}'`);
    expect((await verify()).firstBroken).toMatchObject({ problem: 'checkpoint_heads' });
  });

  it.skipIf(!enabled)('writes checkpoints of the streams that moved only, never lowers a head, and reports one behind', async () => {
    await freshStream(3);
    await append([event(1, 'b')]);
    const first = await checkpoint();
    expect(first).toMatchObject({ streams: 2, moved: 2, behind: [] });
    expect(await checkpoint()).toBeNull();
    await append([event(2, 'b'), event(1, 'new')]);
    const second = await checkpoint();
    expect(second).toMatchObject({ streams: 3, moved: 2, behind: [] });
    expect(await database.prisma.auditCheckpointHead.count({ where: { checkpointId: BigInt(second!.id) } })).toBe(2);
    expect(await verify()).toMatchObject({ ok: true, checked: 6, checkpoint: { id: second!.id, streams: 3, events: '6' } });

    // A cut stream whose head row was lowered to match: the next checkpoint keeps the old head.
    const b2 = await database.prisma.auditEvent.findFirstOrThrow({ where: { stream: 'conversation:b', seq: 2 } });
    const b1 = await database.prisma.auditEvent.findFirstOrThrow({ where: { stream: 'conversation:b', seq: 1 } });
    await sql(`DELETE FROM "AuditEvent" WHERE id = ${b2.id}`);
    await sql(`UPDATE "AuditStream" SET seq = 1, hash = '${b1.hash}' WHERE stream = 'conversation:b'`);
    await append([event(4)]);
    const third = await checkpoint();
    expect(third).toMatchObject({ moved: 1, behind: ['conversation:b'] });
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { id: 'conversation:b#2', expected: b2.hash, problem: 'tail_missing' } });
  });

  it.skipIf(!enabled)('an intact trail verifies against a recorded head and the checkpoint, also after more events', async () => {
    await freshStream(5);
    await checkpoint();
    const head = (await verify()).head!;
    await append([{ type: 'test.later', actor: 'test', data: {} }, event(9)]);
    expect(await verify({ anchor: { id: head.id, hash: head.hash } })).toMatchObject({ ok: true, checked: 7, firstBroken: null });
    // A recorded head that is gone is reported, with no checkpoint covering it yet.
    const newest = (await verify()).head!;
    await sql(`DELETE FROM "AuditEvent" WHERE id = ${newest.id}`);
    expect(await verify()).toMatchObject({ ok: true });
    expect(await verify({ anchor: { id: newest.id, hash: newest.hash } })).toMatchObject({ ok: false, firstBroken: { id: newest.id, at: null, type: null, expected: newest.hash, found: null, problem: 'anchor' } });
  });

  it.skipIf(!enabled)('verifies the global chain written before streams (the legacy stream) with its own formula, beside new streams', async () => {
    await emptyTrail();
    // Rows as the migration leaves them: hashed without stream and seq, numbered in id order.
    let prev = GENESIS_HASH;
    for (let i = 1; i <= 4; i++) {
      const e = { at: new Date(Date.UTC(2026, 0, i)), type: 'old.event', actor: 'test', conversationId: `c${i % 2}`, debtorId: null, data: { i } };
      const hash = auditHash(prev, e);
      await database.prisma.auditEvent.create({ data: { ...e, prevHash: prev, hash, stream: LEGACY_STREAM, seq: i } });
      prev = hash;
    }
    await sql(`INSERT INTO "AuditStream" (stream, seq, hash) VALUES ('legacy', 4, '${prev}')`);
    await append([event(1, 'c1')]);
    await checkpoint();
    expect(await verify()).toMatchObject({ ok: true, checked: 5, streams: 2 });
    await sql(`UPDATE "AuditEvent" SET data = '{"i": 7}'::jsonb WHERE stream = 'legacy' AND seq = 2`);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { stream: 'legacy', problem: 'hash' } });
  });
});

// Two processes at once needs two connections: PostgreSQL only (PGlite serves one connection, so
// its transactions never overlap; the suite above checks there that an append takes no global lock).
describe.skipIf(!TEST_DATABASE_URL)('audit streams from two connections (postgresql)', () => {
  let two: Awaited<ReturnType<typeof twoConnections>>;
  beforeAll(async () => {
    two = await twoConnections('postgresql');
  }, 120_000);
  afterAll(async () => two?.close());

  /** A transaction on `db` that appends and then stays open until `release()`. */
  function heldOpen(db: Database, events: AuditInput[]) {
    let release!: () => void;
    let appended!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const didAppend = new Promise<void>((r) => (appended = r));
    const done = db.prisma.$transaction(
      async (tx) => {
        await appendAudit(tx, events);
        appended();
        await gate;
      },
      { timeout: 60_000 },
    );
    return { didAppend, release, done };
  }
  const ev = (conversationId: string, i: number): AuditInput => ({ type: 'test.event', actor: 'test', conversationId, data: { i } });

  it('appends to different conversations do not wait for each other: the second commits while the first is still open', async () => {
    const a = heldOpen(two.a, [ev('x', 1)]);
    await a.didAppend;
    // A wait on the first transaction's locks would end in an error here, not in a hang.
    await two.b.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '5s'`);
      await appendAudit(tx, [ev('y', 1), ev('y', 2)]);
    });
    // Committed, while the first transaction has not: its event is not there yet.
    expect(await two.b.prisma.auditEvent.count({ where: { stream: 'conversation:y' } })).toBe(2);
    expect(await two.b.prisma.auditEvent.count({ where: { stream: 'conversation:x' } })).toBe(0);
    a.release();
    await a.done;
    expect(await verifyAuditChain(two.a.prisma)).toMatchObject({ ok: true, checked: 3, streams: 2 });
  });

  it('appends to one stream queue on it and both land, linked in commit order', async () => {
    const a = heldOpen(two.a, [ev('same', 1)]);
    await a.didAppend;
    const b = two.b.prisma.$transaction((tx) => appendAudit(tx, [ev('same', 2)]), { timeout: 60_000 });
    // The second writer is waiting on the stream's row (seen from the first connection).
    for (let i = 0; ; i++) {
      const waiting = await two.a.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      if (waiting[0]!.n > 0) break;
      if (i > 500) throw new Error('the second writer never waited on the stream');
      await new Promise((r) => setTimeout(r, 10));
    }
    a.release();
    await Promise.all([a.done, b]);
    const rows = await two.a.prisma.auditEvent.findMany({ where: { stream: 'conversation:same' }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => [Number(r.seq), (r.data as { i: number }).i])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
  });

  it('many concurrent appends to one new stream from both connections: a linear chain, nothing lost', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? two.a : two.b).prisma.$transaction((tx) => appendAudit(tx, [ev('busy', i), { ...ev('busy', 100 + i), conversationId: null }]))));
    const rows = await two.a.prisma.auditEvent.findMany({ where: { stream: 'conversation:busy' }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => (r.data as { i: number }).i)).size).toBe(20);
    expect(await two.a.prisma.auditEvent.count({ where: { stream: 'system' } })).toBe(20);
    expect(await verifyAuditChain(two.a.prisma)).toMatchObject({ ok: true, brokenStreams: 0 });
  });
});
