import { beforeAll, describe, expect, it } from 'vitest';
import { memoryPipeline } from '../helpers/memoryPipeline.js';
import { received } from '../helpers/storeInbound.js';

// On the in-memory ports: the storage side of the same guarantees is test/storage's (the contract
// suite and prismaConversationStore.test.ts), and the e2e tests run the whole app.
describe('turn pipeline recovery', () => {
  let m: Awaited<ReturnType<typeof memoryPipeline>>;
  beforeAll(async () => {
    m = await memoryPipeline();
  });

  it('processes an inbound message stored before a crash exactly once, in order', async () => {
    const { pipeline, store } = m;
    const { conversationId } = await pipeline.open({ channel: 'webchat', chatId: 'recovery-chat' });
    // What a crash right after "store first" leaves behind: received, never processed.
    const a = await received(store, { channel: 'webchat', chatId: 'recovery-chat', channelMessageId: 'r1', text: '11.444.777/0001-61' });
    const b = await received(store, { channel: 'webchat', chatId: 'recovery-chat', channelMessageId: 'r2', text: 'NF-1001' });
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
    const { pipeline, store } = m;
    await pipeline.open({ channel: 'webchat', chatId: 'redelivery-chat' });
    const first = await pipeline.handle({ channel: 'webchat', chatId: 'redelivery-chat', channelMessageId: 'x1', text: 'bom dia' });
    const again = await pipeline.handle({ channel: 'webchat', chatId: 'redelivery-chat', channelMessageId: 'x1', text: 'bom dia' });
    expect(again.duplicate).toBe(true);
    expect(again.replies).toEqual(first.replies);
    expect(first.replies.map((r) => r.key)).toEqual(['identify.greetingAskCnpj']);
    const conv = await store.find('webchat', 'redelivery-chat');
    expect((await store.messagesAfter(conv!.id, 0)).filter((m) => m.from === 'debtor')).toHaveLength(1);
  });

  it('hands a conversation whose turn cannot run to a person, once, without retrying forever', async () => {
    const { pipeline, store, book } = m;
    const { conversationId } = await pipeline.open({ channel: 'webchat', chatId: 'broken-chat' });
    // A snapshot naming a state its flow no longer has (what a bad migration of flows could leave).
    await store.commitTurn(conversationId, null, null, async (conv) => ({ snapshot: { ...conv.snapshot!, value: 'removedState' }, state: 'removedState', messages: [], status: 'bot' }));
    const r = await pipeline.handle({ channel: 'webchat', chatId: 'broken-chat', channelMessageId: 'b1', text: 'oi' });
    expect(r.replies.map((x) => x.key)).toEqual(['handoff.notice']);
    expect((await store.get(conversationId))!.status).toBe('human');
    const h = book.handoffs.find((x) => x.conversationId === conversationId)!;
    expect(h.reason).toBe('bot_error');
    expect(h.detail).toMatch(/SNAPSHOT_UNRESOLVABLE/);
    expect(await pipeline.recover()).toBe(0);
    expect(book.audit.filter((e) => e.conversationId === conversationId && e.type === 'turn.failed')).toHaveLength(1);
  });

  it('serialises concurrent messages of one conversation', async () => {
    const { pipeline, store } = m;
    await pipeline.open({ channel: 'webchat', chatId: 'concurrent-chat' });
    await Promise.all(
      ['oi', 'tudo bem?', 'olá', 'bom dia', 'boa tarde'].map((text, i) => pipeline.handle({ channel: 'webchat', chatId: 'concurrent-chat', channelMessageId: `c${i}`, text })),
    );
    const conv = await store.find('webchat', 'concurrent-chat');
    const msgs = await store.messagesAfter(conv!.id, 0);
    expect(msgs.map((m) => m.seq)).toEqual(msgs.map((_, i) => i + 1));
    expect(conv!.rev).toBe(6);
  });
});
