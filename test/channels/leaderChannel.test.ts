import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError, type ChannelAdapter, type InboundReceipt } from '../../src/channels/channelPort.js';
import { LeaderChannel, NOT_HERE_RETRY_MS } from '../../src/channels/leaderChannel.js';
import { TelegramAdapter } from '../../src/channels/telegram/telegramAdapter.js';
import { PgLeaderLock } from '../../src/storage/leaderLock.js';
import { createLogger } from '../../src/config/logger.js';
import { startFakeTelegram, type FakeTelegram } from '../helpers/fakeTelegramServer.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { createPgDatabase, notePostgresSkipped, TEST_DATABASE_URL } from '../helpers/testDatabase.js';

notePostgresSkipped('channels/leaderChannel');

/** A real Telegram adapter on the fake Bot API that counts its own getUpdates calls. */
function countingAdapter(tg: FakeTelegram) {
  const adapter = new TelegramAdapter({ token: tg.token, apiRoot: tg.apiRoot, botInfo: tg.botInfo, logger: createLogger('silent'), pollingTimeoutSeconds: 1 });
  const counter = { polls: 0 };
  adapter.bot.api.config.use((prev, method, payload, signal) => {
    if (method === 'getUpdates') counter.polls++;
    return prev(method, payload, signal);
  });
  return { adapter, counter };
}

async function until(predicate: () => boolean, what: string, tries = 600) {
  for (let i = 0; !predicate(); i++) {
    if (i > tries) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(!!TEST_DATABASE_URL)('Telegram long polling across two replicas on one PostgreSQL database', () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  let tg: FakeTelegram;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    pgdb = await createPgDatabase();
    tg = await startFakeTelegram();
  });
  afterAll(async () => {
    for (const a of apps) await a?.close().catch(() => {});
    await tg?.close();
    await pgdb?.drop();
  });

  it('exactly one replica polls; when it stops, the other takes over and answers the next update', async () => {
    const replicas = [countingAdapter(tg), countingAdapter(tg)];
    const env = { DATABASE_URL: pgdb.url, CHANNEL_LOCK_RETRY_MS: '100' };
    apps.push(...(await Promise.all(replicas.map((r) => startTestApp({ env, adapters: [r.adapter] })))));

    await until(() => replicas.some((r) => r.counter.polls > 0), 'a replica polling');
    // The standby retries its lock every 100 ms: give it many chances to (wrongly) start polling too.
    await new Promise((r) => setTimeout(r, 1500));
    const polling = replicas.map((r) => r.counter.polls > 0);
    expect(polling.filter(Boolean)).toHaveLength(1);
    const leader = polling.indexOf(true);
    const standby = 1 - leader;

    tg.sendText(8101, '/start');
    await tg.waitFor(() => tg.sent.some((s) => s.chatId === '8101'), 20_000);

    await apps[leader]!.close();
    apps.splice(leader, 1, undefined as never);
    await until(() => replicas[standby]!.counter.polls > 0, 'the standby taking over');
    tg.sendText(8102, '/start');
    await tg.waitFor(() => tg.sent.some((s) => s.chatId === '8102'), 20_000);
    expect(tg.sent.filter((s) => s.chatId === '8102')).toHaveLength(1);
  }, 120_000);
});

describe.runIf(!!TEST_DATABASE_URL)('sending through a single connection held by another replica', () => {
  let pgdb: Awaited<ReturnType<typeof createPgDatabase>>;
  const locks: PgLeaderLock[] = [];
  beforeAll(async () => {
    pgdb = await createPgDatabase();
  });
  afterAll(async () => {
    for (const l of locks) await l.close().catch(() => {});
    await pgdb?.drop();
  });

  /** An inner adapter of `channel` that records what it was asked to send. */
  function innerAdapter(channel: 'whatsapp' | 'telegram') {
    const sent: string[] = [];
    const adapter: ChannelAdapter = {
      channel,
      async start() {},
      async stop() {},
      async send(chatId: string) {
        sent.push(chatId);
        return { messageId: `m${sent.length}` };
      },
    };
    return { adapter, sent };
  }

  async function twoReplicas(channel: 'whatsapp' | 'telegram') {
    const logger = createLogger('silent');
    const replicas = [innerAdapter(channel), innerAdapter(channel)].map((inner) => {
      const lock = new PgLeaderLock(pgdb.url);
      locks.push(lock);
      return { ...inner, leader: new LeaderChannel({ inner: inner.adapter, lock, lockName: `channel:${channel}:test`, retryMs: 60_000, logger }) };
    });
    // These replicas receive nothing: the handler's receipt is never asked for.
    for (const r of replicas) await r.leader.start(async () => ({}) as InboundReceipt);
    return replicas;
  }

  it('WhatsApp: the replica without the socket hands the row back for a quick retry; the holder sends', async () => {
    const [a, b] = await twoReplicas('whatsapp');
    const [holder, other] = a!.leader.isLeader ? [a!, b!] : [b!, a!];
    expect(other.leader.isLeader).toBe(false);
    const refused = await other.leader.send('5511987654321@s.whatsapp.net', { text: 'oi', options: [] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ChannelSendError);
    expect((refused as ChannelSendError).retryAfterMs).toBe(NOT_HERE_RETRY_MS);
    expect(other.sent).toEqual([]);
    await holder.leader.send('5511987654321@s.whatsapp.net', { text: 'oi', options: [] });
    expect(holder.sent).toEqual(['5511987654321@s.whatsapp.net']);
    for (const r of [a!, b!]) await r.leader.stop();
  });

  it('Telegram: any replica sends (the Bot API is plain HTTP)', async () => {
    const [a, b] = await twoReplicas('telegram');
    const other = a!.leader.isLeader ? b! : a!;
    await other.leader.send('8101', { text: 'oi', options: [] });
    expect(other.sent).toEqual(['8101']);
    for (const r of [a!, b!]) await r.leader.stop();
  });
});
