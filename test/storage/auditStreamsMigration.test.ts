import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, LEGACY_STREAM, auditHash } from '../../src/storage/auditLog.js';
import { migrateOverRows } from '../helpers/migrateOverRows.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/auditStreamsMigration');

// The trail written before streams is one chain in id order. The migration keeps those rows as
// they are (their hashes are printed in evidence files already handed out) as the stream "legacy",
// numbered in id order, with its head recorded so the first checkpoint covers it.
const OLD = Array.from({ length: 5 }, (_, i) => ({
  at: new Date(Date.UTC(2026, 10, 1 + i, 12, 0, 0, 7 * i)),
  type: i % 2 ? 'message.in' : 'offer.made',
  actor: i % 2 ? 'debtor' : 'bot',
  conversationId: i === 4 ? null : `c${i % 2}`,
  debtorId: i > 2 ? 'd1' : null,
  data: { i, nested: { b: 2, a: [1, 'x'] } },
}));
const chain: { prevHash: string; hash: string }[] = [];
for (const e of OLD) {
  const prevHash = chain.at(-1)?.hash ?? GENESIS_HASH;
  chain.push({ prevHash, hash: auditHash(prevHash, e) });
}
const q = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
const ROWS = OLD.map(
  (e, i) =>
    `INSERT INTO "AuditEvent"(at,type,actor,"conversationId","debtorId",data,"prevHash",hash) VALUES ('${e.at.toISOString()}','${e.type}','${e.actor}',${q(e.conversationId)},${q(e.debtorId)},'${JSON.stringify(e.data)}','${chain[i]!.prevHash}','${chain[i]!.hash}');`,
).join('\n');
const AFTER = [
  `SELECT (extract(epoch FROM at) * 1000)::bigint::text AS ms, type, actor, "conversationId", "debtorId", data, "prevHash", hash, stream, seq::int AS seq FROM "AuditEvent" ORDER BY id`,
  `SELECT stream, seq::int AS seq, hash FROM "AuditStream"`,
];

describe.each(DATABASES)('audit streams migration over an existing trail ($kind)', ({ kind, enabled }) => {
  it.skipIf(!enabled)('makes the global chain the legacy stream, still verifying, its head recorded', async () => {
    const [events, streams] = (await migrateOverRows(kind, 'audit_streams', ROWS, AFTER)) as [Record<string, any>[], Record<string, any>[]];
    expect(events.map((r) => [r.stream, r.seq, r.hash])).toEqual(chain.map((c, i) => [LEGACY_STREAM, i + 1, c.hash]));
    // The walk verification makes: every link and hash, with the formula the rows were written with.
    let prev = GENESIS_HASH;
    for (const r of events) {
      expect(r.prevHash).toBe(prev);
      expect(auditHash(prev, { ...r, at: new Date(Number(r.ms)) } as any)).toBe(r.hash);
      prev = r.hash;
    }
    expect(streams).toEqual([{ stream: LEGACY_STREAM, seq: 5, hash: chain[4]!.hash }]);
  });

  it.skipIf(!enabled)('leaves an empty trail empty, with no legacy stream', async () => {
    expect(await migrateOverRows(kind, 'audit_streams', 'SELECT 1;', AFTER)).toEqual([[], []]);
  });
});
