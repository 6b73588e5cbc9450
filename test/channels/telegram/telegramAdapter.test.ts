import { Writable } from 'node:stream';
import { createServer, request } from 'node:http';
import Fastify from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelSendError, type InboundChannelMessage } from '../../../src/channels/channelPort.js';
import { TelegramAdapter, type TelegramAdapterOptions } from '../../../src/channels/telegram/telegramAdapter.js';
import { startFakeTelegram, type FakeTelegram } from '../../helpers/fakeTelegramServer.js';
import * as f from './updateFixtures.js';

const CHAT = 7012345678;

function captureLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk, _enc, cb) { lines.push(JSON.parse(String(chunk))); cb(); } });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

let fake: FakeTelegram;
const adapters: TelegramAdapter[] = [];

function adapter(extra: Partial<TelegramAdapterOptions> = {}) {
  const a = new TelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot, botInfo: fake.botInfo, logger: pino({ level: 'silent' }), pollingTimeoutSeconds: 2, ...extra });
  adapters.push(a);
  return a;
}

/** Starts an adapter that records every message it is handed. */
async function receiving(extra: Partial<TelegramAdapterOptions> = {}) {
  const received: InboundChannelMessage[] = [];
  const a = adapter(extra);
  await a.start(async (m) => void received.push(m));
  return { a, received };
}

const nonPollingCalls = () => fake.calls.filter((c) => !['getMe', 'deleteWebhook', 'getUpdates'].includes(c.method));

beforeEach(async () => {
  fake = await startFakeTelegram();
});

afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop();
  await fake.close();
});

describe('TelegramAdapter (long polling against a fake Bot API)', () => {
  it('receives a private text, asking Telegram only for messages and callback queries', async () => {
    const { received } = await receiving();
    fake.sendText(CHAT, 'Oi, quero negociar');
    await fake.waitFor(() => received.length === 1);
    expect(received[0]).toMatchObject({ channel: 'telegram', chatId: String(CHAT), kind: 'text', text: 'Oi, quero negociar' });
    expect(received[0]?.messageId).toMatch(new RegExp(`^${CHAT}:\\d+$`));
    expect(fake.calls.find((c) => c.method === 'getUpdates')?.payload.allowed_updates).toEqual(['message', 'callback_query']);
  });

  it('sends options as an inline keyboard and returns the sent message id', async () => {
    const a = adapter();
    const { messageId } = await a.send(String(CHAT), { text: 'Temos uma proposta. O que prefere?', options: [{ id: 'accept', label: 'Aceitar' }, { id: 'human', label: 'Falar com uma pessoa' }] });
    expect(fake.sent).toHaveLength(1);
    expect(messageId).toBe(`${CHAT}:${fake.sent[0]?.messageId}`);
    expect(fake.sent[0]?.raw).not.toHaveProperty('parse_mode');
    expect(fake.sent[0]?.replyMarkup).toEqual({ inline_keyboard: [[{ text: '1. Aceitar', callback_data: 'accept' }], [{ text: '2. Falar com uma pessoa', callback_data: 'human' }]] });
  });

  it('receives a tapped button as a choice and answers the callback query', async () => {
    const { a, received } = await receiving();
    await a.send(String(CHAT), { text: 'O que prefere?', options: [{ id: 'accept', label: 'Aceitar' }, { id: 'installments', label: 'Parcelar' }] });
    const update = fake.pressButton(CHAT, 'installments');
    await fake.waitFor(() => received.length === 1);
    expect(received[0]).toMatchObject({ kind: 'choice', choiceId: 'installments', text: 'Parcelar', messageId: `cb:${update.callback_query?.id}` });
    expect(fake.calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.payload.callback_query_id)).toEqual([update.callback_query?.id]);
  });

  it('ignores group, supergroup, channel and bot updates without any API call', async () => {
    const { received } = await receiving();
    for (const u of [f.groupText, f.supergroupText, f.callbackInGroup, f.fromBot]) fake.pushUpdate({ ...u, update_id: undefined });
    fake.sendText(CHAT, 'oi');
    await fake.waitFor(() => received.length === 1);
    expect(received.map((m) => m.text)).toEqual(['oi']);
    expect(nonPollingCalls()).toEqual([]);
  });

  it('surfaces a 429 from sendMessage as rate_limited with retryAfterMs 1000', async () => {
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const err = await adapter().send(String(CHAT), { text: 'Olá', options: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err).toMatchObject({ channel: 'telegram', code: 'rate_limited', retryAfterMs: 1000, permanent: false });
  });

  it('surfaces a blocked bot as forbidden (permanent) and a dropped connection as unavailable (retryable)', async () => {
    const a = adapter();
    fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await expect(a.send(String(CHAT), { text: 'Olá', options: [] })).rejects.toMatchObject({ code: 'forbidden', permanent: true });
    fake.failNext('sendMessage', 'network');
    await expect(a.send(String(CHAT), { text: 'Olá', options: [] })).rejects.toMatchObject({ code: 'unavailable', permanent: false });
  });

  it('sends a document as a multipart upload with its file name and caption, the bytes intact', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]), Buffer.alloc(70_000, 0x41)]);
    const { messageId } = await adapter().sendDocument(String(CHAT), { fileName: 'termo-de-acordo-ACX.pdf', mimeType: 'application/pdf', bytes, caption: 'Termo de acordo nº ACX (PDF)' });
    expect(fake.documents).toHaveLength(1);
    const d = fake.documents[0]!;
    expect(d).toMatchObject({ chatId: String(CHAT), fileName: 'termo-de-acordo-ACX.pdf', caption: 'Termo de acordo nº ACX (PDF)' });
    expect(d.bytes.equals(bytes)).toBe(true);
    expect(messageId).toBe(`${CHAT}:${d.messageId}`);
  });

  it('cuts a caption to Telegram’s 1024 characters and maps a failed upload like a failed message', async () => {
    const a = adapter();
    await a.sendDocument(String(CHAT), { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF'), caption: 'x'.repeat(2000) });
    expect(fake.documents[0]?.caption).toHaveLength(1024);
    fake.failNext('sendDocument', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    await expect(a.sendDocument(String(CHAT), { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF') })).rejects.toMatchObject({ code: 'forbidden', permanent: true });
    fake.failNext('sendDocument', { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
    await expect(a.sendDocument(String(CHAT), { fileName: 'a.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF') })).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 2000 });
  });

  it('does not repeat the parts of a split message already sent when the outbox retries it', async () => {
    const a = adapter();
    const long = { text: `${'a'.repeat(4000)}\n${'b'.repeat(4000)}`, options: [{ id: 'ok', label: 'Ok' }] };
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }, 1);
    await expect(a.send(String(CHAT), long)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(fake.sent.map((s) => s.text[0])).toEqual(['a']);
    const { messageId } = await a.send(String(CHAT), long);
    expect(fake.sent.map((s) => s.text[0])).toEqual(['a', 'b']);
    expect(messageId).toBe(`${CHAT}:${fake.sent[1]?.messageId}`);
    expect(fake.sent[1]?.replyMarkup).toEqual({ inline_keyboard: [[{ text: '1. Ok', callback_data: 'ok' }]] });
    // Once delivered, the same message again is a new message, sent whole.
    await a.send(String(CHAT), long);
    expect(fake.sent).toHaveLength(4);
  });

  it('redelivers an update whose handling never finished (a crash) with the same messageId', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first: InboundChannelMessage[] = [];
    const crashed = adapter();
    await crashed.start(async (m) => {
      first.push(m);
      await gate; // the process "dies" here: the update is never confirmed
    });
    fake.sendText(CHAT, 'aceito');
    await fake.waitFor(() => first.length === 1);

    const { a: restarted, received } = await receiving();
    await fake.waitFor(() => received.length === 1);
    expect(received[0]?.messageId).toBe(first[0]?.messageId);
    await restarted.stop();
    release();
  });

  it('confirms handled updates at stop, so the next start does not get them again', async () => {
    const { a, received } = await receiving();
    fake.sendText(CHAT, 'um');
    await fake.waitFor(() => received.length === 1);
    await a.stop();
    const queued = fake.sendText(CHAT, 'dois');
    expect(fake.confirmedOffset).toBe(queued.update_id);

    const next = await receiving();
    await fake.waitFor(() => next.received.length === 1);
    expect(next.received.map((m) => m.text)).toEqual(['dois']);
  });

  it('at stop, finishes the update in hand and leaves the rest of its batch unconfirmed for the next start', async () => {
    const first = fake.sendText(CHAT, 'um');
    const second = fake.sendText(CHAT, 'dois'); // both arrive in one getUpdates batch
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    const a = adapter();
    await a.start(async (m) => {
      seen.push(m.text ?? '');
      await gate;
    });
    await fake.waitFor(() => seen.length === 1);
    const stopped = a.stop();
    release();
    await stopped;
    expect(seen).toEqual(['um']);
    expect(fake.confirmedOffset).toBe(first.update_id + 1);

    const next = await receiving();
    await fake.waitFor(() => next.received.length === 1);
    expect(next.received.map((m) => m.text)).toEqual(['dois']);
    expect(second.update_id).toBe(first.update_id + 1);
  });

  it('logs a failing handler and keeps polling', async () => {
    const { logger, lines } = captureLogger();
    const received: string[] = [];
    const a = adapter({ logger });
    await a.start(async (m) => {
      if (m.text === 'quebra') throw new Error('database down');
      received.push(m.text ?? '');
    });
    fake.sendText(CHAT, 'quebra');
    fake.sendText(CHAT, 'segue');
    await fake.waitFor(() => received.length === 1);
    expect(received).toEqual(['segue']);
    expect(lines.some((l) => l.msg === 'Telegram message handler failed' && l.level === 50)).toBe(true);
  });

  it('rides out a dropped getUpdates connection (grammY retries after 3 s), logging the outage once and the recovery', async () => {
    const { logger, lines } = captureLogger();
    fake.failNext('getUpdates', 'network');
    const { received } = await receiving({ logger });
    fake.sendText(CHAT, 'voltou?');
    await fake.waitFor(() => received.length === 1, 10_000);
    expect(lines.filter((l) => l.msg === 'Telegram getUpdates failing; retrying')).toHaveLength(1);
    expect(lines.some((l) => l.msg === 'Telegram getUpdates recovered')).toBe(true);
  });

  it('restarts polling after Telegram ends it with 409 Conflict', async () => {
    const { logger, lines } = captureLogger();
    fake.failNext('getUpdates', { error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
    const { received } = await receiving({ logger, pollingRestartDelayMs: 20 });
    fake.sendText(CHAT, 'ainda aí?');
    await fake.waitFor(() => received.length === 1);
    expect(lines.some((l) => l.msg === 'Telegram polling ended; restarting' && l.code === 409)).toBe(true);
  });

  it('keeps start() waiting while the Bot API is unreachable, until stop() cancels it', async () => {
    await fake.close();
    const a = new TelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot, logger: pino({ level: 'silent' }) });
    let settled = false;
    const starting = a.start(async () => {}).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(settled).toBe(false);
    await a.stop();
    await starting;
    fake = await startFakeTelegram(); // for afterEach
  });

  it('fails start() at once when the token is rejected', async () => {
    const a = new TelegramAdapter({ token: '999:wrong', apiRoot: fake.apiRoot, logger: pino({ level: 'silent' }) });
    await expect(a.start(async () => {})).rejects.toMatchObject({ error_code: 401 });
  });
});

describe('TelegramAdapter (webhook mode)', () => {
  const secretToken = 'S3cr3t_token-for-tests';

  async function webhookApp(received: InboundChannelMessage[], extra: Partial<TelegramAdapterOptions> = {}) {
    const a = adapter({ mode: { webhook: { secretToken } }, ...extra });
    const app = Fastify();
    app.post('/telegram/webhook', a.webhookHandler('fastify'));
    await a.start(async (m) => void received.push(m));
    return { a, app };
  }

  it('rejects a request with a wrong or missing secret token and hands nothing on', async () => {
    const received: InboundChannelMessage[] = [];
    const { app } = await webhookApp(received);
    const wrong = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': 'nope' }, payload: f.privateText });
    const missing = await app.inject({ method: 'POST', url: '/telegram/webhook', payload: f.privateText });
    expect(wrong.statusCode).toBe(401);
    expect(missing.statusCode).toBe(401);
    expect(received).toEqual([]);
    await app.close();
  });

  it('hands on an update with the right secret token and answers 200', async () => {
    const received: InboundChannelMessage[] = [];
    const { app } = await webhookApp(received);
    const res = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': secretToken }, payload: f.callbackQuery });
    expect(res.statusCode).toBe(200);
    expect(received).toMatchObject([{ kind: 'choice', choiceId: 'installments' }]);
    expect(fake.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);
    await app.close();
  });

  it('answers 503 while stopped, so Telegram redelivers later', async () => {
    const received: InboundChannelMessage[] = [];
    const { a, app } = await webhookApp(received);
    await a.stop();
    const res = await app.inject({ method: 'POST', url: '/telegram/webhook', headers: { 'x-telegram-bot-api-secret-token': secretToken }, payload: f.privateText });
    expect(res.statusCode).toBe(503);
    expect(received).toEqual([]);
    await app.close();
  });

  it('works on a plain node:http server too, rejecting a wrong secret', async () => {
    const a = adapter({ mode: { webhook: { secretToken } } });
    const received: InboundChannelMessage[] = [];
    await a.start(async (m) => void received.push(m));
    const server = createServer(a.webhookHandler('http'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const post = (secret: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(JSON.stringify(f.privateText));
      });
    expect(await post('wrong')).toBe(401);
    expect(received).toEqual([]);
    expect(await post(secretToken)).toBe(200);
    expect(received).toHaveLength(1);
    await new Promise((r) => server.close(r));
  });

  it('registers the webhook with its secret token when a url is configured', async () => {
    const a = adapter({ mode: { webhook: { secretToken, url: 'https://cordial.example.com/telegram/webhook' } } });
    await a.start(async () => {});
    expect(fake.webhook).toEqual({ url: 'https://cordial.example.com/telegram/webhook', secretToken });
    expect(fake.calls.find((c) => c.method === 'setWebhook')?.payload.allowed_updates).toEqual(['message', 'callback_query']);
  });

  it('refuses a secret token Telegram would not accept', () => {
    expect(() => adapter({ mode: { webhook: { secretToken: 'has spaces' } } })).toThrow(/secretToken/);
  });
});
