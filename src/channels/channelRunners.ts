import type { Logger } from 'pino';
import type { LeaderLock } from '../storage/leaderLock.js';
import type { ChannelAdapter, InboundHandler, ReceiptHandler } from './channelPort.js';
import { keepReceipts } from './keepReceipts.js';
import { LeaderChannel } from './leaderChannel.js';

export interface ChannelRunnersOptions {
  adapters: readonly ChannelAdapter[];
  /** Where every channel's messages go (the turn pipeline). */
  onMessage: InboundHandler;
  /** Where platforms' delivery receipts go (recorded on the outbound rows). */
  onReceipt?: ReceiptHandler;
  /** Decides which replica runs a connection that must be single. */
  leaderLock: LeaderLock;
  creditorId: string;
  /** CHANNEL_LOCK_RETRY_MS: how often a replica standing by tries to take a connection. */
  retryMs: number;
  /** DATA_DIR, where received receipts are kept. */
  dataDir: string;
  logger: Logger;
}

/**
 * Starts every channel, each message going through keepReceipts to `onMessage`. A connection that
 * must be single (Telegram polling, one WhatsApp socket) runs on the one replica holding its
 * database lock. Channels start in the background: an unreachable platform must not keep the web
 * chat down. Returns what stops them all.
 */
export function startChannels(o: ChannelRunnersOptions): { stop(): Promise<void> } {
  const { logger } = o;
  const runners = o.adapters.map((adapter) => {
    const lockName = adapter.singleConnectionName?.(o.creditorId);
    return { adapter, runner: lockName ? new LeaderChannel({ inner: adapter, lock: o.leaderLock, lockName, retryMs: o.retryMs, logger }) : adapter };
  });
  for (const { adapter, runner } of runners) {
    runner.start(keepReceipts(adapter, o.onMessage, { dataDir: o.dataDir, logger }), o.onReceipt).then(
      () => logger.info({ channel: adapter.channel }, 'channel started'),
      (err) => logger.error({ err, channel: adapter.channel }, 'channel failed to start'),
    );
  }
  return {
    async stop() {
      for (const { runner: a } of runners) await a.stop().catch((err) => logger.warn({ err, channel: a.channel }, 'channel stop failed'));
    },
  };
}
