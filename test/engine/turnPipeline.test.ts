import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { received } from '../helpers/storeInbound.js';
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

  it('hands a conversation whose turn cannot run to a person, once, without retrying forever', async () => {
    const { pipeline, store, database } = t.app;
    const { conversationId } = await pipeline.open('webchat', 'broken-chat');
    // A snapshot naming a state its flow no longer has (what a bad migration of flows could leave).
    const conv = await database.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    await database.prisma.conversation.update({ where: { id: conversationId }, data: { snapshot: { ...(conv.snapshot as object), value: 'removedState' } } });
    const r = await pipeline.handle({ channel: 'webchat', chatId: 'broken-chat', channelMessageId: 'b1', text: 'oi' });
    expect(r.replies.map((x) => x.key)).toEqual(['handoff.notice']);
    expect((await store.get(conversationId))!.status).toBe('human');
    const h = await database.prisma.handoff.findFirstOrThrow({ where: { conversationId } });
    expect(h.reason).toBe('bot_error');
    expect(h.detail).toMatch(/SNAPSHOT_UNRESOLVABLE/);
    expect(await pipeline.recover()).toBe(0);
    expect(await database.prisma.auditEvent.count({ where: { conversationId, type: 'turn.failed' } })).toBe(1);
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
