import type { Logger } from 'pino';
import type { Config } from './config.js';
import { keptSecret } from './keptSecret.js';

/**
 * The key the audit checkpoints are signed with (AUDIT_CHECKPOINT_SECRET), or one generated on
 * first start and kept in DATA_DIR. Kept out of the database on purpose: whoever can rewrite the
 * database must not be able to sign a checkpoint for a trail cut short. Replicas must share it (set
 * the variable), or each verifies only the checkpoints it signed itself.
 */
export function resolveAuditCheckpointSecret(config: Pick<Config, 'AUDIT_CHECKPOINT_SECRET' | 'DATA_DIR' | 'DATABASE_URL'>, logger: Logger): string {
  const warning = config.DATABASE_URL
    ? 'AUDIT_CHECKPOINT_SECRET is not set: generated one and saved it in this file; set the same one on every replica'
    : 'AUDIT_CHECKPOINT_SECRET is not set: generated one and saved it in this file (back it up with the data)';
  return keptSecret(config.AUDIT_CHECKPOINT_SECRET, config.DATA_DIR, 'audit-checkpoint-secret', logger, warning);
}
