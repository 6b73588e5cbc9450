// The admin console's identity locks panel in real headless Chromium: a CNPJ locked by three
// failed checks is listed with its debtor, an admin lifts it, and the lift is audited as that admin.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser.js';
import { WebchatDebtor } from '../helpers/chat.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const ADMIN = { email: 'lia@example.com', name: 'Lia Admin', password: 'uma senha bem comprida' };
const DEMO_CNPJ = '11.444.777/0001-61';
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('identity locks in the admin console', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    expect((await t.api('POST', '/api/admin/users', { ...ADMIN, role: 'admin' }, auth)).status).toBe(201);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

  it('lists a locked CNPJ with its debtor and lifts it', async () => {
    const d = new WebchatDebtor(t);
    await d.open();
    for (let i = 0; i < 3; i++) {
      await d.say(DEMO_CNPJ);
      await d.say(`NF ${8000 + i}`);
    }
    expect(d.last().key).toBe('identify.locked');

    const opened = await openPage(browser, `${t.url}/admin`, { viewport: { width: 1440, height: 1000 }, ignoreFailedLoads: true });
    contexts.push(opened.context);
    const a = opened.page;
    await tid(a, 'login-email').fill(ADMIN.email);
    await tid(a, 'login-password').fill(ADMIN.password);
    await tid(a, 'login-submit').click();
    await tid(a, 'nav-identity').click();
    const row = a.locator('[data-testid=identity-lock][data-kind=cnpj]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toContain(DEMO_CNPJ);
    expect(await row.textContent()).toContain('Padaria');

    await row.locator('[data-testid=identity-lift]').click();
    await tid(a, 'confirm-ok').click();
    await tid(a, 'identity-none').waitFor({ timeout: 15_000 });

    expect((await t.api('GET', '/api/admin/identity-locks', undefined, auth)).body.locks).toEqual([]);
    const user = await t.app.database.prisma.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
    const lifted = await t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'identity.unlocked' } });
    expect(lifted.actor).toContain(user.id);
    // The debtor's next message finds the lock gone.
    expect((await d.say('oi'))[0]!.key).toBe('identify.unlocked');
  }, 120_000);
});
