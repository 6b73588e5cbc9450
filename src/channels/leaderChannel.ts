import type { Logger } from 'pino';
import type { LeaderLock } from '../storage/leaderLock.js';
import { ChannelSendError, type ChannelAdapter, type InboundHandler, type OutboundChannelMessage, type ReceiptHandler } from './channelPort.js';

/** How soon a send refused on a replica without the connection is tried again (by any replica). */
export const NOT_HERE_RETRY_MS = 1_000;

export interface LeaderChannelOptions {
  /** The adapter whose connection must be single. */
  inner: ChannelAdapter;
  lock: LeaderLock;
  /** Its lock's name (the adapter's singleConnectionName). */
  lockName: string;
  /** How often a replica standing by tries to take the lock. */
  retryMs: number;
  logger: Logger;
}

/**
 * Runs a channel connection that must be single across replicas (Telegram long polling, the
 * socket of one WhatsApp number) only while this process holds its lock. The others stand by
 * and try again every `retryMs`; when the holder stops or dies, one of them takes over. Sending
 * goes straight to the inner adapter on every replica (the Bot API is plain HTTP; WhatsApp
 * answers "unavailable" where the socket is not, and the outbox retries).
 */
export class LeaderChannel implements ChannelAdapter {
  readonly channel: ChannelAdapter['channel'];
  private running = false;
  private holding = false;
  private timer?: NodeJS.Timeout;
  private attempt: Promise<void> = Promise.resolve();
  private onMessage?: InboundHandler;
  private onReceipt?: ReceiptHandler;

  /** Whether sends need the connection this replica may not hold (WhatsApp; Telegram sends are plain HTTP). */
  private readonly sendsThroughConnection: boolean;

  private readonly inner: ChannelAdapter;
  private readonly lock: LeaderLock;
  private readonly lockName: string;

  constructor(private readonly opts: LeaderChannelOptions) {
    this.inner = opts.inner;
    this.lock = opts.lock;
    this.lockName = opts.lockName;
    this.channel = opts.inner.channel;
    this.sendsThroughConnection = opts.inner.channel === 'whatsapp';
  }

  /** True while this process holds the lock and runs the inner adapter. */
  get isLeader(): boolean {
    return this.holding;
  }

  /** Resolves once the first try is over: leading, or standing by. */
  async start(onMessage: InboundHandler, onReceipt?: ReceiptHandler): Promise<void> {
    if (this.running) throw new Error(`${this.channel} channel already started`);
    this.running = true;
    this.onMessage = onMessage;
    this.onReceipt = onReceipt;
    await this.tryLead();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.attempt;
    await this.stepDown();
  }

  send(chatId: string, message: OutboundChannelMessage): Promise<{ messageId: string }> {
    // The WhatsApp socket lives only on the holder: elsewhere the row goes back to the outbox with a
    // short retry, and the holder's next chores tick (JOBS_INTERVAL_MS) sends it — instead of the
    // outbox's growing back-off for a platform outage, which would delay an agent's reply by minutes.
    if (this.sendsThroughConnection && !this.holding) {
      return Promise.reject(new ChannelSendError(this.channel, 'unavailable', `${this.channel} is connected on another replica`, { retryAfterMs: NOT_HERE_RETRY_MS }));
    }
    return this.inner.send(chatId, message);
  }

  get downloadMedia(): ChannelAdapter['downloadMedia'] {
    return this.inner.downloadMedia?.bind(this.inner);
  }

  private tryLead(): Promise<void> {
    this.attempt = this.attempt.then(async () => {
      if (!this.running || this.holding) return;
      let got = false;
      try {
        got = await this.lock.tryAcquire(this.lockName, () => void this.lost());
      } catch (err) {
        this.opts.logger.warn({ err, channel: this.channel }, 'could not ask the database who holds this channel; trying again');
      }
      if (!got) return this.retryLater();
      this.holding = true;
      this.opts.logger.info({ channel: this.channel }, 'this replica holds the channel connection');
      try {
        await this.inner.start(this.onMessage!, this.onReceipt);
      } catch (err) {
        this.opts.logger.error({ err, channel: this.channel }, 'channel failed to start; handing the lock back');
        await this.stepDown();
        this.retryLater();
      }
    });
    return this.attempt;
  }

  /** The lock's session ended (database restart, network cut): another replica may hold it now. */
  private async lost(): Promise<void> {
    this.opts.logger.warn({ channel: this.channel }, 'lost the channel lock; stopping the connection until it is ours again');
    this.holding = false;
    await this.inner.stop().catch((err: unknown) => this.opts.logger.warn({ err, channel: this.channel }, 'channel stop failed'));
    this.retryLater();
  }

  private async stepDown(): Promise<void> {
    if (!this.holding) return;
    this.holding = false;
    await this.inner.stop().catch((err: unknown) => this.opts.logger.warn({ err, channel: this.channel }, 'channel stop failed'));
    await this.lock.release(this.lockName).catch(() => {});
  }

  private retryLater(): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tryLead(), this.opts.retryMs);
    this.timer.unref();
  }
}
