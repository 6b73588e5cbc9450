import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type Config } from './config.js';
import { keptSecret } from './keptSecret.js';

const FILE = 'audit-checkpoint-secret';

/**
 * The key the audit checkpoints are signed with (AUDIT_CHECKPOINT_SECRET), or, on the embedded
 * database, one generated on first start and kept in DATA_DIR. Kept out of the database on purpose:
 * whoever can rewrite the database must not be able to sign a checkpoint for a trail cut short.
 * On PostgreSQL (DATABASE_URL) it is required: replicas sharing the database must share the key,
 * and a key generated per replica would make each reject the checkpoints the others signed.
 */
export function resolveAuditCheckpointSecret(config: Pick<Config, 'AUDIT_CHECKPOINT_SECRET' | 'DATA_DIR' | 'DATABASE_URL'>, logger: Logger): string {
  if (config.DATABASE_URL && !config.AUDIT_CHECKPOINT_SECRET) {
    // An upgrade from a version that generated one: the checkpoints already written are signed with it.
    const kept = path.join(config.DATA_DIR, FILE);
    const hint = existsSync(kept) ? ` This replica kept a generated one in ${kept}: set that value on every replica, and the checkpoints it signed still verify.` : '';
    throw new ConfigError(
      `Invalid configuration:\n  AUDIT_CHECKPOINT_SECRET: required with DATABASE_URL (every replica on the database signs the audit checkpoints with it, so all must have the same one): at least 32 characters, e.g. the output of: openssl rand -base64 32.${hint}`,
    );
  }
  return keptSecret(config.AUDIT_CHECKPOINT_SECRET, config.DATA_DIR, FILE, logger, 'AUDIT_CHECKPOINT_SECRET is not set: generated one and saved it in this file (back it up with the data)');
}
