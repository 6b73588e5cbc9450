import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's Chromium driven by playwright-core (.ci/run installs it): `npx playwright install` cannot
// download browsers here, so the tests use the system's.
export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium (.ci/run does this)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Every alert/confirm/prompt (an alert would mean injected script ran); each is dismissed. */
  dialogs: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
}

/**
 * A page in its own browser profile. `ignoreFailedLoads`: Chromium logs every 4xx as a console
 * error ("Failed to load resource"), which pages that expect a 401 or 422 should not count.
 * `timezoneId`: the browser's time zone (its "today"), else the machine's.
 */
export async function openPage(
  browser: Browser,
  url: string,
  opts: { viewport: { width: number; height: number }; permissions?: string[]; ignoreFailedLoads?: boolean; timezoneId?: string },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: opts.viewport, locale: 'pt-BR', permissions: opts.permissions, timezoneId: opts.timezoneId });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !(opts.ignoreFailedLoads && m.text().startsWith('Failed to load resource'))) errors.push(m.text());
  });
  if (process.env.DEBUG_BROWSER) {
    page.on('request', (r) => console.log('req', r.method(), r.url()));
    page.on('response', (r) => console.log('res', r.status(), r.url()));
    page.on('requestfailed', (r) => console.log('failed', r.url(), r.failure()?.errorText));
  }
  await page.goto(url);
  return { context, page, dialogs, errors };
}
