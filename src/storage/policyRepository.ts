import { DEFAULT_POLICY, OfferPolicySchema, type OfferPolicy } from '../domain/policy.js';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';

/** The creditor's current offer policy: the latest version, or the default before any was saved. */
export async function currentPolicy(db: Tx, creditorId: string): Promise<OfferPolicy> {
  const row = await db.policyVersion.findFirst({ where: { creditorId }, orderBy: { version: 'desc' } });
  return row ? OfferPolicySchema.parse(row.data) : DEFAULT_POLICY;
}

/** Saves a new version (history kept) and audits who changed what. `policy` is already validated. */
export async function savePolicy(db: Db, creditorId: string, policy: OfferPolicy, actor: string): Promise<OfferPolicy> {
  return db.$transaction(async (tx) => {
    const before = await currentPolicy(tx, creditorId);
    const last = await tx.policyVersion.findFirst({ where: { creditorId }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    await tx.policyVersion.create({ data: { creditorId, version, data: policy as object, createdBy: actor } });
    await appendAudit(tx, [{ type: 'policy.changed', actor, data: { creditorId, version, before, after: policy } }]);
    return policy;
  });
}
