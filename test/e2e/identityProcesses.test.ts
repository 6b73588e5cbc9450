import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { TEST_AUDIT_CHECKPOINT_SECRET } from '../helpers/testApp.js';
import { TEST_DATABASE_URL, createPgDatabase, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('e2e/identityProcesses');
const TOKEN = 'identity-processes-admin-token-0123456789';

async function post(url: string, p: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const r = await fetch(url + p, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as any };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });
}

describe('identity failures counted once across two processes on one PostgreSQL', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  }, 60_000);

  it.skipIf(!TEST_DATABASE_URL)('locks a CNPJ after exactly three failures when six sessions on two processes guess at once', async () => {
    const pgdb = await createPgDatabase();
    cleanups.push(() => pgdb.drop());
    const servers: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-identity-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      const port = await freePort();
      // One after the other: the first applies the migrations, the second finds nothing to apply.
      const s = await startServerProcess({ DATABASE_URL: pgdb.url, AUDIT_CHECKPOINT_SECRET: TEST_AUDIT_CHECKPOINT_SECRET, DATA_DIR: dataDir, ADMIN_TOKEN: TOKEN, WEBCHAT_SESSIONS_PER_MINUTE: '1000' }, port);
      servers.push(s);
      cleanups.push(async () => {
        await s.kill('SIGTERM');
        expect(await portIsFree(port)).toBe(true);
      });
    }
    const [a, b] = servers as [ServerProcess, ServerProcess];

    const base = `${String(32_000_000 + (process.pid % 100_000)).slice(-8)}0001`;
    const cnpj = base + cnpjCheckDigits(base);
    const csv = `cnpj,company_name,invoice,amount,due_date\n${cnpj},Alvo Processos Ltda,55123,1500.00,2026-08-01\n`;
    expect((await post(a.url, '/api/admin/portfolio/import', csv, { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' })).status).toBe(200);

    // Six sessions, alternating between the processes, each at the invoice question.
    const sessions: { url: string; id: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const url = (i % 2 ? b : a).url;
      const s = await post(url, '/api/webchat/sessions', {});
      const asked = await post(url, `/api/webchat/sessions/${s.body.sessionId}/messages`, { text: cnpj });
      expect(asked.body.replies[0].key).toBe('identify.askSecondFactor');
      sessions.push({ url, id: s.body.sessionId });
    }
    // All guess at once: the counter is shared and its increment atomic, so exactly three are evaluated.
    const answers = await Promise.all(sessions.map((s, i) => post(s.url, `/api/webchat/sessions/${s.id}/messages`, { text: `NF ${70_000 + i}` })));
    const keys = answers.map((r) => r.body.replies[0].key).sort();
    expect(keys).toEqual(['identify.failed', 'identify.failed', 'identify.locked', 'identify.locked', 'identify.locked', 'identify.locked']);

    // The right invoice on the other process is refused while the lock lasts.
    const late = await post(b.url, '/api/webchat/sessions', {});
    await post(b.url, `/api/webchat/sessions/${late.body.sessionId}/messages`, { text: cnpj });
    const refused = await post(b.url, `/api/webchat/sessions/${late.body.sessionId}/messages`, { text: 'NF 55123' });
    expect(refused.body.replies.map((r: any) => r.key)).toEqual(['identify.locked']);
    expect(JSON.stringify(refused.body)).not.toContain('Alvo Processos');

    const c = new pg.Client({ connectionString: pgdb.url });
    await c.connect();
    try {
      const counts = await c.query(`SELECT type, count(*)::int AS n FROM "AuditEvent" WHERE type LIKE 'identity.%' GROUP BY type ORDER BY type`);
      expect(Object.fromEntries(counts.rows.map((r) => [r.type, r.n]))).toEqual({ 'identity.failed': 3, 'identity.locked': 1, 'identity.refused_locked': 4 });
      const row = await c.query(`SELECT failures, lockouts FROM "IdentityThrottle" WHERE kind = 'cnpj' AND key = $1`, [cnpj]);
      expect(row.rows).toEqual([{ failures: 0, lockouts: 1 }]);
    } finally {
      await c.end();
    }
  }, 300_000);
});
