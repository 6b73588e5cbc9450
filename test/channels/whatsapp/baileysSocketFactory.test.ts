import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeBaileysSocketFactory } from '../../../src/channels/whatsapp/baileysSocketFactory.js';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsappAdapter.js';
import { createLogger } from '../../../src/config/logger.js';

// The real Baileys socket, pointed at a local TCP server that hangs up on every connection: the
// close events and error shapes are Baileys' own, and nothing leaves 127.0.0.1.

let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
  server = dir = undefined;
});

describe('makeBaileysSocketFactory with the adapter', () => {
  it('creates the auth dir private, backs off on hang-ups, and stop() ends it for good', async () => {
    let connections = 0;
    server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    dir = await mkdtemp(join(tmpdir(), 'cordial-wa-'));
    const authDir = join(dir, 'auth');
    const logs: Record<string, unknown>[] = [];
    const adapter = new WhatsAppAdapter({
      authDir,
      logger: createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }),
      socketFactory: makeBaileysSocketFactory({ waWebSocketUrl: `ws://127.0.0.1:${port}/ws/chat` }),
      reconnect: { baseMs: 10, maxMs: 20 },
      printQr: false,
    });

    await adapter.start(async () => {});
    await vi.waitFor(() => expect(connections).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(adapter.status).toBe('connecting');
    expect((await stat(authDir)).mode & 0o777).toBe(0o700);
    const closes = logs.filter((l) => l.msg === 'WhatsApp connection closed; reconnecting');
    expect(closes[0]).toMatchObject({ statusCode: 408, attempt: 1 });

    await adapter.stop();
    expect(adapter.status).toBe('closed');
    // A connection attempt already on the wire when stop() ran may still reach the server; after
    // that, nothing more.
    await new Promise((r) => setTimeout(r, 50));
    const after = connections;
    await new Promise((r) => setTimeout(r, 150));
    expect(connections).toBe(after);
  });
});
