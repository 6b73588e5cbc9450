import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppCloudAdapter } from '../../../src/channels/whatsappCloud/whatsAppCloudAdapter.js';
import { createLogger } from '../../../src/config/logger.js';
import { Pacer } from '../../../src/jobs/pacer.js';
import { ConsoleAgent } from '../../helpers/consoleAgent.js';
import { startFakeGraph, type FakeGraph } from '../../helpers/fakeGraphServer.js';
import { startTestApp, type TestApp } from '../../helpers/testApp.js';

// Meta's statuses, end to end: the bot answers through the fake Graph API, Meta reports what became
// of the answer, and the agent's view of the conversation shows it.

let graph: FakeGraph;
let t: TestApp;
let agent: ConsoleAgent;

beforeAll(async () => {
  graph = await startFakeGraph();
  const adapter = new WhatsAppCloudAdapter({ token: graph.token, phoneNumberId: graph.phoneNumberId, appSecret: graph.appSecret, verifyToken: graph.verifyToken, apiRoot: graph.apiRoot, logger: createLogger('silent') });
  t = await startTestApp({ adapters: [adapter], pacer: new Pacer({}) });
  agent = await ConsoleAgent.create(t, 'Ana Agente');
}, 120_000);
afterAll(async () => {
  await t?.close();
  await graph?.close();
});

async function settle() {
  for (let i = 0; i < 200; i++) {
    if ((await t.app.database.prisma.message.count({ where: { OR: [{ direction: 'in', processedAt: null }, { direction: 'out', delivery: 'pending' }] } })) === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the app did not settle');
}

describe('delivery receipts (WhatsApp Cloud API)', () => {
  it("records Meta's statuses on the bot's messages, in any order, audits a failure, and shows them to agents", async () => {
    const waId = '5511961234567';
    expect((await graph.deliver(t.url, graph.messageWebhook({ from: waId, id: 'wamid.R1', type: 'text', text: { body: 'Bom dia' } }))).status).toBe(200);
    // Agents see conversations that reached them: the debtor asks for a person.
    expect((await graph.deliver(t.url, graph.messageWebhook({ from: waId, id: 'wamid.R2', type: 'text', text: { body: 'quero falar com uma pessoa' } }))).status).toBe(200);
    await settle();
    const answers = graph.sent.filter((s) => s.to === waId);
    const outRows = await t.app.database.prisma.message.findMany({ where: { direction: 'out' }, select: { templateKey: true, delivery: true, lastError: true, author: true } });
    expect(answers.length, JSON.stringify(outRows)).toBeGreaterThan(1);
    const rows = await t.app.database.prisma.message.findMany({ where: { direction: 'out', platformMessageId: { in: answers.map((a) => a.id) } }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.platformMessageId)).toEqual(answers.map((a) => a.id));
    const [first, last] = [answers[0]!.id, answers.at(-1)!.id];
    const at = Math.floor(Date.now() / 1000);
    // "read" arrives before "delivered" for the first answer; the last one fails.
    await graph.deliver(t.url, graph.statusWebhook([{ id: first, status: 'read', timestamp: String(at), recipient_id: waId }]));
    await graph.deliver(t.url, graph.statusWebhook([{ id: first, status: 'delivered', timestamp: String(at - 5), recipient_id: waId }]));
    await graph.deliver(t.url, graph.statusWebhook([{ id: last, status: 'failed', timestamp: String(at), recipient_id: waId, errors: [{ code: 131026, title: 'Message undeliverable' }] }]));
    const conversationId = rows[0]!.conversationId;
    const view = await agent.api('GET', `/api/agent/conversations/${conversationId}`);
    expect([view.status, view.status === 200 ? null : view.body]).toEqual([200, null]);
    const receipts = (view.body.messages as { from: string; receipt: { status: string; error: string | null } | null }[]).filter((m) => m.from === 'bot').map((m) => m.receipt);
    expect(receipts[0]).toMatchObject({ status: 'read', error: null });
    expect(receipts.at(-1)).toMatchObject({ status: 'failed', error: '131026 Message undeliverable' });
    const audited = await t.app.database.prisma.auditEvent.findMany({ where: { type: 'message.receipt_failed', conversationId } });
    expect(audited.map((e) => e.data)).toEqual([{ messageId: rows.at(-1)!.id, error: '131026 Message undeliverable' }]);
  }, 60_000);
});
