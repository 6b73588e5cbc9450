import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasError, parsePix } from 'pix-utils';
import { startFakeTelegram, type FakeTelegram } from '../helpers/fakeTelegramServer.js';
import { pdfTextLines } from '../helpers/pdfText.js';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';

// The whole app started as a user would (npm start's command), with TELEGRAM_API_ROOT pointing at a
// fake Bot API server on 127.0.0.1.
describe('Telegram end to end', () => {
  let tg: FakeTelegram;
  let server: ServerProcess;
  let dataDir: string;
  beforeAll(async () => {
    tg = await startFakeTelegram();
    dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-tg-'));
    server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN: 'x'.repeat(32), TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot }, await freePort());
    await tg.waitFor(() => tg.calls.some((c) => c.method === 'getUpdates'), 30_000);
  }, 120_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await tg?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const textsTo = (chatId: number) => tg.sent.filter((s) => s.chatId === String(chatId)).map((s) => s.text);

  it('takes a debtor who shares their contact to an agreement with PIX codes', async () => {
    const chat = 7001;
    tg.sendText(chat, '/start');
    await tg.waitFor(() => textsTo(chat).length === 1, 20_000);
    const welcome = tg.sent.find((s) => s.chatId === String(chat))!;
    expect(welcome.text).toContain('Distribuidora Exemplo Ltda');
    expect(JSON.stringify(welcome.replyMarkup)).toContain('request_contact');

    tg.shareContact(chat, '5511987654321', true);
    await tg.waitFor(() => textsTo(chat).length === 3, 20_000);
    expect(textsTo(chat)[1]).toMatch(/identificação confirmada/i);
    expect(JSON.stringify(tg.sent.at(-1)!.replyMarkup)).toContain('inline_keyboard');

    tg.pressButton(chat, 'accept');
    await tg.waitFor(() => textsTo(chat).length === 4, 20_000);
    const term = textsTo(chat)[3]!;
    expect(term).toMatch(/^Acordo registrado/);
    const pix = [...term.matchAll(/PIX copia e cola: (.+)$/gm)].map((m) => m[1]!.trim());
    expect(pix.length).toBeGreaterThan(0);
    for (const code of pix) expect(hasError(parsePix(code))).toBe(false);
    // The term as a PDF document right after its message, uploaded as the Bot API takes files.
    await tg.waitFor(() => tg.documents.some((d) => d.chatId === String(chat)), 20_000);
    const doc = tg.documents.find((d) => d.chatId === String(chat))!;
    const agreementId = /Termo de acordo nº (AC\w+)/.exec(term)![1];
    expect(doc).toMatchObject({ fileName: `termo-de-acordo-${agreementId}.pdf`, caption: `Termo de acordo nº ${agreementId} (PDF)` });
    const pdf = pdfTextLines(doc.bytes).join('\n');
    expect(pdf).toContain('Distribuidora Exemplo Ltda');
    for (const code of pix) expect(pdf.replace(/\s+/g, '')).toContain(code.replace(/\s+/g, ''));
    // The callback query was answered, so the button's spinner stopped.
    expect(tg.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
  }, 60_000);

  it('answers nothing in a group', async () => {
    const before = tg.sent.length;
    tg.pushUpdate({ message: { message_id: 900, date: Math.floor(Date.now() / 1000), chat: { id: -100123, type: 'supergroup', title: 'Financeiro' }, from: { id: 42, is_bot: false, first_name: 'Ana' }, text: 'qual é o valor da dívida da empresa 11.444.777/0001-61?' } } as never);
    tg.sendText(7002, '/start');
    await tg.waitFor(() => textsTo(7002).length === 1, 20_000);
    expect(tg.sent.slice(before).every((s) => s.chatId !== '-100123')).toBe(true);
  }, 60_000);

  it('answers a text with a NUL, cut at the edge when huge (it used to fail to store)', async () => {
    const chat = 7005;
    tg.sendText(chat, '/start');
    await tg.waitFor(() => textsTo(chat).length === 1, 20_000);
    tg.sendText(chat, `Oi\u0000, meu CNPJ é 11.444.777/0001-61 ${'e mais um pouco '.repeat(2_000)}`);
    await tg.waitFor(() => textsTo(chat).length === 2, 20_000);
    // The CNPJ before the cut was read: the bot asks for the second factor.
    expect(textsTo(chat)[1]).toMatch(/nota fiscal|fatura/i);
  }, 60_000);

  it('gives a duplicated update one reply', async () => {
    const u = tg.sendText(7003, '/start');
    tg.pushUpdate({ message: u.message } as never);
    await tg.waitFor(() => textsTo(7003).length >= 1, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(textsTo(7003)).toHaveLength(1);
  }, 60_000);

  it('retries a send refused with 429 after retry_after, without loss', async () => {
    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    tg.sendText(7004, '/start');
    await tg.waitFor(() => textsTo(7004).length === 1, 20_000);
    expect(tg.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.chat_id) === '7004').length).toBe(2);
  }, 60_000);
});

describe('Telegram payment receipts', () => {
  it('downloads a received document through getFile and keeps its bytes', async () => {
    const { TelegramAdapter } = await import('../../src/channels/telegram/telegramAdapter.js');
    const { createLogger } = await import('../../src/config/logger.js');
    const tg = await startFakeTelegram();
    try {
      tg.files.set('BQACAgEAAx', Buffer.from('%PDF-1.7 recibo'));
      const adapter = new TelegramAdapter({ token: tg.token, apiRoot: tg.apiRoot, botInfo: tg.botInfo, logger: createLogger('silent') });
      expect((await adapter.downloadMedia('BQACAgEAAx')).toString()).toBe('%PDF-1.7 recibo');
      await expect(adapter.downloadMedia('missing')).rejects.toMatchObject({ code: 'bad_request' });
    } finally {
      await tg.close();
    }
  });
});
