import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServerProcess, type ServerProcess } from './helpers/serverProcess.js';

/** Every path under `dir` (itself included) with the permission bits it has for group and others. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.mode & 0o077) found.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8)}`);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return found;
}

describe('the process as npm start runs it', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'cordial-main-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('creates DATA_DIR 0700 and writes the embedded database, the admin token and all else for its user only', async () => {
    // A DATA_DIR that does not exist yet, under a parent that is open to all as /tmp is.
    const dataDir = path.join(root, 'data');
    server = await startServerProcess({ DATA_DIR: dataDir }, await freePort());
    // A conversation, so the database has written rows and not only its schema.
    const s = await fetch(`${server.url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(s.status).toBe(201);
    // A stop signal reaches the app itself (npm start runs one process, node dist/main.js): it closes
    // the database and exits 0. Under the tsx CLI's relay a busy server could be SIGKILLed (143).
    expect(await server.kill('SIGTERM')).toBe(0);

    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['admin-token', 'pgdata']));
    expect(readdirSync(path.join(dataDir, 'pgdata')).length).toBeGreaterThan(3);
    expect(openToOthers(dataDir)).toEqual([]);
  }, 180_000);

  it('with DATABASE_URL and no AUDIT_CHECKPOINT_SECRET, stops at start and says which variable to set', async () => {
    // Checked before the database is opened: this address need not answer.
    const start = startServerProcess({ DATA_DIR: path.join(root, 'pg-replica'), DATABASE_URL: 'postgresql://127.0.0.1:1/nowhere', AUDIT_CHECKPOINT_SECRET: '' }, await freePort());
    await expect(start).rejects.toThrow(/server exited with 1:[\s\S]*AUDIT_CHECKPOINT_SECRET: required with DATABASE_URL/);
  }, 180_000);
});
