import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, portIsFree, startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { TEST_AUDIT_CHECKPOINT_SECRET } from '../helpers/testApp.js';
import { DATABASES, createPgDatabase, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('e2e/crashRestart');

async function post(url: string, p: string, body: unknown) {
  const r = await fetch(url + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as any };
}
async function get(url: string, p: string) {
  return (await (await fetch(url + p)).json()) as any;
}

describe.each(DATABASES)('SIGKILL mid-negotiation and restart ($kind)', ({ kind, enabled }) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  const ports: number[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    // Nothing left running: the servers under the npm start wrappers are gone too.
    for (const p of ports) expect(await portIsFree(p)).toBe(true);
  });

  it.skipIf(!enabled)('continues the conversation; nothing received is lost, nothing is sent twice', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-kill-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const env: Record<string, string> = { DATA_DIR: dataDir, ADMIN_TOKEN: 'x'.repeat(32) };
    if (kind === 'postgresql') {
      const pg = await createPgDatabase();
      cleanups.push(() => pg.drop());
      env.DATABASE_URL = pg.url;
      env.AUDIT_CHECKPOINT_SECRET = TEST_AUDIT_CHECKPOINT_SECRET;
    }
    const port = await freePort();
    ports.push(port);
    let server: ServerProcess = await startServerProcess(env, port);
    cleanups.push(async () => void (await server.kill('SIGKILL')));

    const s = await post(server.url, '/api/webchat/sessions', {});
    const id = s.body.sessionId as string;
    await post(server.url, `/api/webchat/sessions/${id}/messages`, { text: '11.444.777/0001-61', clientMessageId: 'm1' });
    const offered = await post(server.url, `/api/webchat/sessions/${id}/messages`, { text: 'NF-1001', clientMessageId: 'm2' });
    expect(offered.body.replies.map((r: any) => r.key)).toContain('offer.cash');

    // Kill while the acceptance is in flight: the turn may or may not have committed.
    const inflight = fetch(`${server.url}/api/webchat/sessions/${id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'aceito', clientMessageId: 'm3' }),
    }).catch(() => null);
    await new Promise((r) => setTimeout(r, 15));
    expect(await server.kill('SIGKILL')).toBe(null);
    await inflight;

    server = await startServerProcess(env, port);
    // The client never saw an answer, so it retries with the same id, as the web page does.
    const retried = await post(server.url, `/api/webchat/sessions/${id}/messages`, { text: 'aceito', clientMessageId: 'm3' });
    expect(retried.status).toBe(200);
    expect(retried.body.replies.map((r: any) => r.key)).toEqual(['agreement.term']);
    expect(await get(server.url, `/api/webchat/sessions/${id}`)).toEqual({ status: 'bot', state: 'agreed' });

    const { messages } = await get(server.url, `/api/webchat/sessions/${id}/messages?after=0`);
    const debtorTexts = messages.filter((m: any) => m.from === 'debtor').map((m: any) => m.text);
    expect(debtorTexts).toEqual(['11.444.777/0001-61', 'NF-1001', 'aceito']);
    const keys = messages.filter((m: any) => m.from === 'bot').map((m: any) => m.key);
    expect(keys.filter((k: string) => k === 'agreement.term')).toHaveLength(1);
    expect(keys.filter((k: string) => k === 'offer.cash')).toHaveLength(1);
    const seqs = messages.map((m: any) => m.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    await server.kill('SIGTERM');
  }, 240_000);
});

// The data-directory lock only concerns the embedded database (PostgreSQL is shared by design).
describe('the embedded database directory', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  const ports: number[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    for (const p of ports) expect(await portIsFree(p)).toBe(true);
  });

  it('refuses a second server on the same data directory with a clear message', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-lock-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const second = await freePort();
    ports.push(port, second);
    const first = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN: 'x'.repeat(32) }, port);
    cleanups.push(async () => void (await first.kill('SIGKILL')));
    await expect(startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN: 'x'.repeat(32) }, second)).rejects.toThrow(/in use by another Cordial process/);
    await first.kill('SIGTERM');
  }, 240_000);
});
