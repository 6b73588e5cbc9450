import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import type { ConversationChange } from '../../src/engine/turnPipeline.js';
import { ConsoleEvents } from '../../src/handoff/consoleEvents.js';
import { CONSOLE_EVENTS_CHANNEL, PgChangeRelay } from '../../src/storage/pgChangeRelay.js';
import { createPgDatabase, notePostgresSkipped, TEST_DATABASE_URL } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/pgChangeRelay');

async function until(predicate: () => boolean, what: string) {
  for (let i = 0; !predicate(); i++) {
    if (i > 400) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.runIf(!!TEST_DATABASE_URL)('console events across replicas (PostgreSQL LISTEN/NOTIFY)', () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  const logger = createLogger('silent');
  const relays: PgChangeRelay[] = [];
  const replicas: ConsoleEvents[] = [];
  const seen: ConversationChange[][] = [[], []];
  let spy: pg.Client;
  const payloads: string[] = [];

  beforeAll(async () => {
    pgdb = await createPgDatabase();
    for (let i = 0; i < 2; i++) {
      const relay = new PgChangeRelay(pgdb.url, logger);
      const events = new ConsoleEvents(relay);
      await events.start();
      events.subscribe((c) => seen[i]!.push(c));
      relays.push(relay);
      replicas.push(events);
    }
    // What crosses the database, as any other session could read it.
    spy = new pg.Client({ connectionString: pgdb.url });
    await spy.connect();
    spy.on('notification', (m) => payloads.push(m.payload ?? ''));
    await spy.query(`LISTEN ${CONSOLE_EVENTS_CHANNEL}`);
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await spy?.end();
    await pgdb?.drop();
  });

  it('a change published on A reaches a subscriber on B, once on each, with only an id and a kind', async () => {
    replicas[0]!.publish({ conversationId: 'conv-a1', kind: 'handoff', ...({ text: 'Maria, CNPJ 11.444.777/0001-61' } as object) } as ConversationChange);
    await until(() => seen[1]!.length === 1, 'B receiving A’s change');
    expect(seen[1]).toEqual([{ conversationId: 'conv-a1', kind: 'handoff' }]);
    replicas[1]!.publish({ conversationId: 'conv-b1', kind: 'message' });
    await until(() => seen[0]!.length === 2, 'A receiving B’s change');
    await until(() => payloads.length === 2, 'both notifications seen on the database');
    // Each replica saw its own change once (in process) and the other's once (relayed).
    expect(seen[0]!.map(({ conversationId, kind }) => ({ conversationId, kind }))).toEqual([{ conversationId: 'conv-a1', kind: 'handoff' }, { conversationId: 'conv-b1', kind: 'message' }]);
    expect(seen[1]).toEqual([{ conversationId: 'conv-a1', kind: 'handoff' }, { conversationId: 'conv-b1', kind: 'message' }]);
    expect(payloads.map((p) => JSON.parse(p))).toEqual([{ conversationId: 'conv-a1', kind: 'handoff' }, { conversationId: 'conv-b1', kind: 'message' }]);
  });

  it('a burst goes out in few statements, in order, each change once', async () => {
    const before = { payloads: payloads.length, seen: seen[1]!.length };
    const burst = Array.from({ length: 40 }, (_, i) => ({ conversationId: `burst-${i % 20}`, kind: 'message' as const }));
    for (const c of burst) replicas[0]!.publish(c);
    // The first goes out at once; the rest wait for it and go together, a repeat that was waiting sent once.
    const expected = ['burst-0', ...Array.from({ length: 19 }, (_, i) => `burst-${i + 1}`), 'burst-0'];
    await until(() => payloads.length === before.payloads + expected.length, 'the burst seen on the database');
    await until(() => seen[1]!.length === before.seen + expected.length, 'B receiving the burst');
    // Nothing more comes (one NOTIFY per publish would send 40).
    await new Promise((r) => setTimeout(r, 300));
    expect(payloads.length - before.payloads).toBe(expected.length);
    expect(payloads.slice(before.payloads).map((p) => (JSON.parse(p) as ConversationChange).conversationId)).toEqual(expected);
    expect(seen[1]!.slice(before.seen).map((c) => c.conversationId)).toEqual(expected);
  });

  it('listens again after its connection is cut, and relays as before', async () => {
    const admin = new pg.Client({ connectionString: pgdb.url });
    await admin.connect();
    try {
      const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cordial-events' AND datname = current_database()");
      expect(cut.rowCount).toBe(2);
    } finally {
      await admin.end();
    }
    await until(() => !relays[1]!.listening, 'B noticing the cut');
    await until(() => relays.every((r) => r.listening), 'both listening again');
    const before = seen[1]!.length;
    replicas[0]!.publish({ conversationId: 'conv-a2', kind: 'status' });
    await until(() => seen[1]!.length === before + 1, 'B receiving after the reconnect');
    expect(seen[1]!.at(-1)).toEqual({ conversationId: 'conv-a2', kind: 'status' });
  });
});
