import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/channelPort.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { FakeChannelAdapter } from '../helpers/fakeChannelAdapter.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';

// An agent's reply goes out over the conversation's own channel, exactly as written, once;
// a payment receipt reaches the queue with its reason.
describe('agents on messaging channels', () => {
  let t: TestApp;
  const wa = new FakeChannelAdapter('whatsapp');
  const tg = new FakeChannelAdapter('telegram');
  let agent: ConsoleAgent;

  beforeAll(async () => {
    t = await startTestApp({ adapters: [wa, tg], clock: () => new Date('2026-11-23T13:00:00Z'), env: { JOBS_INTERVAL_MS: '3600000' } });
    agent = await ConsoleAgent.create(t, 'Ana Canais');
  }, 120_000);
  afterAll(async () => t?.close());

  const conversationId = async (channel: string, chatId: string) => (await t.app.store.find(channel, chatId))!.id;

  it('delivers the reply on WhatsApp as the agent wrote it, and the bot says nothing after', async () => {
    const chat = '5511987654321@s.whatsapp.net';
    await wa.deliver({ chatId: chat, text: 'Oi', senderPhone: '+5511987654321' });
    await wa.deliver({ chatId: chat, text: 'quero falar com um atendente' });
    const id = await conversationId('whatsapp', chat);
    expect((await agent.queue()).find((h) => h.conversationId === id)).toMatchObject({ channel: 'whatsapp', reason: 'asked_for_person' });
    await agent.claim(id);
    const text = 'Olá, Marina! Aqui é a Ana.\nConsigo ver a sua nota *NF-1001* — vamos resolver.';
    expect((await agent.reply(id, text)).status).toBe(201);
    expect(wa.sent.at(-1)).toMatchObject({ chatId: chat, message: { text } });
    const before = wa.sent.length;
    await wa.deliver({ chatId: chat, text: 'Obrigada!' });
    expect(wa.sent.length).toBe(before);
  });

  it('retries an agent reply the platform refused for a moment, and sends it once', async () => {
    await tg.deliver({ chatId: '2002', text: '/start' });
    await tg.deliver({ chatId: '2002', text: 'quero falar com uma pessoa' });
    const id = await conversationId('telegram', '2002');
    await agent.claim(id);
    tg.failNext(new ChannelSendError('telegram', 'rate_limited', 'too many requests', { retryAfterMs: 1 }), '2002');
    expect((await agent.reply(id, 'Um momento, por favor.')).status).toBe(201);
    expect(tg.textsTo('2002')).not.toContain('Um momento, por favor.');
    // The retry timer's work, run by hand (retryAfter has passed).
    await new Promise((r) => setTimeout(r, 20));
    await t.app.chores();
    await t.app.chores();
    expect(tg.textsTo('2002').filter((x) => x === 'Um momento, por favor.')).toHaveLength(1);
  });

  it('queues a payment receipt from a verified debtor with its reason', async () => {
    const chat = '1003';
    await tg.deliver({ chatId: chat, text: '/start' });
    await tg.deliver({ chatId: chat, kind: 'contact', contact: { phone: '+5511987654321', own: true } });
    await tg.deliver({ chatId: chat, kind: 'media', media: { type: 'photo', fileId: 'f1' } });
    const id = await conversationId('telegram', chat);
    const item = (await agent.queue()).find((h) => h.conversationId === id);
    expect(item).toMatchObject({ channel: 'telegram', reason: 'payment_proof', status: 'pending' });
    const view = (await agent.conversation(id)).body;
    expect(view.messages.find((m: any) => m.from === 'debtor' && m.attachment)).toMatchObject({ attachment: { type: 'photo' } });
  });
});
