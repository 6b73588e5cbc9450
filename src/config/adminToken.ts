import type { Logger } from 'pino';
import type { Config } from './config.js';
import { keptSecret } from './keptSecret.js';

/** ADMIN_TOKEN, or one generated on first start and kept in DATA_DIR (never logged). */
export function resolveAdminToken(config: Pick<Config, 'ADMIN_TOKEN' | 'DATA_DIR'>, logger: Logger): string {
  return keptSecret(config.ADMIN_TOKEN, config.DATA_DIR, 'admin-token', logger, 'ADMIN_TOKEN is not set: generated one and saved it in this file');
}
