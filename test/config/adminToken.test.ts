import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAdminToken } from '../../src/config/adminToken.js';
import { createLogger } from '../../src/config/logger.js';

const logger = createLogger('silent');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'cordial-token-'));
  dirs.push(d);
  return path.join(d, 'data');
};

describe('resolveAdminToken', () => {
  it('takes ADMIN_TOKEN when it is set, and writes nothing', () => {
    const dir = dataDir();
    expect(resolveAdminToken({ ADMIN_TOKEN: 'configured-token', DATA_DIR: dir }, logger)).toBe('configured-token');
    expect(() => statSync(dir)).toThrow();
  });

  it('generates one on first start, keeps it readable by this user only, and reuses it', () => {
    const dir = dataDir();
    const token = resolveAdminToken({ ADMIN_TOKEN: undefined, DATA_DIR: dir }, logger);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const file = path.join(dir, 'admin-token');
    expect(readFileSync(file, 'utf8')).toBe(`${token}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(resolveAdminToken({ ADMIN_TOKEN: undefined, DATA_DIR: dir }, logger)).toBe(token);
  });
});
