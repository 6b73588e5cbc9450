import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/channelPort.js';
import { createLogger } from '../../src/config/logger.js';
import type { OutboxStore } from '../../src/engine/outboxStore.js';
import type { OutboundRow } from '../../src/engine/ports.js';
import { OutboxSender, type ChannelSender } from '../../src/jobs/outboxSender.js';
import { Pacer } from '../../src/jobs/pacer.js';
import type { ContactGate, GateAnswer, ProactiveRow } from '../../src/jobs/proactiveGate.js';
import { DEFAULT_CREDITOR_ID, upsertCreditor } from '../../src/storage/creditorRepository.js';
import { PrismaConversationStore } from '../../src/storage/prismaConversationStore.js';
import { DATABASES, notePostgresSkipped, twoConnections } from '../helpers/testDatabase.js';

notePostgresSkipped('jobs/outboxSender');

// The proactive branch only: a fake store holding rows in memory and a scripted gate.
type Row = OutboundRow;
const NOW = new Date('2026-11-23T13:00:00Z');

function row(id: string, proactive: boolean): Row {
  return {
    id, conversationId: 'c1', channel: 'telegram', chatId: '42', flowId: 'negotiation', flowVersion: 1, author: 'bot', text: `text ${id}`, templateKey: 'notice.first',
    facts: {}, options: [], requestContact: false, proactive, attempts: 0, locale: 'pt-BR', timeZone: 'America/Sao_Paulo', attachment: null,
  };
}

function fakeStore(rows: Row[]) {
  const delivered: string[] = [];
  const failed: string[] = [];
  const claimed = new Set<string>();
  const store = {
    // A claimed row is not handed out again (the real store: it is sent, failed, blocked, deferred or still held).
    claimOutbound: async () => {
      const next = rows.filter((r) => !claimed.has(r.id));
      for (const r of next) claimed.add(r.id);
      return next;
    },
    hasDueOutbound: async () => rows.some((r) => !claimed.has(r.id)),
    renewClaim: async () => true,
    markDelivered: async (id: string) => void delivered.push(id),
    markDeliveryFailed: async (id: string) => void failed.push(id),
    recentMessages: async () => [],
    isOptedOut: async () => {
      throw new Error('the gate decides, not the store');
    },
  } as unknown as OutboxStore;
  return { store, delivered, failed };
}

class ScriptedGate implements ContactGate {
  calls: string[] = [];
  constructor(private answers: Record<string, GateAnswer>) {}
  async decide(r: ProactiveRow, now: Date) {
    this.calls.push(`decide ${r.id} ${now.toISOString()}`);
    return this.answers[r.id] ?? { send: true };
  }
  async recordSent(r: ProactiveRow, now: Date) {
    this.calls.push(`sent ${r.id} ${now.toISOString()}`);
  }
  release(id: string) {
    this.calls.push(`release ${id}`);
  }
}

function outbox(rows: Row[], gate: ContactGate, channel: ChannelSender) {
  const s = fakeStore(rows);
  const templates = async () => {
    throw new Error('rows carry their text');
  };
  return { ...s, sender: new OutboxSender({ store: s.store, templatesFor: templates, channels: { telegram: channel }, logger: createLogger('silent'), gate, pacer: new Pacer({}), clock: () => NOW }) };
}

const sentTexts = () => {
  const texts: string[] = [];
  return { texts, channel: { send: async (_chat: string, m: { text: string }) => (texts.push(m.text), { messageId: 'x' }) } as ChannelSender };
};

describe('OutboxSender with a contact gate', () => {
  it('asks the gate about proactive rows only, and tells it after the channel accepted one', async () => {
    const gate = new ScriptedGate({});
    const { texts, channel } = sentTexts();
    const o = outbox([row('reply', false), row('notice', true)], gate, channel);
    await o.sender.flush('c1');
    expect(texts).toEqual(['text reply', 'text notice']);
    expect(gate.calls).toEqual([`decide notice ${NOW.toISOString()}`, `sent notice ${NOW.toISOString()}`]);
  });

  it('holds the rest of the conversation behind a deferred row, keeping its order', async () => {
    const gate = new ScriptedGate({ notice: { send: false, status: 'deferred', reason: 'holiday', until: new Date('2026-11-24T11:00:00Z') } });
    const { texts, channel } = sentTexts();
    const o = outbox([row('notice', true), row('later', false)], gate, channel);
    await o.sender.flush('c1');
    expect(texts).toEqual([]);
  });

  it('moves on past a blocked row', async () => {
    const gate = new ScriptedGate({ notice: { send: false, status: 'blocked', reason: 'opted_out' } });
    const { texts, channel } = sentTexts();
    const o = outbox([row('notice', true), row('later', false)], gate, channel);
    await o.sender.flush('c1');
    expect(texts).toEqual(['text later']);
  });

  it('gives the slot back when the channel refused the row', async () => {
    const gate = new ScriptedGate({});
    const channel: ChannelSender = {
      send: async () => {
        throw new ChannelSendError('telegram', 'forbidden', 'Forbidden: bot was blocked by the user', { permanent: true });
      },
    };
    const o = outbox([row('notice', true)], gate, channel);
    await o.sender.flush('c1');
    expect(gate.calls).toEqual([`decide notice ${NOW.toISOString()}`, 'release notice']);
    expect(o.failed).toEqual(['notice']);
  });
});

describe('OutboxSender with documents', () => {
  const TERM = { kind: 'agreement_term' as const, agreementId: 'ACX' };
  const DOC = { fileName: 'termo-de-acordo-ACX.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF'), caption: 'Termo de acordo nº ACX (PDF)' };
  const withTerm = (id: string): Row => ({ ...row(id, false), attachment: TERM });

  function recordingChannel(opts: { documents?: boolean; failDocument?: boolean } = {}) {
    const log: string[] = [];
    const channel: ChannelSender = {
      send: async (_chat, m) => (log.push(`text ${m.text}`), { messageId: 't' }),
      ...(opts.documents === false
        ? {}
        : {
            sendDocument: async (_chat: string, d: typeof DOC) => {
              if (opts.failDocument) throw new ChannelSendError('telegram', 'unavailable', 'upload dropped');
              log.push(`document ${d.fileName} ${d.caption}`);
              return { messageId: 'd' };
            },
          }),
    };
    return { log, channel };
  }

  function sender(rows: Row[], channel: ChannelSender, documents: (a: typeof TERM) => Promise<typeof DOC>) {
    const s = fakeStore(rows);
    const templates = async () => {
      throw new Error('rows carry their text');
    };
    const made: string[] = [];
    const o = new OutboxSender({
      store: s.store, templatesFor: templates, channels: { telegram: channel }, logger: createLogger('silent'), gate: new ScriptedGate({}), pacer: new Pacer({}), clock: () => NOW,
      documents: async (a) => (made.push(a.agreementId), documents(a)),
    });
    return { ...s, o, made };
  }

  it('sends the text, then the document the row names, made at send time', async () => {
    const { log, channel } = recordingChannel();
    const s = sender([withTerm('term'), row('after', false)], channel, async () => DOC);
    await s.o.flush('c1');
    expect(log).toEqual(['text text term', 'document termo-de-acordo-ACX.pdf Termo de acordo nº ACX (PDF)', 'text text after']);
    expect(s.made).toEqual(['ACX']);
    expect(s.delivered).toEqual(['term', 'after']);
  });

  it('sends the text alone when the document cannot be made', async () => {
    const { log, channel } = recordingChannel();
    const s = sender([withTerm('term')], channel, async () => {
      throw new Error('no agreement ACX to print');
    });
    await s.o.flush('c1');
    expect(log).toEqual(['text text term']);
    expect(s.delivered).toEqual(['term']);
  });

  it('sends the text alone, and makes no document, on a channel that takes no files', async () => {
    const { log, channel } = recordingChannel({ documents: false });
    const s = sender([withTerm('term')], channel, async () => DOC);
    await s.o.flush('c1');
    expect(log).toEqual(['text text term']);
    expect(s.made).toEqual([]);
  });

  it('keeps the row delivered when the document fails after the text: the text is never sent twice', async () => {
    const { log, channel } = recordingChannel({ failDocument: true });
    const s = sender([withTerm('term'), row('after', false)], channel, async () => DOC);
    await s.o.flush('c1');
    expect(log).toEqual(['text text term', 'text text after']);
    expect(s.delivered).toEqual(['term', 'after']);
    expect(s.failed).toEqual([]);
  });
});

describe.each(DATABASES)('two OutboxSenders on one database ($kind)', ({ kind, enabled }) => {
  let conns: Awaited<ReturnType<typeof twoConnections>>;
  beforeAll(async () => {
    if (enabled) conns = await twoConnections(kind);
  }, 120_000);
  afterAll(async () => conns?.close());

  it.skipIf(!enabled)('send each row once, in order per conversation, whichever flushes', async () => {
    const db = conns.a.prisma;
    const creditor = await upsertCreditor(db, { id: DEFAULT_CREDITOR_ID, name: 'Credora Ltda', cnpj: '11222333000181', pixKey: 'pix@credora.com.br', pixMerchantName: 'Credora', pixCity: 'SAO PAULO' });
    for (let c = 0; c < 8; c++) {
      const conv = await db.conversation.create({ data: { channel: 'telegram', chatId: `chat-${c}`, flowId: 'negotiation', flowVersion: 1, snapshot: {}, lastSeq: 3 } });
      await db.message.createMany({
        data: [1, 2, 3].map((seq) => ({ conversationId: conv.id, seq, direction: 'out', author: 'agent', channel: 'telegram', text: `chat-${c} #${seq}`, delivery: 'pending' })),
      });
    }
    // A slow platform widens the window in which two processes could both send a row.
    const sent: { chatId: string; text: string }[] = [];
    const channel: ChannelSender = {
      send: async (chatId, m) => {
        await new Promise((r) => setTimeout(r, 5));
        sent.push({ chatId, text: m.text });
        return { messageId: String(sent.length) };
      },
    };
    const noGate: ContactGate = { decide: async () => ({ send: true }), recordSent: async () => {}, release: () => {} };
    const sender = (d: typeof db) =>
      new OutboxSender({ store: new PrismaConversationStore(d, creditor), templatesFor: async () => ({}) as never, channels: { telegram: channel }, logger: createLogger('silent'), gate: noGate, pacer: new Pacer({}) });
    const [s1, s2] = [sender(conns.a.prisma), sender(conns.b.prisma)];
    await Promise.all([s1.flush(), s2.flush(), s1.flush(), s2.flush()]);
    // A last pass picks up anything a busy conversation made the others skip.
    await s1.flush();
    expect(sent).toHaveLength(24);
    expect(new Set(sent.map((s) => s.text)).size).toBe(24);
    for (let c = 0; c < 8; c++) expect(sent.filter((s) => s.chatId === `chat-${c}`).map((s) => s.text)).toEqual([1, 2, 3].map((n) => `chat-${c} #${n}`));
    expect(await db.message.count({ where: { delivery: 'sent' } })).toBe(24);
  }, 60_000);
});

describe("OutboxSender and a channel's customer-service window (WhatsApp Cloud API)", () => {
  const DAY = 24 * 3_600_000;
  const mapping = { name: 'aviso_inicial', language: 'pt_BR', parameters: ['creditor.name', 'notice.accessCode'] };
  function setUp(r: Partial<Row>, used: { chats: number; includesChat: boolean; oldestAt: Date | null }, cap = 1) {
    const sent: { chat: string; text: string; template?: unknown }[] = [];
    const failed: { id: string; why: string; retryAt: Date | null }[] = [];
    const delivered: { id: string; template?: string }[] = [];
    const theRow: Row = { ...row('n1', true), channel: 'whatsapp', chatId: '5511987654321', facts: { creditor: { name: 'Credora Ltda' }, notice: { accessCode: 'K7M2Q9XZ' } }, ...r };
    let claimed = false;
    const store = {
      claimOutbound: async () => (claimed ? [] : ((claimed = true), [theRow])),
      hasDueOutbound: async () => false,
      renewClaim: async () => true,
      markDelivered: async (id: string, _text: string, as?: { template?: string }) => void delivered.push({ id, template: as?.template }),
      markDeliveryFailed: async (id: string, why: string, retryAt: Date | null) => void failed.push({ id, why, retryAt }),
      templateChatsSince: async (_channel: string, since: Date) => (expect(since).toEqual(new Date(NOW.getTime() - DAY)), used),
      recentMessages: async () => [],
    } as unknown as OutboxStore;
    const channel: ChannelSender = { serviceWindowMs: DAY, send: async (chat, m) => (sent.push({ chat, text: m.text, template: m.template }), { messageId: 'wamid.1' }) };
    const sender = new OutboxSender({
      store,
      templatesFor: async () => ({}) as never,
      channels: { whatsapp: channel },
      logger: createLogger('silent'),
      gate: new ScriptedGate({}),
      pacer: new Pacer({}),
      clock: () => NOW,
      windowTemplate: async (key) => (key === 'notice.first' ? mapping : undefined),
      dailyTemplateChats: { whatsapp: cap },
    });
    return { sender, sent, failed, delivered };
  }

  it('sends free text inside the window', async () => {
    const s = setUp({ lastInboundAt: new Date(NOW.getTime() - DAY + 60_000) }, { chats: 9, includesChat: false, oldestAt: null });
    await s.sender.flush('c1');
    expect(s.sent).toEqual([{ chat: '5511987654321', text: 'text n1', template: undefined }]);
    expect(s.delivered).toEqual([{ id: 'n1', template: undefined }]);
  });

  it('outside it sends the mapped template, its parameters rendered from the facts, and records it', async () => {
    const s = setUp({ lastInboundAt: new Date(NOW.getTime() - DAY - 1) }, { chats: 1, includesChat: true, oldestAt: new Date(NOW.getTime() - 3_600_000) });
    await s.sender.flush('c1');
    expect(s.sent).toEqual([{ chat: '5511987654321', text: 'text n1', template: { name: 'aviso_inicial', language: 'pt_BR', parameters: ['Credora Ltda', 'K7M2Q9XZ'] } }]);
    expect(s.delivered).toEqual([{ id: 'n1', template: 'aviso_inicial' }]);
  });

  it('holds a template to a new chat once the day has its tier of chats, until the oldest send is a day old', async () => {
    const oldest = new Date(NOW.getTime() - 3_600_000);
    const s = setUp({ lastInboundAt: null }, { chats: 1, includesChat: false, oldestAt: oldest });
    await s.sender.flush('c1');
    expect(s.sent).toEqual([]);
    expect(s.failed).toEqual([{ id: 'n1', why: `daily_limit: 1 of 1 whatsapp business-initiated conversations in the last 24 h; held until ${new Date(oldest.getTime() + DAY).toISOString()}`, retryAt: new Date(oldest.getTime() + DAY) }]);
  });

  it("fails an agent's words and unmapped messages outside the window, saying why", async () => {
    const agent = setUp({ lastInboundAt: null, author: 'agent' }, { chats: 0, includesChat: false, oldestAt: null });
    await agent.sender.flush('c1');
    expect(agent.failed).toEqual([{ id: 'n1', why: "window_closed: the whatsapp customer-service window is closed and no approved template is mapped to an agent's message", retryAt: null }]);
    const unmapped = setUp({ lastInboundAt: null, templateKey: 'reminder.due' }, { chats: 0, includesChat: false, oldestAt: null });
    await unmapped.sender.flush('c1');
    expect(unmapped.failed.map((f) => f.why)).toEqual(['window_closed: the whatsapp customer-service window is closed and no approved template is mapped to reminder.due']);
    expect([...agent.sent, ...unmapped.sent]).toEqual([]);
  });
});
