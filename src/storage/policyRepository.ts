import type { IsoDate } from '../domain/dates.js';
import { DEFAULT_POLICY, OfferPolicySchema, type OfferPolicy } from '../domain/policy.js';
import { NO_BUCKETS, PolicyBucketsSchema, daysOverdue, policyForDays, type PolicyBuckets } from '../domain/policyBuckets.js';
import { settingOf, type SettingKind } from './settingVersions.js';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';

/** The creditor's current offer policy: the latest version, or the default before any was saved. */
export async function currentPolicy(db: Tx, creditorId: string): Promise<OfferPolicy> {
  const row = await db.policyVersion.findFirst({ where: { creditorId }, orderBy: { version: 'desc' } });
  return policyOf(row?.data);
}

/** A stored policy version's data, or the default before any was saved. */
function policyOf(data: unknown): OfferPolicy {
  return data ? OfferPolicySchema.parse(data) : DEFAULT_POLICY;
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

export const POLICY_BUCKETS: SettingKind<PolicyBuckets> = { kind: 'policyBuckets', schema: PolicyBucketsSchema, fallback: NO_BUCKETS, auditType: 'policy_buckets.changed' };

/**
 * The limits a debt is negotiated with: the bucket of its oldest open invoice's days overdue, or
 * the default policy.
 */
export async function policyForDebt(db: Tx, creditorId: string, dueDates: IsoDate[], today: IsoDate): Promise<OfferPolicy> {
  // Both settings in one statement: read on every identification.
  const [row] = await db.$queryRawUnsafe<{ policy: unknown; buckets: unknown }[]>(
    `SELECT (SELECT data FROM "PolicyVersion" WHERE "creditorId" = $1 ORDER BY version DESC LIMIT 1) AS policy,
            (SELECT data FROM "SettingVersion" WHERE "creditorId" = $1 AND kind = $2 ORDER BY version DESC LIMIT 1) AS buckets`,
    creditorId,
    POLICY_BUCKETS.kind,
  );
  return policyForDays(settingOf(POLICY_BUCKETS, row?.buckets), daysOverdue(dueDates, today), policyOf(row?.policy));
}
