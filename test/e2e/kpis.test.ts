import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { Pacer } from '../../src/jobs/pacer.js';
import { WebchatDebtor, type Reply } from '../helpers/chat.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { FakeChannelAdapter } from '../helpers/fakeChannelAdapter.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

// Issue 13, "How it must be shown": known traffic through the whole app (web chat API, a Telegram
// adapter, the PIX webhook, the agents' console, the simulator, the admin notices), on the app's
// clock moved across eleven weeks of 2031, and then every figure of GET /api/admin/kpis checked
// exactly against an object worked out BY HAND from the definitions in src/domain/kpis.ts — never
// from computeKpis or its SQL. Where a definition leaves room, the reading taken is written next
// to the figure (search for "Reading:").
//
// The traffic (São Paulo, UTC−3; P = the period 2031-03-03 … 2031-05-20, "now" = 20 May 12:00):
//   28 Feb  O   web chat: verifies, agrees cash (outside P: not in the cohort, not in agreements)
//   03 Mar  O   pays by PIX webhook (a payment in P from a conversation outside the cohort)
//           W1  opens a web chat session and never writes (not started)
//           W2  writes "oi" only (started)
//           W3  verifies a debt above the escalation limit: hand-off high_value, no offer
//           W4  verifies, gets an offer, goes away
//           W5  verifies, accepts cash 10 minutes after its first message
//           an agent claims W3's hand-off 2 h 30 min after it opened
//           R   verifies, counter-proposes 3 instalments, accepts after 10 min
//   04 Mar  T1  Telegram: shares its phone, counter-proposes 3 instalments, accepts after 30 min
//   05 Mar  W5  pays by webhook
//           W6  verifies, asks for a person; claimed after 25 min, handed back (a new offer),
//               accepts 50 min after its first message; never pays: broken on 14 Mar
//           W7  verifies, disputes the invoice: hand-off dispute, claimed after 10 min
//   06 Mar  R   pays instalment 1 on its due day
//           W8  verifies and opts out ("parar")
//           an admin's simulator run on a draft reaches an agreement (counts nowhere)
//           N1  gets a notice at 11:00 (sent), answers on Telegram and verifies with the access code
//           N2  gets a notice at 22:00 (deferred: quiet hours) and opts out ("parar") at 22:30
//   07 Mar  N2's notice is blocked in the morning (opted out); T1 pays instalment 1 on its due day;
//           an admin's simulator run types W5's CNPJ and invoice (W5 had a receipt: no contact)
//   14 Mar  W6's agreement breaks (a broken-agreement notice is sent)
//   20 Mar  R, on track, renegotiates before instalment 2 falls due (R2); 21 Mar pays all of R2
//   09 Apr  T1 pays instalment 2, two days late (within the grace days)
//   10 Apr  a PIX payment whose txid matches nothing (unmatched)
//   13 May  T1's agreement breaks (instalment 3 unpaid past the grace); T1 asks to renegotiate
//           and gets an offer
// The reminder settings keep the default grace days (read from GET /api/admin/reminders) and turn
// the before/due/after reminders off, so the only proactive messages are the ones listed (notices,
// payment receipts, broken-agreement notices) and every contact decision is known by hand.

notePostgresSkipped('e2e/kpis');

const SECRET = 'pix-webhook-secret-for-kpi-tests';
const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const TZ = 'America/Sao_Paulo';
const FROM = '2031-03-03';
const TO = '2031-05-20';
const LEASE_MS = 100;
/** São Paulo is UTC−3 all year. */
const local = (date: string, hhmm = '10:00') => new Date(`${date}T${hhmm}:00-03:00`);

let serial = 0;
function cnpjFor(k: number): string {
  const base = `${String(50_000_000 + (process.pid % 1000) * 100 + k).slice(-8)}0001`;
  return base + cnpjCheckDigits(base);
}

// The portfolio, with the ageing each debtor has on "now" (20 May 2031).
const DEBTORS = {
  O: { amount: '3000.00', due: '2031-01-10' }, // settled in P
  W3: { amount: '60000.00', due: '2030-11-01' }, // 200 days: 181-360
  W4: { amount: '4000.00', due: '2031-02-01' }, // 108 days: 91-180
  W5: { amount: '5000.00', due: '2031-01-15' }, // settled
  T1: { amount: '6000.00', due: '2030-12-01', phone: '+5511955510001' }, // in a broken agreement, 170 days: 91-180
  W6: { amount: '2500.00', due: '2031-02-20' }, // in a broken agreement, 89 days: 61-90
  W7: { amount: '3500.00', due: '2031-03-01' }, // 80 days: 61-90
  W8: { amount: '4500.00', due: '2031-04-25' }, // 25 days: 1-30
  S: { amount: '2000.00', due: '2031-06-01' }, // only in the simulator: current
  N1: { amount: '1800.00', due: '2029-01-01' }, // 869 days: 361+
  N2: { amount: '1200.00', due: '2031-05-20' }, // due today: current
  R: { amount: '4800.00', due: '2031-02-10' }, // renegotiated, then settled
  P: { amount: '999.99', due: '2031-04-30' }, // no conversation at all, 20 days: 1-30
} as const;
type Key = keyof typeof DEBTORS;

type Agreed = { id: string; kind: string; totalCents: number; discountBasisPoints: number; installments: { n: number; dueDate: string; amountCents: number; txid: string }[] };

describe.each(DATABASES)('KPIs of known traffic over eleven weeks on the app clock ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  const tg = new FakeChannelAdapter('telegram');
  let now = local('2031-02-28', '09:00');
  const ids = {} as Record<Key, { cnpj: string; invoice: string; debtorId: string }>;
  const agreed = {} as Record<'O' | 'W5' | 'T1' | 'W6' | 'R1' | 'R2', Agreed>;
  /** Receipts the app sent for the one webhook call that paid all of R2. */
  let r2Receipts = 0;
  let graceDays = 0;
  let e2e = 0;

  const db = () => t.app.database.prisma;
  /** When (wall clock) the app clock was set to what: see restampToAppClock. */
  const stamps: { wall: Date; app: Date }[] = [];
  const at = (date: string, hhmm: string) => {
    now = local(date, hhmm);
    stamps.push({ wall: new Date(), app: now });
  };

  /**
   * The app does not stamp every row with its injectable clock: Conversation, Message, Offer and
   * Agreement take createdAt from the database's now(), and appendAudit stamps AuditEvent.at with
   * new Date() (the handoffs, payments and contact decisions do use the clock). In production the
   * two clocks agree; on a test clock in 2031 those rows would say "2 December 2026" and fall out
   * of every period. Until the app stamps them with its clock (reported to the lead), this moves
   * each such timestamp to the app-clock instant that was set when the row was written: rows
   * written between two settings of the clock get the first one's instant, which is what the app
   * clock said while they were written.
   */
  async function restampToAppClock() {
    const until = new Date();
    const columns = [
      ['Conversation', 'createdAt'],
      ['Message', 'createdAt'],
      ['Conversation', 'lastInboundAt'], // the latest inbound Message.createdAt, copied by the database
      ['Offer', 'createdAt'],
      ['Agreement', 'createdAt'],
      ['AuditEvent', 'at'],
    ] as const;
    for (const [table, column] of columns) {
      for (let i = 0; i < stamps.length; i++) {
        const upper = stamps[i + 1]?.wall ?? until;
        await db().$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = $1 WHERE "${column}" >= $2 AND "${column}" < $3`, stamps[i]!.app, stamps[i]!.wall, upper);
      }
    }
  }
  /** One tick runs the reminder pass and the outbox; rows it queued are taken by the outbox once older than the lease. */
  async function ticks() {
    await t.app.chores();
    await sleep(LEASE_MS * 2);
    await t.app.chores();
  }
  const kpis = (query: string) => t.api('GET', `/api/admin/kpis?${query}`, undefined, ADMIN);

  async function webchat(who: Key): Promise<{ d: WebchatDebtor; verified: Reply[] }> {
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say(ids[who].cnpj);
    return { d, verified: await d.say(ids[who].invoice) };
  }

  /** The agreement just made, as the debtor was told and as the ledger holds it (txids for the webhook). */
  async function agreementOf(reply: Reply[], offer: { discountPercent?: number }): Promise<Agreed> {
    const term = reply.find((r) => r.key === 'agreement.term');
    expect(term, JSON.stringify(reply.map((r) => r.key))).toBeTruthy();
    return ledgerRow(term!.facts.agreement.id, offer);
  }
  async function ledgerRow(id: string, offer: { discountPercent?: number }): Promise<Agreed> {
    const a = await db().agreement.findUniqueOrThrow({ where: { id }, include: { installments: { orderBy: { n: 'asc' } } } });
    return {
      id,
      kind: a.kind,
      totalCents: Number(a.totalCents),
      discountBasisPoints: Math.round((offer.discountPercent ?? 0) * 100),
      installments: a.installments.map((i) => ({ n: i.n, dueDate: i.dueDate, amountCents: Number(i.amountCents), txid: i.txid })),
    };
  }

  async function pix(txid: string, cents: number, paidAt: Date) {
    const r = await t.api(
      'POST',
      '/api/payments/pix',
      { pix: [{ endToEndId: `E${String(++e2e).padStart(31, '0')}`, txid, valor: (cents / 100).toFixed(2), horario: paidAt.toISOString() }] },
      { 'x-webhook-secret': SECRET },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  /** The receipt a payment queues (agreement.receipt, or .settled) is decided after the webhook's response: wait for the n-th. */
  async function receiptSettled(conversationId: string, n: number) {
    await expect
      .poll(async () => db().message.count({ where: { conversationId, proactive: true, delivery: { not: 'pending' } } }), { timeout: 20_000 })
      .toBe(n);
  }
  const conversationOf = async (agreementId: string) => (await db().agreement.findUniqueOrThrow({ where: { id: agreementId } })).conversationId;
  const state = (channel: string, chatId: string) => db().conversation.findUniqueOrThrow({ where: { channel_chatId: { channel, chatId } } });
  async function agentClaims(conversationId: string) {
    // A fresh login at the clock's time: a session started days earlier on the app clock has expired.
    const agent = await ConsoleAgent.create(t, `Agente ${++serial}`);
    const r = await agent.claim(conversationId);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return agent;
  }
  const sayTelegram = (chatId: string, text: string) => tg.deliver({ chatId, text });

  beforeAll(async () => {
    if (!enabled) return;
    t = await startTestApp({
      db: kind,
      adapters: [tg],
      clock: () => now,
      pacer: new Pacer({}),
      env: {
        JOBS_INTERVAL_MS: '3600000',
        LEASE_MS: String(LEASE_MS),
        PIX_WEBHOOK_SECRET: SECRET,
        DEMO_DATA: 'false',
        // Nothing of the known traffic may be erased by retention while the clock walks eleven weeks.
        WEBCHAT_UNVERIFIED_RETENTION_HOURS: '876000',
        RETENTION_DAYS: '36500',
      },
    });
    let k = 0;
    const lines = Object.entries(DEBTORS).map(([key, d]) => {
      const cnpj = cnpjFor(++k);
      const invoice = `NF-${8000 + k}`;
      ids[key as Key] = { cnpj, invoice, debtorId: '' };
      const phone = 'phone' in d ? d.phone : '';
      return `${cnpj},Empresa ${key} Ltda,Contato ${key},${phone},,${invoice},${d.amount},${d.due}`;
    });
    const csv = `cnpj,company_name,contact_name,phone,email,invoice,amount,due_date\n${lines.join('\n')}\n`;
    const imported = await t.api('POST', '/api/admin/portfolio/import', csv, { ...ADMIN, 'content-type': 'text/csv' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    for (const key of Object.keys(DEBTORS) as Key[]) ids[key].debtorId = (await db().debtor.findFirstOrThrow({ where: { cnpj: ids[key].cnpj } })).id;

    // The grace days stay the creditor's default; the other reminders are switched off (see the header).
    const r = await t.api('GET', '/api/admin/reminders', undefined, ADMIN);
    expect(r.status).toBe(200);
    const settings = r.body.settings ?? r.body;
    graceDays = settings.graceDays;
    const put = await t.api('PUT', '/api/admin/reminders', { beforeDueDays: [], onDueDay: false, afterDueDays: [], graceDays, renegotiation: settings.renegotiation }, ADMIN);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('drives the traffic', async () => {
    expect(graceDays).toBe(5); // the dates below (breaks on 14 Mar and 13 May) follow from it

    // 28 February: O agrees cash, outside the period.
    at('2031-02-28', '10:00');
    const o = await webchat('O');
    expect(o.verified.map((x) => x.key)).toEqual(['debt.summary', 'offer.cash']);
    at('2031-02-28', '10:05');
    agreed.O = await agreementOf(await o.d.say('aceito'), o.verified[1]!.facts.offer);
    expect(agreed.O.installments.map((i) => i.dueDate)).toEqual(['2031-03-03']);

    // 3 March.
    at('2031-03-03', '09:00');
    await pix(agreed.O.installments[0]!.txid, agreed.O.totalCents, local('2031-03-03', '09:00'));
    await receiptSettled(await conversationOf(agreed.O.id), 1);

    at('2031-03-03', '09:30');
    await new WebchatDebtor(t).open(); // W1: never writes
    const w2 = new WebchatDebtor(t);
    await w2.open();
    await w2.say('oi');

    at('2031-03-03', '10:00');
    const w3 = await webchat('W3');
    expect(w3.verified.map((x) => x.key)).toEqual(['debt.summary', 'handoff.notice']);
    const w3Conversation = (await state('webchat', w3.d.sessionId)).id;

    at('2031-03-03', '11:00');
    const w4 = await webchat('W4');
    expect(w4.verified.map((x) => x.key)).toEqual(['debt.summary', 'offer.cash']);

    at('2031-03-03', '12:00');
    const w5 = await webchat('W5');
    at('2031-03-03', '12:10');
    agreed.W5 = await agreementOf(await w5.d.say('aceito'), w5.verified[1]!.facts.offer);
    expect(agreed.W5.installments.map((i) => i.dueDate)).toEqual(['2031-03-06']);

    at('2031-03-03', '12:30');
    await agentClaims(w3Conversation);

    // R agrees to 3 instalments (renegotiated on 20 March, before instalment 2 falls due).
    at('2031-03-03', '13:00');
    const r = await webchat('R');
    at('2031-03-03', '13:05');
    await r.d.say('consigo pagar em 3 vezes');
    at('2031-03-03', '13:10');
    agreed.R1 = await agreementOf(await r.d.say('aceito'), {});
    expect(agreed.R1).toMatchObject({ kind: 'installments' });
    expect(agreed.R1.installments.map((i) => i.dueDate)).toEqual(['2031-03-06', '2031-04-06', '2031-05-06']);
    const rConversation = await conversationOf(agreed.R1.id);

    // 4 March: T1 on Telegram, identified by its own phone number.
    at('2031-03-04', '10:00');
    await sayTelegram('9001', '/start');
    await tg.deliver({ chatId: '9001', kind: 'contact', contact: { phone: DEBTORS.T1.phone, own: true } });
    expect((await state('telegram', '9001')).state).toBe('offering');
    at('2031-03-04', '10:20');
    await sayTelegram('9001', 'consigo pagar em 3 vezes');
    at('2031-03-04', '10:30');
    await sayTelegram('9001', 'aceito');
    const t1Row = await db().agreement.findFirstOrThrow({ where: { debtorId: ids.T1.debtorId } });
    agreed.T1 = await ledgerRow(t1Row.id, {});
    expect(agreed.T1).toMatchObject({ kind: 'installments' });
    expect(agreed.T1.installments.map((i) => i.dueDate)).toEqual(['2031-03-07', '2031-04-07', '2031-05-07']);

    // 5 March.
    at('2031-03-05', '09:00');
    await pix(agreed.W5.installments[0]!.txid, agreed.W5.totalCents, local('2031-03-05', '09:00'));
    await receiptSettled(await conversationOf(agreed.W5.id), 1);

    at('2031-03-05', '10:00');
    const w6 = await webchat('W6');
    expect((await w6.d.say('quero falar com uma pessoa')).map((x) => x.key)).toEqual(['handoff.notice']);
    const w6Conversation = (await state('webchat', w6.d.sessionId)).id;
    at('2031-03-05', '10:25');
    const agent6 = await agentClaims(w6Conversation);
    at('2031-03-05', '10:40');
    expect((await agent6.api('POST', `/api/agent/conversations/${w6Conversation}/handback`)).status).toBe(200);
    await expect.poll(async () => (await w6.d.status()).state, { timeout: 10_000 }).toBe('offering');
    const resumed = await db().offer.findFirstOrThrow({ where: { conversationId: w6Conversation, status: 'proposed' } });
    at('2031-03-05', '10:50');
    agreed.W6 = await agreementOf(await w6.d.say('aceito'), { discountPercent: resumed.discountBasisPoints / 100 });

    at('2031-03-05', '11:00');
    const w7 = await webchat('W7');
    expect((await w7.d.say('mas eu já paguei essa nota!')).map((x) => x.key)).toEqual(['handoff.notice']);
    at('2031-03-05', '11:10');
    await agentClaims((await state('webchat', w7.d.sessionId)).id);

    // 6 March.
    at('2031-03-06', '09:00');
    await pix(agreed.R1.installments[0]!.txid, agreed.R1.installments[0]!.amountCents, local('2031-03-06', '09:00'));
    await receiptSettled(rConversation, 1);
    at('2031-03-06', '10:00');
    const w8 = await webchat('W8');
    expect(w8.verified[1]!.key).toBe('offer.cash');
    await w8.d.say('parar');
    expect(await w8.d.status()).toMatchObject({ state: 'optedOut' });

    at('2031-03-06', '10:30');
    const v = await t.api('GET', '/api/admin/flows/negotiation', undefined, ADMIN);
    const published = await t.api('GET', `/api/admin/flows/negotiation/versions/${v.body.publishedVersion}`, undefined, ADMIN);
    expect((await t.api('PUT', '/api/admin/flows/negotiation/draft', { definitionText: published.body.definitionText, templates: published.body.templates }, ADMIN)).status).toBe(200);
    const sim = await t.api('POST', '/api/admin/flows/negotiation/draft/simulate', {}, ADMIN);
    expect(sim.status).toBe(201);
    const simSay = async (text: string) => (await t.api('POST', `/api/webchat/sessions/${sim.body.sessionId}/messages`, { text })).body.replies as Reply[];
    await simSay(ids.S.cnpj);
    expect((await simSay(ids.S.invoice)).map((x) => x.key)).toEqual(['debt.summary', 'offer.cash']);
    expect((await simSay('aceito')).map((x) => x.key)).toEqual(['agreement.term']);
    expect(await db().agreement.count({ where: { status: 'simulated' } })).toBe(1);

    // The contacts N1 and N2 are reachable on Telegram (how they got there is not this test's subject).
    for (const [key, chat] of [['N1', '9101'], ['N2', '9102']] as const) {
      const contact = await db().contact.findFirstOrThrow({ where: { debtorId: ids[key].debtorId } });
      await db().channelIdentity.create({ data: { contactId: contact.id, channel: 'telegram', externalId: chat } });
    }
    // A fixed access code: about a third of the random ones (fewer than two digits, or two letters)
    // are not recognised when typed alone (src/engine/understanding/invoices.ts MIXED_CODE) —
    // reported to the lead; this test is about the figures, not that.
    await db().debtor.update({ where: { id: ids.N1.debtorId }, data: { accessCode: 'K7M2P9QX' } });
    at('2031-03-06', '11:00');
    expect((await t.api('POST', '/api/admin/notices', { cnpjs: [ids.N1.cnpj] }, ADMIN)).body.queued).toBe(1);
    await ticks();
    expect(tg.textsTo('9101')).toHaveLength(1);
    at('2031-03-06', '11:30');
    await sayTelegram('9101', 'oi, recebi o aviso');
    await sayTelegram('9101', ids.N1.cnpj);
    const accessCode = (await db().debtor.findUniqueOrThrow({ where: { id: ids.N1.debtorId } })).accessCode!;
    await sayTelegram('9101', accessCode);
    expect((await state('telegram', '9101')).state).toBe('offering');

    at('2031-03-06', '22:00');
    expect((await t.api('POST', '/api/admin/notices', { cnpjs: [ids.N2.cnpj] }, ADMIN)).body.queued).toBe(1);
    await ticks();
    expect(tg.textsTo('9102')).toEqual([]);
    at('2031-03-06', '22:30');
    await sayTelegram('9102', 'parar');
    expect((await state('telegram', '9102')).state).toBe('optedOut');

    // 7 March: the held notice meets the opt-out; T1 pays instalment 1 on its due day.
    at('2031-03-07', '09:00');
    await ticks();
    const n2Decisions = await db().contactDecision.findMany({ where: { debtorId: ids.N2.debtorId }, orderBy: { at: 'asc' } });
    expect(n2Decisions.map((d) => [d.status, d.reason])).toEqual([
      ['routed', expect.stringMatching(/^telegram: /)],
      ['deferred', 'quiet_hours'],
      ['blocked', expect.stringMatching(/opt/)],
    ]);
    at('2031-03-07', '10:00');
    const t1Conversation = await conversationOf(agreed.T1.id);
    await pix(agreed.T1.installments[0]!.txid, agreed.T1.installments[0]!.amountCents, local('2031-03-07', '10:00'));
    await receiptSettled(t1Conversation, 1);

    // An admin tries the draft in the simulator with W5's CNPJ (W5 got a receipt on 5 March): a
    // verification that is nobody's contact with the debtor.
    at('2031-03-07', '11:00');
    const sim2 = await t.api('POST', '/api/admin/flows/negotiation/draft/simulate', {}, ADMIN);
    expect(sim2.status).toBe(201);
    await t.api('POST', `/api/webchat/sessions/${sim2.body.sessionId}/messages`, { text: ids.W5.cnpj });
    const simVerified = await t.api('POST', `/api/webchat/sessions/${sim2.body.sessionId}/messages`, { text: ids.W5.invoice });
    expect(simVerified.body.replies.map((x: Reply) => x.key)).toEqual(['noDebt']);

    // 14 March: W6 never paid (due 8 March; grace 5 days).
    at('2031-03-14', '10:00');
    await ticks();
    expect(await db().agreement.findUniqueOrThrow({ where: { id: agreed.W6.id } })).toMatchObject({ status: 'broken', brokenOn: '2031-03-14' });
    expect(await db().message.findFirst({ where: { conversationId: w6Conversation, templateKey: 'agreement.broken' } })).toMatchObject({ delivery: 'sent' });

    // 20 March: R, on track, says it cannot pay the next instalment and renegotiates what remains;
    // 21 March: one webhook pays every instalment of the new agreement.
    at('2031-03-20', '10:00');
    expect((await r.d.say('não vou conseguir pagar a parcela')).map((x) => x.key)).toEqual(['renegotiation.offer', 'offer.installments']);
    at('2031-03-20', '10:10');
    agreed.R2 = await agreementOf(await r.d.say('aceito'), {});
    expect(await db().agreement.findUniqueOrThrow({ where: { id: agreed.R1.id } })).toMatchObject({ status: 'renegotiated', renegotiatedById: agreed.R2.id });
    at('2031-03-21', '10:00');
    const payAll = await t.api(
      'POST',
      '/api/payments/pix',
      { pix: agreed.R2.installments.map((i) => ({ endToEndId: `E${String(++e2e).padStart(31, '0')}`, txid: i.txid, valor: (i.amountCents / 100).toFixed(2), horario: local('2031-03-21', '10:00').toISOString() })) },
      { 'x-webhook-secret': SECRET },
    );
    expect(payAll.status, JSON.stringify(payAll.body)).toBe(200);
    expect(await db().agreement.findUniqueOrThrow({ where: { id: agreed.R2.id } })).toMatchObject({ status: 'settled' });
    await expect.poll(async () => db().message.count({ where: { conversationId: rConversation, proactive: true, delivery: 'pending' } }), { timeout: 20_000 }).toBe(0);
    r2Receipts = (await db().message.count({ where: { conversationId: rConversation, proactive: true, delivery: 'sent' } })) - 1;
    expect(r2Receipts).toBeGreaterThanOrEqual(1);

    // 9 April: instalment 2 (due 7 April) paid two days late, within the grace.
    at('2031-04-09', '10:00');
    await pix(agreed.T1.installments[1]!.txid, agreed.T1.installments[1]!.amountCents, local('2031-04-09', '10:00'));
    await receiptSettled(t1Conversation, 2);

    // 10 April: a payment nobody can match.
    at('2031-04-10', '10:00');
    await pix('KPITXIDTHATMATCHESNOTHING0001', 12_345, local('2031-04-10', '10:00'));

    // 13 May: instalment 3 (due 7 May) unpaid past the grace; T1 asks to renegotiate.
    at('2031-05-13', '10:00');
    await ticks();
    expect(await db().agreement.findUniqueOrThrow({ where: { id: agreed.T1.id } })).toMatchObject({ status: 'broken', brokenOn: '2031-05-13' });
    expect(await db().message.findFirst({ where: { conversationId: t1Conversation, templateKey: 'agreement.broken' } })).toMatchObject({ delivery: 'sent' });
    at('2031-05-13', '11:00');
    await sayTelegram('9001', 'quero renegociar');
    expect(await db().offer.count({ where: { conversationId: t1Conversation } })).toBe(3);

    at('2031-05-20', '12:00');
    await restampToAppClock();
  }, 300_000);

  // ---- The expected figures, by hand from src/domain/kpis.ts ----

  const ALL_BUCKETS = ['current', '1-30', '31-60', '61-90', '91-180', '181-360', '361+'] as const;
  const cents = (amount: string) => Math.round(Number(amount) * 100);
  const open = (k: Key) => cents(DEBTORS[k].amount);
  /** A series point per day of the period, zero but for the days given. */
  function series(from: string, to: string, points: Record<string, { agreements?: number; agreedCents?: number; payments?: number; recoveredCents?: number }>) {
    const out = [];
    for (let d = new Date(`${from}T12:00:00Z`); d <= new Date(`${to}T12:00:00Z`); d = new Date(d.getTime() + 86_400_000)) {
      const date = d.toISOString().slice(0, 10);
      out.push({ date, agreements: 0, agreedCents: 0, payments: 0, recoveredCents: 0, ...points[date] });
    }
    return out;
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const funnel = (started: number, verified: number, offered: number, agreedN: number, paid: number) => [
    { step: 'started', count: started },
    { step: 'verified', count: verified },
    { step: 'offered', count: offered },
    { step: 'agreed', count: agreedN },
    { step: 'paid', count: paid },
  ];
  const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

  // Reading: the portfolio is the state now, whatever the channel filter (a debt is not on a
  // channel); openCents sums the invoices still open, inAgreementCents the invoice amounts an
  // agreement in force or broken holds (status in_agreement); a bucket's openCents is its share of
  // openCents, and its debtors count every debtor with an unpaid invoice (open or in agreement) by
  // the oldest one. Every bucket is listed, zero or not. With a bucket filter the totals are that
  // bucket's, and byBucket lists the other buckets at zero (the list adds up to the totals).
  function portfolio(only?: (typeof ALL_BUCKETS)[number]) {
    const members: Record<(typeof ALL_BUCKETS)[number], { debtors: number; openCents: number; inAgreementCents: number }> = {
      current: { debtors: 2, openCents: open('S') + open('N2'), inAgreementCents: 0 },
      '1-30': { debtors: 2, openCents: open('W8') + open('P'), inAgreementCents: 0 },
      '31-60': { debtors: 0, openCents: 0, inAgreementCents: 0 },
      '61-90': { debtors: 2, openCents: open('W7'), inAgreementCents: open('W6') },
      '91-180': { debtors: 2, openCents: open('W4'), inAgreementCents: open('T1') },
      '181-360': { debtors: 1, openCents: open('W3'), inAgreementCents: 0 },
      '361+': { debtors: 1, openCents: open('N1'), inAgreementCents: 0 },
    };
    const byBucket = ALL_BUCKETS.map((bucket) => (!only || only === bucket ? { bucket, debtors: members[bucket].debtors, openCents: members[bucket].openCents } : { bucket, debtors: 0, openCents: 0 }));
    const sum = (f: 'debtors' | 'openCents' | 'inAgreementCents') => ALL_BUCKETS.filter((b) => !only || only === b).reduce((s, b) => s + members[b][f], 0);
    return { asOf: '2031-05-20', debtors: sum('debtors'), openCents: sum('openCents'), inAgreementCents: sum('inAgreementCents'), byBucket };
  }
  const quietQuality = { phrased: 0, llm: 0, template: 0, fellBack: 0, fallbackByCheck: {}, turnsFailed: 0 };
  const NO_AGREEMENTS = { count: 0, totalCents: 0, cash: 0, installments: 0, cashCents: 0, installmentsCents: 0, averageDiscountBasisPoints: null, averageInstallments: null, renegotiations: 0, broken: 0 };
  const NO_PAYMENTS = { count: 0, recoveredCents: 0, chargesCents: 0, overpaidCents: 0, unmatched: 0, unmatchedCents: 0 };
  const NO_PROMISES = { due: 0, kept: 0, broken: 0, keptRate: 0 };
  /** R's second agreement: its instalments, and those of them due in the period (all paid on 21 March). */
  const r2 = () => ({ n: agreed.R2.installments.length, dueInPeriod: agreed.R2.installments.filter((i) => i.dueDate >= FROM && i.dueDate <= TO).length });

  it.skipIf(!enabled)('every figure of the period, exactly', async () => {
    const r = await kpis(`from=${FROM}&to=${TO}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { O, W5, T1, W6, R1, R2 } = agreed;
    const cash = [W5, W6].filter((a) => a.kind === 'cash');
    expect(W6.kind).toBe('cash'); // the offer the hand-back resumed with: the first rung
    expect(R2.kind).toBe('installments');
    const paidInPeriod = [O.totalCents, W5.totalCents, T1.installments[0]!.amountCents, R1.installments[0]!.amountCents, R2.totalCents, T1.installments[1]!.amountCents];
    expect(r.body).toEqual({
      period: { from: FROM, to: TO, timeZone: TZ, days: 79 },
      filters: { channel: null, flowVersion: null, bucket: null },
      portfolio: portfolio(),
      reach: {
        // Reading: every proactive message's decision in the period counts (the schema calls a
        // proactive message a notice): O's, W5's and R's receipts (R: one for instalment 1, and
        // what the webhook paying R2 sent), N1's notice, T1's two receipts, W6's and T1's
        // broken-agreement notices are sent; N2's notice deferred at 22:00 (1) and blocked the
        // next morning once N2 had opted out (1).
        noticesSent: 8 + r2Receipts,
        noticesDeferred: 1,
        noticesBlocked: 1,
        // O, W5, R, N1, T1, W6 were sent a proactive message in P; N2's was never sent.
        debtorsNotified: 6,
        // Reading: "wrote back after it" = a message from the debtor after the first proactive
        // message sent to it in P: N1 (answered the notice), R (renegotiated on 20 March, after
        // its receipt of 6 March) and T1 (asked to renegotiate after the broken-agreement notice).
        debtorsAnswered: 3,
        // Reading: an identity.verified after that first proactive message: N1 only (T1 was
        // verified on 4 March, before its first receipt; W5's CNPJ typed in an admin's simulator
        // run on 7 March is no contact with W5: simulator runs never count).
        debtorsVerified: 1,
        contactRate: rate(3, 6),
        rightPartyRate: rate(1, 6),
      },
      // The cohort: conversations opened in P in which the debtor wrote: W2 W3 W4 W5 R W6 W7 W8
      // (web chat), T1 N1 N2 (Telegram; N1's and N2's opened with their notice). Not W1 (never
      // wrote), not O (opened 28 Feb), not the simulator's.
      conversations: {
        started: 11,
        // N2's conversation carries the debtor (from the notice) but nobody proved who wrote.
        verified: 9, // W3 W4 W5 R W6 W7 W8 T1 N1
        offered: 8, // W4 W5 R W6 W7 W8 T1 N1 (W3 went to a person before any offer)
        agreed: 4, // W5 R T1 W6
        // Reading: "paid" = at least one payment applied to the conversation's agreement by now.
        paid: 3, // W5 R T1
        handedOff: 3, // W3 W6 W7
        optedOut: 2, // W8 N2
        // Reading: handoffRate = handedOff / started; verifiedToAgreementRate = agreed / verified.
        handoffRate: rate(3, 11),
        verifiedToAgreementRate: rate(4, 9),
      },
      negotiation: {
        // Offers made in P: W4 1, W5 1, W6 2 (first, and again at the hand-back), W7 1, W8 1, N1 1,
        // T1 3 (first rung, the 3-instalment counter, the renegotiation offer of 13 May), R 3 (first
        // rung, the counter, the renegotiation).
        offers: 13,
        // Agreements made in P, from the debtor's first message: W5 600 s, R1 600 s, T1 1800 s,
        // W6 3000 s, R2 (20 March 10:10, in R's conversation of 3 March 13:00) 1 458 600 s.
        medianSecondsToAgreement: 1800,
      },
      agreements: {
        count: 5,
        totalCents: W5.totalCents + R1.totalCents + T1.totalCents + W6.totalCents + R2.totalCents,
        cash: cash.length,
        installments: 3,
        cashCents: cash.reduce((s, a) => s + a.totalCents, 0),
        installmentsCents: T1.totalCents + R1.totalCents + R2.totalCents,
        averageDiscountBasisPoints: mean(cash.map((a) => a.discountBasisPoints)),
        averageInstallments: mean([3, 3, r2().n]),
        renegotiations: 1, // R2
        // Reading: agreements that broke in P (brokenOn): W6 on 14 Mar, T1 on 13 May.
        broken: 2,
      },
      payments: {
        // Reading: applied payments by the instant paid; the unmatched one is only in `unmatched`.
        count: 5 + r2().n,
        recoveredCents: paidInPeriod.reduce((a, b) => a + b, 0),
        chargesCents: 0,
        overpaidCents: 0,
        unmatched: 1,
        unmatchedCents: 12_345,
      },
      // Instalments due in P: O's (3 Mar, paid that day), W5's (6 Mar, paid 5 Mar), R1's 1 (6 Mar,
      // paid that day), T1's 1 (7 Mar, paid that day), T1's 2 (7 Apr, paid 9 Apr: within the 5
      // grace days, kept), W6's (8 Mar, never paid: broken), T1's 3 (7 May, never paid: broken),
      // R2's due in P (paid early on 21 March: kept).
      // Reading: kept = paid in full by due date + grace; broken = not kept and the grace is over.
      // R1's instalments 2 (6 Apr) and 3 (6 May) are no promises any more: R renegotiated them on
      // 20 March, before they fell due, and R2's instalments took their place. Counting them as
      // broken would punish the debtor who came to us before missing anything.
      promises: { due: 7 + r2().dueInPeriod, kept: 5 + r2().dueInPeriod, broken: 2, keptRate: rate(5 + r2().dueInPeriod, 7 + r2().dueInPeriod) },
      handoffs: {
        count: 3,
        // Reading: only the reasons that occurred.
        byReason: { high_value: 1, asked_for_person: 1, dispute: 1 },
        claimed: 3,
        // W7 600 s, W6 1500 s, W3 9000 s.
        medianSecondsToClaim: 1500,
        optOuts: 2, // W8, N2
      },
      quality: quietQuality,
      funnel: funnel(11, 9, 8, 4, 3),
      series: series(FROM, TO, {
        '2031-03-03': { agreements: 2, agreedCents: W5.totalCents + R1.totalCents, payments: 1, recoveredCents: O.totalCents },
        '2031-03-04': { agreements: 1, agreedCents: T1.totalCents },
        '2031-03-05': { agreements: 1, agreedCents: W6.totalCents, payments: 1, recoveredCents: W5.totalCents },
        '2031-03-06': { payments: 1, recoveredCents: R1.installments[0]!.amountCents },
        '2031-03-07': { payments: 1, recoveredCents: T1.installments[0]!.amountCents },
        '2031-03-20': { agreements: 1, agreedCents: R2.totalCents },
        '2031-03-21': { payments: r2().n, recoveredCents: R2.totalCents },
        '2031-04-09': { payments: 1, recoveredCents: T1.installments[1]!.amountCents },
      }),
    });
  });

  it.skipIf(!enabled)('the day before the period: a cohort of one, followed to where it got by now', async () => {
    const r = await kpis('from=2031-02-28&to=2031-02-28');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { O } = agreed;
    expect(r.body).toEqual({
      period: { from: '2031-02-28', to: '2031-02-28', timeZone: TZ, days: 1 },
      filters: { channel: null, flowVersion: null, bucket: null },
      portfolio: portfolio(),
      reach: { noticesSent: 0, noticesDeferred: 0, noticesBlocked: 0, debtorsNotified: 0, debtorsAnswered: 0, debtorsVerified: 0, contactRate: 0, rightPartyRate: 0 },
      // O agreed that day and paid on 3 March: the cohort follows it to "paid".
      conversations: { started: 1, verified: 1, offered: 1, agreed: 1, paid: 1, handedOff: 0, optedOut: 0, handoffRate: 0, verifiedToAgreementRate: 1 },
      negotiation: { offers: 1, medianSecondsToAgreement: 300 },
      agreements: {
        count: 1,
        totalCents: O.totalCents,
        cash: 1,
        installments: 0,
        cashCents: O.totalCents,
        installmentsCents: 0,
        averageDiscountBasisPoints: O.discountBasisPoints,
        averageInstallments: null,
        renegotiations: 0,
        broken: 0,
      },
      // The payment came on 3 March, its instalment was due on 3 March: neither is in this day.
      payments: NO_PAYMENTS,
      promises: NO_PROMISES,
      handoffs: { count: 0, byReason: {}, claimed: 0, medianSecondsToClaim: null, optOuts: 0 },
      quality: quietQuality,
      funnel: funnel(1, 1, 1, 1, 1),
      series: series('2031-02-28', '2031-02-28', { '2031-02-28': { agreements: 1, agreedCents: O.totalCents } }),
    });
  });

  it.skipIf(!enabled)('channel=telegram: T1, N1 and N2 only', async () => {
    const r = await kpis(`from=${FROM}&to=${TO}&channel=telegram`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { T1 } = agreed;
    expect(r.body).toEqual({
      period: { from: FROM, to: TO, timeZone: TZ, days: 79 },
      filters: { channel: 'telegram', flowVersion: null, bucket: null },
      portfolio: portfolio(),
      // Sent: N1's notice, T1's two receipts and its broken-agreement notice.
      reach: { noticesSent: 4, noticesDeferred: 1, noticesBlocked: 1, debtorsNotified: 2, debtorsAnswered: 2, debtorsVerified: 1, contactRate: 1, rightPartyRate: rate(1, 2) },
      conversations: { started: 3, verified: 2, offered: 2, agreed: 1, paid: 1, handedOff: 0, optedOut: 1, handoffRate: 0, verifiedToAgreementRate: rate(1, 2) },
      negotiation: { offers: 4, medianSecondsToAgreement: 1800 },
      agreements: {
        count: 1,
        totalCents: T1.totalCents,
        cash: 0,
        installments: 1,
        cashCents: 0,
        installmentsCents: T1.totalCents,
        averageDiscountBasisPoints: null,
        averageInstallments: 3,
        renegotiations: 0,
        broken: 1,
      },
      // Reading: an unmatched payment belongs to no channel, so a channel filter leaves it out.
      payments: { count: 2, recoveredCents: T1.installments[0]!.amountCents + T1.installments[1]!.amountCents, chargesCents: 0, overpaidCents: 0, unmatched: 0, unmatchedCents: 0 },
      promises: { due: 3, kept: 2, broken: 1, keptRate: rate(2, 3) },
      handoffs: { count: 0, byReason: {}, claimed: 0, medianSecondsToClaim: null, optOuts: 1 },
      quality: quietQuality,
      funnel: funnel(3, 2, 2, 1, 1),
      series: series(FROM, TO, {
        '2031-03-04': { agreements: 1, agreedCents: T1.totalCents },
        '2031-03-07': { payments: 1, recoveredCents: T1.installments[0]!.amountCents },
        '2031-04-09': { payments: 1, recoveredCents: T1.installments[1]!.amountCents },
      }),
    });
  });

  it.skipIf(!enabled)('channel=webchat: the web chat debtors, O’s payment included (events, not cohort)', async () => {
    const r = await kpis(`from=${FROM}&to=${TO}&channel=webchat`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { O, W5, W6, R1, R2 } = agreed;
    expect(r.body).toEqual({
      period: { from: FROM, to: TO, timeZone: TZ, days: 79 },
      filters: { channel: 'webchat', flowVersion: null, bucket: null },
      portfolio: portfolio(),
      // Sent: O's, W5's and R's receipts, W6's broken-agreement notice. Only R wrote back after them.
      reach: { noticesSent: 4 + r2Receipts, noticesDeferred: 0, noticesBlocked: 0, debtorsNotified: 4, debtorsAnswered: 1, debtorsVerified: 0, contactRate: rate(1, 4), rightPartyRate: 0 },
      conversations: { started: 8, verified: 7, offered: 6, agreed: 3, paid: 2, handedOff: 3, optedOut: 1, handoffRate: rate(3, 8), verifiedToAgreementRate: rate(3, 7) },
      // Reading: the median of an even count is the mean of the two middle values (600 s, 3000 s
      // of 600, 600, 3000, 1 458 600).
      negotiation: { offers: 9, medianSecondsToAgreement: 1800 },
      agreements: {
        count: 4,
        totalCents: W5.totalCents + W6.totalCents + R1.totalCents + R2.totalCents,
        cash: 2,
        installments: 2,
        cashCents: W5.totalCents + W6.totalCents,
        installmentsCents: R1.totalCents + R2.totalCents,
        averageDiscountBasisPoints: mean([W5.discountBasisPoints, W6.discountBasisPoints]),
        averageInstallments: mean([3, r2().n]),
        renegotiations: 1,
        broken: 1,
      },
      payments: { count: 3 + r2().n, recoveredCents: O.totalCents + W5.totalCents + R1.installments[0]!.amountCents + R2.totalCents, chargesCents: 0, overpaidCents: 0, unmatched: 0, unmatchedCents: 0 },
      // O's (kept), W5's (kept), R1's 1 (kept), R2's in P (kept), W6's (broken); not R1's 2 and 3.
      promises: { due: 4 + r2().dueInPeriod, kept: 3 + r2().dueInPeriod, broken: 1, keptRate: rate(3 + r2().dueInPeriod, 4 + r2().dueInPeriod) },
      handoffs: { count: 3, byReason: { high_value: 1, asked_for_person: 1, dispute: 1 }, claimed: 3, medianSecondsToClaim: 1500, optOuts: 1 },
      quality: quietQuality,
      funnel: funnel(8, 7, 6, 3, 2),
      series: series(FROM, TO, {
        '2031-03-03': { agreements: 2, agreedCents: W5.totalCents + R1.totalCents, payments: 1, recoveredCents: O.totalCents },
        '2031-03-05': { agreements: 1, agreedCents: W6.totalCents, payments: 1, recoveredCents: W5.totalCents },
        '2031-03-06': { payments: 1, recoveredCents: R1.installments[0]!.amountCents },
        '2031-03-20': { agreements: 1, agreedCents: R2.totalCents },
        '2031-03-21': { payments: r2().n, recoveredCents: R2.totalCents },
      }),
    });
  });

  // Reading: a bucket filter keeps what concerns debtors whose oldest invoice was in that bucket on
  // the day the counted thing happened (the SQL's reading, stated in src/storage/kpiQueries.ts;
  // this test first read "in that bucket now" — the two agree for N1, 869 days late all along,
  // and differ for bucket=current below). A conversation nobody was identified in has no debtor
  // and no bucket, so any bucket filter leaves it out, and so does it the unmatched payment.
  it.skipIf(!enabled)('bucket=361+: N1 alone (869 days overdue all period long)', async () => {
    const r = await kpis(`from=${FROM}&to=${TO}&bucket=361%2B`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      period: { from: FROM, to: TO, timeZone: TZ, days: 79 },
      filters: { channel: null, flowVersion: null, bucket: '361+' },
      portfolio: portfolio('361+'),
      reach: { noticesSent: 1, noticesDeferred: 0, noticesBlocked: 0, debtorsNotified: 1, debtorsAnswered: 1, debtorsVerified: 1, contactRate: 1, rightPartyRate: 1 },
      conversations: { started: 1, verified: 1, offered: 1, agreed: 0, paid: 0, handedOff: 0, optedOut: 0, handoffRate: 0, verifiedToAgreementRate: 0 },
      negotiation: { offers: 1, medianSecondsToAgreement: null },
      agreements: NO_AGREEMENTS,
      payments: NO_PAYMENTS,
      promises: NO_PROMISES,
      handoffs: { count: 0, byReason: {}, claimed: 0, medianSecondsToClaim: null, optOuts: 0 },
      quality: quietQuality,
      funnel: funnel(1, 1, 1, 0, 0),
      series: series(FROM, TO, {}),
    });
  });

  it.skipIf(!enabled)('bucket=current: W8 and N2, not yet due on 6 March (W8 is 25 days late now, N2 due today)', async () => {
    const r = await kpis(`from=${FROM}&to=${TO}&bucket=current`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({
      period: { from: FROM, to: TO, timeZone: TZ, days: 79 },
      filters: { channel: null, flowVersion: null, bucket: 'current' },
      // Now: S and N2 are not late (W8 is, by 25 days).
      portfolio: portfolio('current'),
      // N2's notice: deferred on 6 March, blocked on 7 March; never sent.
      reach: { noticesSent: 0, noticesDeferred: 1, noticesBlocked: 1, debtorsNotified: 0, debtorsAnswered: 0, debtorsVerified: 0, contactRate: 0, rightPartyRate: 0 },
      // W8 (verified, offered, opted out) and N2 (wrote "parar" without proving who it was).
      conversations: { started: 2, verified: 1, offered: 1, agreed: 0, paid: 0, handedOff: 0, optedOut: 2, handoffRate: 0, verifiedToAgreementRate: 0 },
      negotiation: { offers: 1, medianSecondsToAgreement: null },
      agreements: NO_AGREEMENTS,
      payments: NO_PAYMENTS,
      promises: NO_PROMISES,
      handoffs: { count: 0, byReason: {}, claimed: 0, medianSecondsToClaim: null, optOuts: 2 },
      quality: quietQuality,
      funnel: funnel(2, 1, 1, 0, 0),
      series: series(FROM, TO, {}),
    });
  });

  it.skipIf(!enabled)('flowVersion: every conversation ran on the published version; the unmatched payment has none', async () => {
    const published = (await t.api('GET', '/api/admin/flows/negotiation', undefined, ADMIN)).body.publishedVersion as number;
    const all = (await kpis(`from=${FROM}&to=${TO}`)).body;
    const r = await kpis(`from=${FROM}&to=${TO}&flowVersion=${published}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // The same figures as without the filter (checked above), but for what has no conversation.
    expect(r.body).toEqual({ ...all, filters: { channel: null, flowVersion: published, bucket: null }, payments: { ...all.payments, unmatched: 0, unmatchedCents: 0 } });
    const other = await kpis(`from=${FROM}&to=${TO}&flowVersion=${published + 50}`);
    expect(other.body.conversations.started).toBe(0);
    expect(other.body.payments).toEqual(NO_PAYMENTS);
    expect(other.body.portfolio).toEqual(all.portfolio);
  });

  it.skipIf(!enabled)('refuses bad queries with 422 and anyone but an admin', async () => {
    for (const q of [`from=${TO}&to=${FROM}`, 'from=2030-01-01&to=2031-01-02', `from=${FROM}&to=${TO}&channel=fax`, `from=${FROM}`, 'from=2031-02-30&to=2031-03-01']) {
      const r = await kpis(q);
      expect(r.status, q).toBe(422);
    }
    expect((await kpis('from=2030-01-01&to=2031-01-01')).status).toBe(200); // 366 days: the longest allowed
    expect((await t.api('GET', `/api/admin/kpis?from=${FROM}&to=${TO}`)).status).toBe(401);
    const agent = await ConsoleAgent.create(t, 'Agente Sem Acesso');
    expect((await agent.api('GET', `/api/admin/kpis?from=${FROM}&to=${TO}`)).status).toBe(403);
    const admin = await ConsoleAgent.create(t, 'Gestora', 'admin');
    expect((await admin.api('GET', `/api/admin/kpis?from=${FROM}&to=${TO}`)).status).toBe(200);
  });
});
