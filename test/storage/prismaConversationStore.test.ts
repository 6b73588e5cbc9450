import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnCommit } from '../../src/engine/ports.js';
import { DEFAULT_CREDITOR_ID, upsertCreditor } from '../../src/storage/creditorRepository.js';
import { lockThrottle } from '../../src/storage/identityThrottleRepository.js';
import { PrismaConversationStore } from '../../src/storage/prismaConversationStore.js';
import { received } from '../helpers/storeInbound.js';
import { DATABASES, notePostgresSkipped, twoConnections } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/prismaConversationStore');

const CREDITOR = { id: DEFAULT_CREDITOR_ID, name: 'Credora Ltda', cnpj: '11222333000181', pixKey: 'pix@credora.com.br', pixMerchantName: 'Credora', pixCity: 'SAO PAULO' };

describe.each(DATABASES)('one turn per inbound message across processes ($kind)', ({ kind, enabled }) => {
  let conns: Awaited<ReturnType<typeof twoConnections>>;
  let a: PrismaConversationStore;
  let b: PrismaConversationStore;
  beforeAll(async () => {
    if (!enabled) return;
    conns = await twoConnections(kind);
    const creditor = await upsertCreditor(conns.a.prisma, CREDITOR);
    a = new PrismaConversationStore(conns.a.prisma, creditor);
    b = new PrismaConversationStore(conns.b.prisma, creditor);
  }, 120_000);
  afterAll(async () => conns?.close());

  const reply = (): TurnCommit => ({ snapshot: { v: 1, value: 'greeted', context: {} as never }, state: 'greeted', messages: [{ templateKey: 'welcome', facts: {}, options: [] }], status: 'bot' });

  it.skipIf(!enabled)('two commitTurn calls for the same inbound from two connections answer it once', async () => {
    for (let i = 0; i < 10; i++) {
      const { conversation } = await a.open({ channel: 'webchat', chatId: `race-${i}`, locale: 'pt-BR', flowId: 'negotiation', flowVersion: 1, timeZone: 'America/Sao_Paulo' });
      const inbound = await received(a, { channel: 'webchat', chatId: conversation.chatId, channelMessageId: `m-${i}`, text: 'oi' });
      // Both processes already looked (isProcessed said no) and now commit at the same moment.
      let turns = 0;
      const fn = async () => (turns++, reply());
      await Promise.all([a.commitTurn(conversation.id, inbound.messageId, inbound.messageId, fn), b.commitTurn(conversation.id, inbound.messageId, inbound.messageId, fn)]);
      expect(turns).toBe(1);
      expect(await conns.a.prisma.message.count({ where: { inReplyTo: inbound.messageId } })).toBe(1);
      expect(await a.isProcessed(inbound.messageId)).toBe(true);
    }
  });

  // Every session from one address (an office, a carrier's NAT) shares that address's counter. PostgreSQL
  // only: PGlite serves one connection, where the other session's open transaction blocks everything.
  it.skipIf(!enabled || kind !== 'postgresql')("a right first answer does not wait for another session holding its address's counter; a wrong one does, and is counted", async () => {
    const debtor = await conns.a.prisma.debtor.create({ data: { creditorId: DEFAULT_CREDITOR_ID, cnpj: '11444777000161', companyName: 'Padaria Ltda', invoices: { create: [{ number: 'NF1001', amountCents: 10_000n, dueDate: '2026-10-01' }] } } });
    const open = async (chatId: string) => (await a.open({ channel: 'webchat', chatId, locale: 'pt-BR', flowId: 'negotiation', flowVersion: 1, timeZone: 'America/Sao_Paulo', clientAddress: '198.51.100.20' })).conversation;
    const verify = (chatId: string, factor: string) =>
      open(chatId).then((c) => a.commitTurn(c.id, null, null, async (_conv, unit) => ((verdicts[chatId] = await unit.verifyIdentity('11444777000161', [factor], new Date())), null)));
    const verdicts: Record<string, unknown> = {};
    // The other session: inside its turn, holding the address's counter.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const locked = new Promise<void>((r) => (holding = r));
    const other = conns.b.prisma.$transaction(async (tx) => {
      await lockThrottle(tx, DEFAULT_CREDITOR_ID, 'address', '198.51.100.20');
      holding();
      await held;
    }, { timeout: 30_000 });
    await locked;
    await verify('addr-right', 'NF1001');
    expect(verdicts['addr-right']).toMatchObject({ ok: true });
    const wrong = verify('addr-wrong', 'NF9999');
    await new Promise((r) => setTimeout(r, 300));
    expect(verdicts['addr-wrong']).toBeUndefined();
    release();
    await other;
    await wrong;
    expect(verdicts['addr-wrong']).toMatchObject({ ok: false, locked: false });
    const counter = await conns.a.prisma.identityThrottle.findUniqueOrThrow({ where: { creditorId_kind_key: { creditorId: DEFAULT_CREDITOR_ID, kind: 'address', key: '198.51.100.20' } } });
    expect(counter.failures).toBe(1);
    expect(debtor.id).toBeTruthy();
  });

  it.skipIf(!enabled)('a failed turn after the other process answered hands nothing over', async () => {
    const { conversation } = await a.open({ channel: 'webchat', chatId: 'fail-race', locale: 'pt-BR', flowId: 'negotiation', flowVersion: 1, timeZone: 'America/Sao_Paulo' });
    const inbound = await received(a, { channel: 'webchat', chatId: conversation.chatId, channelMessageId: 'f-1', text: 'oi' });
    await a.commitTurn(conversation.id, inbound.messageId, inbound.messageId, async () => reply());
    await b.failTurn(conversation.id, inbound.messageId, { code: 'FLOW_RUNTIME', message: 'late' }, new Date());
    expect((await b.get(conversation.id))!.status).toBe('bot');
    expect(await conns.b.prisma.handoff.count({ where: { conversationId: conversation.id } })).toBe(0);
    expect(await conns.b.prisma.message.count({ where: { inReplyTo: inbound.messageId } })).toBe(1);
  });

  it.skipIf(!enabled)('stale unprocessed inbound messages are claimed by one process at a time, until the lease lapses', async () => {
    const { conversation } = await a.open({ channel: 'webchat', chatId: 'stale', locale: 'pt-BR', flowId: 'negotiation', flowVersion: 1, timeZone: 'America/Sao_Paulo' });
    const inbound = await received(a, { channel: 'webchat', chatId: conversation.chatId, channelMessageId: 's-1', text: 'oi' });
    const stored = (await conns.a.prisma.message.findUniqueOrThrow({ where: { id: inbound.messageId } })).createdAt.getTime();
    const at = (ms: number) => new Date(stored + ms);
    const claim = (s: PrismaConversationStore, holder: string, now: Date) => s.claimStaleInbound({ storedBefore: new Date(now.getTime() - 30_000), holder, leaseMs: 30_000, now, limit: 100 });
    // Not stale yet: its own process may still be on it.
    expect((await claim(b, 'B', at(10_000))).map((p) => p.messageId)).not.toContain(inbound.messageId);
    const [first, second] = await Promise.all([claim(a, 'A', at(40_000)), claim(b, 'B', at(40_000))]);
    const takers = [first, second].filter((got) => got.some((p) => p.messageId === inbound.messageId));
    expect(takers).toHaveLength(1);
    expect((await claim(b, 'B', at(50_000))).map((p) => p.messageId)).not.toContain(inbound.messageId);
    // The taker died without finishing: after its lease, another takes it.
    expect((await claim(b, 'B', at(71_000))).map((p) => p.messageId)).toContain(inbound.messageId);
  });
});
