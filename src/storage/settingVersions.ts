import type { z } from 'zod';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';

/**
 * Versioned admin settings in SettingVersion, one kind each: the current value is the latest
 * version (or the default before any was saved); a save adds a version and audits before/after.
 */
export interface SettingKind<T> {
  kind: string;
  schema: z.ZodType<T>;
  fallback: T;
  /** Audit event type of a change, e.g. "policy_buckets.changed". */
  auditType: string;
}

export async function currentSetting<T>(db: Tx, creditorId: string, s: SettingKind<T>): Promise<T> {
  const row = await db.settingVersion.findFirst({ where: { creditorId, kind: s.kind }, orderBy: { version: 'desc' } });
  return settingOf(s, row?.data);
}

/** A stored version's data as the setting, or its default before any was saved. */
export function settingOf<T>(s: SettingKind<T>, data: unknown): T {
  return data ? s.schema.parse(data) : s.fallback;
}

/** `value` is already validated. */
export async function saveSetting<T>(db: Db, creditorId: string, s: SettingKind<T>, value: T, actor: string): Promise<T> {
  return db.$transaction(async (tx) => {
    const before = await currentSetting(tx, creditorId, s);
    const last = await tx.settingVersion.findFirst({ where: { creditorId, kind: s.kind }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    await tx.settingVersion.create({ data: { creditorId, kind: s.kind, version, data: value as object, createdBy: actor } });
    await appendAudit(tx, [{ type: s.auditType, actor, data: { creditorId, version, before, after: value } }]);
    return value;
  });
}
