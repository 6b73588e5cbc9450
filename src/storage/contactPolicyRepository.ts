import { ContactPolicySchema, DEFAULT_CONTACT_POLICY, type ContactPolicy } from '../domain/contactPolicy.js';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';

/** SettingVersion kind of the contact policy (see prisma/schema.prisma). */
export const CONTACT_POLICY_KIND = 'contactPolicy';

/** The creditor's current contact policy: the latest version, or the São Paulo preset before any was saved. */
export async function currentContactPolicy(db: Tx, creditorId: string): Promise<ContactPolicy> {
  const row = await db.settingVersion.findFirst({ where: { creditorId, kind: CONTACT_POLICY_KIND }, orderBy: { version: 'desc' } });
  return row ? ContactPolicySchema.parse(row.data) : DEFAULT_CONTACT_POLICY;
}

/** Saves a new version (history kept) and audits who changed what. `policy` is already validated. */
export async function saveContactPolicy(db: Db, creditorId: string, policy: ContactPolicy, actor: string): Promise<ContactPolicy> {
  return db.$transaction(async (tx) => {
    const before = await currentContactPolicy(tx, creditorId);
    const last = await tx.settingVersion.findFirst({ where: { creditorId, kind: CONTACT_POLICY_KIND }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    await tx.settingVersion.create({ data: { creditorId, kind: CONTACT_POLICY_KIND, version, data: policy as object, createdBy: actor } });
    await appendAudit(tx, [{ type: 'contact_policy.changed', actor, data: { creditorId, version, before, after: policy } }]);
    return policy;
  });
}
