// Agreements in real headless Chromium against the whole app: the admin console's list with its
// filters (all, due this week, late, broken, a status), one agreement's instalments and payments
// with links to the debtor and the conversation, the unmatched payments list and assigning one;
// and the agents' console's agreement panel and its "register payment" form, through the real
// payment routes. The browser's clock is fixed (Monday 2026-12-07) so "this week" is a known range.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser.js';
import { seedAgreement, type SeededAgreement } from '../helpers/agreementRows.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const ADMIN = { email: 'rita@example.com', name: 'Rita Admin', password: 'uma senha bem comprida' };
const TODAY = new Date('2026-12-07T12:00:00-03:00');

describe('agreements in the admin and agent consoles, in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  // a: active, an instalment partly paid this week; b: broken with a late instalment;
  // c: active, due later; e: settled; sim: a simulator run, never shown.
  let a: SeededAgreement, b: SeededAgreement, c: SeededAgreement, e: SeededAgreement, sim: SeededAgreement;

  beforeAll(async () => {
    t = await startTestApp();
    expect((await t.api('POST', '/api/admin/users', { ...ADMIN, role: 'admin' }, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(201);
    const db = t.app.database.prisma;
    const creditorId = (await db.creditor.findFirstOrThrow()).id;
    a = await seedAgreement(db, { creditorId, schedule: [{ dueDate: '2026-11-10', amountCents: 100_000 }, { dueDate: '2026-12-10', amountCents: 100_000 }, { dueDate: '2027-01-10', amountCents: 100_000 }] });
    b = await seedAgreement(db, { creditorId, status: 'broken', schedule: [{ dueDate: '2026-11-20', amountCents: 50_000 }, { dueDate: '2026-12-20', amountCents: 50_000 }] });
    c = await seedAgreement(db, { creditorId, schedule: [{ dueDate: '2026-12-25', amountCents: 40_000 }] });
    e = await seedAgreement(db, { creditorId, status: 'settled', schedule: [{ dueDate: '2026-10-01', amountCents: 20_000 }] });
    sim = await seedAgreement(db, { creditorId, status: 'simulated', schedule: [{ dueDate: '2026-12-08', amountCents: 1_000 }] });
    // Payments through the write routes, as they arrive in production: a PIX paid the first
    // instalment, an admin registered part of the second, and a bank export brought one whose
    // txid matches nothing (kept as unmatched).
    const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    expect((await t.api('POST', '/api/admin/payments', { txid: a.installments[0]!.txid, amountCents: 100_000, paidAt: '2026-11-09T15:30:00Z' }, bearer)).status).toBe(201);
    expect((await t.api('POST', '/api/admin/payments', { txid: a.installments[1]!.txid, amountCents: 30_000, paidAt: '2026-12-01T13:00:00Z', note: 'comprovante por e-mail' }, bearer)).status).toBe(201);
    const imported = await t.api('POST', '/api/admin/payments/import', 'txid,amount,paid_at\nNOMATCH123,"123,45",2026-12-02T09:00:00Z\n', { ...bearer, 'content-type': 'text/csv' });
    expect(imported.body).toMatchObject({ unmatched: 1 });
    // The daily pass would have found b's first instalment late and the agreement broken; e paid.
    await db.installment.update({ where: { agreementId_n: { agreementId: b.id, n: 1 } }, data: { status: 'late' } });
    await db.agreement.update({ where: { id: b.id }, data: { brokenOn: '2026-11-26' } });
    await db.installment.update({ where: { agreementId_n: { agreementId: e.id, n: 1 } }, data: { status: 'paid', paidCents: 20_000n, paidAt: new Date('2026-10-01T12:00:00.000Z') } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => {});
    await browser?.close();
    await t?.close();
  });

  async function login(path: string): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
    const opened = await openPage(browser, `${t.url}${path}`, { viewport: { width: 1440, height: 1000 }, ignoreFailedLoads: true });
    contexts.push(opened.context);
    await opened.page.clock.setFixedTime(TODAY);
    await opened.page.getByTestId('login-email').fill(ADMIN.email);
    await opened.page.getByTestId('login-password').fill(ADMIN.password);
    await opened.page.getByTestId('login-submit').click();
    return opened;
  }
  const rowIds = (page: Page) => page.locator('[data-testid=agreement-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agreement-id')));

  it('lists agreements next due first and filters them: due this week, late, broken, by status', async () => {
    const { page, errors, dialogs } = await login('/admin#agreements');
    await page.getByTestId('agreements-table').waitFor({ timeout: 15_000 });
    // The simulator's agreement is never listed; the settled one (nothing to collect) comes last.
    await expect.poll(() => rowIds(page)).toEqual([b.id, a.id, c.id, e.id]);
    const first = page.locator(`[data-testid=agreement-row][data-agreement-id="${a.id}"]`);
    expect(await first.getByTestId('agreement-next-due').textContent()).toBe('Parcela 2 · 10/12/2026');
    expect((await first.textContent())!.replace(/\s/g, ' ')).toContain('R$ 700,00');

    await page.getByTestId('agreements-quick-week').click();
    await expect.poll(() => rowIds(page)).toEqual([a.id]);
    expect(await page.getByTestId('agreements-due-from').inputValue()).toBe('2026-12-07');
    expect(await page.getByTestId('agreements-due-to').inputValue()).toBe('2026-12-13');
    expect(await page.getByTestId('agreements-quick-week').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('agreements-quick-late').click();
    await expect.poll(() => rowIds(page)).toEqual([b.id]);
    await page.getByTestId('agreements-quick-broken').click();
    await expect.poll(() => rowIds(page)).toEqual([b.id]);
    expect(await page.locator('[data-testid=agreement-row] [data-testid=agreement-status]').textContent()).toBe('rompido');

    await page.getByTestId('agreements-status').selectOption('settled');
    await page.getByTestId('agreements-run').click();
    await expect.poll(() => rowIds(page)).toEqual([e.id]);
    await page.getByTestId('agreements-status').selectOption('renegotiated');
    await page.getByTestId('agreements-run').click();
    await page.getByTestId('agreements-none').waitFor();

    await page.getByTestId('agreements-quick-all').click();
    await expect.poll(() => rowIds(page)).toEqual([b.id, a.id, c.id, e.id]);
    expect(await rowIds(page)).not.toContain(sim.id);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  }, 120_000);

  it('shows one agreement: instalments with what was paid, payments, links to the debtor and the conversation', async () => {
    const { page, errors } = await login('/admin#agreements');
    await page.locator(`[data-testid=agreement-row][data-agreement-id="${a.id}"] [data-testid=agreement-open]`).click();
    const detail = page.getByTestId('agreement-detail');
    await detail.waitFor({ timeout: 15_000 });
    expect(await detail.getAttribute('data-agreement-id')).toBe(a.id);
    expect(await page.getByTestId('agreement-total').textContent()).toMatch(/R\$\s3\.000,00/);
    expect(await page.getByTestId('agreement-paid').textContent()).toMatch(/R\$\s1\.300,00/);
    expect(await page.getByTestId('agreement-remaining').textContent()).toMatch(/R\$\s1\.700,00/);
    const insts = page.getByTestId('agreement-instalment');
    expect(await insts.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['paid', 'open', 'open']);
    expect((await page.getByTestId('instalment-paid').allTextContents()).map((s) => s.replace(/\s/g, ' '))).toEqual(['R$ 1.000,00', 'R$ 300,00', 'R$ 0,00']);
    const payments = page.getByTestId('agreement-payment');
    expect(await payments.count()).toBe(2);
    expect(await payments.nth(1).textContent()).toContain('comprovante por e-mail');
    expect(await payments.nth(0).textContent()).toContain('registro manual');
    expect(await page.getByTestId('agreement-conversation-link').getAttribute('href')).toBe(`/console#conversation=${a.conversationId}`);
    // The term PDF, downloaded with the admin's own session.
    const termHref = await page.getByTestId('agreement-term-link').getAttribute('href');
    expect(termHref).toBe(`/api/admin/agreements/${a.id}/term.pdf`);
    const pdf = await page.evaluate(async (href) => {
      const r = await fetch(href!);
      return { status: r.status, type: r.headers.get('content-type'), head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) };
    }, termHref);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });

    // The broken one shows when it broke.
    await page.goto(`${t.url}/admin#agreements/${b.id}`);
    await expect.poll(() => page.getByTestId('agreement-detail').getAttribute('data-agreement-id'), { timeout: 15_000 }).toBe(b.id);
    expect(await page.getByTestId('agreement-detail').textContent()).toContain('26/11/2026');
    expect(await page.getByTestId('agreement-no-payments').isVisible()).toBe(true);

    await page.getByTestId('agreement-debtor-link').click();
    await expect.poll(() => page.getByTestId('debtor-view').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => page.url()).toContain(`#debtors/${b.debtorId}`);
    // And from the debtor's page back to the agreement.
    await page.locator('[data-testid=debtor-agreements] [data-testid=agreement-link]').click();
    await expect.poll(() => page.getByTestId('agreement-detail').getAttribute('data-agreement-id'), { timeout: 15_000 }).toBe(b.id);
    await expect.poll(() => page.getByTestId('agreement-detail').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it('lists the unmatched payments and assigns one to an instalment', async () => {
    const { page, errors } = await login('/admin#payments');
    const row = page.locator('[data-testid=payment-row][data-status=unmatched]');
    await row.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('payment-row').count()).toBe(1);
    expect(await row.textContent()).toContain('NOMATCH123');
    expect((await row.textContent())!.replace(/\s/g, ' ')).toContain('R$ 123,45');
    await row.getByTestId('payment-assign').click();
    // Nothing is sent without an agreement and an instalment.
    await page.getByTestId('assign-submit').click();
    await expect.poll(() => page.getByTestId('assign-error').textContent()).toBe('Informe o ID do acordo e o número da parcela.');
    // An agreement that does not exist: the route says so, nothing changes.
    await page.getByTestId('assign-agreement').fill('NAO-EXISTE');
    await page.getByTestId('assign-n').fill('1');
    await page.getByTestId('assign-submit').click();
    await expect.poll(() => page.getByTestId('assign-error').textContent()).toBe('Acordo, parcela ou pagamento não encontrado. Confira o ID do acordo e o número da parcela.');

    await page.getByTestId('assign-agreement').fill(c.id);
    await page.getByTestId('assign-n').fill('1');
    await page.getByTestId('assign-submit').click();
    await page.getByTestId('payments-none').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('payments-none').textContent()).toBe('Nenhum pagamento sem parcela.');
    const got = await t.api('GET', `/api/admin/agreements/${c.id}`, undefined, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(got.body.agreement.installments[0]).toMatchObject({ n: 1, paidCents: 12_345, status: 'open' });
    expect(got.body.agreement.payments).toEqual([expect.objectContaining({ txid: 'NOMATCH123', amountCents: 12_345, status: 'applied', installmentN: 1 })]);

    await page.getByTestId('payments-status').selectOption('');
    await page.getByTestId('payments-run').click();
    await expect.poll(() => page.getByTestId('payment-row').count()).toBe(3);
    expect(errors).toEqual([]);
  }, 120_000);

  it('shows the agreement panel in the agents’ console and registers a payment typed as 1.234,56 (exact cents)', async () => {
    const { page, errors } = await login(`/console#conversation=${a.conversationId}`);
    const panel = page.locator(`[data-testid=agreement-panel] [data-testid=agreement][data-agreement-id="${a.id}"]`);
    await panel.waitFor({ timeout: 15_000 });
    expect(await panel.getByTestId('agreement-status').textContent()).toBe('ativo');
    expect((await panel.getByTestId('agreement-paid').textContent())!.replace(/\s/g, ' ')).toBe('Pago R$ 1.300,00 de R$ 3.000,00');
    expect(await panel.getByTestId('agreement-counts').textContent()).toBe('1 paga · 0 atrasadas · 2 em aberto');
    expect((await panel.getByTestId('installment-paid').allTextContents()).map((s) => s.replace(/\s/g, ' '))).toEqual(['R$ 1.000,00', 'R$ 300,00', 'R$ 0,00']);

    // The instalments a payment can go to: the unpaid ones, with what is left of each.
    const options = await page.getByTestId('payment-txid').locator('option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent!.replace(/\s/g, ' ')]));
    expect(options).toEqual([
      [a.installments[1]!.txid, 'Parcela 2 · 10/12/2026 · falta R$ 700,00'],
      [a.installments[2]!.txid, 'Parcela 3 · 10/01/2027 · falta R$ 1.000,00'],
    ]);

    // A wrong amount is caught on the page: nothing is sent.
    const before = await t.app.database.prisma.payment.count();
    await page.getByTestId('payment-amount').fill('12,3,4');
    await page.getByTestId('payment-submit').click();
    await expect.poll(() => page.getByTestId('payment-error-amount').textContent()).toBe('Valor inválido (ex.: 1.234,56).');
    expect(await t.app.database.prisma.payment.count()).toBe(before);

    // "1.234,56" is 123456 cents, read from its digits; the instant is the browser's local time.
    await page.getByTestId('payment-amount').fill('1.234,56');
    await page.getByTestId('payment-paid-at').fill('2026-12-07T10:30');
    await page.getByTestId('payment-note').fill('depósito identificado');
    await page.getByTestId('payment-submit').click();
    await expect.poll(() => page.getByTestId('notice').textContent().catch(() => ''), { timeout: 15_000 }).toContain('registrado na parcela 2');
    const paidAt = await page.evaluate(() => new Date('2026-12-07T10:30').toISOString());
    const recorded = await t.app.database.prisma.payment.findFirstOrThrow({ where: { note: 'depósito identificado' } });
    expect({ txid: recorded.txid, amountCents: recorded.amountCents, paidAt: recorded.paidAt.toISOString(), source: recorded.source, status: recorded.status }).toEqual({
      txid: a.installments[1]!.txid, amountCents: 123_456n, paidAt, source: 'manual', status: 'applied',
    });
    expect(await page.getByTestId('payment-amount').inputValue()).toBe('');
    // The panel shows the agreement as the ledger now has it: 700,00 completed instalment 2, the rest went to 3.
    await expect.poll(() => panel.getByTestId('agreement-counts').textContent(), { timeout: 15_000 }).toBe('2 pagas · 0 atrasadas · 1 em aberto');
    expect((await panel.getByTestId('agreement-paid').textContent())!.replace(/\s/g, ' ')).toBe('Pago R$ 2.534,56 de R$ 3.000,00');
    expect((await panel.getByTestId('installment-paid').allTextContents()).map((x) => x.replace(/\s/g, ' '))).toEqual(['R$ 1.000,00', 'R$ 1.000,00', 'R$ 534,56']);
    const options2 = await page.getByTestId('payment-txid').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options2).toEqual([a.installments[2]!.txid]);
    expect(errors).toEqual([]);
  }, 120_000);
});
