// The admin console in real headless Chromium against the whole app: an admin edits a template of
// the default flow and publishes it; a web chat session started before keeps its flow version
// while a new one shows the new text; an invalid flow edit is refused with its error at its line.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const ADMIN = { email: 'rosa@example.com', name: 'Rosa Admin', password: 'uma senha bem comprida' };
const DEMO_CNPJ = '11.444.777/0001-61';
const NEW_TEXT = 'Obrigado! Para confirmar que é você, me diga o número de uma nota fiscal em aberto ou o código de acesso do nosso aviso.';

describe('admin console in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    expect((await t.api('POST', '/api/admin/users', { ...ADMIN, role: 'admin' }, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  async function open(path: string, viewport = { width: 1440, height: 1000 }) {
    const opened = await openPage(browser, t.url + path, { viewport, ignoreFailedLoads: true });
    contexts.push(opened.context);
    return opened;
  }
  const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
  const chatBot = (page: Page) => page.locator('#log > li.msg.bot > .bubble');
  async function chatSay(page: Page, text: string) {
    const before = await chatBot(page).count();
    await page.getByRole('textbox', { name: 'Escreva sua mensagem' }).fill(text);
    await page.getByRole('textbox', { name: 'Escreva sua mensagem' }).press('Enter');
    await expect.poll(() => chatBot(page).count(), { timeout: 15_000 }).toBeGreaterThan(before);
    return (await chatBot(page).last().textContent())!;
  }

  async function loginToFlows() {
    const admin = await open('/admin');
    const a = admin.page;
    await tid(a, 'login-email').fill(ADMIN.email);
    await tid(a, 'login-password').fill(ADMIN.password);
    await tid(a, 'login-submit').click();
    await tid(a, 'nav-flows').click();
    await tid(a, 'flow-item').first().waitFor({ timeout: 10_000 });
    // These tests drive the engineers' JSON view; the structured view has its own (adminFlowEditor.test.ts).
    await tid(a, 'tab-json').click();
    await tid(a, 'draft-text').waitFor({ timeout: 10_000 });
    return admin;
  }

  it('publishes an edited template: new sessions get it, a session under way keeps its version', async () => {
    const oldVersion = (await t.api('GET', '/api/admin/flows', undefined, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).body.flows[0].publishedVersion;
    // A debtor who started before the change.
    const before = await open('/chat', { width: 390, height: 800 });
    await chatBot(before.page).first().waitFor({ timeout: 15_000 });

    const admin = await loginToFlows();
    const a = admin.page;
    expect(await a.locator('[data-testid=version-item][data-published=true]').getAttribute('data-version')).toBe(String(oldVersion));
    // The published version's diagram (admin-flow-graph.js), one card per state.
    await a.locator('[data-testid=graph-node][data-state=start]').waitFor({ timeout: 30_000 });
    const row = a.locator('[data-testid=template-row][data-locale="pt-BR"][data-key="identify.askSecondFactor"]');
    await row.locator('[data-testid=template-text]').fill(NEW_TEXT);
    await tid(a, 'publish').click();
    await tid(a, 'publish-note').fill('second factor, friendlier');
    await tid(a, 'confirm-ok').click();
    const published = a.locator(`[data-testid=version-item][data-published=true][data-version="${oldVersion + 1}"]`);
    await published.waitFor({ timeout: 15_000 });

    // A new session shows the new text; the one started before keeps its version's text.
    const after = await open('/chat', { width: 390, height: 800 });
    await chatBot(after.page).first().waitFor({ timeout: 15_000 });
    expect(await chatSay(after.page, DEMO_CNPJ)).toBe(NEW_TEXT);
    const old = await chatSay(before.page, DEMO_CNPJ);
    expect(old).not.toBe(NEW_TEXT);
    expect(old).toMatch(/nota fiscal ou fatura em aberto/);
    const oldSession = await before.page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    expect((await t.app.store.find('webchat', oldSession!))!.flowVersion).toBe(oldVersion);

    expect(admin.dialogs).toEqual([]);
    expect(admin.errors).toEqual([]);
    expect(before.errors).toEqual([]);
    expect(after.errors).toEqual([]);
  }, 120_000);

  it('refuses an invalid flow edit and shows the error at its line', async () => {
    const { page: a, errors } = await loginToFlows();
    // The draft's text arrives after the page: wait for it instead of reading an empty box (a loaded CI machine did).
    await expect.poll(() => tid(a, 'draft-text').inputValue()).toContain('"initial": "start"');
    const text = await tid(a, 'draft-text').inputValue();
    const bad = text.replace('"initial": "start"', '"initial": "nowhere"');
    expect(bad).not.toBe(text);
    // Typed over the word, as an admin would: fill() re-inserts all 32 KB, which a loaded CI machine
    // has taken over a minute to do.
    const at = text.indexOf('"initial": "start"') + '"initial": "'.length;
    await tid(a, 'draft-text').evaluate((el, [from, to]) => { (el as HTMLTextAreaElement).focus(); (el as HTMLTextAreaElement).setSelectionRange(from, to); }, [at, at + 5] as const);
    await a.keyboard.insertText('nowhere');
    expect(await tid(a, 'draft-text').inputValue()).toBe(bad);
    await tid(a, 'draft-save').click();
    const error = tid(a, 'draft-error').first();
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toContain('etapa desconhecida "nowhere"');
    const line = bad.slice(0, bad.indexOf('"initial": "nowhere"')).split('\n').length;
    expect(await error.getAttribute('data-line')).toBe(String(line));
    expect(await a.locator(`[data-testid=draft-gutter-line][data-line="${line}"]`).getAttribute('data-error')).toBe('true');
    // Nothing was saved or published.
    const flow = (await t.api('GET', '/api/admin/flows/negotiation', undefined, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).body;
    expect(flow.draft).toBeNull();
    expect(errors).toEqual([]);
  }, 120_000);

  it('disables an agent, ends their sessions and sets a new password from the users panel', async () => {
    const agent = { email: 'tiago.agente@example.com', name: 'Tiago Agente', role: 'agent', password: 'senha antiga do tiago' };
    const created = await t.api('POST', '/api/admin/users', agent, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(created.status).toBe(201);
    const agentLogin = await t.api('POST', '/api/auth/login', { email: agent.email, password: agent.password });
    const agentCookie = agentLogin.headers.getSetCookie()[0]!.split(';')[0]!;
    const me = () => t.api('GET', '/api/auth/me', undefined, { cookie: agentCookie });
    expect((await me()).status).toBe(200);

    const { page: a, errors } = await open('/admin');
    await tid(a, 'login-email').fill(ADMIN.email);
    await tid(a, 'login-password').fill(ADMIN.password);
    await tid(a, 'login-submit').click();
    await tid(a, 'nav-users').click();
    const row = a.locator(`[data-testid="user-row"][data-user-id="${created.body.user.id}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('[data-testid="user-status"]').textContent()).toBe('Ativa');

    // Disable (after confirming): the agent's session stops working at once.
    await row.locator('[data-testid="user-disable"]').click();
    await a.locator('#confirm-ok').click();
    await expect.poll(() => row.locator('[data-testid="user-status"]').textContent()).toBe('Desativada');
    expect((await me()).status).toBe(401);
    await row.locator('[data-testid="user-enable"]').click();
    await expect.poll(() => row.locator('[data-testid="user-status"]').textContent()).toBe('Ativa');

    // A new password: the old one no longer logs in, the new one does.
    await row.locator('[data-testid="user-reset-password"]').click();
    await row.locator('[data-testid="user-new-password"]').fill('senha nova do tiago');
    await row.locator('[data-testid="user-save-password"]').click();
    await expect.poll(async () => (await t.api('POST', '/api/auth/login', { email: agent.email, password: 'senha nova do tiago' })).status).toBe(200);
    expect((await t.api('POST', '/api/auth/login', { email: agent.email, password: agent.password })).status).toBe(401);

    // End sessions: the session just opened with the new password ends too.
    await a.reload();
    await tid(a, 'nav-users').click();
    await row.locator('[data-testid="user-end-sessions"]').click();
    await a.locator('#confirm-ok').click();
    await expect.poll(async () => (await t.app.database.prisma.session.count({ where: { userId: created.body.user.id } }))).toBe(0);
    expect(errors).toEqual([]);
  }, 90_000);
});
