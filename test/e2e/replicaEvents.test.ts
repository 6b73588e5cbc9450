import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebchatDebtor } from '../helpers/chat.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { TEST_ADMIN_TOKEN, TEST_AUDIT_CHECKPOINT_SECRET, type TestApp } from '../helpers/testApp.js';
import { createPgDatabase, notePostgresSkipped, TEST_DATABASE_URL } from '../helpers/testDatabase.js';

notePostgresSkipped('e2e/replicaEvents');

/** The slice of TestApp the debtor and agent helpers use, against a server process. */
function client(url: string): TestApp {
  return {
    url,
    async api(method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
      const res = await fetch(url + p, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
  } as TestApp;
}

// Two real processes, as `npm start` runs them, on one PostgreSQL database: an agent connected to
// replica B sees live a handoff a debtor asks for on replica A.
describe.runIf(!!TEST_DATABASE_URL)('live console events across two replicas', () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  const dirs: string[] = [];
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    pgdb = await createPgDatabase();
    const ports = [await freePort(), await freePort()];
    // Started together on the empty database: one migrates, the other waits for it.
    servers = await Promise.all(
      ports.map((port) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'cordial-replica-'));
        dirs.push(dir);
        return startServerProcess({ DATABASE_URL: pgdb.url, AUDIT_CHECKPOINT_SECRET: TEST_AUDIT_CHECKPOINT_SECRET, DATA_DIR: dir, ADMIN_TOKEN: TEST_ADMIN_TOKEN }, port);
      }),
    );
  }, 180_000);
  afterAll(async () => {
    for (const s of servers) await s.kill('SIGTERM');
    await pgdb?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('an agent logged in on B receives the event of a handoff made on A', async () => {
    const [a, b] = [client(servers[0]!.url), client(servers[1]!.url)];
    const agent = await ConsoleAgent.create(b, 'Agente Replica B');

    const ac = new AbortController();
    const timeout = setTimeout(() => ac.abort(), 60_000);
    const res = await fetch(`${b.url}/api/agent/events`, { headers: { cookie: agent.cookie }, signal: ac.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const readUntil = async (done: () => boolean) => {
      while (!done()) {
        const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (chunk.done) throw new Error(`event stream ended before the expected event; got:\n${buffer}`);
        buffer += decoder.decode(chunk.value);
      }
    };
    await readUntil(() => buffer.includes(': connected'));

    // The demo debtor (README), on replica A's web chat.
    const debtor = new WebchatDebtor(a);
    await debtor.open();
    await debtor.say('11.444.777/0001-61');
    await debtor.say('NF-1001');
    await debtor.say('quero falar com uma pessoa');

    const handoff = () => /event: change\ndata: (\{"conversationId":"[^"]+","kind":"handoff"\})/.exec(buffer);
    await readUntil(() => handoff() !== null);
    clearTimeout(timeout);
    ac.abort();
    const { conversationId } = JSON.parse(handoff()![1]!) as { conversationId: string };
    // It is the debtor's conversation: B's queue lists it.
    const queue = await agent.queue();
    expect(queue.map((h: any) => h.conversationId ?? h.conversation?.id ?? h.id)).toContain(conversationId);
  }, 120_000);
});
