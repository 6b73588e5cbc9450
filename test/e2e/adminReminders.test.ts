// The admin console's reminder settings form in real headless Chromium: the defaults shown, a
// bad day refused with the API's reason on the field, a change saved as a new version audited as
// the admin who made it.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const ADMIN = { email: 'rita@example.com', name: 'Rita Admin', password: 'uma senha bem comprida' };
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('reminder settings in the admin console', () => {
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

  it('shows the defaults, refuses a late note beyond the grace, saves a change', async () => {
    const opened = await openPage(browser, `${t.url}/admin`, { viewport: { width: 1440, height: 1000 }, ignoreFailedLoads: true });
    contexts.push(opened.context);
    const a = opened.page;
    await tid(a, 'login-email').fill(ADMIN.email);
    await tid(a, 'login-password').fill(ADMIN.password);
    await tid(a, 'login-submit').click();
    await tid(a, 'nav-reminders').click();
    const before = tid(a, 'field-beforeDueDays');
    await before.waitFor({ timeout: 15_000 });
    expect(await before.inputValue()).toBe('3');
    expect(await tid(a, 'field-graceDays').inputValue()).toBe('5');
    expect(await tid(a, 'field-onDueDay').isChecked()).toBe(true);

    await tid(a, 'field-afterDueDays').fill('1, 9');
    await tid(a, 'reminders-save').click();
    const error = a.locator('[data-error-for="afterDueDays"]');
    await error.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await error.textContent()).toMatch(/^deve ser no máximo a carência \(graceDays, 5\)/);
    expect(await t.app.database.prisma.settingVersion.count({ where: { kind: 'reminders' } })).toBe(0);

    await before.fill('7, 3');
    await tid(a, 'field-afterDueDays').fill('1, 9');
    await tid(a, 'field-graceDays').fill('10');
    await tid(a, 'field-onDueDay').uncheck();
    await tid(a, 'reminders-save').click();
    await expect.poll(async () => (await t.api('GET', '/api/admin/reminders', undefined, auth)).body).toEqual({
      beforeDueDays: [3, 7],
      onDueDay: false,
      afterDueDays: [1, 9],
      graceDays: 10,
      renegotiation: { maxPerDebtorPerYear: 2 },
    });
    const user = await t.app.database.prisma.user.findUniqueOrThrow({ where: { email: ADMIN.email } });
    const event = await t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'reminder_settings.changed' } });
    expect(event.actor).toContain(user.id);
    expect(await before.inputValue()).toBe('3, 7');
  }, 120_000);
});
