// The debtor's web chat page in a real browser (Debian's Chromium via playwright-core) against the
// whole app in-process. Checks what a debtor sees: the negotiation up to PIX cards, message text
// never interpreted as HTML, a reload that keeps the conversation, and the error paths
// (rate limit, rejected text, lost connection with an idempotent retry).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { launchChromium, openPage } from '../helpers/browser.js';
import { pdfTextLines } from '../helpers/pdfText.js';
import { TEST_ADMIN_TOKEN, TEST_AUDIT_CHECKPOINT_SECRET, startTestApp, type TestApp } from '../helpers/testApp.js';
import { linkKeyFrom, signLink } from '../../src/domain/signedLink.js';
import { screenshotPath } from '../helpers/screenshots.js';

const CREDITOR_CNPJ = '11.222.333/0001-81';
const DEMO_CNPJ = '11.444.777/0001-61';
const XSS = '<img src=x onerror=alert(1)>';

/** A valid CNPJ from its first 12 digits (mod-11 check digits), formatted. */
function cnpj(base12: string): string {
  const dv = (digits: string) => {
    let sum = 0;
    let w = digits.length - 7;
    for (const ch of digits) {
      sum += Number(ch) * w;
      w = w === 2 ? 9 : w - 1;
    }
    const r = sum % 11;
    return r < 2 ? '0' : String(11 - r);
  };
  const d = base12 + dv(base12);
  const all = d + dv(d);
  return `${all.slice(0, 2)}.${all.slice(2, 5)}.${all.slice(5, 8)}/${all.slice(8, 12)}-${all.slice(12)}`;
}

// An agreement settles a debtor's open invoices, so each test that needs a debt has its own debtor.
const HANDOFF = { cnpj: cnpj('271934560001'), invoice: 'NF-7001', total: 'R$ 2.345,67' };
const RELOAD = { cnpj: cnpj('318276450001'), invoice: 'NF-8001', total: 'R$ 9.876,54' };


describe('web chat page in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const csv = [
      'cnpj;company_name;invoice;amount;due_date',
      `${HANDOFF.cnpj};Mercearia Boa Vista Ltda;${HANDOFF.invoice};2.345,67;2026-08-20`,
      `${RELOAD.cnpj};Oficina Rota Sul Ltda;${RELOAD.invoice};9.876,54;2026-08-25`,
    ].join('\n');
    const imported = await t.api('POST', '/api/admin/portfolio/import', csv, { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  /** A fresh debtor (own sessionStorage) on a phone-sized screen; collects dialogs and page errors. */
  async function openChat(viewport = { width: 360, height: 740 }) {
    const opened = await openPage(browser, `${t.url}/chat`, { viewport, permissions: ['clipboard-read', 'clipboard-write'] });
    contexts.push(opened.context);
    return opened;
  }

  const input = (page: Page) => page.getByRole('textbox', { name: 'Escreva sua mensagem' });
  const bubbles = (page: Page, from: 'bot' | 'agent' | 'debtor') => page.locator(`#log > li.msg.${from} > .bubble`);
  const allTexts = (page: Page) => page.locator('#log > li.msg > .bubble').allTextContents();

  /** After a poll has run, the page shows exactly the stored conversation: nothing missing, nothing twice. */
  async function expectSameAsServer(page: Page) {
    await page.waitForTimeout(3_500);
    const id = await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    const stored = await t.api('GET', `/api/webchat/sessions/${id}/messages?after=0`);
    expect(stored.status).toBe(200);
    expect(await allTexts(page)).toEqual(stored.body.messages.map((m: { text: string }) => m.text));
  }

  async function say(page: Page, text: string) {
    const botBefore = await bubbles(page, 'bot').count();
    await input(page).fill(text);
    await input(page).press('Enter');
    // Our own bubble shows at once; the bot's answer follows.
    await expect.poll(() => bubbles(page, 'debtor').last().textContent()).toBe(text);
    await expect.poll(() => bubbles(page, 'bot').count(), { timeout: 15_000 }).toBeGreaterThan(botBefore);
  }

  it('negotiates from the welcome to an agreement with PIX cards', async () => {
    const { page, dialogs, errors } = await openChat();
    // Generous on the first page: a freshly installed Chromium's first start can be slow.
    await bubbles(page, 'bot').first().waitFor({ timeout: 45_000 });
    expect(await bubbles(page, 'bot').first().textContent()).toContain(CREDITOR_CNPJ);
    await expect.poll(() => page.title()).toBe('Cordial · Negociação');
    expect(await page.locator('#log').getAttribute('aria-live')).toBe('polite');

    await say(page, DEMO_CNPJ);
    await say(page, 'NF-1001');
    // The debt summary (R$ 12.500,00 + R$ 3.480,50) and an offer with numbered option buttons.
    await expect.poll(() => allTexts(page).then((x) => x.join('\n')), { timeout: 15_000 }).toContain('R$ 15.980,50');
    expect((await allTexts(page)).join('\n')).toContain('Padaria Pão Quente Ltda');
    const offerOptions = page.locator('#log > li.msg.bot').last().locator('button.opt');
    expect(await offerOptions.allTextContents()).toEqual(['1. Aceitar', '2. Ver outra opção', '3. Falar com uma pessoa']);
    for (const b of await offerOptions.all()) expect(await b.isEnabled()).toBe(true);

    await page.getByRole('button', { name: '1. Aceitar' }).click();
    await expect.poll(() => bubbles(page, 'debtor').last().textContent()).toBe('Aceitar');

    const card = page.locator('#log .pix').first();
    await card.waitFor({ timeout: 15_000 });
    const code = await card.locator('textarea.pix-code').inputValue();
    expect(code.startsWith('000201')).toBe(true);
    expect(await card.locator('textarea.pix-code').getAttribute('readonly')).not.toBeNull();
    const amount = (await card.locator('.pix-amount').textContent())!;
    const due = (await card.locator('.pix-due').textContent())!;
    expect(amount).toMatch(/^R\$ \d{1,3}(\.\d{3})*,\d{2}$/);
    expect(due).toMatch(/^Vence em \d{2}\/\d{2}\/\d{4}$/);
    // The card agrees with the server's own wording of the agreement (formatted independently there).
    const term = (await page.locator('#log > li.msg.bot').last().locator('.bubble').textContent())!;
    expect(term).toContain(`1. ${amount} com vencimento em ${due.replace('Vence em ', '')}. PIX copia e cola: ${code}`);
    // And the structured facts behind it.
    const sessionId = await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    const stored = await t.api('GET', `/api/webchat/sessions/${sessionId}/messages?after=0`);
    const agreement = stored.body.messages.find((m: any) => m.facts?.agreement)?.facts.agreement;
    expect(await page.locator('#log .pix').count()).toBe(agreement.installments.length);
    expect(code).toBe(agreement.installments[0].pix);

    // Each instalment's PIX as a QR code image, for paying from a phone while reading on a computer.
    const qr = card.locator('img.pix-qr');
    expect(await qr.getAttribute('alt')).toBe('QR code PIX da parcela 1');
    expect(await qr.getAttribute('src')).toBe(`/api/webchat/sessions/${sessionId}/agreements/${agreement.id}/installments/1/qr.png`);
    await qr.scrollIntoViewIfNeeded();
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
    expect(await page.locator('#log img.pix-qr').count()).toBe(agreement.installments.length);
    // The term as a PDF, downloaded through the link the page shows.
    const link = page.getByRole('link', { name: 'Baixar o termo de acordo (PDF)' });
    expect(await link.getAttribute('href')).toBe(`/api/webchat/sessions/${sessionId}/agreements/${agreement.id}/term.pdf`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`termo-de-acordo-${agreement.id}.pdf`);
    const pdf = pdfTextLines(readFileSync((await download.path())!)).join('\n');
    expect(pdf).toContain(`Termo de acordo nº ${agreement.id}`);
    expect(pdf.replace(/\s+/g, '')).toContain(code.replace(/\s+/g, ''));

    // The old offer's buttons are disabled once answered.
    for (const b of await offerOptions.all()) expect(await b.isDisabled()).toBe(true);

    expect(await card.getByRole('button', { name: 'Copiar código PIX' }).count()).toBe(1);
    const copy = card.locator('button.copy');
    await copy.click();
    await expect.poll(() => copy.textContent()).toContain('Copiado!');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    // Nothing overflows sideways on a 360 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('webchat') });
    await expectSameAsServer(page);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 90_000);

  it('is served under a CSP without unsafe-inline, never framed, and works under it without a violation', async () => {
    for (const path of ['/', '/chat', '/webchat.js', '/webchat.css']) {
      const res = await fetch(t.url + path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
    const html = await (await fetch(`${t.url}/chat`)).text();
    expect(html).not.toMatch(/<script>|<style>|\son[a-z]+=|style="/);

    const opened = await openPage(browser, 'about:blank', { viewport: { width: 360, height: 740 } });
    contexts.push(opened.context);
    const { page, dialogs, errors } = opened;
    // Injected by the browser driver (not subject to the page's CSP): records every violation.
    await page.addInitScript(() => {
      (window as any).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${t.url}/chat`);
    await bubbles(page, 'bot').first().waitFor({ timeout: 30_000 });
    await say(page, DEMO_CNPJ);
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
    // The styles of webchat.css apply (unstyled, the header would be a plain block).
    expect(await page.locator('header.top').evaluate((el) => getComputedStyle(el).display)).toBe('flex');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows markup typed by the debtor as text, never as HTML', async () => {
    const { page, dialogs, errors } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    await say(page, XSS);
    // After a poll (3 s), which fetches the stored copy of the same message, it is still shown once.
    await expectSameAsServer(page);
    expect(await bubbles(page, 'debtor').allTextContents()).toEqual([XSS]);
    expect(await page.locator('#log img').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('shows the hand-off banner and an agent reply that arrives outside a request', async () => {
    const { page, dialogs, errors } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    await say(page, HANDOFF.cnpj);
    await say(page, HANDOFF.invoice);
    await expect.poll(() => allTexts(page).then((x) => x.join('\n'))).toContain(HANDOFF.total);
    const banner = page.getByText('Você está falando com a nossa equipe');
    expect(await banner.isVisible()).toBe(false);
    await page.getByRole('button', { name: '3. Falar com uma pessoa' }).click();
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
    const sessionId = await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    expect((await t.api('GET', `/api/webchat/sessions/${sessionId}`)).body.status).toBe('human');

    // The agent's message is injected into the next poll's answer to test its rendering alone
    // (line breaks, HTML as text); test/e2e/agentConsole.test.ts drives a real agent end to end.
    const agentText = 'Olá, aqui é a Ana da equipe.\n<b>Posso ajudar?</b>';
    let injected = false;
    await page.route(
      (u) => u.pathname.endsWith('/messages'),
      async (route, req) => {
        if (req.method() !== 'GET' || injected) return route.continue();
        injected = true;
        const res = await route.fetch();
        const body = await res.json();
        const maxSeq = Math.max(0, ...body.messages.map((m: any) => m.seq));
        body.messages.push({ seq: maxSeq + 1000, from: 'agent', text: agentText, options: [], key: null, facts: {} });
        return route.fulfill({ response: res, json: body });
      },
    );
    const agent = page.locator('#log > li.msg.agent');
    await expect.poll(() => agent.count(), { timeout: 10_000 }).toBe(1);
    expect(await agent.locator('.who').textContent()).toBe('Atendente');
    expect(await agent.locator('.bubble').textContent()).toBe(agentText);
    expect(await page.locator('#log b').count()).toBe(0);
    // Line breaks in a message show as line breaks.
    expect(await agent.locator('.bubble').evaluate((e) => getComputedStyle(e).whiteSpace)).toBe('pre-wrap');
    await page.waitForTimeout(3_500);
    expect(await agent.count()).toBe(1);
    // Nothing on screen still offers the bot's old choices.
    expect(await page.locator('#log button.opt:enabled').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);

  it('restores the conversation after a reload, without duplicates', async () => {
    const { page, errors } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    await say(page, RELOAD.cnpj);
    const before = await allTexts(page);
    const id = await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    expect(before.length).toBeGreaterThanOrEqual(3);

    await page.reload();
    await expect.poll(() => allTexts(page), { timeout: 15_000 }).toEqual(before);
    expect(await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'))).toBe(id);
    await page.waitForTimeout(3_500);
    expect(await allTexts(page)).toEqual(before);

    // The restored conversation carries on where it was.
    await say(page, RELOAD.invoice);
    await expect.poll(() => allTexts(page).then((x) => x.join('\n'))).toContain(RELOAD.total);
    await expectSameAsServer(page);
    expect(errors).toEqual([]);
  }, 60_000);

  it('starts over with a new session when the stored one no longer exists', async () => {
    const { page } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    await page.evaluate(() => sessionStorage.setItem('cordial.webchat.sessionId', 'no-such-session'));
    await page.reload();
    await expect.poll(() => bubbles(page, 'bot').first().textContent(), { timeout: 15_000 }).toContain(CREDITOR_CNPJ);
    const id = await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    expect(id).not.toBe('no-such-session');
    expect((await t.api('GET', `/api/webchat/sessions/${id}`)).status).toBe(200);
  }, 60_000);

  it('opens an e-mail link (?t=) as a new session that asks only for the CNPJ, and drops the token from the address', async () => {
    const debtor = await t.app.database.prisma.debtor.findFirstOrThrow({ where: { cnpj: RELOAD.cnpj.replace(/\D/g, '') } });
    const token = signLink({ purpose: 'chat', debtorId: debtor.id, contactId: null, expiresAt: Math.floor(Date.now() / 1000) + 3600 }, linkKeyFrom(TEST_AUDIT_CHECKPOINT_SECRET));
    const { page, errors } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    const before = await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    // The same browser follows the link: a new session, even though it had one.
    await page.goto(`${t.url}/?t=${encodeURIComponent(token)}`);
    await expect.poll(() => bubbles(page, 'bot').first().textContent(), { timeout: 15_000 }).toContain('Que bom que você veio pelo nosso e-mail');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'))).not.toBe(before);
    // The CNPJ alone verifies: the debt follows.
    await say(page, RELOAD.cnpj);
    await expect.poll(() => allTexts(page).then((x) => x.join('\n'))).toContain(RELOAD.total);
    // A reload keeps that session (the token is gone; it is not used twice).
    const id = await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    await page.reload();
    await expect.poll(() => allTexts(page).then((x) => x.join('\n')), { timeout: 15_000 }).toContain(RELOAD.total);
    expect(await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'))).toBe(id);
    expect(errors).toEqual([]);
  }, 60_000);

  it('switches to English with a new session', async () => {
    const { page } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    const ptId = await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'));
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(() => bubbles(page, 'bot').first().textContent(), { timeout: 15_000 }).toMatch(/^Hello!/);
    expect(await bubbles(page, 'bot').count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'EN', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByRole('textbox', { name: 'Type your message' }).count()).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem('cordial.webchat.sessionId'))).not.toBe(ptId);
  }, 60_000);

  it('keeps the text and explains a rate limit (429) or a rejected message (422)', async () => {
    const { page } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    let answer: { status: number; headers: Record<string, string>; body: unknown } | null = {
      status: 429,
      headers: { 'retry-after': '7', 'content-type': 'application/json' },
      body: { error: 'rate_limited', message: 'Rate limit exceeded' },
    };
    await page.route(
      (u) => u.pathname.endsWith('/messages'),
      async (route, req) => {
        if (req.method() !== 'POST' || !answer) return route.continue();
        return route.fulfill({ status: answer.status, headers: answer.headers, body: JSON.stringify(answer.body) });
      },
    );
    await input(page).fill('quero negociar');
    await input(page).press('Enter');
    const notice = page.locator('#notice');
    await expect.poll(() => notice.textContent()).toMatch(/Muitas mensagens em pouco tempo; tente novamente em [67] s/);
    expect(await input(page).inputValue()).toBe('quero negociar');
    expect(await bubbles(page, 'debtor').count()).toBe(0);

    answer = { status: 422, headers: { 'content-type': 'application/json' }, body: { error: 'text_too_long', message: 'messages are limited to 4000 characters' } };
    await input(page).press('Enter');
    await expect.poll(() => notice.textContent()).toContain('messages are limited to 4000 characters');
    expect(await input(page).inputValue()).toBe('quero negociar');
    expect(await bubbles(page, 'debtor').count()).toBe(0);

    // Near the limit a counter shows; the field refuses more than 4000 characters.
    await input(page).fill('a'.repeat(3990));
    await expect.poll(() => page.locator('#counter').textContent()).toBe('3990 / 4000');
    await input(page).fill('a'.repeat(4100));
    expect((await input(page).inputValue()).length).toBe(4000);
  }, 60_000);

  it('retries a message lost to the network with the same clientMessageId, and shows it once', async () => {
    const { page } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    const posted: string[] = [];
    let failures = 2;
    await page.route(
      (u) => u.pathname.endsWith('/messages'),
      async (route, req) => {
        if (req.method() !== 'POST') return route.continue();
        posted.push(JSON.parse(req.postData()!).clientMessageId);
        if (failures-- > 0) return route.abort('internetdisconnected');
        return route.continue();
      },
    );
    await input(page).fill(DEMO_CNPJ);
    await input(page).press('Enter');
    await expect.poll(() => page.locator('#notice').textContent()).toBe('Sem conexão, tentando de novo…');
    expect(await bubbles(page, 'debtor').allTextContents()).toEqual([DEMO_CNPJ]);
    await expect.poll(() => bubbles(page, 'bot').count(), { timeout: 15_000 }).toBe(2);
    expect(posted).toHaveLength(3);
    expect(new Set(posted).size).toBe(1);
    expect(posted[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    await expectSameAsServer(page);
    expect(await bubbles(page, 'debtor').allTextContents()).toEqual([DEMO_CNPJ]);
  }, 60_000);
  it('waits out a busy server (503 + Retry-After) and sends the message once, with the same clientMessageId', async () => {
    const { page, errors } = await openChat();
    await bubbles(page, 'bot').first().waitFor({ timeout: 15_000 });
    const posted: string[] = [];
    let shed = 1;
    await page.route(
      (u) => u.pathname.endsWith('/messages'),
      async (route, req) => {
        if (req.method() !== 'POST') return route.continue();
        posted.push(JSON.parse(req.postData()!).clientMessageId);
        // What the server's load shedding answers (src/http/loadShedding.ts).
        if (shed-- > 0) {
          return route.fulfill({ status: 503, headers: { 'retry-after': '2', 'content-type': 'application/json' }, body: JSON.stringify({ error: 'busy', retryAfterSeconds: 2 }) });
        }
        return route.continue();
      },
    );
    await input(page).fill(DEMO_CNPJ);
    await input(page).press('Enter');
    await expect.poll(() => page.locator('#notice').textContent()).toMatch(/^Estamos com muitos atendimentos agora; tentando de novo em [12] s…$/);
    expect(await bubbles(page, 'debtor').allTextContents()).toEqual([DEMO_CNPJ]);
    await expect.poll(() => bubbles(page, 'bot').count(), { timeout: 15_000 }).toBe(2);
    expect(posted).toHaveLength(2);
    expect(new Set(posted).size).toBe(1);
    expect(await page.locator('#notice').isHidden()).toBe(true);
    await expectSameAsServer(page);
    // The browser logs the shed request itself; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
  }, 60_000);
});
