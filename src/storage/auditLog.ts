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

/** Walks the chain; returns the id of the first event whose hash or link does not match, if any. */
export async function verifyAuditChain(db: Tx): Promise<{ ok: boolean; checked: number; firstBrokenId?: string }> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: cursor ? { id: { gt: cursor } } : {}, orderBy: { id: 'asc' }, take: 500 });
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      const expected = auditHash(prevHash, r);
      if (r.prevHash !== prevHash || r.hash !== expected) return { ok: false, checked, firstBrokenId: r.id.toString() };
      prevHash = r.hash;
      checked++;
      cursor = r.id;
    }
  }
}
