import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { WebchatDebtor, expectValidPix, seedDebtor } from '../helpers/chat.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/agentRoutes');

describe.each(DATABASES)('agent API ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  let ana: ConsoleAgent;
  let bruno: ConsoleAgent;
  let chefe: ConsoleAgent;

  beforeAll(async () => {
    if (!enabled) return;
    t = await startTestApp({ db: kind });
    ana = await ConsoleAgent.create(t, 'Ana Agente');
    bruno = await ConsoleAgent.create(t, 'Bruno Agente');
    chefe = await ConsoleAgent.create(t, 'Carla Chefe', 'admin');
  }, 120_000);
  afterAll(async () => t?.close());

  /** A verified debtor who asked for a person; returns the debtor and the conversation id. */
  async function escalated(amount?: string) {
    const seeded = await seedDebtor(t, amount);
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say(seeded.cnpj);
    await d.say(`nota ${seeded.invoice}`);
    const r = await d.say('quero falar com uma pessoa');
    expect(r.map((x) => x.key)).toContain('handoff.notice');
    const conv = await t.app.store.find('webchat', d.sessionId);
    return { d, seeded, id: conv!.id };
  }

  /** A live event stream as the console opens it; `text()` is everything received so far. */
  async function openStream(who: ConsoleAgent) {
    const ac = new AbortController();
    const res = await fetch(`${t.url}/api/agent/events`, { headers: { cookie: who.cookie }, signal: ac.signal });
    expect(res.status).toBe(200);
    let buffer = '';
    let ended = false;
    const decoder = new TextDecoder();
    const pump = (async () => {
      const reader = res.body!.getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value);
        }
      } catch {}
      ended = true;
    })();
    return {
      text: () => buffer,
      ended: () => ended,
      /** Waits (up to 20 s) until the stream contains `needle`. */
      async waitFor(needle: string) {
        await expect.poll(() => buffer, { timeout: 20_000 }).toContain(needle);
      },
      async close() {
        ac.abort();
        await pump;
      },
    };
  }

  /** A verified debtor the bot still holds (no handoff); returns the conversation id. */
  async function botHeld() {
    const seeded = await seedDebtor(t);
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say(seeded.cnpj);
    await d.say(`nota ${seeded.invoice}`);
    const conv = await t.app.store.find('webchat', d.sessionId);
    expect(conv!.status).toBe('bot');
    return { d, id: conv!.id };
  }

  const debtorMessages = async (d: WebchatDebtor) => (await t.api('GET', `/api/webchat/sessions/${d.sessionId}/messages?after=0`)).body.messages as any[];

  it.skipIf(!enabled)('shows an escalated conversation in the queue with its reason, channel and debtor', async () => {
    const { id } = await escalated();
    const item = (await ana.queue()).find((h) => h.conversationId === id);
    expect(item).toMatchObject({ conversationId: id, channel: 'webchat', reason: 'asked_for_person', status: 'pending', agent: null, debtor: { name: expect.stringMatching(/^Empresa Teste/) } });
    expect(new Date(item.since).getTime()).toBeLessThanOrEqual(Date.now());
    expect(item.lastMessage).toMatchObject({ from: 'debtor', text: 'quero falar com uma pessoa' });
  });

  it.skipIf(!enabled)('lets one of two agents claiming at once win; the other is told who has it', async () => {
    const { id } = await escalated();
    const [a, b] = await Promise.all([ana.claim(id), bruno.claim(id)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [ana, b] : [bruno, a];
    expect(loser.body).toMatchObject({ error: 'claimed_by_other', agent: { name: winner.name } });
    expect(loser.body.message).toContain(winner.name);
    // Claiming again is fine for the holder, still a conflict for the other.
    expect((await winner.claim(id)).status).toBe(200);
    const item = (await ana.queue()).find((h) => h.conversationId === id);
    expect(item).toMatchObject({ status: 'open', agent: { id: winner.id, name: winner.name } });
    const claims = await t.app.database.prisma.auditEvent.findMany({ where: { conversationId: id, type: 'handoff.claimed' } });
    expect(claims.map((c) => c.actor)).toEqual([`user:${winner.id}`]);
  });

  it.skipIf(!enabled)('delivers the holder’s reply to the debtor; the bot stays silent; others cannot reply', async () => {
    const { d, id } = await escalated();
    expect((await ana.claim(id)).status).toBe(200);
    expect(await bruno.reply(id, 'Posso ajudar?')).toMatchObject({ status: 409, body: { error: 'claimed_by_other' } });

    const r = await ana.reply(id, 'Olá, aqui é a Ana. Como posso ajudar?');
    expect(r.status).toBe(201);
    expect(r.body.message).toMatchObject({ from: 'agent', text: 'Olá, aqui é a Ana. Como posso ajudar?' });
    const seen = (await debtorMessages(d)).filter((m) => m.from === 'agent');
    expect(seen.map((m) => m.text)).toEqual(['Olá, aqui é a Ana. Como posso ajudar?']);

    // The debtor answers the person: stored, shown to the agent, and the bot says nothing.
    expect(await d.say('Preciso de mais prazo')).toEqual([]);
    expect(await d.status()).toMatchObject({ status: 'human' });
    const view = (await ana.conversation(id)).body;
    expect(view.messages.at(-1)).toMatchObject({ from: 'debtor', text: 'Preciso de mais prazo' });
    expect(view.messages.filter((m: any) => m.from === 'bot' && m.seq > r.body.message.seq)).toEqual([]);
  });

  it.skipIf(!enabled)('refuses empty and oversized replies with a clear error', async () => {
    const { id } = await escalated();
    expect(await ana.reply(id, '   ')).toMatchObject({ status: 422, body: { errors: [{ field: 'text' }] } });
    expect(await ana.reply(id, 'x'.repeat(4001))).toMatchObject({ status: 422, body: { errors: [{ field: 'text' }] } });
  });

  it.skipIf(!enabled)('keeps internal notes out of the debtor’s chat', async () => {
    const { d, id } = await escalated();
    const n = await bruno.api('POST', `/api/agent/conversations/${id}/notes`, { text: 'Cliente diz que pagou a NF; conferir extrato' });
    expect(n.status).toBe(201);
    expect((await debtorMessages(d)).map((m) => m.text)).not.toContain('Cliente diz que pagou a NF; conferir extrato');
    const view = (await bruno.conversation(id)).body;
    expect(view.messages.find((m: any) => m.kind === 'note')).toMatchObject({ from: 'agent', text: 'Cliente diz que pagou a NF; conferir extrato', agent: { name: 'Bruno Agente' } });
  });

  it.skipIf(!enabled)('gives the agent the debtor, invoices, offers and the policy', async () => {
    const { id, seeded } = await escalated('15980.50');
    const view = (await ana.conversation(id)).body;
    expect(view.conversation).toMatchObject({ id, channel: 'webchat', status: 'human', verified: true });
    expect(view.debtor).toMatchObject({ cnpj: seeded.cnpj });
    expect(view.invoices).toEqual([expect.objectContaining({ number: seeded.invoice, amountCents: 1_598_050, status: 'open' })]);
    expect(view.offers.length).toBeGreaterThan(0);
    expect(view.offers[0]).toMatchObject({ source: 'bot', totalCents: expect.any(Number) });
    expect(view.policy).toEqual(DEFAULT_POLICY);
    expect(view.handoffs).toEqual([expect.objectContaining({ reason: 'asked_for_person', status: 'pending' })]);
    expect((await ana.api('GET', '/api/agent/conversations/00000000-0000-0000-0000-000000000000')).status).toBe(404);
  });

  it.skipIf(!enabled)('refuses an agent offer outside the policy, field by field', async () => {
    const { id } = await escalated();
    await ana.claim(id);
    const tooMuch = await ana.api('POST', `/api/agent/conversations/${id}/offers`, { kind: 'cash', discountPercent: DEFAULT_POLICY.cash.maxDiscountPercent + 1 });
    expect(tooMuch).toMatchObject({ status: 422, body: { errors: [{ field: 'discountPercent' }] } });
    const tooMany = await ana.api('POST', `/api/agent/conversations/${id}/offers`, { kind: 'installments', installments: DEFAULT_POLICY.installments.max + 1 });
    expect(tooMany).toMatchObject({ status: 422, body: { errors: [{ field: 'installments' }] } });
    const late = await ana.api('POST', `/api/agent/conversations/${id}/offers`, { kind: 'cash', firstDueDate: addDays(todayIn('America/Sao_Paulo', new Date()), DEFAULT_POLICY.firstDueInDays.max + 1) });
    expect(late).toMatchObject({ status: 422, body: { errors: [{ field: 'firstDueDate' }] } });
    const offers = await t.app.database.prisma.offer.findMany({ where: { conversationId: id, source: 'agent' } });
    expect(offers).toEqual([]);
  });

  it.skipIf(!enabled)('hands back with a recap; the bot presents the agent’s offer and formalises it', async () => {
    const { d, id, seeded } = await escalated('15980.50');
    await ana.claim(id);
    const made = await ana.api('POST', `/api/agent/conversations/${id}/offers`, { kind: 'installments', installments: 4 });
    expect(made.status).toBe(201);
    const offer = made.body.offer;
    expect(offer).toMatchObject({ kind: 'installments', installments: 4 });
    // The debtor reads the agent's offer, with its amounts from domain code.
    const offerMsg = (await debtorMessages(d)).filter((m) => m.from === 'agent').at(-1);
    expect(offerMsg.key).toBe('offer.installments');
    expect(offerMsg.facts.offer).toMatchObject({ installments: 4, totalCents: offer.totalCents });

    const hb = await ana.api('POST', `/api/agent/conversations/${id}/handback`);
    expect(hb).toMatchObject({ status: 200, body: { conversation: { status: 'bot', state: 'offering' } } });
    const after = (await debtorMessages(d)).filter((m) => m.seq > offerMsg.seq && m.from === 'bot');
    expect(after.map((m) => m.key)).toEqual(['handoff.resumed', 'offer.installments']);
    expect(after[0].facts.debt).toMatchObject({ totalCents: seeded.debtCents });
    expect(after[1].facts.offer).toMatchObject({ installments: 4, totalCents: offer.totalCents });

    const accepted = await d.say('aceito');
    const term = accepted.find((r) => r.key === 'agreement.term')!;
    expect(term.facts.agreement.totalCents).toBe(offer.totalCents);
    expectValidPix(term.facts.agreement);
    // Handing back twice is refused; the handoff is closed as a hand-back, by Ana.
    expect((await ana.api('POST', `/api/agent/conversations/${id}/handback`)).status).toBe(409);
    const h = await t.app.database.prisma.handoff.findFirst({ where: { conversationId: id } });
    expect(h).toMatchObject({ status: 'closed', resolution: 'handback', agentId: ana.id });
    const events = await t.app.database.prisma.auditEvent.findMany({ where: { conversationId: id, actor: `user:${ana.id}` }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['handoff.claimed', 'offer.made', 'handoff.handback']);
  });

  it.skipIf(!enabled)('hands back a conversation whose debtor never identified to the identity question', async () => {
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say('quero falar com um atendente');
    const id = (await t.app.store.find('webchat', d.sessionId))!.id;
    const view = (await ana.conversation(id)).body;
    expect(view.conversation.verified).toBe(false);
    expect(view.debtor).toBeNull();
    await ana.claim(id);
    expect(await ana.api('POST', `/api/agent/conversations/${id}/offers`, { kind: 'cash' })).toMatchObject({ status: 409, body: { error: 'identity_not_verified' } });
    expect((await ana.api('POST', `/api/agent/conversations/${id}/handback`)).status).toBe(200);
    expect((await debtorMessages(d)).at(-1)).toMatchObject({ from: 'bot', key: 'handoff.resumedIdentify' });
    expect(await d.status()).toMatchObject({ status: 'bot', state: 'askCnpj' });
  });

  it.skipIf(!enabled)('closes a conversation; a debtor writing again starts over with identification', async () => {
    const { d, id } = await escalated();
    await bruno.claim(id);
    expect(await ana.api('POST', `/api/agent/conversations/${id}/close`)).toMatchObject({ status: 409, body: { error: 'claimed_by_other' } });
    expect(await bruno.api('POST', `/api/agent/conversations/${id}/close`)).toMatchObject({ status: 200, body: { conversation: { status: 'closed' } } });
    expect((await ana.queue()).some((h) => h.conversationId === id)).toBe(false);
    expect(await d.status()).toMatchObject({ status: 'closed' });
    const again = await d.say('oi, voltei');
    expect(again.map((r) => r.key)).toEqual(['welcome']);
    expect(again.some((r) => JSON.stringify(r.facts).includes('debt'))).toBe(false);
    expect(await d.status()).toMatchObject({ status: 'bot', state: 'askCnpj' });
  });

  it.skipIf(!enabled)('finishes a hand-back a stop interrupted: the bot takes the conversation back', async () => {
    const { d, id } = await escalated();
    // The process stopped after the handoff was closed and before the bot's turn ran.
    await t.app.database.prisma.handoff.updateMany({ where: { conversationId: id }, data: { status: 'closed', resolution: 'handback' } });
    expect(await d.status()).toMatchObject({ status: 'human' });
    await t.app.chores();
    expect(await d.status()).toMatchObject({ status: 'bot', state: 'offering' });
    const keys = (await debtorMessages(d)).map((m) => m.key);
    expect(keys.filter((k) => k === 'handoff.resumed')).toHaveLength(1);
    // Running the chores again says nothing twice.
    await t.app.chores();
    expect((await debtorMessages(d)).map((m) => m.key)).toEqual(keys);
  });

  it.skipIf(!enabled)('lets an admin step in on a conversation another agent holds', async () => {
    const { d, id } = await escalated();
    await ana.claim(id);
    expect((await chefe.reply(id, 'Aqui é a supervisora, vou assumir.')).status).toBe(201);
    expect((await chefe.api('POST', `/api/agent/conversations/${id}/handback`)).status).toBe(200);
    expect(await d.status()).toMatchObject({ status: 'bot' });
  });

  it.skipIf(!enabled)('requires a session, the right role and the CSRF token', async () => {
    const { id } = await escalated();
    expect((await t.api('GET', '/api/agent/handoffs')).status).toBe(401);
    expect((await t.api('GET', '/api/agent/handoffs', undefined, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(401);
    const noCsrf = await t.api('POST', `/api/agent/handoffs/${id}/claim`, undefined, { cookie: ana.cookie });
    expect(noCsrf).toMatchObject({ status: 403, body: { error: 'csrf' } });
    const wrongCsrf = await t.api('POST', `/api/agent/handoffs/${id}/claim`, undefined, { cookie: ana.cookie, 'x-csrf-token': bruno.csrf });
    expect(wrongCsrf).toMatchObject({ status: 403, body: { error: 'csrf' } });
    // Agents cannot reach admin endpoints; admins can reach the agent API.
    expect((await ana.api('GET', '/api/admin/policy')).status).toBe(403);
    expect((await ana.api('PUT', '/api/admin/escalation-rules', {})).status).toBe(403);
    expect((await chefe.api('GET', '/api/agent/handoffs')).status).toBe(200);
  });

  it.skipIf(!enabled)('streams a change to the console when a conversation is escalated', async () => {
    const ac = new AbortController();
    const res = await fetch(`${t.url}/api/agent/events`, { headers: { cookie: ana.cookie }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let buffer = '';
    const escalation = escalated();
    const { id } = await escalation;
    const decoder = new TextDecoder();
    while (!buffer.includes(`"conversationId":"${id}","kind":"handoff"`)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value);
    }
    ac.abort();
    expect(buffer).toContain('event: change');
    expect(buffer).toContain(`"conversationId":"${id}","kind":"handoff"`);
  });

  it.skipIf(!enabled)('keeps a conversation the bot holds from agents on every route; admins see it', async () => {
    const { id } = await botHeld();
    for (const r of [
      await ana.conversation(id),
      await ana.api('POST', `/api/agent/conversations/${id}/notes`, { text: 'só olhando' }),
      await ana.reply(id, 'Olá'),
      await ana.api('POST', `/api/agent/conversations/${id}/offers`, { kind: 'cash' }),
      await ana.api('POST', `/api/agent/conversations/${id}/handback`),
      await ana.api('POST', `/api/agent/conversations/${id}/close`),
      await ana.claim(id),
    ]) {
      expect(r).toMatchObject({ status: 404 });
      expect(JSON.stringify(r.body)).not.toContain('Empresa Teste');
    }
    expect(await t.app.database.prisma.message.count({ where: { conversationId: id, author: 'agent' } })).toBe(0);
    const asAdmin = await chefe.conversation(id);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.debtor.name).toMatch(/^Empresa Teste/);
    // Once it is handed off the agent sees it, and still does after the handoff ends.
    const { id: escalatedId } = await escalated();
    expect((await ana.conversation(escalatedId)).status).toBe(200);
    await ana.claim(escalatedId);
    expect((await ana.api('POST', `/api/agent/conversations/${escalatedId}/handback`)).status).toBe(200);
    expect((await ana.conversation(escalatedId)).status).toBe(200);
  });

  it.skipIf(!enabled)('shows no one a conversation of another creditor, even with a handoff', async () => {
    const db = t.app.database.prisma;
    const own = await escalated();
    const ownConv = await db.conversation.findUniqueOrThrow({ where: { id: own.id } });
    const other = await db.creditor.upsert({ where: { id: 'other-creditor' }, update: {}, create: { id: 'other-creditor', name: 'Outra Credora', cnpj: '11444777000161', pixKey: 'x@y.z', pixMerchantName: 'Outra', pixCity: 'RIO' } });
    const debtor = await db.debtor.create({ data: { creditorId: other.id, cnpj: '04252011000110', companyName: 'Cliente da Outra Ltda' } });
    const conv = await db.conversation.create({
      data: { channel: 'webchat', chatId: `other-${kind}-${Date.now()}`, debtorId: debtor.id, flowId: ownConv.flowId, flowVersion: ownConv.flowVersion, snapshot: ownConv.snapshot as object, status: 'human' },
    });
    await db.handoff.create({ data: { conversationId: conv.id, reason: 'asked_for_person' } });
    expect((await ana.conversation(conv.id)).status).toBe(404);
    expect((await chefe.conversation(conv.id)).status).toBe(404);
  });

  it.skipIf(!enabled)('streams to an agent only the changes of conversations with a handoff; an admin gets all', async () => {
    const agentStream = await openStream(ana);
    const adminStream = await openStream(chefe);
    const held = await botHeld();
    await held.d.say('qual o valor?');
    // A handoff after the bot-held changes: once the agent's stream has it, it has had its chance at those.
    const { id: escalatedId } = await escalated();
    await agentStream.waitFor(`"conversationId":"${escalatedId}","kind":"handoff"`);
    await adminStream.waitFor(`"conversationId":"${escalatedId}","kind":"handoff"`);
    await adminStream.waitFor(`"conversationId":"${held.id}"`);
    expect(agentStream.text()).not.toContain(held.id);
    await agentStream.close();
    await adminStream.close();
  });

  it.skipIf(!enabled)('never gives the debtor the agent’s internal id, in replies nor in stored facts', async () => {
    const { d, id } = await escalated('15980.50');
    await ana.claim(id);
    expect((await ana.reply(id, 'Olá, aqui é a Ana.')).status).toBe(201);
    expect((await ana.api('POST', `/api/agent/conversations/${id}/offers`, { kind: 'installments', installments: 3 })).status).toBe(201);
    expect((await ana.api('POST', `/api/agent/conversations/${id}/notes`, { text: 'nota interna' })).status).toBe(201);
    const seen = await debtorMessages(d);
    expect(seen.filter((m) => m.from === 'agent').map((m) => m.facts.agent)).toEqual([{ name: 'Ana Agente' }, { name: 'Ana Agente' }]);
    expect(JSON.stringify(seen)).not.toContain(ana.id);
    // The stored rows are what every channel renders and the phraser reads: the id is not there either.
    const rows = await t.app.database.prisma.message.findMany({ where: { conversationId: id, author: 'agent' } });
    expect(rows).toHaveLength(3);
    expect(JSON.stringify(rows.map((r) => r.facts))).not.toContain(ana.id);
    // The console still names who wrote what.
    const view = (await ana.conversation(id)).body;
    expect(view.messages.filter((m: any) => m.from === 'agent').map((m: any) => m.agent)).toEqual([{ name: 'Ana Agente' }, { name: 'Ana Agente' }, { name: 'Ana Agente' }]);
    // A row written before this change (with the id) is still shown without it.
    await t.app.database.prisma.message.updateMany({ where: { conversationId: id, author: 'agent', direction: 'out' }, data: { facts: { agent: { id: ana.id, name: 'Ana Agente' } } } });
    expect(JSON.stringify(await debtorMessages(d))).not.toContain(ana.id);
  });
});
