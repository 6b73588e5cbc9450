import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveAdminToken } from '../../src/config/adminToken.js';
import { resolveAuditCheckpointSecret } from '../../src/config/auditCheckpointSecret.js';
import { ConfigError } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';

// The secrets kept in DATA_DIR when the configuration does not set them (src/config/keptSecret.ts).
const logger = createLogger('silent');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const dataDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'cordial-secret-'));
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

describe('resolveAuditCheckpointSecret', () => {
  it('takes AUDIT_CHECKPOINT_SECRET when it is set, and writes nothing', () => {
    const dir = dataDir();
    expect(resolveAuditCheckpointSecret({ AUDIT_CHECKPOINT_SECRET: 'configured-secret', DATA_DIR: dir, DATABASE_URL: undefined }, logger)).toBe('configured-secret');
    expect(() => statSync(dir)).toThrow();
  });

  it('generates one on first start, beside the admin token, readable by this user only, and reuses it', () => {
    const dir = dataDir();
    const secret = resolveAuditCheckpointSecret({ AUDIT_CHECKPOINT_SECRET: undefined, DATA_DIR: dir, DATABASE_URL: undefined }, logger);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const file = path.join(dir, 'audit-checkpoint-secret');
    expect(readFileSync(file, 'utf8')).toBe(`${secret}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveAuditCheckpointSecret({ AUDIT_CHECKPOINT_SECRET: undefined, DATA_DIR: dir, DATABASE_URL: undefined }, logger)).toBe(secret);
  });

  it('is required with DATABASE_URL (replicas must share it): a configuration error, nothing generated', () => {
    const dir = dataDir();
    expect(() => resolveAuditCheckpointSecret({ AUDIT_CHECKPOINT_SECRET: undefined, DATA_DIR: dir, DATABASE_URL: 'postgresql://x' }, logger)).toThrow(ConfigError);
    expect(() => resolveAuditCheckpointSecret({ AUDIT_CHECKPOINT_SECRET: undefined, DATA_DIR: dir, DATABASE_URL: 'postgresql://x' }, logger)).toThrow(/AUDIT_CHECKPOINT_SECRET: required with DATABASE_URL/);
    expect(() => statSync(dir)).toThrow();
    expect(resolveAuditCheckpointSecret({ AUDIT_CHECKPOINT_SECRET: 'shared-secret', DATA_DIR: dir, DATABASE_URL: 'postgresql://x' }, logger)).toBe('shared-secret');
  });

  it('with DATABASE_URL, names the secret an earlier version generated in DATA_DIR, which signed the checkpoints so far', () => {
    const dir = dataDir();
    resolveAuditCheckpointSecret({ AUDIT_CHECKPOINT_SECRET: undefined, DATA_DIR: dir, DATABASE_URL: undefined }, logger);
    expect(() => resolveAuditCheckpointSecret({ AUDIT_CHECKPOINT_SECRET: undefined, DATA_DIR: dir, DATABASE_URL: 'postgresql://x' }, logger)).toThrow(path.join(dir, 'audit-checkpoint-secret'));
  });
});
