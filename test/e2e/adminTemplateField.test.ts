// The template field (src/http/public/admin-template-field.js) in real headless Chromium, on the
// admin console logged in: a text rendered with the sample facts and judged by the guardrails as
// the admin types, one check at a time, an answer for an older text never shown, and a failed
// check said plainly without losing the text.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminBrowser, testId as tid } from '../helpers/adminBrowser.js';
import { screenshotPath } from '../helpers/screenshots.js';

const GOOD = 'Podemos fechar hoje: {debt.totalCents|money} à vista, com {offer.discountPercent|percent} de desconto.';
const GOOD_RENDERED = 'Podemos fechar hoje: R$ 12.340,56 à vista, com 10% de desconto.';
const THREAT = 'Se não pagar hoje, vamos protestar o nome da sua empresa.';
const LINK = 'Veja em https://exemplo-golpe.com como pagar a sua fatura.';

/** Mounts the fields in a panel over the page and records what they report. */
async function mount(page: Page) {
  // A string, so that vitest does not rewrite the import() meant for the browser.
  await page.evaluate("import('/admin-template-field.js').then((m) => { window.templateField = m.templateField; })");
  await page.evaluate(() => {
    const w = window as any;
    const templateField = w.templateField;
    w.inputs = [];
    w.checks = [];
    w.previews = [];
    const panel = document.createElement('div');
    panel.setAttribute('data-testid', 'panel');
    Object.assign(panel.style, { position: 'fixed', top: '70px', left: '280px', width: '720px', zIndex: '1000', background: '#fff', padding: '16px', border: '1px solid #ccc', display: 'flex', flexDirection: 'column', gap: '18px' });
    w.pt = templateField({ locale: 'pt-BR', key: 'offer.cash', value: '', onInput: (v: string) => w.inputs.push(v), onCheck: (a: unknown) => w.checks.push(a) });
    w.en = templateField({ locale: 'en', key: 'offer.cash', value: 'You can settle {debt.totalCents|money} today with a discount of {offer.discountPercent|percent}.' });
    panel.append(w.pt.element, w.en.element);
    document.body.append(panel);
    // Every text the pt-BR preview ever shows, to prove a stale answer never reached the screen.
    const preview = w.pt.element.querySelector('[data-testid="template-field-preview"]');
    new MutationObserver(() => w.previews.push(preview.textContent)).observe(preview, { childList: true, characterData: true, subtree: true });
  });
}

describe('the template field with its live preview and verdict', () => {
  let admin: AdminBrowser;
  beforeAll(async () => { admin = await AdminBrowser.start(); }, 120_000);
  afterAll(async () => { await admin?.close(); });

  it('renders as the admin types, names each guardrail problem, and never shows a stale answer', async () => {
    const opened = await admin.open();
    const a = opened.page;
    // Logged in once the top bar names the user.
    await tid(a, 'current-user').waitFor({ timeout: 15_000 });
    /** Every pt-BR check the page sends, with how many were in flight at once; the one whose text has "(lenta)" waits. */
    const sent: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let slowArrived: () => void = () => {};
    const slowSeen = new Promise<void>((r) => { slowArrived = r; });
    let failNext = false;
    await a.route('**/api/admin/flows/templates/check', async (route: Route) => {
      const body = route.request().postDataJSON() as { locale: string; text: string };
      if (body.locale !== 'pt-BR') return route.fallback();
      sent.push(body.text);
      if (failNext) { failNext = false; return route.fulfill({ status: 500, json: { error: 'internal', message: 'boom' } }); }
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (body.text.includes('(lenta)')) { slowArrived(); await new Promise((r) => setTimeout(r, 1_500)); }
        const res = await route.fetch();
        await route.fulfill({ response: res });
      } finally {
        inFlight -= 1;
      }
    });

    await mount(a);
    const panel = tid(a, 'panel');
    const field = panel.locator('[data-testid="template-field"][data-locale="pt-BR"]');
    const en = panel.locator('[data-testid="template-field"][data-locale="en"]');
    const text = field.getByTestId('template-field-text');
    const preview = field.getByTestId('template-field-preview');
    const verdict = field.getByTestId('template-field-verdict');
    const problems = () => field.getByTestId('template-field-problem').evaluateAll((li) => li.map((e) => e.getAttribute('data-check')));
    const ok = () => verdict.getAttribute('data-ok');

    // The label names the locale and the key; the first check (on showing) finds the empty text.
    expect(await panel.getByLabel('pt-BR offer.cash').count()).toBe(1);
    await expect.poll(ok, { timeout: 15_000 }).toBe('false');
    expect(await problems()).toEqual(['text']);
    expect(await en.getByTestId('template-field-verdict').getAttribute('data-ok')).toBe('true');
    expect(await en.getByTestId('template-field-preview').textContent()).toMatch(/^You can settle R\$\s?12,340\.56 today with a discount of 10%\.$/);

    await text.fill(GOOD);
    await expect.poll(ok, { timeout: 15_000 }).toBe('true');
    expect(await preview.textContent()).toBe(GOOD_RENDERED);
    expect(await verdict.textContent()).toBe('ok: pode ser publicado');
    expect(await a.evaluate(() => (window as any).inputs.at(-1))).toBe(GOOD);

    await text.fill('');
    await text.pressSequentially(THREAT, { delay: 5 });
    await expect.poll(ok, { timeout: 15_000 }).toBe('false');
    expect(await problems()).toContain('hostility');
    // A guardrail's problem still shows the text as the debtor would read it.
    expect(await preview.textContent()).toBe(THREAT);
    expect(await field.getByTestId('template-field-problem').first().textContent()).toMatch(/^Ameaça ou pressão: /);
    expect(await text.getAttribute('aria-invalid')).toBe('true');

    await text.fill(LINK);
    await expect.poll(problems, { timeout: 15_000 }).toEqual(['links']);
    await a.screenshot({ path: screenshotPath('template-field') });
    await panel.screenshot({ path: screenshotPath('template-field-panel') });

    // Type fast twice: the first text's answer comes back after the second was typed, and is dropped.
    const checksBefore = sent.length;
    await a.evaluate(() => { (window as any).previews = []; });
    await text.fill('Podemos fechar hoje (lenta): {debt.totalCents|money} à vista, com desconto.');
    await slowSeen;
    await text.fill('');
    await text.pressSequentially(THREAT, { delay: 10 });
    await expect.poll(problems, { timeout: 15_000 }).toContain('hostility');
    expect(sent.slice(checksBefore)).toEqual(['Podemos fechar hoje (lenta): {debt.totalCents|money} à vista, com desconto.', THREAT]);
    expect(maxInFlight).toBe(1);
    const previews: string[] = await a.evaluate(() => (window as any).previews);
    expect(previews.some((p) => p.includes('(lenta)'))).toBe(false);
    expect(await preview.textContent()).toBe(THREAT);

    // The server failing says so, keeps the text, and the next pause checks again.
    failNext = true;
    await text.fill(GOOD);
    await expect.poll(() => verdict.getAttribute('data-state'), { timeout: 15_000 }).toBe('failed');
    expect(await verdict.getAttribute('data-ok')).toBeNull();
    expect(await verdict.textContent()).toBe('Não foi possível verificar agora; o texto continua aqui.');
    expect(await text.inputValue()).toBe(GOOD);
    await text.press('End');
    await text.pressSequentially(' 🙂', { delay: 5 });
    await expect.poll(ok, { timeout: 15_000 }).toBe('true');
    expect(await preview.textContent()).toBe(`${GOOD_RENDERED} 🙂`);

    // The caller's side: setValue checks again without onInput, setError shows under the text, check() answers.
    const inputsBefore = await a.evaluate(() => (window as any).inputs.length);
    await a.evaluate(() => (window as any).pt.setValue('Total: {debt.total|money}.'));
    await expect.poll(() => field.getByTestId('template-field-problem').textContent(), { timeout: 15_000 }).toBe('Texto: fato inexistente "debt.total"');
    expect(await preview.getAttribute('data-empty')).toBe('true');
    expect(await a.evaluate(() => (window as any).inputs.length)).toBe(inputsBefore);
    await a.evaluate(() => (window as any).pt.setError('falta o texto em en'));
    expect(await field.getByTestId('template-field-error').textContent()).toBe('falta o texto em en');
    await a.evaluate(() => (window as any).pt.setError(null));
    expect(await field.getByTestId('template-field-error').isHidden()).toBe(true);
    const answer = await a.evaluate(() => (window as any).pt.check());
    expect(answer).toEqual({ rendered: null, ok: false, problems: ['missing fact "debt.total"'], messages: [{ en: 'missing fact "debt.total"', 'pt-BR': 'fato inexistente "debt.total"' }] });
    // Switching the console to English relabels the field's own words, and the server's (its `messages`).
    await a.locator('#lang button[data-locale="en"]').click();
    expect(await field.getByTestId('template-field-problem').textContent()).toBe('Text: missing fact "debt.total"');
    expect(await en.getByTestId('template-field-verdict').textContent()).toBe('ok: can be published');
    expect(opened.errors).toEqual([]);
  }, 120_000);
});
