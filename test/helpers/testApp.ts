import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { ChannelAdapter } from '../../src/channels/channelPort.js';
import type { Pacer } from '../../src/jobs/pacer.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { createPgDatabase } from './testDatabase.js';

// As long as the configuration requires (MIN_ADMIN_TOKEN_LENGTH).
export const TEST_ADMIN_TOKEN = 'test-admin-token-of-32-characters';
/** The key the test app signs its audit checkpoints with. */
export const TEST_AUDIT_CHECKPOINT_SECRET = 'test-audit-checkpoint-secret-of-32-chars';

export interface TestApp {
  app: App;
  url: string;
  dataDir: string;
  /** JSON request helper against the running server. */
  api<T = any>(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

/** The whole app, as `npm start` builds it, on a random loopback port and a fresh database. */
export async function startTestApp(opts: { db?: 'pglite' | 'postgresql'; env?: Record<string, string>; clock?: () => Date; adapters?: ChannelAdapter[]; pacer?: Pacer } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-test-'));
  const pgdb = opts.db === 'postgresql' ? await createPgDatabase() : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    AUDIT_CHECKPOINT_SECRET: TEST_AUDIT_CHECKPOINT_SECRET,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    // Shedding on event-loop delay measures how busy the test machine is, not the code under test:
    // off unless a test sets it.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    // Every test debtor writes from the one loopback address; tests of this limit set it lower.
    WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE: '100000',
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
    ...opts.env,
  });
  const app = await createApp(config, createLogger(config.LOG_LEVEL), { clock: opts.clock, adapters: opts.adapters, pacer: opts.pacer });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return {
    app,
    url,
    dataDir,
    async api(method, p, body, headers = {}) {
      const res = await fetch(url + p, {
        method,
        headers: { ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
    async close() {
      await app.close();
      await pgdb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
