import { createHash } from 'node:crypto';
import type { Tx } from './database.js';

export const GENESIS_HASH = '0'.repeat(64);

// Any fixed number works; it names "the audit chain" for pg_advisory_xact_lock across processes.
const AUDIT_CHAIN_LOCK = 7_310_001;

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

export function auditHash(prevHash: string, e: { at: Date; type: string; actor: string; conversationId?: string | null; debtorId?: string | null; data: unknown }): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ at: e.at.toISOString(), type: e.type, actor: e.actor, conversationId: e.conversationId ?? null, debtorId: e.debtorId ?? null, data: e.data }))
    .digest('hex');
}

/**
 * Appends events to the tamper-evident trail: each row carries the hash of the previous row. The
 * advisory lock (held to the end of the caller's transaction) keeps the chain linear across
 * concurrent transactions and processes.
 */
export async function appendAudit(tx: Tx, events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx.auditEvent.findFirst({ orderBy: { id: 'desc' }, select: { hash: true } });
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = events.map((e) => {
    const at = new Date();
    const data = JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>;
    const hash = auditHash(prevHash, { ...e, at, data });
    const row = { at, type: e.type, actor: e.actor, conversationId: e.conversationId ?? null, debtorId: e.debtorId ?? null, data: data as object, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // One statement; ids (autoincrement) follow the array order, which is the chain order.
  await tx.auditEvent.createMany({ data: rows });
}

/** The first event where the chain does not hold: what the walk expected there and what the table holds. */
export interface ChainBreak {
  id: string;
  /** Null when the event itself is gone (a recorded head that no longer exists). */
  at: Date | null;
  type: string | null;
  expected: string;
  found: string | null;
}

export interface ChainVerification {
  ok: boolean;
  /** Events checked before the first break (all of them when ok). */
  checked: number;
  firstBroken: ChainBreak | null;
  /** The last event walked: keep its id and hash somewhere else to detect a later cut of the tail. */
  head: { id: string; at: Date; hash: string } | null;
}

/**
 * Walks the whole chain in id order, a batch at a time (the trail may hold millions of rows).
 * An edited row fails its own hash; a deleted row breaks the link of the one after it (its
 * prevHash names a hash that is not there). Deleting the newest rows leaves a shorter chain that
 * is consistent on its own, so that case needs an `anchor`: a head recorded earlier (the verify
 * endpoint and the evidence files print it), which must still be in the chain with the same hash.
 */
export async function verifyAuditChain(db: Tx, opts: { anchor?: { id: string; hash: string }; batchSize?: number } = {}): Promise<ChainVerification> {
  const batch = opts.batchSize ?? 1000;
  const anchorId = opts.anchor ? BigInt(opts.anchor.id) : undefined;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let head: ChainVerification['head'] = null;
  let anchorSeen = false;
  let cursor: bigint | undefined;
  const broken = (r: { id: bigint; at: Date; type: string }, expected: string, found: string | null): ChainVerification => ({
    ok: false,
    checked,
    firstBroken: { id: r.id.toString(), at: r.at, type: r.type, expected, found },
    head,
  });
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: cursor !== undefined ? { id: { gt: cursor } } : {}, orderBy: { id: 'asc' }, take: batch });
    for (const r of rows) {
      // A row whose link is wrong is reported by its link (the hash it should point to), which
      // names the missing or altered predecessor; otherwise by its own hash.
      if (r.prevHash !== prevHash) return broken(r, prevHash, r.prevHash);
      const expected = auditHash(prevHash, r);
      if (r.hash !== expected) return broken(r, expected, r.hash);
      if (anchorId !== undefined && r.id === anchorId) {
        if (r.hash !== opts.anchor!.hash) return broken(r, opts.anchor!.hash, r.hash);
        anchorSeen = true;
      }
      prevHash = r.hash;
      head = { id: r.id.toString(), at: r.at, hash: r.hash };
      checked++;
      cursor = r.id;
    }
    if (rows.length < batch) break;
  }
  if (opts.anchor && !anchorSeen) return { ok: false, checked, firstBroken: { id: opts.anchor.id, at: null, type: null, expected: opts.anchor.hash, found: null }, head };
  return { ok: true, checked, firstBroken: null, head };
}
