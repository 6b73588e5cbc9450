import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, portIsFree, startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { TEST_AUDIT_CHECKPOINT_SECRET } from '../helpers/testApp.js';
import { TEST_DATABASE_URL, createPgDatabase, notePostgresSkipped } from '../helpers/testDatabase.js';

// Two real processes, started as `npm start` starts one, on one PostgreSQL database, driven at once
// through the web chat API. PGlite is single-process by design, so this suite is PostgreSQL only.
notePostgresSkipped('e2e/replicas');

const CNPJ = '11.444.777/0001-61'; // the demo debtor
type Sent = { session: string; clientMessageId: string; text: string };

async function post(base: string, p: string, body: unknown): Promise<{ status: number; body: any } | null> {
  try {
    const r = await fetch(base + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  } catch {
    return null; // the process died under the request
  }
}

describe('two app processes on one PostgreSQL database', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  const ports: number[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    for (const p of ports) expect(await portIsFree(p)).toBe(true);
  });

  it.skipIf(!TEST_DATABASE_URL)('answer every message exactly once: alternating, doubly delivered, and after one of them is killed', async () => {
    const db = await createPgDatabase();
    cleanups.push(() => db.drop());
    const start = async (name: string) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), `cordial-replica-${name}-`));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      const port = await freePort();
      ports.push(port);
      // Short chores tick and lease: the survivor finishes the dead one's work within seconds.
      const p = await startServerProcess(
        { DATABASE_URL: db.url, AUDIT_CHECKPOINT_SECRET: TEST_AUDIT_CHECKPOINT_SECRET, DATA_DIR: dataDir, ADMIN_TOKEN: 'replicas-admin-token-0123456789abcdef', JOBS_INTERVAL_MS: '250', LEASE_MS: '5000', WEBCHAT_MESSAGES_PER_MINUTE: '100000', WEBCHAT_SESSIONS_PER_MINUTE: '100000' },
        port,
      );
      cleanups.push(async () => void (await p.kill('SIGKILL')));
      return p;
    };
    // Started together on the empty database: one migrates, the other waits for it (item 9).
    const [a, b]: [ServerProcess, ServerProcess] = await Promise.all([start('a'), start('b')]);
    const sent: Sent[] = [];
    const send = async (to: ServerProcess, s: Sent) => {
      sent.push(s);
      return post(to.url, `/api/webchat/sessions/${s.session}/messages`, { text: s.text, clientMessageId: s.clientMessageId });
    };
    const open = async (on: ServerProcess) => (await post(on.url, '/api/webchat/sessions', {}))!.body.sessionId as string;

    // 1. Many conversations, their messages alternating between A and B, all at once.
    const alternating = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const session = await open(i % 2 ? a : b);
        const first = await send(i % 2 ? b : a, { session, clientMessageId: 'm1', text: CNPJ });
        const second = await send(i % 2 ? a : b, { session, clientMessageId: 'm2', text: 'NF-1001' });
        return [first, second];
      }),
    );
    for (const [first, second] of alternating) {
      expect(first!.body.replies.map((r: any) => r.key)).toEqual(['identify.askSecondFactor']);
      expect(second!.body.replies.map((r: any) => r.key)).toEqual(['debt.summary', 'offer.cash']);
    }

    // 2. The same message (same clientMessageId) to both at the same moment: a retry through another replica.
    const doubled = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const session = await open(a);
        const m = { session, clientMessageId: 'same', text: CNPJ };
        sent.push(m);
        return Promise.all([a, b].map((p) => post(p.url, `/api/webchat/sessions/${session}/messages`, { text: m.text, clientMessageId: m.clientMessageId })));
      }),
    );
    for (const pair of doubled) {
      expect(pair.map((r) => r!.status)).toEqual([200, 200]);
      expect(pair.some((r) => r!.body.duplicate)).toBe(true);
    }

    // 3. Load on A, and A killed in the middle of it: B finishes what A stored and did not process.
    const sessions = await Promise.all(Array.from({ length: 16 }, () => open(b)));
    const inflight = sessions.map((session) => send(a, { session, clientMessageId: 'k1', text: CNPJ }));
    await Promise.race(inflight);
    await a.kill('SIGKILL');
    await Promise.all(inflight);
    const pgc = new pg.Client({ connectionString: db.url });
    await pgc.connect();
    cleanups.push(() => pgc.end());
    const count = async (sql: string) => Number((await pgc.query(sql)).rows[0].n);
    const leftByA = await count(`SELECT count(*) AS n FROM "Message" WHERE direction = 'in' AND "processedAt" IS NULL`);
    // Clients whose message A never stored retry through B with the same id, as the web page does.
    // Those A stored are left alone: B's chores must finish them without any retry.
    const storedByA = new Set((await pgc.query(`SELECT "channelMessageId" AS id FROM "Message" WHERE direction = 'in'`)).rows.map((r) => r.id as string));
    const retried = await Promise.all(sessions.filter((session) => !storedByA.has(`${session}:k1`)).map((session) => post(b.url, `/api/webchat/sessions/${session}/messages`, { text: CNPJ, clientMessageId: 'k1' })));
    for (const r of retried) expect(r!.status).toBe(200);
    // B's chores finish stale turns and send what A left pending (a deadline, not a timing assertion).
    const deadline = Date.now() + 120_000;
    let unprocessed = -1;
    let pending = -1;
    while (Date.now() < deadline) {
      unprocessed = await count(`SELECT count(*) AS n FROM "Message" WHERE direction = 'in' AND "processedAt" IS NULL`);
      pending = await count(`SELECT count(*) AS n FROM "Message" WHERE direction = 'out' AND delivery = 'pending'`);
      if (unprocessed === 0 && pending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }

    const stored = (await pgc.query(`SELECT c."chatId" AS session, m."channelMessageId" AS id FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId" WHERE m.direction = 'in'`)).rows as { session: string; id: string }[];
    const storedIds = new Set(stored.map((r) => r.id));
    const expected = new Set(sent.map((s) => `${s.session}:${s.clientMessageId}`));
    const lost = [...expected].filter((id) => !storedIds.has(id)).length;
    const duplicatedInbound = stored.length - storedIds.size;
    const duplicatedReplies = await count(
      `SELECT count(*) AS n FROM (SELECT 1 FROM "Message" WHERE direction = 'out' GROUP BY "conversationId", coalesce("inReplyTo", ''), "templateKey" HAVING count(*) > 1) d`,
    );
    const unanswered = await count(
      `SELECT count(*) AS n FROM "Message" i WHERE i.direction = 'in' AND NOT EXISTS (SELECT 1 FROM "Message" o WHERE o."inReplyTo" = i.id AND o.delivery = 'sent')`,
    );
    const counts = { messages: expected.size, stored: stored.length, leftUnprocessedByKilledProcess: leftByA, lost, duplicatedInbound, duplicatedReplies, unprocessed, pendingOutbound: pending, unanswered };
    console.log('[e2e/replicas]', JSON.stringify(counts));
    expect(stored.length).toBe(expected.size);
    expect({ lost, duplicatedInbound, duplicatedReplies, unprocessed, pending, unanswered }).toEqual({ lost: 0, duplicatedInbound: 0, duplicatedReplies: 0, unprocessed: 0, pending: 0, unanswered: 0 });
    await b.kill('SIGTERM');
  }, 600_000);
});
