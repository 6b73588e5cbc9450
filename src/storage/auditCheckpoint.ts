import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './auditLog.js';
import type { Db, Tx } from './database.js';

export interface StreamHead {
  seq: bigint;
  hash: string;
}

export interface CheckpointRow {
  id: bigint;
  at: Date;
  streams: number;
  events: bigint;
  digest: string;
  keyId: string;
  signature: string;
}

// Names "audit checkpoint writing" for pg_advisory_xact_lock: checkpoints are written one at a
// time (each builds on the one before); it never touches the appends.
const CHECKPOINT_LOCK = 7_310_002;
const TX = { timeout: 120_000, maxWait: 30_000 };

/** A short public name of the secret, kept on each checkpoint: which key signed it, never the key. */
export function checkpointKeyId(key: string): string {
  return createHash('sha256').update(`cordial-audit-checkpoint-key:${key}`).digest('hex').slice(0, 16);
}

/** SHA-256 over every head, in stream order (compared as code units, not the database's collation). */
export function headsDigest(heads: Map<string, StreamHead>): string {
  const h = createHash('sha256');
  for (const stream of [...heads.keys()].sort()) {
    const head = heads.get(stream)!;
    h.update(`${stream}\t${head.seq}\t${head.hash}\n`);
  }
  return h.digest('hex');
}

function signed(c: Omit<CheckpointRow, 'id' | 'signature'>): string {
  return canonicalJson({ at: c.at.toISOString(), streams: c.streams, events: c.events.toString(), digest: c.digest, keyId: c.keyId });
}

export function signCheckpoint(key: string, c: Omit<CheckpointRow, 'id' | 'signature'>): string {
  return createHmac('sha256', key).update(signed(c)).digest('hex');
}

/** Whether the checkpoint was signed with `key` (false for another key, or any edit of what it signs). */
export function checkpointSignatureOk(key: string, c: CheckpointRow): boolean {
  if (c.keyId !== checkpointKeyId(key)) return false;
  const a = Buffer.from(signCheckpoint(key, c), 'hex');
  const b = Buffer.from(c.signature, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function latestCheckpoint(db: Db | Tx): Promise<CheckpointRow | null> {
  return db.auditCheckpoint.findFirst({ orderBy: { id: 'desc' } });
}

/** Every stream's head as of checkpoint `id`: per stream, the newest row a checkpoint up to it wrote. */
export async function checkpointHeads(db: Db | Tx, id: bigint): Promise<Map<string, StreamHead>> {
  const rows = await db.$queryRawUnsafe<{ stream: string; seq: bigint; hash: string }[]>(
    `SELECT DISTINCT ON (stream) stream, seq, hash FROM "AuditCheckpointHead" WHERE "checkpointId" <= $1 ORDER BY stream, "checkpointId" DESC`,
    id,
  );
  return new Map(rows.map((r) => [r.stream, { seq: BigInt(r.seq), hash: r.hash }]));
}

export interface CheckpointWritten {
  id: string;
  streams: number;
  /** Streams whose head moved since the checkpoint before (the rows this one wrote). */
  moved: number;
  /**
   * Streams whose recorded head (AuditStream) is behind or unlike the previous checkpoint's: kept
   * at the checkpoint's head, never lowered, so verification still reports the cut.
   */
  behind: string[];
}

/**
 * Writes a checkpoint of every audit stream's head, signed with `key`: only the streams that moved
 * since the last one get rows; the digest and the signature cover all of them. Nothing written
 * (null) when no stream moved. Heads come from AuditStream, which the appends update in their
 * own transactions, so each one names a committed event.
 */
export async function writeAuditCheckpoint(db: Db, key: string, now: Date): Promise<CheckpointWritten | null> {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHECKPOINT_LOCK})`);
    const prev = await latestCheckpoint(tx);
    const heads = prev ? await checkpointHeads(tx, prev.id) : new Map<string, StreamHead>();
    const moved: { stream: string; seq: bigint; hash: string }[] = [];
    const behind: string[] = [];
    for (const s of await tx.auditStream.findMany()) {
      const was = heads.get(s.stream);
      if (!was || s.seq > was.seq) moved.push(s);
      else if (s.seq < was.seq || s.hash !== was.hash) behind.push(s.stream);
    }
    if (moved.length === 0) return null;
    for (const m of moved) heads.set(m.stream, { seq: m.seq, hash: m.hash });
    let events = 0n;
    for (const h of heads.values()) events += h.seq;
    const c = { at: now, streams: heads.size, events, digest: headsDigest(heads), keyId: checkpointKeyId(key) };
    const row = await tx.auditCheckpoint.create({ data: { ...c, signature: signCheckpoint(key, c) }, select: { id: true } });
    await tx.auditCheckpointHead.createMany({ data: moved.map((m) => ({ checkpointId: row.id, stream: m.stream, seq: m.seq, hash: m.hash })) });
    return { id: row.id.toString(), streams: c.streams, moved: moved.length, behind };
  }, TX);
}
