import { DEFAULT_ESCALATION_RULES, EscalationRulesSchema, type EscalationRules } from '../domain/escalationRules.js';
import { appendAudit } from './auditLog.js';
import type { Db, Tx } from './database.js';

/** The creditor's current escalation rules: the latest version, or the default before any was saved. */
export async function currentEscalationRules(db: Tx, creditorId: string): Promise<EscalationRules> {
  const row = await db.escalationRulesVersion.findFirst({ where: { creditorId }, orderBy: { version: 'desc' } });
  return row ? EscalationRulesSchema.parse(row.data) : DEFAULT_ESCALATION_RULES;
}

/** Saves a new version (history kept) and audits who changed what. `rules` is already validated. */
export async function saveEscalationRules(db: Db, creditorId: string, rules: EscalationRules, actor: string): Promise<EscalationRules> {
  return db.$transaction(async (tx) => {
    const before = await currentEscalationRules(tx, creditorId);
    const last = await tx.escalationRulesVersion.findFirst({ where: { creditorId }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    await tx.escalationRulesVersion.create({ data: { creditorId, version, data: rules as object, createdBy: actor } });
    await appendAudit(tx, [{ type: 'escalation_rules.changed', actor, data: { creditorId, version, before, after: rules } }]);
    return rules;
  });
}
