import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium, openPage, type OpenedPage } from './browser.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from './testApp.js';

// What each admin console section's browser test starts from: a test app with an admin user, and
// Chromium pages logged in as that user on /admin. A section's test then only clicks its own nav
// link and drives its own form.

/** The admin API as the tests call it directly (to check what a form saved). */
export const ADMIN_AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** The element with this data-testid. */
export const testId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

export class AdminBrowser {
  private readonly contexts: BrowserContext[] = [];
  private constructor(
    readonly t: TestApp,
    private readonly browser: Browser,
    private readonly admin: { email: string; password: string },
  ) {}

  static async start(admin = { email: 'ana.admin@example.com', name: 'Ana Admin', password: 'uma senha bem comprida' }): Promise<AdminBrowser> {
    const t = await startTestApp();
    expect((await t.api('POST', '/api/admin/users', { ...admin, role: 'admin' }, ADMIN_AUTH)).status).toBe(201);
    return new AdminBrowser(t, await launchChromium(), admin);
  }

  /** A new browser profile on /admin, logged in. Failed loads are not errors: forms expect 422s. */
  async open(): Promise<OpenedPage> {
    const opened = await openPage(this.browser, `${this.t.url}/admin`, { viewport: { width: 1440, height: 1000 }, ignoreFailedLoads: true });
    this.contexts.push(opened.context);
    await testId(opened.page, 'login-email').fill(this.admin.email);
    await testId(opened.page, 'login-password').fill(this.admin.password);
    await testId(opened.page, 'login-submit').click();
    return opened;
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => {});
    await this.browser.close();
    await this.t.close();
  }
}
