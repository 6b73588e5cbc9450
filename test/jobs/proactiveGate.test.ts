import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_POLICY } from '../../src/domain/contactPolicy.js';
import { ProactiveGate, type ProactiveRow } from '../../src/jobs/proactiveGate.js';
import { saveContactPolicy } from '../../src/storage/contactPolicyRepository.js';
import { openDatabase, type Database } from '../../src/storage/database.js';

// Real PGlite (in memory); the opt-out lookup is the store's, faked by contact id here.
const MON_10H = new Date('2026-11-23T13:00:00Z'); // São Paulo 10:00
const MON_15H = new Date('2026-11-23T18:00:00Z');
const TUE_08H = new Date('2026-11-24T11:00:00Z');

describe('ProactiveGate', () => {
  let database: Database;
  let seq = 0;
  const optedOut = new Set<string>();
  let gate: ProactiveGate;

  const db = () => database.prisma;
  async function conversation(channel: string, debtorId: string | null, timeZone = 'America/Sao_Paulo') {
    return db().conversation.create({ data: { channel, chatId: `chat-${++seq}`, debtorId, flowId: 'negotiation', flowVersion: 1, snapshot: {}, timeZone } });
  }
  async function proactive(conv: { id: string; channel: string; timeZone: string }, countsTowardCaps = true): Promise<ProactiveRow> {
    const m = await db().message.create({ data: { conversationId: conv.id, seq: ++seq, direction: 'out', author: 'bot', channel: conv.channel, templateKey: countsTowardCaps ? 'notice.first' : 'agreement.receipt', delivery: 'pending', proactive: true, countsTowardCaps } });
    return { id: m.id, conversationId: conv.id, channel: conv.channel, timeZone: conv.timeZone, countsTowardCaps };
  }
  /** What the outbox does after the channel accepted the row. */
  async function send(row: ProactiveRow, now: Date) {
    await db().message.update({ where: { id: row.id }, data: { delivery: 'sent', sentAt: now } });
    await gate.recordSent(row, now);
  }
  async function debtor(timeZone = 'America/Sao_Paulo') {
    return db().debtor.create({ data: { creditorId: 'cred', cnpj: String(++seq).padStart(14, '0'), companyName: `Empresa ${seq}`, timeZone } });
  }

  beforeAll(async () => {
    database = await openDatabase({});
    await db().creditor.create({ data: { id: 'cred', name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'X', pixCity: 'SP' } });
  }, 120_000);
  afterAll(async () => database?.close());
  beforeEach(() => {
    gate = new ProactiveGate({ db: db(), store: { isOptedOut: async (id) => optedOut.has(id) }, creditorId: 'cred' });
  });

  it('a receipt passes the caps but not the sending window, and never counts toward the caps', async () => {
    const d = await debtor();
    const conv = await conversation('telegram', d.id);
    const notice = await proactive(conv);
    expect(await gate.decide(notice, MON_10H)).toEqual({ send: true });
    await send(notice, MON_10H);
    // Same day, minutes later: a receipt goes; a counted message would wait for Tuesday.
    const receipt = await proactive(conv, false);
    expect(await gate.decide(receipt, new Date(MON_10H.getTime() + 60_000))).toEqual({ send: true });
    await send(receipt, new Date(MON_10H.getTime() + 60_000));
    // At 23:00 local a receipt waits for the morning.
    const late = await proactive(conv, false);
    expect(await gate.decide(late, new Date('2026-11-24T02:00:00Z'))).toEqual({ send: false, status: 'deferred', reason: 'quiet_hours', until: TUE_08H });
    // Tuesday: the receipt sent on Monday takes none of Tuesday's or the week's slots.
    const d2 = await debtor();
    const c2 = await conversation('telegram', d2.id);
    const r2 = await proactive(c2, false);
    expect(await gate.decide(r2, TUE_08H)).toEqual({ send: true });
    await send(r2, TUE_08H);
    const n2 = await proactive(c2);
    // Within the minimum interval of the receipt, and the same day: a counted message still goes.
    expect(await gate.decide(n2, new Date(TUE_08H.getTime() + 60_000))).toEqual({ send: true });
    // Receipts in flight take no slot either.
    const r3 = await proactive(c2, false);
    expect(await gate.decide(r3, new Date(TUE_08H.getTime() + 120_000))).toEqual({ send: true });
  });

  it('lets the first message through and holds a second one to the same debtor on another channel', async () => {
    const d = await debtor();
    const wa = await proactive(await conversation('whatsapp', d.id));
    const tg = await proactive(await conversation('telegram', d.id));
    expect(await gate.decide(wa, MON_10H)).toEqual({ send: true });
    await send(wa, MON_10H);
    expect(await gate.decide(tg, MON_15H)).toEqual({ send: false, status: 'deferred', reason: 'daily_cap', until: TUE_08H });

    expect((await db().message.findUniqueOrThrow({ where: { id: tg.id } })).notBefore).toEqual(TUE_08H);
    const decisions = await db().contactDecision.findMany({ where: { debtorId: d.id }, orderBy: { at: 'asc' } });
    expect(decisions.map((x) => [x.messageId, x.channel, x.status, x.reason, x.until])).toEqual([
      [wa.id, 'whatsapp', 'sent', 'allowed', null],
      [tg.id, 'telegram', 'deferred', 'daily_cap', TUE_08H],
    ]);
    expect(await db().auditEvent.count({ where: { type: 'proactive.decision', debtorId: d.id } })).toBe(2);
    // The next morning it may go.
    expect(await gate.decide(tg, TUE_08H)).toEqual({ send: true });
  });

  it('gives the day’s one slot to only one of two decisions racing for the same debtor', async () => {
    const d = await debtor();
    const wa = await proactive(await conversation('whatsapp', d.id));
    const tg = await proactive(await conversation('telegram', d.id));
    const answers = await Promise.all([gate.decide(wa, MON_10H), gate.decide(tg, MON_10H)]);
    expect(answers.filter((a) => a.send)).toHaveLength(1);
    expect(answers.find((a) => !a.send)).toMatchObject({ status: 'deferred', reason: 'daily_cap' });
  });

  it('frees the slot when the allowed send did not happen', async () => {
    const d = await debtor();
    const wa = await proactive(await conversation('whatsapp', d.id));
    const tg = await proactive(await conversation('telegram', d.id));
    expect(await gate.decide(wa, MON_10H)).toEqual({ send: true });
    gate.release(wa.id);
    expect(await gate.decide(tg, MON_10H)).toEqual({ send: true });
  });

  it('counts sends made before the gate existed (no decision row)', async () => {
    const d = await debtor();
    const old = await proactive(await conversation('whatsapp', d.id));
    await db().message.update({ where: { id: old.id }, data: { delivery: 'sent', sentAt: new Date('2026-11-23T12:00:00Z') } });
    const row = await proactive(await conversation('telegram', d.id));
    expect(await gate.decide(row, MON_10H)).toMatchObject({ send: false, reason: 'daily_cap' });
  });

  it('blocks a contact who opted out, for good', async () => {
    const conv = await conversation('whatsapp', (await debtor()).id);
    optedOut.add(conv.id);
    const row = await proactive(conv);
    expect(await gate.decide(row, MON_10H)).toEqual({ send: false, status: 'blocked', reason: 'opted_out' });
    expect(await db().message.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ delivery: 'blocked', lastError: 'opted_out' });
    expect(await db().contactDecision.findFirstOrThrow({ where: { messageId: row.id } })).toMatchObject({ status: 'blocked', reason: 'opted_out', until: null });
  });

  it('counts by conversation when the conversation has no debtor', async () => {
    const a = await conversation('telegram', null);
    const b = await conversation('telegram', null);
    const first = await proactive(a);
    expect(await gate.decide(first, MON_10H)).toEqual({ send: true });
    await send(first, MON_10H);
    expect(await gate.decide(await proactive(b), MON_15H)).toEqual({ send: true });
    expect(await gate.decide(await proactive(a), MON_15H)).toMatchObject({ send: false, reason: 'daily_cap' });
  });

  it('reads the day on the debtor’s clock, not the conversation’s', async () => {
    const conv = await conversation('whatsapp', (await debtor('America/Manaus')).id, 'America/Sao_Paulo');
    // 11:30Z is 08:30 in São Paulo, 07:30 in Manaus.
    expect(await gate.decide(await proactive(conv), new Date('2026-11-23T11:30:00Z'))).toMatchObject({ send: false, reason: 'quiet_hours', until: new Date('2026-11-23T12:00:00Z') });
  });

  it('uses a saved policy once told it changed', async () => {
    const d = await debtor();
    const first = await proactive(await conversation('whatsapp', d.id));
    await gate.decide(first, MON_10H);
    await send(first, MON_10H);
    const second = await proactive(await conversation('telegram', d.id));
    await saveContactPolicy(db(), 'cred', { ...structuredClone(DEFAULT_CONTACT_POLICY), caps: { perDay: 2, perWeek: 3 } }, 'admin');
    // Cached for a few seconds...
    expect(await gate.decide(second, MON_15H)).toMatchObject({ send: false, reason: 'daily_cap' });
    gate.invalidate();
    expect(await gate.decide(second, MON_15H)).toEqual({ send: true });
  });
});
