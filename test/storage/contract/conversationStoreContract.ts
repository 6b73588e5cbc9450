import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { ConversationReads } from '../../../src/engine/conversationReads.js';
import type { AppendedMessage, AppendedRow } from '../../../src/engine/conversationWrites.js';
import type { OutboxStore } from '../../../src/engine/outboxStore.js';
import type { MessageSpec, TurnCommit } from '../../../src/engine/ports.js';
import type { TurnStore } from '../../../src/engine/turnStore.js';

export type ConversationStorePorts = TurnStore & OutboxStore & ConversationReads;

/** One implementation of the conversation ports, as two processes see it (the same object where there is only one). */
export interface ContractSubject {
  a: ConversationStorePorts;
  b: ConversationStorePorts;
  /** ConversationWrites.close, in the implementation's transaction: an agent closes the conversation. */
  closeConversation(conversationId: string): Promise<void>;
  /** ConversationWrites.append, in the implementation's transaction. */
  append(conversationId: string, row: AppendedRow): Promise<{ message: AppendedMessage; debtorId: string | null }>;
  /** A debtor on the creditor's books with open invoices. */
  addDebtor(d: { cnpj: string; companyName: string; invoices: { number: string; amountCents: number; dueDate: string }[] }): Promise<void>;
  close(): Promise<void>;
}

const FLOW = { locale: 'pt-BR' as const, flowId: 'negotiation', timeZone: 'America/Sao_Paulo' };
const spec = (templateKey: string): MessageSpec => ({ templateKey, facts: { n: templateKey }, options: [] });
const commit = (value: string, ...keys: string[]): TurnCommit => ({ snapshot: { v: 1, value, context: { marker: value } as never }, state: value, messages: keys.map(spec), status: 'bot' });
const version = (v: number) => async () => v;
let n = 0;
const chat = (name: string) => `${name}-${Date.now()}-${++n}`;

/**
 * What every implementation of the conversation ports must do (src/engine/turnStore.ts,
 * outboxStore.ts, conversationReads.ts): run against the in-memory, PGlite and PostgreSQL ones.
 */
export function conversationStoreContract(name: string, enabled: boolean, factory: () => Promise<ContractSubject>) {
  describe(`conversation store contract (${name})`, () => {
    let s: ContractSubject;
    beforeAll(async () => {
      if (enabled) s = await factory();
    }, 120_000);
    afterAll(async () => s?.close());

    /** A conversation opened by its first message, with that message stored. */
    const started = async (chatId = chat('c'), text = 'oi') => {
      const opened = await s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:0`, text, flowVersion: version(1), open: FLOW });
      const r = await s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:1`, text, flowVersion: version(1) });
      if (!opened?.created || !r || r.created) throw new Error('expected a new conversation, then a stored message');
      return { chatId, conversationId: r.conversation.id, messageId: r.receipt.messageId };
    };
    /** Sends every due row of the conversation as `holder` does, returning their keys. */
    const deliverAll = async (conversationId: string, holder = 'sender') => {
      const rows = await s.a.claimOutbound(conversationId, holder, 30_000, new Date());
      for (const r of rows) await s.a.markDelivered(r.id, `text of ${r.templateKey}`);
      return rows.map((r) => r.templateKey);
    };

    it.skipIf(!enabled)('receiveOrOpen: no conversation without `open`; with it, opens one and stores nothing yet', async () => {
      const chatId = chat('new');
      expect(await s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: 'x', text: 'oi', flowVersion: version(1) })).toBeNull();
      const opened = await s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:1`, text: 'oi', flowVersion: version(3), open: FLOW, clientAddress: '203.0.113.9' });
      expect(opened).toMatchObject({ created: true, conversation: { channel: 'webchat', chatId, flowVersion: 3, status: 'bot', rev: 0, snapshot: null, simulation: false } });
      expect(await s.a.messagesAfter(opened!.conversation.id, 0)).toEqual([]);
      expect(await s.a.find('webchat', chatId)).toMatchObject({ id: opened!.conversation.id });
    });

    it.skipIf(!enabled)('receiveOrOpen: reuses the conversation, marks the message opening before the flow starts, remembers a new address', async () => {
      const { chatId, conversationId, messageId } = await started();
      const again = await s.b.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:2`, text: 'olá', flowVersion: version(1), open: FLOW, clientAddress: '198.51.100.7' });
      expect(again).toMatchObject({ created: false, needsStart: true, attachment: { kind: 'text', opening: true }, conversation: { id: conversationId, clientAddress: '198.51.100.7' } });
      expect(again && !again.created && again.receipt).toMatchObject({ conversationId, duplicate: false });
      expect((await s.a.get(conversationId))!.clientAddress).toBe('198.51.100.7');
      // Once the flow has a state, messages are ordinary ones, their attachment as given.
      await s.a.commitTurn(conversationId, messageId, messageId, async () => commit('greeted'));
      const later = await s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:3`, text: 'x', attachment: { kind: 'choice', choiceId: 'a' }, flowVersion: version(1) });
      expect(later).toMatchObject({ created: false, needsStart: false, attachment: { kind: 'choice', choiceId: 'a' } });
      const stale = await s.a.claimStaleInbound({ storedBefore: new Date(Date.now() + 60_000), holder: 'peek', leaseMs: 1, now: new Date(Date.now() + 60_000), limit: 1000 });
      expect(stale.find((p) => p.messageId === (later && !later.created ? later.receipt.messageId : ''))?.attachment).toEqual({ kind: 'choice', choiceId: 'a' });
    });

    it.skipIf(!enabled)('a redelivery of the same (channel, channelMessageId) is a duplicate, stored once', async () => {
      const { chatId, conversationId, messageId } = await started();
      const [x, y] = await Promise.all([
        s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:1`, text: 'oi', flowVersion: version(1) }),
        s.b.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:1`, text: 'oi', flowVersion: version(1) }),
      ]);
      for (const r of [x, y]) expect(r && !r.created && r.receipt).toEqual({ conversationId, messageId, duplicate: true });
      expect((await s.a.messagesAfter(conversationId, 0)).filter((m) => m.from === 'debtor')).toHaveLength(1);
    });

    it.skipIf(!enabled)('a closed conversation reopens on the message: back to the bot, from the start, on the version asked', async () => {
      const { chatId, conversationId, messageId } = await started();
      await s.a.commitTurn(conversationId, messageId, messageId, async () => commit('greeted', 'welcome'));
      await s.closeConversation(conversationId);
      expect((await s.a.get(conversationId))!).toMatchObject({ status: 'closed', rev: 2 });
      const r = await s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:2`, text: 'oi de novo', flowVersion: version(7), open: FLOW });
      expect(r).toMatchObject({ created: false, needsStart: true, conversation: { id: conversationId, status: 'bot', snapshot: null, flowVersion: 7, rev: 3 } });
      expect(await s.a.get(conversationId)).toMatchObject({ status: 'bot', snapshot: null, flowVersion: 7, rev: 3 });
    });

    it.skipIf(!enabled)('commitTurn writes the snapshot, bumps the revision, marks the inbound processed and queues the replies', async () => {
      const { conversationId, messageId } = await started();
      expect(await s.a.isProcessed(messageId)).toBe(false);
      let seen: number | undefined;
      const out = await s.a.commitTurn(conversationId, messageId, messageId, async (conv) => ((seen = conv.rev), commit('greeted', 'welcome', 'identify.askCnpj')));
      expect(out).toMatchObject({ state: 'greeted', status: 'bot' });
      expect(seen).toBe(0);
      expect(await s.a.get(conversationId)).toMatchObject({ rev: 1, snapshot: { v: 1, value: 'greeted', context: { marker: 'greeted' } } });
      expect(await s.b.isProcessed(messageId)).toBe(true);
      // Nothing is a reply until it is delivered.
      expect(await s.a.repliesTo(messageId)).toEqual([]);
      expect(await deliverAll(conversationId)).toEqual(['welcome', 'identify.askCnpj']);
      expect((await s.a.repliesTo(messageId)).map((r) => r.key)).toEqual(['welcome', 'identify.askCnpj']);
      // The same inbound again runs nothing.
      let ran = false;
      expect(await s.b.commitTurn(conversationId, messageId, messageId, async () => ((ran = true), commit('again', 'welcome')))).toBeNull();
      expect(ran).toBe(false);
    });

    it.skipIf(!enabled)('a commit never writes over another: each bumps the revision once, or is refused as CONCURRENT_TURN', async () => {
      const { conversationId } = await started();
      const seen: number[] = [];
      const results = await Promise.allSettled(
        [s.a, s.b, s.a, s.b].map((store, i) =>
          store.commitTurn(conversationId, null, null, async (conv) => {
            seen.push(conv.rev);
            await new Promise((r) => setTimeout(r, 5));
            return commit(`s${i}`, `k${i}`);
          }),
        ),
      );
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      for (const r of results) if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('CONCURRENT_TURN');
      expect(ok).toBeGreaterThan(0);
      expect((await s.a.get(conversationId))!.rev).toBe(ok);
      expect(await deliverAll(conversationId)).toHaveLength(ok);
    });

    it.skipIf(!enabled)('a turn that throws leaves nothing: not processed, same revision, nothing queued', async () => {
      const { conversationId, messageId } = await started();
      await expect(s.a.commitTurn(conversationId, messageId, messageId, async () => Promise.reject(Object.assign(new Error('boom'), { code: 'FLOW_RUNTIME' })))).rejects.toThrow('boom');
      expect(await s.a.isProcessed(messageId)).toBe(false);
      expect((await s.a.get(conversationId))!.rev).toBe(0);
      expect(await s.a.claimOutbound(conversationId, 'sender', 30_000, new Date())).toEqual([]);
      expect(await s.a.hasDueOutbound(conversationId, 'sender', new Date())).toBe(false);
    });

    it.skipIf(!enabled)('failTurn hands the conversation to a person with a notice, once; after another process answered, nothing', async () => {
      const { chatId, conversationId, messageId } = await started();
      await s.a.failTurn(conversationId, messageId, { code: 'FLOW_RUNTIME', message: 'broken' }, new Date());
      await s.b.failTurn(conversationId, messageId, { code: 'FLOW_RUNTIME', message: 'broken' }, new Date());
      expect(await s.a.get(conversationId)).toMatchObject({ status: 'human', rev: 1 });
      expect(await s.a.isProcessed(messageId)).toBe(true);
      expect(await deliverAll(conversationId)).toEqual(['handoff.notice']);
      expect((await s.a.repliesTo(messageId)).map((r) => r.key)).toEqual(['handoff.notice']);

      const other = await s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:9`, text: 'x', flowVersion: version(1) });
      const id = other && !other.created ? other.receipt.messageId : '';
      await s.a.commitTurn(conversationId, id, id, async () => null);
      await s.b.failTurn(conversationId, id, { code: 'FLOW_RUNTIME', message: 'late' }, new Date());
      expect(await s.a.get(conversationId)).toMatchObject({ rev: 1 });
      expect(await s.a.claimOutbound(conversationId, 'sender', 30_000, new Date())).toEqual([]);
    });

    it.skipIf(!enabled)('outbound rows are claimed by one holder at a time, in order, until the lease lapses', async () => {
      const { conversationId, messageId } = await started();
      await s.a.commitTurn(conversationId, messageId, messageId, async () => commit('greeted', 'one', 'two'));
      const now = new Date();
      expect(await s.a.conversationsWithPendingOutbound(now, 'A')).toContain(conversationId);
      expect(await s.a.hasDueOutbound(conversationId, 'A', now)).toBe(true);
      const [x, y] = await Promise.all([s.a.claimOutbound(conversationId, 'A', 30_000, now), s.b.claimOutbound(conversationId, 'B', 30_000, now)]);
      const [mine, theirs] = x.length ? [x, y] : [y, x];
      const holder = x.length ? 'A' : 'B';
      const other = holder === 'A' ? 'B' : 'A';
      expect(mine.map((r) => r.templateKey)).toEqual(['one', 'two']);
      expect(mine[0]).toMatchObject({ conversationId, channel: 'webchat', flowId: 'negotiation', flowVersion: 1, author: 'bot', text: null, facts: { n: 'one' }, attempts: 0, locale: 'pt-BR' });
      expect(theirs).toEqual([]);
      // Held by the holder: due for it (its claim is its own), not for the other.
      expect(await s.b.hasDueOutbound(conversationId, holder, now)).toBe(true);
      expect(await s.b.hasDueOutbound(conversationId, other, now)).toBe(false);
      expect(await s.a.conversationsWithPendingOutbound(now, other)).not.toContain(conversationId);
      expect(await s.a.conversationsWithPendingOutbound(now, holder)).toContain(conversationId);
      // The holder renews while sending; within the lease nobody else gets the rows.
      expect(await s.a.renewClaim(mine[0]!.id, holder, 30_000, new Date(now.getTime() + 20_000))).toBe(true);
      expect(await s.b.claimOutbound(conversationId, other, 30_000, new Date(now.getTime() + 40_000))).toEqual([]);
      // The holder died: after its lease, the other takes the rows over, and the first has lost them.
      const taken = await s.b.claimOutbound(conversationId, other, 30_000, new Date(now.getTime() + 51_000));
      expect(taken.map((r) => r.templateKey)).toEqual(['one', 'two']);
      expect(await s.a.renewClaim(mine[0]!.id, holder, 30_000, new Date(now.getTime() + 52_000))).toBe(false);
      for (const r of taken) await s.b.markDelivered(r.id, r.templateKey);
      expect(await s.a.hasDueOutbound(conversationId, other, new Date(now.getTime() + 53_000))).toBe(false);
    });

    it.skipIf(!enabled)('an outbound row keeps the document its spec names; the others carry none', async () => {
      const { conversationId, messageId } = await started();
      const term: MessageSpec = { ...spec('agreement.term'), attachment: { kind: 'agreement_term', agreementId: 'ACCONTRACT00000001' } };
      await s.a.commitTurn(conversationId, messageId, messageId, async () => ({ ...commit('agreed', 'before'), messages: [spec('before'), term] }));
      const rows = await s.a.claimOutbound(conversationId, 'sender', 30_000, new Date());
      expect(rows.map((r) => [r.templateKey, r.attachment])).toEqual([
        ['before', null],
        ['agreement.term', { kind: 'agreement_term', agreementId: 'ACCONTRACT00000001' }],
      ]);
    });

    it.skipIf(!enabled)('markDelivered sends a row once; markDeliveryFailed retries it from retryAt, or gives it up', async () => {
      const { conversationId, messageId } = await started();
      await s.a.commitTurn(conversationId, messageId, messageId, async () => commit('greeted', 'a', 'b', 'c'));
      const [a, b, c] = await s.a.claimOutbound(conversationId, 'S', 30_000, new Date());
      await s.a.markDelivered(a!.id, 'first');
      await s.b.markDelivered(a!.id, 'again');
      await s.a.markDeliveryFailed(b!.id, 'HTTP 429', new Date(Date.now() + 3_600_000));
      await s.a.markDeliveryFailed(c!.id, 'HTTP 400', null);
      expect((await s.a.repliesTo(messageId)).map((r) => [r.key, r.text])).toEqual([['a', 'first']]);
      // Not due before its retry time, whoever asks.
      expect(await s.b.claimOutbound(conversationId, 'T', 30_000, new Date())).toEqual([]);
      await s.a.markDeliveryFailed(b!.id, 'HTTP 429', new Date(Date.now() - 1_000));
      const retried = await s.b.claimOutbound(conversationId, 'T', 30_000, new Date());
      expect(retried.map((r) => [r.templateKey, r.attempts])).toEqual([['b', 2]]);
      expect(await s.a.conversationsWithPendingOutbound(new Date(), 'U', new Date(0))).not.toContain(conversationId);
    });

    it.skipIf(!enabled)("recordReceipt follows a sent message as far as its platform reports it, never back, whatever the order", async () => {
      const { conversationId, messageId } = await started();
      await s.a.commitTurn(conversationId, messageId, messageId, async () => commit('greeted', 'a', 'b'));
      const [a, b] = await s.a.claimOutbound(conversationId, 'S', 30_000, new Date());
      const wamid = `wamid.${conversationId}`;
      await s.a.markDelivered(a!.id, 'first', { platformMessageId: wamid });
      await s.a.markDelivered(b!.id, 'second', { platformMessageId: `${wamid}.b` });
      const report = (status: 'sent' | 'delivered' | 'read' | 'failed', id = wamid, error?: string) => ({ channel: 'webchat', platformMessageId: id, status, at: new Date(), error });
      expect(await s.a.recordReceipt(report('read'))).toEqual({ conversationId });
      // Late or redelivered reports change nothing.
      expect(await s.b.recordReceipt(report('delivered'))).toBeNull();
      expect(await s.b.recordReceipt(report('read'))).toBeNull();
      expect(await s.a.recordReceipt(report('sent', `${wamid}.b`))).toEqual({ conversationId });
      expect(await s.a.recordReceipt(report('failed', `${wamid}.b`, '131026 Message undeliverable'))).toEqual({ conversationId });
      expect(await s.a.recordReceipt(report('read', `${wamid}.b`))).toBeNull();
      // Another channel's id, or one we never sent: nobody's message.
      expect(await s.a.recordReceipt({ ...report('read'), channel: 'telegram' })).toBeNull();
      expect(await s.a.recordReceipt(report('read', 'wamid.unknown'))).toBeNull();
    });

    it.skipIf(!enabled)('templateChatsSince counts the chats sent a template since a time, once each', async () => {
      const since = new Date(Date.now() - 60_000);
      const channel = 'webchat';
      const before = await s.a.templateChatsSince(channel, since, 'nobody');
      const { chatId, conversationId, messageId } = await started();
      await s.a.commitTurn(conversationId, messageId, messageId, async () => commit('greeted', 'a', 'b', 'c'));
      const [a, b, c] = await s.a.claimOutbound(conversationId, 'S', 30_000, new Date());
      await s.a.markDelivered(a!.id, 'first', { template: 'aviso' });
      await s.a.markDelivered(b!.id, 'second', { template: 'aviso' });
      await s.a.markDelivered(c!.id, 'third');
      const after = await s.b.templateChatsSince(channel, since, chatId);
      expect(after).toMatchObject({ chats: before.chats + 1, includesChat: true });
      expect(after.oldestAt!.getTime()).toBeGreaterThanOrEqual(since.getTime());
      expect((await s.b.templateChatsSince(channel, new Date(Date.now() + 60_000), chatId))).toEqual({ chats: 0, includesChat: false, oldestAt: null });
    });

    it.skipIf(!enabled)('repliesTo and messagesAfter list in sequence order; recentMessages the last n, oldest first', async () => {
      const { chatId, conversationId, messageId } = await started(chat('order'), 'oi');
      await s.a.commitTurn(conversationId, messageId, messageId, async () => commit('greeted', 'welcome', 'ask'));
      await deliverAll(conversationId);
      const second = await s.a.receiveOrOpen({ channel: 'webchat', chatId, channelMessageId: `${chatId}:2`, text: '11.444.777/0001-61', flowVersion: version(1) });
      const id2 = second && !second.created ? second.receipt.messageId : '';
      await s.a.commitTurn(conversationId, id2, id2, async () => commit('cnpj', 'askSecond'));
      await deliverAll(conversationId);
      const all = await s.a.messagesAfter(conversationId, 0);
      expect(all.map((m) => [m.seq, m.from, m.key])).toEqual([
        [1, 'debtor', null],
        [2, 'bot', 'welcome'],
        [3, 'bot', 'ask'],
        [4, 'debtor', null],
        [5, 'bot', 'askSecond'],
      ]);
      expect((await s.a.messagesAfter(conversationId, 3)).map((m) => m.seq)).toEqual([4, 5]);
      expect((await s.a.repliesTo(id2)).map((m) => m.key)).toEqual(['askSecond']);
      expect(await s.a.recentMessages(conversationId, 2)).toEqual([
        { from: 'debtor', text: '11.444.777/0001-61' },
        { from: 'bot', text: 'text of askSecond' },
      ]);
    });

    it.skipIf(!enabled)('stale unprocessed inbound messages are claimed by one holder at a time, until the lease lapses', async () => {
      const { messageId } = await started();
      const t = Date.now();
      const at = (ms: number) => new Date(t + ms);
      const claim = (store: ConversationStorePorts, holder: string, now: Date) => store.claimStaleInbound({ storedBefore: new Date(now.getTime() - 30_000), holder, leaseMs: 30_000, now, limit: 1000 });
      expect((await claim(s.b, 'B', at(10_000))).map((p) => p.messageId)).not.toContain(messageId);
      const [first, second] = await Promise.all([claim(s.a, 'A', at(40_000)), claim(s.b, 'B', at(40_000))]);
      expect([first, second].filter((got) => got.some((p) => p.messageId === messageId))).toHaveLength(1);
      expect((await claim(s.b, 'B', at(50_000))).map((p) => p.messageId)).not.toContain(messageId);
      const late = await claim(s.b, 'B', at(71_000));
      expect(late.find((p) => p.messageId === messageId)).toMatchObject({ text: 'oi', attachment: { kind: 'text', opening: true } });
    });

    it.skipIf(!enabled)('rows people add outside a turn take the next sequence: replies go out as written, notes never leave', async () => {
      const { conversationId, messageId } = await started();
      await s.a.commitTurn(conversationId, messageId, messageId, async () => commit('greeted', 'welcome'));
      const reply = await s.append(conversationId, { author: 'agent', direction: 'out', text: 'Olá, aqui é a Ana.', facts: { agent: { name: 'Ana' } }, delivery: 'pending' });
      const note = await s.append(conversationId, { author: 'agent', direction: 'note', text: 'cliente pediu boleto', delivery: null });
      expect(reply).toMatchObject({ debtorId: null, message: { seq: 3, direction: 'out', author: 'agent', text: 'Olá, aqui é a Ana.', delivery: 'pending' } });
      expect(reply.message.createdAt).toBeInstanceOf(Date);
      expect(note.message).toMatchObject({ seq: 4, direction: 'note', delivery: null });
      const rows = await s.a.claimOutbound(conversationId, 'S', 30_000, new Date());
      expect(rows.map((r) => [r.author, r.text, r.templateKey])).toEqual([
        ['bot', null, 'welcome'],
        ['agent', 'Olá, aqui é a Ana.', ''],
      ]);
      for (const r of rows) await s.a.markDelivered(r.id, r.text ?? 'welcome text');
      expect((await s.a.messagesAfter(conversationId, 0)).map((m) => [m.seq, m.from])).toEqual([
        [1, 'debtor'],
        [2, 'bot'],
        [3, 'agent'],
      ]);
      // The next turn's rows come after them.
      const next = await s.a.receiveOrOpen({ channel: 'webchat', chatId: (await s.a.get(conversationId))!.chatId, channelMessageId: `${conversationId}:n`, text: 'ok', flowVersion: version(1) });
      expect(next && !next.created && (await s.a.messagesAfter(conversationId, 4)).map((m) => m.seq)).toEqual([5]);
    });

    it.skipIf(!enabled)('the turn unit checks identity with the shared rules: three misses lock the CNPJ, the right invoice verifies', async () => {
      await s.addDebtor({ cnpj: '11444777000161', companyName: 'Padaria Contrato', invoices: [{ number: 'NF-1001', amountCents: 150_000, dueDate: '2026-09-10' }] });
      const now = new Date();
      const { conversationId, messageId } = await started();
      const verdict = await s.a.commitTurn(conversationId, messageId, messageId, async (_conv, unit) => {
        const right = await unit.verifyIdentity('11.444.777/0001-61', ['NF1001'], now);
        expect(right).toMatchObject({ ok: true, debt: { companyName: 'Padaria Contrato', totalCents: 150_000, invoices: [{ number: 'NF-1001', amountCents: 150_000 }] } });
        return commit('verified');
      });
      expect(verdict).not.toBeNull();
      expect((await s.a.get(conversationId))!.debtorId).not.toBeNull();

      const other = await started();
      await s.a.commitTurn(other.conversationId, other.messageId, other.messageId, async (_conv, unit) => {
        expect(await unit.verifyIdentity('11444777000161', ['NF9', 'NF8'], now)).toEqual({ ok: false, locked: false, lockedUntil: undefined });
        const third = await unit.verifyIdentity('11444777000161', ['NF7', 'NF1001'], now);
        expect(third).toMatchObject({ ok: false, locked: true });
        expect(await unit.identityLock('11444777000161', now)).toMatchObject({ locked: true });
        // Locked: even the right number is not evaluated.
        expect(await unit.verifyIdentity('11444777000161', ['NF1001'], now)).toMatchObject({ ok: false, locked: true });
        return commit('locked');
      });
      expect((await s.a.get(other.conversationId))!.debtorId).toBeNull();
    });
  });
}
