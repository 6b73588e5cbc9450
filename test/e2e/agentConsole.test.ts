// The agent console and the debtor's web chat, both in real headless Chromium (Debian's chromium via
// playwright-core) against the whole app: a debtor escalates, an agent logs in, claims, replies
// (the reply reaches the debtor's page), hands back, and the bot answers the debtor again.
// Debtor text that looks like HTML stays text on both screens.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits, formatCnpj } from '../../src/domain/cnpj.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { launchChromium, openPage } from '../helpers/browser.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const XSS = '<img src=x onerror=alert(1)>';
const DEBTOR = { cnpj: formatCnpj(`271934570001${cnpjCheckDigits('271934570001')}`), invoice: 'NF-9001', company: 'Torrefação Serra Azul Ltda' };
const AGENT = { email: 'ana@example.com', name: 'Ana Souza', password: 'uma senha bem comprida' };


describe('agent console with a debtor in the web chat, in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // Inside agents' hours whenever the suite runs: on the wall clock, in the evening, the desk
    // queues its "a person answers from 08:00" notice and the debtor's message is not the last one.
    // The app clock runs from a Wednesday 14:00 in São Paulo at the wall clock's pace.
    const started = Date.now();
    t = await startTestApp({ clock: () => new Date(Date.parse('2026-12-02T17:00:00Z') + (Date.now() - started)) });
    const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const csv = `cnpj;company_name;invoice;amount;due_date\n${DEBTOR.cnpj};${DEBTOR.company};${DEBTOR.invoice};4.321,00;2026-08-20\n`;
    expect((await t.api('POST', '/api/admin/portfolio/import', csv, { ...bearer, 'content-type': 'text/csv' })).status).toBe(200);
    expect((await t.api('POST', '/api/admin/users', { ...AGENT, role: 'agent' }, bearer)).status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  // The console's login page gets a 401 from /api/auth/me by design: failed loads are not errors here.
  async function open(path: string, viewport: { width: number; height: number }) {
    const opened = await openPage(browser, t.url + path, { viewport, ignoreFailedLoads: true });
    contexts.push(opened.context);
    return opened;
  }

  let escalated = '';
  const chatInput = (page: Page) => page.getByRole('textbox', { name: 'Escreva sua mensagem' });
  const bubbles = (page: Page, from: 'bot' | 'agent' | 'debtor') => page.locator(`#log > li.msg.${from} > .bubble`);
  async function say(page: Page, text: string, expectBot = true) {
    const botBefore = await bubbles(page, 'bot').count();
    await chatInput(page).fill(text);
    await chatInput(page).press('Enter');
    await expect.poll(() => bubbles(page, 'debtor').last().textContent()).toBe(text);
    if (expectBot) await expect.poll(() => bubbles(page, 'bot').count(), { timeout: 15_000 }).toBeGreaterThan(botBefore);
  }

  it('escalate → claim → reply reaches the debtor → hand back → the bot answers again', async () => {
    // The debtor identifies and asks for a person.
    const debtor = await open('/chat', { width: 390, height: 800 });
    const d = debtor.page;
    await bubbles(d, 'bot').first().waitFor({ timeout: 15_000 });
    await say(d, DEBTOR.cnpj);
    await say(d, DEBTOR.invoice);
    await say(d, 'quero falar com uma pessoa');
    await expect.poll(() => d.getByText('Você está falando com a nossa equipe').isVisible(), { timeout: 10_000 }).toBe(true);
    const sessionId = await d.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    const conversationId = (await t.app.store.find('webchat', sessionId!))!.id;
    escalated = conversationId;

    // The agent logs in and finds it in the queue.
    const agent = await open('/console', { width: 1280, height: 900 });
    const a = agent.page;
    await a.getByTestId('login-email').fill(AGENT.email);
    await a.getByTestId('login-password').fill(AGENT.password);
    await a.getByTestId('login-submit').click();
    const item = a.locator(`[data-testid="queue-item"][data-conversation-id="${conversationId}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.getByTestId('queue-debtor').textContent()).toContain(DEBTOR.company);
    expect(await item.getAttribute('data-status')).toBe('pending');

    // While a person holds it, the debtor writes something that looks like HTML; the agent sees text, live.
    await say(d, `Oi ${XSS}`, false);
    await item.getByTestId('claim').click();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
    const agentMessages = a.getByTestId('messages').getByTestId('message');
    await expect.poll(() => agentMessages.last().getByTestId('message-text').textContent(), { timeout: 10_000 }).toBe(`Oi ${XSS}`);
    expect(await a.getByTestId('messages').locator('img').count()).toBe(0);
    expect(await a.getByTestId('identity-banner').getAttribute('data-verified')).toBe('true');

    // The agent replies; the reply appears in the debtor's page (the page polls for it).
    const reply = 'Olá! Aqui é a Ana. Vi o seu caso e já volto com uma condição.';
    await a.getByTestId('reply-text').fill(reply);
    await a.getByTestId('reply-send').click();
    await expect.poll(() => bubbles(d, 'agent').last().textContent().catch(() => null), { timeout: 15_000 }).toBe(reply);
    expect(await d.locator('#log img').count()).toBe(0);

    // An offer past the policy is refused next to its field, in the console's language, with the
    // policy's limit written as the agent reads it; nothing reaches the debtor.
    const botBeforeOffer = await bubbles(d, 'bot').count();
    await a.getByTestId('offer-kind').selectOption('cash');
    await a.getByTestId('offer-discount').fill(String(DEFAULT_POLICY.cash.maxDiscountPercent + 5));
    await a.getByTestId('offer-submit').click();
    const discountError = a.getByTestId('offer-error-discountPercent');
    await discountError.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await discountError.textContent()).toBe(`deve estar entre 0 e ${String(DEFAULT_POLICY.cash.maxDiscountPercent).replace('.', ',')} %`);
    expect(await a.getByTestId('offer-discount').getAttribute('aria-invalid')).toBe('true');
    expect(await bubbles(d, 'bot').count()).toBe(botBeforeOffer);

    // The debtor's answer reaches the console live (server-sent events), and the bot stays silent.
    const botBefore = await bubbles(d, 'bot').count();
    await say(d, 'Obrigado, fico no aguardo', false);
    await expect.poll(() => agentMessages.last().getByTestId('message-text').textContent(), { timeout: 10_000 }).toBe('Obrigado, fico no aguardo');
    expect(await bubbles(d, 'bot').count()).toBe(botBefore);

    // Hand back: the bot resumes with a recap and an offer, and answers the debtor's next message.
    await a.getByTestId('handback').click();
    await a.getByTestId('confirm-ok').click();
    await expect.poll(async () => (await t.api('GET', `/api/webchat/sessions/${sessionId}`)).body.status, { timeout: 10_000 }).toBe('bot');
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => bubbles(d, 'bot').count(), { timeout: 15_000 }).toBeGreaterThan(botBefore);
    expect((await bubbles(d, 'bot').allTextContents()).join('\n')).toContain('Retomando a nossa negociação');
    await say(d, 'quero ver outra opção');
    const last = (await bubbles(d, 'bot').last().textContent())!;
    expect(last).toMatch(/R\$\s?[\d.]+,\d{2}/);

    expect(debtor.dialogs).toEqual([]);
    expect(agent.dialogs).toEqual([]);
    expect(debtor.errors).toEqual([]);
    expect(agent.errors).toEqual([]);
  }, 120_000);

  it("shows what the platform reported about a sent message: read, or not delivered and why", async () => {
    expect(escalated).not.toBe('');
    const db = t.app.database.prisma;
    const sent = await db.message.findMany({ where: { conversationId: escalated, direction: 'out', delivery: 'sent', author: { in: ['bot', 'agent'] } }, orderBy: { seq: 'asc' } });
    expect(sent.length).toBeGreaterThan(1);
    const [read, failed] = [sent[0]!, sent.at(-1)!];
    // As a platform's statuses leave them (recorded by the store: test/storage/contract, test/channels/whatsappCloud).
    await db.message.update({ where: { id: read.id }, data: { receipt: 'read', receiptAt: new Date() } });
    await db.message.update({ where: { id: failed.id }, data: { receipt: 'failed', receiptAt: new Date(), receiptError: '131026 Message undeliverable' } });
    const { page, errors } = await open(`/console#conversation=${escalated}`, { width: 1280, height: 900 });
    await page.getByTestId('login-email').fill(AGENT.email);
    await page.getByTestId('login-password').fill(AGENT.password);
    await page.getByTestId('login-submit').click();
    const message = (seq: number) => page.locator(`[data-testid="message"][data-seq="${seq}"]`);
    await expect.poll(() => message(read.seq).getByTestId('message-receipt').textContent().catch(() => null), { timeout: 15_000 }).toBe('lida');
    expect(await message(failed.seq).getByTestId('message-receipt').textContent()).toBe('não entregue: 131026 Message undeliverable');
    expect(await message(failed.seq).getByTestId('message-receipt').getAttribute('class')).toBe('receipt-failed');
    expect(errors).toEqual([]);
  }, 60_000);

  it('refuses a wrong password with a message and keeps the console closed', async () => {
    const { page, errors } = await open('/console', { width: 1280, height: 900 });
    await page.getByTestId('login-email').fill(AGENT.email);
    await page.getByTestId('login-password').fill('senha errada');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('queue').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);

  it('switches the console to English', async () => {
    const { page } = await open('/console', { width: 1280, height: 900 });
    await page.getByTestId('lang-en').click();
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toMatch(/log in|sign in/i);
    await page.getByTestId('lang-pt').click();
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toMatch(/entrar/i);
  }, 60_000);
});
