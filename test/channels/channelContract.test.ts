import { makeEventBuffer, type WAMessage } from '@whiskeysockets/baileys';
import { hasError, parsePix } from 'pix-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramAdapter } from '../../src/channels/telegram/telegramAdapter.js';
import type { WhatsAppSocket } from '../../src/channels/whatsapp/baileysSocketFactory.js';
import { WhatsAppAdapter } from '../../src/channels/whatsapp/whatsappAdapter.js';
import { WhatsAppCloudAdapter } from '../../src/channels/whatsappCloud/whatsAppCloudAdapter.js';
import { createLogger } from '../../src/config/logger.js';
import { Pacer } from '../../src/jobs/pacer.js';
import { startFakeGraph, type FakeGraph } from '../helpers/fakeGraphServer.js';
import { startFakeTelegram, type FakeTelegram } from '../helpers/fakeTelegramServer.js';
import { pdfTextLines } from '../helpers/pdfText.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';

// One contract, every channel: the same debtor journey through the whole app, each channel driven
// at its own edge (HTTP for the web chat, a fake Bot API server for Telegram, a fake Baileys socket
// for WhatsApp). Identity by CNPJ + invoice works everywhere, so the script is the same.

interface Chat {
  say(text: string, messageId?: string): Promise<void>;
  /** The bot's texts in this chat, as the person sees them. */
  texts(): string[];
  /** The option labels shown with the bot's last message. */
  lastOptions(): string[];
  /** The files the person got: sent as documents, or (web chat) downloaded from the replies' links. */
  documents(): Promise<{ fileName: string; bytes: Buffer }[]>;
}

interface Driver {
  name: string;
  start(): Promise<TestApp>;
  stop(): Promise<void>;
  newChat(): Chat;
  /** Posts a message in a group, where the platform has groups; the web chat has none. */
  sayInGroup?(text: string): Promise<void>;
  groupReplies?(): number;
}

const noPacing = () => new Pacer({});
const logger = createLogger('silent');
let seq = 0;

/** Waits until the app has processed every inbound message and sent every outbound one. */
async function idle(t: TestApp) {
  const db = t.app.database.prisma;
  for (let i = 0; i < 400; i++) {
    const [inbound, outbound] = await Promise.all([
      db.message.count({ where: { direction: 'in', processedAt: null } }),
      db.message.count({ where: { direction: 'out', delivery: 'pending' } }),
    ]);
    if (inbound === 0 && outbound === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the app did not settle');
}

const webchat: Driver = (() => {
  let t: TestApp;
  return {
    name: 'webchat',
    async start() {
      t = await startTestApp({ pacer: noPacing() });
      return t;
    },
    stop: () => t.close(),
    newChat() {
      let sessionId: Promise<string> | undefined;
      const replies: { text: string; options: { label: string }[]; facts?: { agreement?: { id: string } } }[] = [];
      const open = () =>
        (sessionId ??= t.api('POST', '/api/webchat/sessions', {}).then((r) => {
          replies.push(...r.body.replies);
          return r.body.sessionId as string;
        }));
      return {
        async say(text, messageId) {
          const id = await open();
          const r = await t.api('POST', `/api/webchat/sessions/${id}/messages`, { text, clientMessageId: messageId ?? `w${++seq}` });
          if (!r.body.duplicate) replies.push(...r.body.replies);
        },
        texts: () => replies.map((r) => r.text),
        lastOptions: () => replies.at(-1)?.options.map((o) => o.label) ?? [],
        async documents() {
          const id = await open();
          const ids = [...new Set(replies.flatMap((r) => (r.facts?.agreement?.id ? [r.facts.agreement.id] : [])))];
          return Promise.all(
            ids.map(async (a) => {
              const res = await fetch(`${t.url}/api/webchat/sessions/${id}/agreements/${a}/term.pdf`);
              expect(res.status).toBe(200);
              return { fileName: /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? '', bytes: Buffer.from(await res.arrayBuffer()) };
            }),
          );
        },
      };
    },
  };
})();

const telegram: Driver = (() => {
  let t: TestApp;
  let tg: FakeTelegram;
  let chatN = 5000;
  return {
    name: 'telegram',
    async start() {
      tg = await startFakeTelegram();
      const adapter = new TelegramAdapter({ token: tg.token, apiRoot: tg.apiRoot, botInfo: tg.botInfo, logger, pollingTimeoutSeconds: 1 });
      t = await startTestApp({ adapters: [adapter], pacer: noPacing() });
      await tg.waitFor(() => tg.calls.some((c) => c.method === 'getUpdates'), 20_000);
      return t;
    },
    async stop() {
      await t.close();
      await tg.close();
    },
    newChat() {
      const chat = ++chatN;
      const sent = () => tg.sent.filter((s) => s.chatId === String(chat));
      return {
        async say(text, messageId) {
          const before = tg.calls.filter((c) => c.method === 'getUpdates').length;
          if (messageId) {
            const id = Number(messageId.replace(/\D/g, '')) || 1;
            tg.pushUpdate({ message: { message_id: id, date: Math.floor(Date.now() / 1000), chat: { id: chat, type: 'private', first_name: 'Ana' }, from: { id: chat, is_bot: false, first_name: 'Ana' }, text } } as never);
          } else tg.sendText(chat, text);
          // The update is confirmed by the next getUpdates, after the app handled it.
          await tg.waitFor(() => tg.calls.filter((c) => c.method === 'getUpdates').length > before + 1, 20_000);
          await idle(t);
        },
        texts: () => sent().map((s) => s.text),
        documents: async () => tg.documents.filter((d) => d.chatId === String(chat)).map((d) => ({ fileName: d.fileName, bytes: d.bytes })),
        lastOptions: () => {
          const kb = (sent().at(-1)?.replyMarkup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? [];
          return kb.flat().map((b) => b.text.replace(/^\d+\.\s*/, ''));
        },
      };
    },
    async sayInGroup(text) {
      const before = tg.calls.filter((c) => c.method === 'getUpdates').length;
      tg.pushUpdate({ message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: -100777, type: 'group', title: 'Financeiro' }, from: { id: 9, is_bot: false, first_name: 'Bia' }, text } } as never);
      await tg.waitFor(() => tg.calls.filter((c) => c.method === 'getUpdates').length > before + 1, 20_000);
      await idle(t);
    },
    groupReplies: () => tg.sent.filter((s) => s.chatId === '-100777').length,
  };
})();

const whatsapp: Driver = (() => {
  let t: TestApp;
  let ev: ReturnType<typeof makeEventBuffer>;
  const sent: { jid: string; text: string }[] = [];
  const documents: { jid: string; fileName: string; bytes: Buffer }[] = [];
  let phoneN = 55119_7000_0000;
  const message = (jid: string, id: string, text: string, participant?: string): WAMessage =>
    ({ key: { remoteJid: jid, fromMe: false, id, ...(participant ? { participant } : {}) }, message: { conversation: text }, messageTimestamp: Math.floor(Date.now() / 1000), pushName: 'Ana' }) as WAMessage;
  return {
    name: 'whatsapp',
    async start() {
      const adapter = new WhatsAppAdapter({
        authDir: '/tmp/cordial-contract-wa',
        logger,
        printQr: false,
        socketFactory: async (ctx) => {
          ev = makeEventBuffer(ctx.logger);
          const sock: WhatsAppSocket = {
            ev,
            sendMessage: async (jid, content) => {
              if ('document' in content) documents.push({ jid, fileName: content.fileName, bytes: content.document });
              else sent.push({ jid, text: content.text });
              return { key: { remoteJid: jid, fromMe: true, id: `OUT${sent.length}` } } as WAMessage;
            },
            end: () => ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: undefined, date: new Date() } }),
          };
          setImmediate(() => ev.emit('connection.update', { connection: 'open' }));
          return sock;
        },
      });
      t = await startTestApp({ adapters: [adapter], pacer: noPacing() });
      for (let i = 0; i < 200 && adapter.status !== 'open'; i++) await new Promise((r) => setTimeout(r, 10));
      return t;
    },
    stop: () => t.close(),
    newChat() {
      const jid = `${++phoneN}@s.whatsapp.net`;
      const mine = () => sent.filter((s) => s.jid === jid);
      return {
        async say(text, messageId) {
          ev.emit('messages.upsert', { messages: [message(jid, messageId ?? `IN${++seq}`, text)], type: 'notify' });
          await new Promise((r) => setTimeout(r, 50));
          await idle(t);
        },
        texts: () => mine().map((s) => s.text),
        documents: async () => documents.filter((d) => d.jid === jid).map(({ fileName, bytes }) => ({ fileName, bytes })),
        // Numbered menu lines ("1. Aceitar") at the end of the last text.
        lastOptions: () => [...(mine().at(-1)?.text ?? '').matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]!),
      };
    },
    async sayInGroup(text) {
      ev.emit('messages.upsert', { messages: [message('120363025000000000@g.us', `G${++seq}`, text, '5511955554444@s.whatsapp.net')], type: 'notify' });
      await new Promise((r) => setTimeout(r, 50));
      await idle(t);
    },
    groupReplies: () => sent.filter((s) => s.jid.endsWith('@g.us')).length,
  };
})();

const whatsappCloud: Driver = (() => {
  let t: TestApp;
  let graph: FakeGraph;
  let phoneN = 55119_6000_0000;
  const say = async (message: Record<string, unknown>) => {
    const r = await graph.deliver(t.url, graph.messageWebhook(message));
    expect(r.status).toBe(200);
    await idle(t);
  };
  return {
    name: 'whatsapp (Cloud API)',
    async start() {
      graph = await startFakeGraph();
      const adapter = new WhatsAppCloudAdapter({ token: graph.token, phoneNumberId: graph.phoneNumberId, appSecret: graph.appSecret, verifyToken: graph.verifyToken, apiRoot: graph.apiRoot, logger });
      t = await startTestApp({ adapters: [adapter], pacer: noPacing() });
      return t;
    },
    async stop() {
      await t.close();
      await graph.close();
    },
    newChat() {
      const waId = String(++phoneN);
      const mine = () => graph.sent.filter((s) => s.to === waId);
      return {
        say: (text, messageId) => say({ from: waId, id: `wamid.IN${messageId ?? ++seq}`, type: 'text', text: { body: text } }),
        // A text message's body, or an interactive message's.
        texts: () => mine().flatMap((s) => (s.type === 'text' ? [(s.body.text as { body: string }).body] : s.type === 'interactive' ? [(s.body.interactive as { body: { text: string } }).body.text] : [])),
        lastOptions: () => {
          const last = mine().filter((s) => s.type === 'text' || s.type === 'interactive').at(-1);
          const action = (last?.body.interactive as { action?: { buttons?: { reply: { title: string } }[]; sections?: { rows: { title: string }[] }[] } } | undefined)?.action;
          return action?.buttons?.map((b) => b.reply.title) ?? action?.sections?.flatMap((x) => x.rows.map((r) => r.title)) ?? [];
        },
        documents: async () =>
          mine()
            .filter((s) => s.type === 'document')
            .map((s) => {
              const d = s.body.document as { id: string; filename: string };
              return { fileName: d.filename, bytes: graph.uploads.find((u) => u.id === d.id)!.bytes };
            }),
      };
    },
    sayInGroup: (text) => say({ from: '5511955554444', id: `wamid.G${++seq}`, type: 'text', text: { body: text }, group_id: 'G123' }),
    groupReplies: () => graph.sent.filter((s) => s.to === '5511955554444').length,
  };
})();

describe.each([webchat, telegram, whatsapp, whatsappCloud])('channel contract: $name', (driver) => {
  beforeAll(async () => {
    await driver.start();
  }, 120_000);
  afterAll(async () => driver.stop());

  it('negotiates from identity to an agreement with valid PIX codes', async () => {
    const chat = driver.newChat();
    await chat.say('Bom dia');
    await chat.say('O CNPJ é 11.444.777/0001-61');
    expect(chat.texts().join('\n')).not.toMatch(/R\$/);
    await chat.say('nota NF-1001');
    expect(chat.texts().join('\n')).toMatch(/R\$ 15\.980,50/);
    expect(chat.lastOptions()).toEqual(['Aceitar', 'Ver outra opção', 'Falar com uma pessoa']);
    await chat.say('1');
    const term = chat.texts().at(-1)!;
    expect(term).toMatch(/^Acordo registrado/);
    const codes = [...term.matchAll(/PIX copia e cola: (.+)$/gm)].map((m) => m[1]!.trim());
    expect(codes.length).toBeGreaterThan(0);
    for (const c of codes) expect(hasError(parsePix(c))).toBe(false);
    // The term as a document: sent after the text (Telegram, WhatsApp) or linked from it (web chat).
    const agreementId = /Termo de acordo nº (AC\w+)/.exec(term)?.[1];
    const docs = await chat.documents();
    expect(docs.map((d) => d.fileName)).toEqual([`termo-de-acordo-${agreementId}.pdf`]);
    const pdf = pdfTextLines(docs[0]!.bytes).join('\n');
    expect(pdf).toContain(`Termo de acordo nº ${agreementId}`);
    for (const c of codes) expect(pdf.replace(/\s+/g, '')).toContain(c.replace(/\s+/g, ''));
  }, 60_000);

  it('answers a redelivered message once', async () => {
    const chat = driver.newChat();
    await chat.say('oi');
    const id = `77${++seq}`;
    await chat.say('11.444.777/0001-61', id);
    const n = chat.texts().length;
    await chat.say('11.444.777/0001-61', id);
    expect(chat.texts().length).toBe(n);
  }, 60_000);

  // The web chat has no group conversations, so only platforms with groups carry this clause.
  if (driver.sayInGroup) {
    it('never answers in a group, nor discloses anything there', async () => {
      await driver.sayInGroup!('qual o débito da empresa 11.444.777/0001-61? NF-1001');
      expect(driver.groupReplies!()).toBe(0);
    }, 60_000);
  }
});
