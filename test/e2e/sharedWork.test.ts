import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { received } from '../helpers/storeInbound.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, createPgDatabase, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('e2e/sharedWork');

// Two app instances on one database (PostgreSQL: two connection pools, as two processes have;
// PGlite is single-process, so there "both" are the one app and the same code must hold).
describe.each(DATABASES)('work shared by the apps on one database ($kind)', ({ kind, enabled }) => {
  let a: TestApp;
  let b: TestApp;
  let offsetMs = 0;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    const clock = () => new Date(Date.now() + offsetMs);
    if (kind === 'postgresql') {
      const pg = await createPgDatabase();
      drop = pg.drop;
      a = await startTestApp({ env: { DATABASE_URL: pg.url } });
      b = await startTestApp({ env: { DATABASE_URL: pg.url }, clock });
    } else {
      a = b = await startTestApp({ clock });
    }
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    if (b !== a) await b?.close();
    await drop?.();
  });

  const duplicates = async () =>
    (await a.app.database.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM "Message" WHERE direction = 'out' GROUP BY "conversationId", coalesce("inReplyTo", ''), "templateKey" HAVING count(*) > 1) d`,
    ))[0]!.n;

  it.skipIf(!enabled)('the same message delivered to both at once is answered once', async () => {
    const msg = (i: number) => ({ channel: 'webchat', chatId: `both-${i}`, channelMessageId: `both-${i}-1`, text: '11.444.777/0001-61' });
    await Promise.all(Array.from({ length: 12 }, (_, i) => Promise.all([a.app.pipeline.handle(msg(i), { openIfMissing: true }), b.app.pipeline.handle(msg(i), { openIfMissing: true })])));
    const db = a.app.database.prisma;
    for (let i = 0; i < 12; i++) {
      const conv = await db.conversation.findUniqueOrThrow({ where: { channel_chatId: { channel: 'webchat', chatId: `both-${i}` } } });
      expect(await db.message.count({ where: { conversationId: conv.id, direction: 'in' } })).toBe(1);
      expect(await db.message.count({ where: { conversationId: conv.id, templateKey: 'welcome' } })).toBe(1);
    }
    expect(await duplicates()).toBe(0);
    expect(await db.message.count({ where: { direction: 'in', processedAt: null } })).toBe(0);
  });

  it.skipIf(!enabled)('an inbound message its process stored but never processed is finished by the other app’s chores after the lease', async () => {
    await a.app.pipeline.open({ channel: 'webchat', chatId: 'orphan-1' });
    // What a process killed right after "store first" leaves behind.
    const stored = await received(a.app.store, { channel: 'webchat', chatId: 'orphan-1', channelMessageId: 'orphan-1-1', text: '11.444.777/0001-61' });
    offsetMs = 0;
    await b.app.chores();
    // Within the lease its own process may still be on it: left alone.
    expect(await b.app.store.isProcessed(stored.messageId)).toBe(false);
    offsetMs = 31_000;
    await b.app.chores();
    expect(await b.app.store.isProcessed(stored.messageId)).toBe(true);
    expect((await b.app.store.repliesTo(stored.messageId)).map((r) => r.key)).toEqual(['identify.askSecondFactor']);
    await a.app.chores();
    expect(await duplicates()).toBe(0);
  });
});
