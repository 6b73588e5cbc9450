import { createHash } from 'node:crypto';
import type { Tx } from './database.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The one global chain written before streams: verified with the formula it was written with. */
export const LEGACY_STREAM = 'legacy';

export interface AuditInput {
  type: string;
  actor: string;
  conversationId?: string | null;
  debtorId?: string | null;
  data: Record<string, unknown>;
}

/** Canonical JSON (sorted keys) so the hash does not depend on key order after a round trip. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export interface HashedEvent {
  at: Date;
  type: string;
  actor: string;
  conversationId?: string | null;
  debtorId?: string | null;
  data: unknown;
  /** Absent or "legacy": the formula of the single global chain (stream and seq not hashed). */
  stream?: string;
  seq?: bigint | number;
}

/**
 * SHA-256 of the previous hash and the event. A stream's events also hash their stream and place,
 * so an event cannot be moved to another stream or renumbered without breaking its hash.
 */
export function auditHash(prevHash: string, e: HashedEvent): string {
  const fields: Record<string, unknown> = { at: e.at.toISOString(), type: e.type, actor: e.actor, conversationId: e.conversationId ?? null, debtorId: e.debtorId ?? null, data: e.data };
  if (e.stream !== undefined && e.stream !== LEGACY_STREAM) {
    fields.stream = e.stream;
    fields.seq = String(e.seq);
  }
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

/**
 * The chain an event joins: its conversation's (turns already hold that conversation's row, so its
 * writers never wait on each other here), else its debtor's, else the low-volume system stream
 * (logins, settings, imports).
 */
export function auditStreamOf(e: Pick<AuditInput, 'conversationId' | 'debtorId'>): string {
  if (e.conversationId) return `conversation:${e.conversationId}`;
  if (e.debtorId) return `debtor:${e.debtorId}`;
  return 'system';
}

type Head = { stream: string; seq: bigint; hash: string };

/**
 * The streams' heads, their rows locked to the end of the caller's transaction: the streams' other
 * writers wait for this one to commit, writers of other streams do not. One statement creates the
 * missing rows and locks the existing ones (ON CONFLICT DO UPDATE locks the row it lands on; the
 * no-op SET makes it return the row, as it stands after any writer it waited for committed), taking
 * every row in one order, by stream name, whether it existed or not: INSERT … SELECT … ORDER BY
 * inserts or locks the rows in the SELECT's order. Locking the existing ones first and creating the
 * others after let two first writers deadlock (one held "system" and waited for the conversation's
 * new row, the other the reverse). A missing row starts from the stream's newest event, should the
 * row be missing while events exist; a row another transaction is creating is waited for.
 */
async function lockStreamHeads(tx: Tx, streams: string[]): Promise<Map<string, Head>> {
  const heads = await tx.$queryRawUnsafe<Head[]>(
    `INSERT INTO "AuditStream" (stream, seq, hash)
     SELECT s, COALESCE(last.seq, 0), COALESCE(last.hash, $2)
     FROM unnest($1::text[]) AS s
     LEFT JOIN LATERAL (SELECT seq, hash FROM "AuditEvent" e WHERE e.stream = s ORDER BY seq DESC LIMIT 1) last ON true
     ORDER BY s
     ON CONFLICT (stream) DO UPDATE SET seq = "AuditStream".seq
     RETURNING stream, seq, hash`,
    [...streams].sort(),
    GENESIS_HASH,
  );
  return new Map(heads.map((h) => [h.stream, h]));
}

type EventRow = { at: Date; type: string; actor: string; conversationId: string | null; debtorId: string | null; data: object; prevHash: string; hash: string; stream: string; seq: bigint };

/**
 * The events inserted and their streams' heads moved, in one statement (the heads' rows are already
 * locked, so the update waits for nobody). Ids (autoincrement) follow the rows' order, the callers'.
 * `at` goes as UTC text into a timestamp without time zone (the zone is ignored, not converted), as
 * Prisma writes it, so the stored instant is the one hashed whatever the session's TimeZone.
 */
async function writeEvents(tx: Tx, rows: EventRow[], moved: Head[]): Promise<void> {
  await tx.$executeRawUnsafe(
    `WITH moved AS (
       UPDATE "AuditStream" a SET seq = v.seq, hash = v.hash
       FROM unnest($1::text[], $2::text[]::bigint[], $3::text[]) AS v(stream, seq, hash) WHERE a.stream = v.stream
     )
     INSERT INTO "AuditEvent" (at, type, actor, "conversationId", "debtorId", data, "prevHash", hash, stream, seq)
     SELECT at::timestamp(3), type, actor, cid, did, data::jsonb, prev, hash, stream, seq::bigint
     FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
       WITH ORDINALITY AS r(at, type, actor, cid, did, data, prev, hash, stream, seq, n)
     ORDER BY n`,
    moved.map((m) => m.stream),
    moved.map((m) => m.seq.toString()),
    moved.map((m) => m.hash),
    rows.map((r) => r.at.toISOString()),
    rows.map((r) => r.type),
    rows.map((r) => r.actor),
    rows.map((r) => r.conversationId),
    rows.map((r) => r.debtorId),
    rows.map((r) => JSON.stringify(r.data)),
    rows.map((r) => r.prevHash),
    rows.map((r) => r.hash),
    rows.map((r) => r.stream),
    rows.map((r) => r.seq.toString()),
  );
}

/**
 * Appends events to the tamper-evident trail: each joins its stream (auditStreamOf) with the next
 * seq and the hash of the stream's previous event. Only writers of the same stream serialise (on
 * its AuditStream row, to the end of the caller's transaction). Two statements whatever the number
 * of streams (a batch of the reminder pass touches hundreds): the heads created or locked, then the
 * events inserted with the heads moved; the hashing between them is done here.
 */
export async function appendAudit(tx: Tx, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  const byStream = new Map<string, number[]>();
  events.forEach((e, i) => {
    const s = auditStreamOf(e);
    byStream.set(s, [...(byStream.get(s) ?? []), i]);
  });
  const heads = await lockStreamHeads(tx, [...byStream.keys()]);
  const rows: EventRow[] = [];
  const moved: Head[] = [];
  for (const [stream, indexes] of byStream) {
    let { seq, hash: prevHash } = heads.get(stream)!;
    seq = BigInt(seq);
    for (const i of indexes) {
      const e = events[i]!;
      const at = new Date();
      const data = JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>;
      seq += 1n;
      const row = { at, type: e.type, actor: e.actor, conversationId: e.conversationId ?? null, debtorId: e.debtorId ?? null, data, prevHash, stream, seq };
      const hash = auditHash(prevHash, row);
      rows[i] = { ...row, hash };
      prevHash = hash;
    }
    moved.push({ stream, seq, hash: prevHash });
  }
  await writeEvents(tx, rows, moved);
}
