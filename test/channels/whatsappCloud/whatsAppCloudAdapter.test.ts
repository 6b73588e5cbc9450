import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryReceipt, InboundChannelMessage } from '../../../src/channels/channelPort.js';
import { WhatsAppCloudAdapter } from '../../../src/channels/whatsappCloud/whatsAppCloudAdapter.js';
import { createLogger } from '../../../src/config/logger.js';
import { startFakeGraph, type FakeGraph } from '../../helpers/fakeGraphServer.js';

// The adapter at its two edges: Meta's webhook calls into a real HTTP server, and its sends to a
// fake Graph API on loopback.

let graph: FakeGraph;
let server: FastifyInstance;
let url: string;
let adapter: WhatsAppCloudAdapter;
const received: InboundChannelMessage[] = [];
const statuses: DeliveryReceipt[] = [];
let failHandler = false;

beforeAll(async () => {
  graph = await startFakeGraph();
  adapter = new WhatsAppCloudAdapter({
    token: graph.token,
    phoneNumberId: graph.phoneNumberId,
    appSecret: graph.appSecret,
    verifyToken: graph.verifyToken,
    apiRoot: graph.apiRoot,
    logger: createLogger('silent'),
  });
  server = Fastify();
  adapter.registerRoutes(server);
  url = await server.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});
beforeEach(async () => {
  received.length = 0;
  statuses.length = 0;
  failHandler = false;
  await adapter.start(async (m) => {
    if (failHandler) throw new Error('database down');
    received.push(m);
    return { conversationId: 'c', messageId: m.messageId, duplicate: false, replies: [] };
  }, async (r) => void statuses.push(r));
});

const text = (id: string, body = 'oi') => graph.messageWebhook({ from: '5511987654321', id, type: 'text', text: { body } });

describe('the webhook', () => {
  it("answers Meta's verification handshake with the challenge, and refuses a wrong token", async () => {
    const ok = await fetch(`${url}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${graph.verifyToken}&hub.challenge=1158201444`);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const wrong = await fetch(`${url}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
  });

  it('takes a signed call, and refuses an unsigned or wrongly signed one without handling it (401)', async () => {
    expect((await graph.deliver(url, text('wamid.S1'))).status).toBe(200);
    expect(received.map((m) => m.messageId)).toEqual(['wamid.S1']);
    expect((await graph.deliver(url, text('wamid.S2'), { signature: null })).status).toBe(401);
    expect((await graph.deliver(url, text('wamid.S3'), { signature: `sha256=${'0'.repeat(64)}` })).status).toBe(401);
    // Signed over other bytes: the body was changed on the way.
    const other = (await graph.deliver(url, text('wamid.S4'), { signature: `sha256=${'ab'.repeat(32)}` })).status;
    expect(other).toBe(401);
    expect(received).toHaveLength(1);
  });

  it('refuses malformed bodies with a clear 400', async () => {
    const notJson = await graph.deliver(url, null, { raw: '{"object": "whatsapp_business_account", ' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ error: 'bad_request', message: 'the body is not JSON' });
    const other = await graph.deliver(url, { object: 'page', entry: [] });
    expect(other.status).toBe(400);
    expect(JSON.parse(other.body).message).toBe('not a WhatsApp Business Account webhook');
  });

  it("answers 500 when a message could not be stored, so Meta delivers it again", async () => {
    failHandler = true;
    expect((await graph.deliver(url, text('wamid.F1'))).status).toBe(500);
    failHandler = false;
    expect((await graph.deliver(url, text('wamid.F1'))).status).toBe(200);
    expect(received.map((m) => m.messageId)).toEqual(['wamid.F1']);
  });

  it('asks Meta to come back (503) while the channel is stopped', async () => {
    await adapter.stop();
    expect((await graph.deliver(url, text('wamid.P1'))).status).toBe(503);
    expect(received).toHaveLength(0);
  });

  it("ignores another phone number's messages and passes statuses on as receipts", async () => {
    expect((await graph.deliver(url, graph.messageWebhook({ from: '5511987654321', id: 'wamid.O1', type: 'text', text: { body: 'x' } }, { phoneNumberId: '999' }))).status).toBe(200);
    expect(received).toHaveLength(0);
    await graph.deliver(url, graph.statusWebhook([{ id: 'wamid.FAKE1', status: 'failed', timestamp: '1764763200', recipient_id: '5511987654321', errors: [{ code: 131047, title: 'Re-engagement message' }] }, { id: 'wamid.FAKE2', status: 'read' }, { id: 'wamid.FAKE3', status: 'deleted' }, { status: 'read' }]));
    expect(statuses).toEqual([
      { channel: 'whatsapp', platformMessageId: 'wamid.FAKE1', status: 'failed', at: new Date(1764763200 * 1000), error: '131047 Re-engagement message' },
      { channel: 'whatsapp', platformMessageId: 'wamid.FAKE2', status: 'read', at: expect.any(Date) },
    ]);
  });
});

describe('sending', () => {
  it('sends through the messages endpoint and returns the wamid', async () => {
    const r = await adapter.send('5511987654321', { text: 'Olá', options: [] });
    expect(r.messageId).toMatch(/^wamid\./);
    expect(graph.sent.at(-1)).toMatchObject({ to: '5511987654321', type: 'text', id: r.messageId });
  });

  it("reports Meta's errors as the outbox needs them: re-engagement is final, a rate limit waits", async () => {
    graph.failNext(400, { code: 131047, message: 'Re-engagement message' });
    await expect(adapter.send('5511987654321', { text: 'x', options: [] })).rejects.toMatchObject({ code: 'forbidden', permanent: true });
    graph.failNext(429, { code: 130429, message: 'Rate limit hit' }, { 'retry-after': '3' });
    await expect(adapter.send('5511987654321', { text: 'x', options: [] })).rejects.toMatchObject({ code: 'rate_limited', permanent: false, retryAfterMs: 3000 });
  });

  it('uploads a document and sends it by its media id', async () => {
    const bytes = Buffer.from('%PDF-1.7 termo');
    await adapter.sendDocument('5511987654321', { fileName: 'termo.pdf', mimeType: 'application/pdf', bytes, caption: 'Termo' });
    const up = graph.uploads.at(-1)!;
    expect({ ...up, bytes: up.bytes.toString() }).toMatchObject({ fileName: 'termo.pdf', mimeType: 'application/pdf', bytes: '%PDF-1.7 termo' });
    expect(graph.sent.at(-1)!.body.document).toEqual({ id: up.id, filename: 'termo.pdf', caption: 'Termo' });
  });

  it('downloads received media through its id', async () => {
    graph.media.set('MEDIA77', { bytes: Buffer.from('jpeg bytes'), mimeType: 'image/jpeg' });
    expect((await adapter.downloadMedia('MEDIA77')).toString()).toBe('jpeg bytes');
    await expect(adapter.downloadMedia('../etc')).rejects.toThrow('not a media id');
  });

  it('resolves a phone number to its chat (the digits Meta sends to)', async () => {
    expect(await adapter.resolveChatId('+55 11 98765-4321')).toBe('5511987654321');
    expect(await adapter.resolveChatId('123')).toBeNull();
  });
});
