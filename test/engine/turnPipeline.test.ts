import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/testApp.js';

describe('turn pipeline recovery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(async () => t?.close());

  it('processes an inbound message stored before a crash exactly once, in order', async () => {
    const { pipeline, store } = t.app;
    const { conversationId } = await pipeline.open('webchat', 'recovery-chat');
    // What a crash right after "store first" leaves behind: received, never processed.
    const a = await store.receive({ conversationId, channel: 'webchat', channelMessageId: 'r1', text: '11.444.777/0001-61' });
    const b = await store.receive({ conversationId, channel: 'webchat', channelMessageId: 'r2', text: 'NF-1001' });
    expect(await store.isProcessed(a.messageId)).toBe(false);

    expect(await pipeline.recover()).toBe(2);
    expect((await store.repliesTo(a.messageId)).map((r) => r.key)).toEqual(['identify.askSecondFactor']);
    expect((await store.repliesTo(b.messageId)).map((r) => r.key)).toEqual(['debt.summary', 'offer.cash']);

    // A second recovery (another restart) finds nothing to do and sends nothing again.
    expect(await pipeline.recover()).toBe(0);
    const all = await store.messagesAfter(conversationId, 0);
    expect(all.filter((m) => m.key === 'offer.cash')).toHaveLength(1);
  });

  it('returns the stored replies for a redelivery without running the turn again', async () => {
    const { pipeline, store } = t.app;
    await pipeline.open('webchat', 'redelivery-chat');
    const first = await pipeline.handle({ channel: 'webchat', chatId: 'redelivery-chat', channelMessageId: 'x1', text: 'bom dia' });
    const again = await pipeline.handle({ channel: 'webchat', chatId: 'redelivery-chat', channelMessageId: 'x1', text: 'bom dia' });
    expect(again.duplicate).toBe(true);
    expect(again.replies).toEqual(first.replies);
    expect(first.replies.map((r) => r.key)).toEqual(['identify.greetingAskCnpj']);
    const conv = await store.find('webchat', 'redelivery-chat');
    expect((await store.messagesAfter(conv!.id, 0)).filter((m) => m.from === 'debtor')).toHaveLength(1);
  });

  it('serialises concurrent messages of one conversation', async () => {
    const { pipeline, store } = t.app;
    await pipeline.open('webchat', 'concurrent-chat');
    await Promise.all(
      ['oi', 'tudo bem?', 'olá', 'bom dia', 'boa tarde'].map((text, i) => pipeline.handle({ channel: 'webchat', chatId: 'concurrent-chat', channelMessageId: `c${i}`, text })),
    );
    const conv = await store.find('webchat', 'concurrent-chat');
    const msgs = await store.messagesAfter(conv!.id, 0);
    expect(msgs.map((m) => m.seq)).toEqual(msgs.map((_, i) => i + 1));
    expect(conv!.rev).toBe(6);
  });
});
