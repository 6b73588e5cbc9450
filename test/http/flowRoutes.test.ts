import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebchatDebtor } from '../helpers/chat.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const NEW_WELCOME = 'Bom dia! Aqui é o assistente da {creditor.name} (CNPJ {creditor.cnpj|cnpj}). Para começarmos com segurança, qual é o CNPJ da sua empresa?';

describe('flows and templates for admins', () => {
  let t: TestApp;
  let published: number;
  let base: { definitionText: string; templates: any };
  const admin = (method: string, path: string, body?: unknown) => t.api(method, path, body, bearer);
  /** Line (1-based) of the first occurrence of `needle` in `text`. */
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  beforeAll(async () => {
    t = await startTestApp();
    const list = await admin('GET', '/api/admin/flows');
    published = list.body.flows[0].publishedVersion;
    const v = await admin('GET', `/api/admin/flows/negotiation/versions/${published}`);
    base = { definitionText: v.body.definitionText, templates: v.body.templates };
  }, 120_000);
  afterAll(async () => t?.close());

  it('lists the flow and shows a version with its templates and a state diagram', async () => {
    const list = await admin('GET', '/api/admin/flows');
    expect(list.body.flows).toEqual([expect.objectContaining({ flowId: 'negotiation', publishedVersion: published, draft: false })]);
    const v = await admin('GET', `/api/admin/flows/negotiation/versions/${published}`);
    expect(v.body.definition.id).toBe('negotiation');
    expect(v.body.templates['pt-BR'].welcome).toContain('{creditor.name}');
    expect(v.body.diagram).toMatch(/^stateDiagram-v2\n/);
    expect(v.body.diagram).toContain('offering --> agreeing : TEXT [choiceIs accept]');
    expect(v.body.diagram).toContain('__any --> escalated : INTENT [intentIs judicial]');
    // The readable diagram's content, in both locales: arrows in words, the whole flow's handlers as a legend.
    const pt = v.body.graph['pt-BR'];
    expect(pt.nodes.map((n: { id: string }) => n.id)).toEqual(Object.keys(v.body.definition.states));
    expect(pt.edges).toContainEqual({ from: 'offering', to: 'agreeing', labels: expect.arrayContaining([expect.stringContaining('“accept”')]) });
    expect(pt.legend).toContainEqual(expect.objectContaining({ to: 'escalated', when: expect.stringContaining('processo judicial') }));
    expect(v.body.graph.en.legend).toContainEqual(expect.objectContaining({ to: 'escalated', when: expect.stringContaining('legal action') }));
    expect((await admin('GET', '/api/admin/flows/nope')).status).toBe(404);
  });

  it('offers the editor every event, condition and action with its params schema and its words in both locales', async () => {
    const r = await admin('GET', '/api/admin/flows/vocabulary');
    expect(r.status).toBe(200);
    const choiceIs = r.body.guards.find((g: any) => g.name === 'choiceIs');
    expect(choiceIs).toMatchObject({ paramsRequired: true, label: { 'pt-BR': 'o devedor escolhe “{id}”', en: 'the debtor picks “{id}”' } });
    expect(choiceIs.params).toMatchObject({ type: 'object', properties: { id: { type: 'string' } }, required: ['id'] });
    const intentIs = r.body.guards.find((g: any) => g.name === 'intentIs');
    expect(intentIs.params.properties.intent.enum).toContain('preferChannel');
    expect(intentIs.values.intent.preferChannel.en).toBe('says which channel they prefer');
    expect(r.body.guards.find((g: any) => g.name === 'hasSignedLink')).toMatchObject({ params: null, paramsRequired: false });
    const actions = Object.fromEntries(r.body.actions.map((a: any) => [a.name, a]));
    expect(actions.rememberCnpj).toMatchObject({ kind: 'assign', params: null, label: { 'pt-BR': 'registra o CNPJ' } });
    expect(actions.say).toMatchObject({ kind: 'effect', paramsRequired: true, params: { required: ['key'] } });
    // escalate's reason may be left out: the schema is the object, and it is not required.
    expect(actions.escalate).toMatchObject({ kind: 'effect', paramsRequired: false, params: { properties: { reason: { type: 'string' } } } });
    expect(actions.savePreferredChannel.label['pt-BR']).toBe('salva o canal preferido do contato');
    expect(r.body.events).toContainEqual({ type: 'TEXT', label: { 'pt-BR': 'quando o devedor escreve', en: 'when the debtor writes' } });
    expect((await t.api('GET', '/api/admin/flows/vocabulary')).status).toBe(401);
  });

  it('refuses a draft with a JSON syntax error, at its line', async () => {
    const text = base.definitionText.replace('"initial": "start",', '"initial": "start"');
    const r = await admin('PUT', '/api/admin/flows/negotiation/draft', { definitionText: text, templates: base.templates });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ line: lineOf(text, '"initial": "start"') + 1, message: expect.stringMatching(/^JSON: /) });
  });

  it('refuses an unknown action and a bad target, each at the line it concerns', async () => {
    const def = JSON.parse(base.definitionText);
    def.states.askCnpj.on.TEXT[0].actions.push({ type: 'transferFunds' });
    def.states.offering.on.TEXT[0].target = 'nowhere';
    const text = JSON.stringify(def, null, 2);
    const r = await admin('PUT', '/api/admin/flows/negotiation/draft', { definitionText: text, templates: base.templates });
    expect(r.status).toBe(422);
    const unknown = r.body.errors.find((e: any) => e.message === 'unknown action "transferFunds"');
    expect(unknown).toMatchObject({ path: 'states.askCnpj.on.TEXT[0].actions[2]', line: lineOf(text, '"type": "transferFunds"') });
    const target = r.body.errors.find((e: any) => e.message === 'unknown state "nowhere"');
    expect(target.line).toBe(lineOf(text, '"target": "nowhere"'));
    expect((await admin('GET', '/api/admin/flows/negotiation')).body.draft).toBeNull();
    // Each issue in the console's languages beside the English message.
    expect(unknown.messages).toEqual({ en: 'unknown action "transferFunds"', 'pt-BR': 'ação desconhecida "transferFunds"' });
    expect(target.messages['pt-BR']).toBe('etapa desconhecida "nowhere"');
  });

  it('refuses a say whose key is not text with a 422 at its line, not a crash', async () => {
    const def = JSON.parse(base.definitionText);
    def.states.askCnpj.on.TEXT[0].actions.push({ type: 'say', params: { key: 7 } });
    const text = JSON.stringify(def, null, 2);
    const r = await admin('PUT', '/api/admin/flows/negotiation/draft', { definitionText: text, templates: base.templates });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([
      {
        path: 'states.askCnpj.on.TEXT[0].actions[2].params.key',
        message: 'say: Invalid input: expected string, received number',
        messages: { en: 'say: Invalid input: expected string, received number', 'pt-BR': 'say: Entrada inválida: esperava um texto, recebeu um número' },
        line: lineOf(text, '"key": 7'),
        column: expect.any(Number),
      },
    ]);
  });

  it('refuses templates with a mistyped fact, a threat or a missing key, naming the template', async () => {
    const templates = structuredClone(base.templates);
    templates['pt-BR']['offer.cash'] = 'Pague {offer.totl|money} até {offer.firstDueDate|date}.';
    templates['pt-BR']['noDebt'] = 'Se não pagar hoje, vamos protestar o nome da sua empresa e acionar a justiça.';
    delete templates.en['welcome'];
    const r = await admin('PUT', '/api/admin/flows/negotiation/draft', { definitionText: base.definitionText, templates });
    expect(r.status).toBe(422);
    const paths = r.body.errors.map((e: any) => e.path);
    expect(paths).toContain('templates.pt-BR.offer.cash');
    expect(paths).toContain('templates.pt-BR.noDebt');
    expect(r.body.errors.some((e: any) => /no template "welcome"/.test(e.message))).toBe(true);
  });

  it('tries a draft in the simulator without touching the published flow or the agents’ queue', async () => {
    const templates = structuredClone(base.templates);
    templates['pt-BR'].welcome = NEW_WELCOME;
    const saved = await admin('PUT', '/api/admin/flows/negotiation/draft', { definitionText: base.definitionText, templates });
    expect(saved.status).toBe(200);
    expect(saved.body.diagram).toMatch(/^stateDiagram-v2/);
    // The draft's readable diagram too, in both locales, as a version's.
    expect(Object.keys(saved.body.graph).sort()).toEqual(['en', 'pt-BR']);
    expect(saved.body.graph['pt-BR'].nodes.map((n: { id: string }) => n.id)).toEqual(Object.keys(JSON.parse(base.definitionText).states));
    expect(saved.body.graph.en.legend).toContainEqual(expect.objectContaining({ to: 'escalated', when: expect.stringContaining('legal action') }));

    const sim = await admin('POST', '/api/admin/flows/negotiation/draft/simulate', {});
    expect(sim.status).toBe(201);
    expect(sim.body.replies[0].text).toMatch(/^Bom dia! Aqui é o assistente da/);
    // The simulator is a web chat session: the public API drives it; asking for a person queues nothing.
    const r = await t.api('POST', `/api/webchat/sessions/${sim.body.sessionId}/messages`, { text: 'quero falar com uma pessoa' });
    expect(r.body.replies.map((x: any) => x.key)).toContain('handoff.notice');
    expect((await admin('GET', '/api/admin/handoffs')).body.handoffs).toEqual([]);

    // A debtor's session still gets the published text.
    const d = new WebchatDebtor(t);
    expect((await d.open())[0]!.text).not.toMatch(/^Bom dia!/);
  });

  it('publishes the draft: new sessions get the new text, sessions under way keep their version', async () => {
    const before = new WebchatDebtor(t);
    await before.open();
    const pub = await admin('POST', '/api/admin/flows/negotiation/publish', { from: 'draft', note: 'friendlier welcome' });
    expect(pub).toMatchObject({ status: 201, body: { version: published + 1, created: true } });
    expect((await admin('GET', '/api/admin/flows/negotiation')).body).toMatchObject({ publishedVersion: published + 1, draft: null });

    const after = new WebchatDebtor(t);
    expect((await after.open())[0]!.text).toMatch(/^Bom dia! Aqui é o assistente da/);
    const conv = await t.app.store.find('webchat', before.sessionId);
    expect(conv!.flowVersion).toBe(published);
    // The session started before goes on with its own version (same flow here, old templates).
    expect((await before.say('oi'))[0]!.text).not.toMatch(/^Bom dia!/);
  });

  it('compares two versions: the changed template, before and after', async () => {
    const d = await admin('GET', `/api/admin/flows/negotiation/diff?from=${published}&to=${published + 1}`);
    expect(d.status).toBe(200);
    expect(d.body.templates).toEqual([{ locale: 'pt-BR', key: 'welcome', before: base.templates['pt-BR'].welcome, after: NEW_WELCOME }]);
    expect(d.body.definition.every((l: any) => l.op === ' ')).toBe(true);
  });

  it('rolls back by publishing the old version again, as a new version', async () => {
    const r = await admin('POST', '/api/admin/flows/negotiation/publish', { fromVersion: published });
    expect(r).toMatchObject({ status: 201, body: { version: published + 2 } });
    const versions = (await admin('GET', '/api/admin/flows/negotiation')).body.versions;
    expect(versions[0]).toMatchObject({ version: published + 2, note: `roll back to version ${published}` });
    const d = new WebchatDebtor(t);
    expect((await d.open())[0]!.text).not.toMatch(/^Bom dia!/);
    const audit = await t.app.database.prisma.auditEvent.findMany({ where: { type: 'flow.published' }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => e.actor).slice(-2)).toEqual(['admin', 'admin']);
  });

  it('keeps agents out', async () => {
    const agent = await ConsoleAgent.create(t, 'Agente Curioso');
    expect((await agent.api('GET', '/api/admin/flows')).status).toBe(403);
    expect((await agent.api('GET', '/api/admin/flows/vocabulary')).status).toBe(403);
    expect((await agent.api('PUT', '/api/admin/flows/negotiation/draft', base)).status).toBe(403);
    expect((await agent.api('POST', '/api/admin/flows/negotiation/publish', { fromVersion: 1 })).status).toBe(403);
    // Nor may they change the limits or the contact rules.
    for (const path of ['/api/admin/policy', '/api/admin/policy/buckets', '/api/admin/contact-policy', '/api/admin/escalation-rules']) {
      expect((await agent.api('GET', path)).status, path).toBe(403);
      expect((await agent.api('PUT', path, {})).status, path).toBe(403);
    }
    expect((await agent.api('POST', '/api/admin/contacts/x/erase')).status).toBe(403);
  });
});
