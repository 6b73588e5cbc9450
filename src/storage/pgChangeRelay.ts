import pg from 'pg';
import type { Logger } from 'pino';
import type { ChangeRelay } from '../engine/changeRelay.js';
import type { ConversationChange } from '../engine/turnPipeline.js';

/** The NOTIFY channel the replicas of one database share. */
export const CONSOLE_EVENTS_CHANNEL = 'cordial_console_events';

const KINDS = new Set<ConversationChange['kind']>(['message', 'status', 'handoff']);
const MAX_BACKOFF_MS = 30_000;

/** Only ids and a kind cross the database: no names, texts or amounts in NOTIFY payloads. */
function parseChange(payload: string | undefined): ConversationChange | undefined {
  try {
    const v = JSON.parse(payload ?? '') as { conversationId?: unknown; kind?: unknown };
    if (typeof v.conversationId === 'string' && v.conversationId.length <= 64 && KINDS.has(v.kind as ConversationChange['kind'])) {
      return { conversationId: v.conversationId, kind: v.kind as ConversationChange['kind'] };
    }
  } catch {}
  return undefined;
}

/**
 * PostgreSQL LISTEN/NOTIFY between replicas: one dedicated connection LISTENs and also sends our
 * NOTIFYs, so a notification whose sender is that same session is ours and already delivered
 * in process. The connection comes back after an error with a growing pause; changes sent while
 * it is down are dropped (the console also refreshes on a timer, so one only arrives later).
 */
export class PgChangeRelay implements ChangeRelay {
  private client?: pg.Client;
  private ready = false;
  private closed = false;
  private failures = 0;
  private timer?: NodeJS.Timeout;
  private deliver?: (change: ConversationChange) => void;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Changes waiting for the NOTIFY in flight to finish, keyed so a repeat is sent once. */
  private queued = new Map<string, string>();
  private flushing = false;

  /** True while the LISTEN connection is up (tests wait for it after a cut). */
  get listening(): boolean {
    return this.ready;
  }

  async start(deliver: (change: ConversationChange) => void): Promise<void> {
    this.deliver = deliver;
    await this.connect();
  }

  send(change: ConversationChange): void {
    if (!this.client || !this.ready) {
      this.logger.debug({ conversationId: change.conversationId }, 'console event not relayed: listener reconnecting');
      return;
    }
    const payload = JSON.stringify({ conversationId: change.conversationId, kind: change.kind });
    // A change already waiting keeps its place: it tells the same thing.
    this.queued.set(payload, payload);
    if (!this.flushing) void this.flush();
  }

  /**
   * One statement at a time on the connection (pg deprecates queueing queries on a busy client);
   * whatever arrived meanwhile goes in the next one, all together. Under load a turn's two or three
   * changes cost a fraction of a statement instead of one each; a change repeated while it waits
   * (the same conversation's messages) is sent once.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queued.size) {
        const client = this.client;
        if (!client || !this.ready) {
          this.logger.debug({ changes: this.queued.size }, 'console events not relayed: listener reconnecting');
          this.queued.clear();
          return;
        }
        const payloads = [...this.queued.values()];
        this.queued.clear();
        await client
          .query('SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS t(p, n) ORDER BY n', [CONSOLE_EVENTS_CHANNEL, payloads])
          .catch((err: unknown) => this.logger.warn({ err }, 'console events not relayed to the other replicas'));
      }
    } finally {
      this.flushing = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.ready = false;
    clearTimeout(this.timer);
    await this.client?.end().catch(() => {});
    this.client = undefined;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'cordial-events', keepAlive: true });
    this.client = client;
    let down = false;
    let ownPid: number | undefined;
    const onDown = (err?: Error) => {
      if (down || this.closed || this.client !== client) return;
      down = true;
      this.ready = false;
      this.logger.warn({ err }, 'console events listener disconnected; reconnecting');
      void client.end().catch(() => {});
      this.reconnectLater();
    };
    client.on('error', onDown);
    client.on('end', () => onDown());
    client.on('notification', (msg) => {
      if (msg.channel !== CONSOLE_EVENTS_CHANNEL || msg.processId === ownPid) return;
      const change = parseChange(msg.payload);
      if (change) this.deliver?.(change);
    });
    try {
      await client.connect();
      ownPid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      await client.query(`LISTEN ${CONSOLE_EVENTS_CHANNEL}`);
      if (this.closed || down) return;
      this.ready = true;
      this.failures = 0;
    } catch (err) {
      onDown(err as Error);
    }
  }

  private reconnectLater(): void {
    if (this.closed) return;
    this.failures++;
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(this.failures - 1, 7));
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
  }
}
