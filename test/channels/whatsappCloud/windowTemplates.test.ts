import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppCloudAdapter } from '../../../src/channels/whatsappCloud/whatsAppCloudAdapter.js';
import { createLogger } from '../../../src/config/logger.js';
import { Pacer } from '../../../src/jobs/pacer.js';
import { startFakeGraph, type FakeGraph } from '../../helpers/fakeGraphServer.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../../helpers/testApp.js';

// Meta's 24-hour customer-service window, end to end through the app's clock: a first notice to a
// contact who never wrote goes as the template the admin mapped, or not at all (recorded why);
// once the debtor writes, the bot answers in free text again.

const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const PHONE = '5511987654321'; // the demo debtor's contact (+55 11 98765-4321)
let now = new Date('2026-11-30T13:00:00Z'); // a Monday, 10:00 in São Paulo
let graph: FakeGraph;
let t: TestApp;

beforeAll(async () => {
  graph = await startFakeGraph();
  const adapter = new WhatsAppCloudAdapter({ token: graph.token, phoneNumberId: graph.phoneNumberId, appSecret: graph.appSecret, verifyToken: graph.verifyToken, apiRoot: graph.apiRoot, logger: createLogger('silent') });
  t = await startTestApp({ adapters: [adapter], pacer: new Pacer({}), clock: () => now });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await graph?.close();
});

const notices = () => t.app.database.prisma.message.findMany({ where: { templateKey: 'notice.first', channel: 'whatsapp' }, orderBy: { createdAt: 'asc' } });

describe("WhatsApp's customer-service window", () => {
  it('refuses a mapping whose parameter is not a fact of its message, or an unknown message', async () => {
    const bad = await t.api('PUT', '/api/admin/whatsapp/templates', { templates: { 'notice.first': { name: 'aviso', language: 'pt_BR', parameters: ['debt.totalCents|money'] } } }, admin);
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(['templates.notice.first.parameters.0: "debt.totalCents|money" is not a fact of notice.first; its text uses creditor.name, creditor.cnpj|cnpj, notice.accessCode']);
    const unknown = await t.api('PUT', '/api/admin/whatsapp/templates', { templates: { 'offer.proposal': { name: 'x', language: 'pt_BR', parameters: [] } } }, admin);
    expect(unknown.status).toBe(422);
    expect((await t.api('PUT', '/api/admin/whatsapp/templates', { templates: {} })).status).toBe(401);
    const listed = await t.api('GET', '/api/admin/whatsapp/templates', undefined, admin);
    expect(listed.body.templates).toEqual({});
    expect(listed.body.messages).toContainEqual({ key: 'notice.first', facts: ['creditor.name', 'creditor.cnpj|cnpj', 'notice.accessCode'] });
  });

  it('does not queue a notice outside the window without a template (no other channel runs here), and says why', async () => {
    // The outbox's own check (a window that closed after the notice was queued) is in outboxSender.test.ts.
    const r = await t.api('POST', '/api/admin/notices', { cnpjs: ['11.444.777/0001-61'] }, admin);
    expect(r.body).toEqual({ queued: 0, skipped: [{ cnpj: '11444777000161', reason: 'whatsapp: the 24-hour window is closed and no approved template is mapped to notice.first' }] });
    await t.app.pipeline.recover();
    expect(await notices()).toEqual([]);
    expect(graph.sent.filter((s) => s.to === PHONE)).toEqual([]);
  });

  it('sends it as the mapped template, its parameters formatted from the facts; a reply reopens free text', async () => {
    const mapping = { 'notice.first': { name: 'cobranca_aviso_inicial', language: 'pt_BR', parameters: ['creditor.name', 'creditor.cnpj|cnpj', 'notice.accessCode'] } };
    expect((await t.api('PUT', '/api/admin/whatsapp/templates', { templates: mapping }, admin)).status).toBe(200);
    expect((await t.api('GET', '/api/admin/whatsapp/templates', undefined, admin)).body.templates).toEqual(mapping);
    const second = await t.api('POST', '/api/admin/notices', { cnpjs: ['11.444.777/0001-61'] }, admin);
    expect(second.body).toEqual({ queued: 1, skipped: [] });
    await t.app.pipeline.recover();
    const notice = (await notices()).at(-1)!;
    expect(notice.delivery).toBe('sent');
    const code = (notice.facts as { notice: { accessCode: string } }).notice.accessCode;
    const sent = graph.sent.filter((s) => s.to === PHONE);
    expect(sent.map((s) => s.body)).toEqual([
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: PHONE,
        type: 'template',
        template: {
          name: 'cobranca_aviso_inicial',
          language: { code: 'pt_BR' },
          components: [{ type: 'body', parameters: ['Distribuidora Exemplo Ltda', '11.222.333/0001-81', code].map((text) => ({ type: 'text', text })) }],
        },
      },
    ]);
    // The debtor answers: inside the window, the bot writes freely.
    expect((await graph.deliver(t.url, graph.messageWebhook({ from: PHONE, id: 'wamid.W1', type: 'text', text: { body: 'Bom dia' } }))).status).toBe(200);
    await t.app.pipeline.recover();
    const after = graph.sent.filter((s) => s.to === PHONE).slice(1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((s) => s.type !== 'template')).toBe(true);
  });
});
