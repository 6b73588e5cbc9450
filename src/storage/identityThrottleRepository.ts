import { randomUUID } from 'node:crypto';
import { formatCnpj } from '../domain/cnpj.js';
import { FAILURE_MEMORY_MS, FRESH, isLocked, type ThrottleKind, type ThrottleState } from '../domain/identity.js';
import { throttleRef, type ThrottleRow } from './identityCheck.js';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';

const SELECT = { id: true, kind: true, key: true, failures: true, lockouts: true, lockedUntil: true, lastFailureAt: true } as const;

/**
 * The counter of (kind, key), created if missing and row-locked until the caller's transaction
 * ends: two sessions (or processes) checking the same CNPJ at once take turns, so each sees the
 * other's failures and the increment is atomic. Callers lock CNPJ before address, always.
 */
export async function lockThrottle(tx: Tx, creditorId: string, kind: ThrottleKind, key: string): Promise<ThrottleRow> {
  // One statement: the no-op update on a conflict takes the row's lock (waiting for a transaction
  // holding it) and returns the row as that one left it.
  const [row] = await tx.$queryRaw<Omit<ThrottleRow, 'kind'>[]>`INSERT INTO "IdentityThrottle" ("id", "creditorId", "kind", "key", "updatedAt")
    VALUES (${randomUUID()}, ${creditorId}, ${kind}, ${key}, now())
    ON CONFLICT ("creditorId", "kind", "key") DO UPDATE SET "key" = "IdentityThrottle"."key"
    RETURNING "id", "key", "failures", "lockouts", "lockedUntil", "lastFailureAt"`;
  return { ...row!, kind };
}

/**
 * The counter of (kind, key) as last committed, without its lock (the fresh state when there is
 * none): what a first-try success needs to know (src/storage/identityCheck.ts, firstTryPasses).
 */
export async function peekThrottle(tx: Tx, creditorId: string, kind: ThrottleKind, key: string): Promise<ThrottleState> {
  const [row] = await tx.$queryRawUnsafe<ThrottleState[]>(
    'SELECT "failures", "lockouts", "lockedUntil", "lastFailureAt" FROM "IdentityThrottle" WHERE "creditorId" = $1 AND "kind" = $2 AND "key" = $3',
    creditorId,
    kind,
    key,
  );
  return row ?? { ...FRESH };
}

export async function saveThrottle(tx: Tx, row: ThrottleRow): Promise<void> {
  const { failures, lockouts, lockedUntil, lastFailureAt } = row;
  await tx.identityThrottle.update({ where: { id: row.id }, data: { failures, lockouts, lockedUntil, lastFailureAt } });
}

/** A verified debtor starts clean: its CNPJ's counter goes (the address keeps its own). */
export async function clearThrottle(tx: Tx, id: string): Promise<void> {
  await tx.identityThrottle.deleteMany({ where: { id } });
}

/**
 * Counters that no longer count (not locked, no failure for FAILURE_MEMORY_MS) are deleted: they
 * hold client addresses (personal data) and would only grow. Returns how many went.
 */
export async function pruneIdentityThrottles(db: Tx, now: Date): Promise<number> {
  const before = new Date(now.getTime() - FAILURE_MEMORY_MS);
  const r = await db.identityThrottle.deleteMany({
    where: {
      OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }],
      AND: [{ OR: [{ lastFailureAt: { lt: before } }, { lastFailureAt: null, createdAt: { lt: before } }] }],
    },
  });
  return r.count;
}

export interface IdentityLockView {
  id: string;
  kind: ThrottleKind;
  /** The formatted CNPJ (kind cnpj) or the client address / chat id (kind address). */
  key: string;
  lockedUntil: string;
  lockouts: number;
  lastFailureAt: string | null;
  /** The debtor on file with this CNPJ, if any (a lock exists for any CNPJ tried). */
  debtor: { id: string; name: string } | null;
}

/** Locks in force now, the longest first. */
export async function listIdentityLocks(db: Db, creditorId: string, now: Date): Promise<IdentityLockView[]> {
  const rows = await db.identityThrottle.findMany({ where: { creditorId, lockedUntil: { gt: now } }, orderBy: [{ lockedUntil: 'desc' }, { key: 'asc' }], take: 500, select: SELECT });
  const cnpjs = rows.filter((r) => r.kind === 'cnpj').map((r) => r.key);
  const debtors = cnpjs.length ? await db.debtor.findMany({ where: { creditorId, cnpj: { in: cnpjs } }, select: { id: true, cnpj: true, companyName: true } }) : [];
  return rows.map((r) => {
    const d = r.kind === 'cnpj' ? debtors.find((x) => x.cnpj === r.key) : undefined;
    return {
      id: r.id,
      kind: r.kind as ThrottleKind,
      key: r.kind === 'cnpj' ? formatCnpj(r.key) : r.key,
      lockedUntil: r.lockedUntil!.toISOString(),
      lockouts: r.lockouts,
      lastFailureAt: r.lastFailureAt?.toISOString() ?? null,
      debtor: d ? { id: d.id, name: d.companyName } : null,
    };
  });
}

/**
 * An admin lifts a lock: the counter starts over (failures and back-off), audited with the actor.
 * `target` is a CNPJ (normalised) or a lock's id. Null when nothing is locked there.
 */
export async function liftIdentityLock(db: Db, creditorId: string, target: { cnpj: string } | { id: string }, actor: string, now: Date): Promise<IdentityLockView | null> {
  return db.$transaction(async (tx) => {
    const where = 'cnpj' in target ? { creditorId, kind: 'cnpj', key: target.cnpj } : { creditorId, id: target.id };
    const found = await tx.identityThrottle.findFirst({ where, select: SELECT });
    if (!found) return null;
    const row = await lockThrottle(tx, creditorId, found.kind as ThrottleKind, found.key);
    if (!isLocked(row, now)) return null;
    const debtor = row.kind === 'cnpj' ? await tx.debtor.findUnique({ where: { creditorId_cnpj: { creditorId, cnpj: row.key } }, select: { id: true, companyName: true } }) : null;
    await tx.identityThrottle.update({ where: { id: row.id }, data: { failures: 0, lockouts: 0, lockedUntil: null } });
    await appendAudit(tx, [
      { type: 'identity.unlocked', actor, debtorId: debtor?.id ?? null, data: { ...throttleRef(row), lockedUntil: row.lockedUntil!.toISOString(), lockouts: row.lockouts } },
    ]);
    return {
      id: row.id,
      kind: row.kind,
      key: row.kind === 'cnpj' ? formatCnpj(row.key) : row.key,
      lockedUntil: row.lockedUntil!.toISOString(),
      lockouts: row.lockouts,
      lastFailureAt: row.lastFailureAt?.toISOString() ?? null,
      debtor: debtor ? { id: debtor.id, name: debtor.companyName } : null,
    };
  });
}
