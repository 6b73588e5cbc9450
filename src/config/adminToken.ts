import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { ensurePrivateDir } from './privateDir.js';

/** ADMIN_TOKEN, or one generated on first start and kept in DATA_DIR (never logged). */
export function resolveAdminToken(config: Pick<Config, 'ADMIN_TOKEN' | 'DATA_DIR'>, logger: Logger): string {
  if (config.ADMIN_TOKEN) return config.ADMIN_TOKEN;
  const file = path.join(config.DATA_DIR, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  ensurePrivateDir(config.DATA_DIR);
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  logger.warn({ file }, 'ADMIN_TOKEN is not set: generated one and saved it in this file');
  return token;
}
