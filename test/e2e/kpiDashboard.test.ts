// The KPI dashboard (issue 13) in real headless Chromium against the whole app: an admin logs in
// and lands on it; every figure on the page (each element carries data-kpi="<path>" and
// data-value="<the JSON value>") equals GET /api/admin/kpis for the same query, and so does what
// the charts draw (read from the Chart.js instances, not from pixels); changing the period changes
// the figures, the charts and the address (a reload keeps the period); the figures read in English
// too; no Content-Security-Policy violation on the way.
//
// Known traffic: three debtors on the web chat (two agree, one asks for a person) and two
// payments registered by an admin, one today and one in the middle of last month. The app's clock
// and the browser's are fixed at the instant the test starts, and the browser runs in the
// creditor's time zone, so "this month" means the same days to the page and to the server. (The
// rows' own timestamps are the database's, which is why the fixed instant is the real one.)
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kpis } from '../../src/domain/kpis.js';
import { addDays, todayIn } from '../../src/domain/dates.js';
import { formatMoney } from '../../src/domain/money.js';
import { launchChromium, openPage } from '../helpers/browser.js';
import { WebchatDebtor, seedDebtor } from '../helpers/chat.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { screenshotPath } from '../helpers/screenshots.js';

const ADMIN = { email: 'gerente@example.com', name: 'Gerente', password: 'uma senha bem comprida' };
const BEARER = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const TZ = 'America/Sao_Paulo';
const NOW = new Date();
const TODAY = todayIn(TZ, NOW);
const THIS_MONTH = { from: `${TODAY.slice(0, 8)}01`, to: TODAY };
const LAST_MONTH_END = addDays(THIS_MONTH.from, -1);
const LAST_MONTH = { from: `${LAST_MONTH_END.slice(0, 8)}01`, to: LAST_MONTH_END };

const getPath = (o: unknown, path: string): unknown => path.split('.').reduce<any>((v, k) => (v && typeof v === 'object' ? v[k] : undefined), o);
const squash = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('the KPI dashboard in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock: () => NOW, env: { JOBS_INTERVAL_MS: '3600000' } });
    expect((await t.api('POST', '/api/admin/users', { ...ADMIN, role: 'admin' }, BEARER)).status).toBe(201);
    const agreed: string[] = [];
    for (const path of [['aceito'], ['2', 'aceito'], ['quero falar com uma pessoa']]) {
      const debtor = await seedDebtor(t);
      const d = new WebchatDebtor(t);
      await d.open();
      await d.say(debtor.cnpj);
      expect((await d.say(debtor.invoice)).map((r) => r.key)).toContain('debt.summary');
      for (const text of path) await d.say(text);
      const agreement = d.last().facts.agreement;
      if (agreement) agreed.push(agreement.id);
    }
    expect(agreed).toHaveLength(2);
    const db = t.app.database.prisma;
    const first = await db.installment.findFirstOrThrow({ where: { agreementId: agreed[0]!, n: 1 } });
    const second = await db.installment.findFirstOrThrow({ where: { agreementId: agreed[1]!, n: 1 } });
    const pay = (txid: string, amountCents: number, paidAt: string) => t.api('POST', '/api/admin/payments', { txid, amountCents, paidAt }, BEARER);
    expect((await pay(first.txid, Number(first.amountCents), NOW.toISOString())).status).toBe(201);
    expect((await pay(second.txid, 12_345, `${addDays(LAST_MONTH.from, 14)}T12:00:00-03:00`)).status).toBe(201);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  async function login(path: string) {
    // The 401 of "who is logged in?" before the login is expected: failed loads are not errors here.
    const opened = await openPage(browser, `${t.url}${path}`, { viewport: { width: 1440, height: 2400 }, ignoreFailedLoads: true, timezoneId: TZ });
    contexts.push(opened.context);
    await opened.page.clock.setFixedTime(NOW);
    // Every CSP violation, whatever the console says about it.
    await opened.page.addInitScript(() => {
      (window as any).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as any).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await opened.page.reload();
    await opened.page.getByTestId('login-email').fill(ADMIN.email);
    await opened.page.getByTestId('login-password').fill(ADMIN.password);
    await opened.page.getByTestId('login-submit').click();
    return opened;
  }

  const qs = (p: { from: string; to: string }) => new URLSearchParams(p).toString();
  /** Waits until the page shows (figures and charts drawn) the figures of `query`. */
  const shown = (page: Page, query: string) => page.locator(`[data-testid=dash-result][data-query="${query}"]`).waitFor({ timeout: 20_000 });
  const kpis = async (query: string): Promise<Kpis> => {
    const r = await t.api('GET', `/api/admin/kpis?${query}`, undefined, BEARER);
    expect(r.status).toBe(200);
    return r.body;
  };
  /** What each chart draws: its datasets' data, from the Chart.js instance on its canvas (null: not drawn). */
  const chartData = (page: Page, id: string) =>
    page.evaluate((id) => {
      const canvas = document.querySelector(`canvas[data-testid="chart-${id}"]`);
      const chart = canvas && (window as any).Chart.getChart(canvas);
      return chart ? { labels: chart.data.labels.length, data: chart.data.datasets.map((d: { data: number[] }) => d.data) } : null;
    }, id);

  /** Every figure on the page is the API's value at its path; a few are checked as formatted too. */
  async function expectPageIsApi(page: Page, api: Kpis, locale: 'pt-BR' | 'en' = 'pt-BR') {
    const figures = await page.locator('[data-kpi]').evaluateAll((els) => els.map((e) => ({ path: e.getAttribute('data-kpi')!, value: e.getAttribute('data-value'), text: e.textContent })));
    expect(figures.length).toBeGreaterThan(40);
    for (const f of figures) {
      const v = getPath(api, f.path);
      expect(v, `${f.path} is in the API's answer`).not.toBeUndefined();
      expect(f.value, f.path).toBe(v === null ? '' : String(v));
    }
    const text = (path: string) => squash(figures.find((f) => f.path === path)!.text);
    expect(text('agreements.count')).toBe(String(api.agreements.count));
    expect(text('portfolio.openCents')).toBe(formatMoney(api.portfolio.openCents, locale));
    expect(text('payments.recoveredCents')).toBe(formatMoney(api.payments.recoveredCents, locale));
    const pct = (rate: number) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(Math.round(rate * 10_000) / 100)}%`;
    expect(text('conversations.handoffRate')).toBe(api.conversations.started > 0 ? pct(api.conversations.handoffRate) : '—');
    expect(text('promises.keptRate')).toBe(api.promises.due > 0 ? pct(api.promises.keptRate) : '—');
    expect(text('reach.contactRate')).toBe(api.reach.debtorsNotified > 0 ? pct(api.reach.contactRate) : '—');

    // The charts draw the same numbers.
    expect(await chartData(page, 'series')).toEqual({ labels: api.series.length, data: [api.series.map((p) => p.agreements), api.series.map((p) => p.recoveredCents)] });
    const started = api.funnel[0]!.count;
    expect(await chartData(page, 'funnel')).toEqual(started > 0 ? { labels: 5, data: [api.funnel.map((f) => f.count)] } : null);
    expect(await chartData(page, 'buckets')).toEqual({ labels: api.portfolio.byBucket.length, data: [api.portfolio.byBucket.map((b) => b.openCents)] });
    const reasons = Object.values(api.handoffs.byReason).filter((n) => n > 0).sort((a, b) => b - a);
    expect(await chartData(page, 'handoffs')).toEqual(reasons.length ? { labels: reasons.length, data: [reasons] } : null);
  }

  it('lands on the dashboard with this month; page, charts and API agree; another period changes them; a reload keeps it', async () => {
    const { page, errors, dialogs } = await login('/admin');
    await shown(page, qs(THIS_MONTH));
    expect(await page.getByTestId('nav-dashboard').getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('dash-preset-thisMonth').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('dash-from').inputValue()).toBe(THIS_MONTH.from);
    expect(await page.getByTestId('dash-to').inputValue()).toBe(THIS_MONTH.to);

    const month = await kpis(qs(THIS_MONTH));
    // The traffic of today: three conversations, two agreements, one hand-off, one payment.
    expect(month.conversations.started).toBe(3);
    expect(month.agreements.count).toBe(2);
    expect(month.handoffs.count).toBe(1);
    expect(month.payments.count).toBe(1);
    expect(month.funnel.map((f) => f.count).slice(0, 4)).toEqual([3, 3, 3, 2]);
    await expectPageIsApi(page, month);
    expect(squash(await page.getByTestId('kpi-agreements').locator('[data-kpi]').textContent())).toBe('2');
    await page.screenshot({ path: screenshotPath('kpi-dashboard') });

    // Last month: nothing started then; only the payment of the 15th.
    await page.getByTestId('dash-preset-lastMonth').click();
    await shown(page, qs(LAST_MONTH));
    expect(page.url()).toContain(`#dashboard/${qs(LAST_MONTH)}`);
    const last = await kpis(qs(LAST_MONTH));
    expect(last.agreements.count).toBe(0);
    expect(last.payments).toMatchObject({ count: 1, recoveredCents: 12_345 });
    await expectPageIsApi(page, last);
    expect(await page.getByTestId('chart-empty-funnel').isVisible()).toBe(true);
    expect(squash(await page.getByTestId('kpi-agreements').locator('[data-kpi]').textContent())).toBe('0');

    // A period typed in: both months, and a channel; the address keeps it across a reload.
    const both = { from: LAST_MONTH.from, to: TODAY };
    await page.getByTestId('dash-from').fill(both.from);
    await page.getByTestId('dash-to').fill(both.to);
    await page.getByTestId('dash-apply').click();
    await shown(page, qs(both));
    const together = await kpis(qs(both));
    expect(together.payments.count).toBe(2);
    await expectPageIsApi(page, together);
    await page.getByTestId('dash-channel').selectOption('telegram');
    const telegram = `${qs(both)}&channel=telegram`;
    await shown(page, telegram);
    expect((await kpis(telegram)).agreements.count).toBe(0);
    await expectPageIsApi(page, await kpis(telegram));
    await page.reload();
    await shown(page, telegram);
    expect(await page.getByTestId('dash-channel').inputValue()).toBe('telegram');
    expect(await page.getByTestId('dash-from').inputValue()).toBe(both.from);

    // The other sections still answer to their own hash.
    await page.getByTestId('nav-agreements').click();
    await page.getByTestId('section-agreements').waitFor();
    expect(await page.getByTestId('section-dashboard').isHidden()).toBe(true);

    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
  }, 180_000);

  it('reads in English: amounts as R$1,234.56, the same figures', async () => {
    const { page, errors } = await login(`/admin#dashboard/${qs(THIS_MONTH)}`);
    await shown(page, qs(THIS_MONTH));
    await page.locator('button[data-locale="en"]').click();
    await expect.poll(() => page.getByTestId('nav-dashboard').textContent()).toBe('Dashboard');
    await shown(page, qs(THIS_MONTH));
    await expectPageIsApi(page, await kpis(qs(THIS_MONTH)), 'en');
    expect(await page.getByTestId('chart-funnel').getAttribute('aria-label')).toMatch(/^Funnel of the conversations started: Started 3 \(100%\), Verified 3/);
    await page.locator('button[data-locale="pt-BR"]').click();
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (window as any).cspViolations)).toEqual([]);
  }, 120_000);

  it("links the CSV exports of the same query in the page's language; the KPI sheet downloads and parses", async () => {
    const { page } = await login(`/admin#dashboard/${qs(THIS_MONTH)}`);
    await shown(page, qs(THIS_MONTH));
    for (const what of ['kpis', 'agreements', 'payments', 'handoffs']) {
      expect(await page.getByTestId(`dash-csv-${what}`).getAttribute('href')).toBe(`/api/admin/${what}.csv?${qs(THIS_MONTH)}&lang=pt-BR`);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dash-csv-kpis').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const { parse } = await import('csv-parse/sync');
    const rows: string[][] = parse(readFileSync(await download.path()), { delimiter: ';', bom: true, relax_column_count: true });
    expect(rows[0]).toEqual(['Seção', 'Indicador', 'Data', 'Valor']);
    // The sheet's figures are the page's.
    const month = await kpis(qs(THIS_MONTH));
    const value = (section: string, indicator: string) => rows.find((r) => r[0] === section && r[1] === indicator)?.[3];
    expect(value('Acordos', 'Acordos')).toBe(String(month.agreements.count));
    expect(value('Conversas', 'Iniciadas')).toBe(String(month.conversations.started));
    expect(value('Carteira', 'Em aberto (R$)')).toBe(formatMoney(month.portfolio.openCents, 'pt-BR').replace('R$ ', ''));

    await page.locator('button[data-locale="en"]').click();
    await expect.poll(() => page.getByTestId('dash-csv-kpis').getAttribute('href')).toBe(`/api/admin/kpis.csv?${qs(THIS_MONTH)}&lang=en`);
  }, 120_000);
});
