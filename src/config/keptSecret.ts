import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { ensurePrivateDir } from './privateDir.js';

/**
 * A secret from the configuration, or one generated on first start and kept in `dataDir/file`
 * (mode 0600, the directory 0700). Never logged: the warning names the file only.
 */
export function keptSecret(configured: string | undefined, dataDir: string, file: string, logger: Logger, warning: string): string {
  if (configured) return configured;
  const where = path.join(dataDir, file);
  if (existsSync(where)) return readFileSync(where, 'utf8').trim();
  ensurePrivateDir(dataDir);
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(where, `${secret}\n`, { mode: 0o600 });
  chmodSync(where, 0o600);
  logger.warn({ file: where }, warning);
  return secret;
}
