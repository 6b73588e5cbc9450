import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebchatDebtor, seedDebtor } from '../helpers/chat.js';
import { ADMIN_AUTH, AdminBrowser, testId } from '../helpers/adminBrowser.js';
import type { OpenedPage } from '../helpers/browser.js';
import { screenshotPath } from '../helpers/screenshots.js';

// Issue 16, end to end in Chromium: a collection manager adds a step before the first offer
// ("before we talk about values, how is the company's cash this month?") with its text in both
// locales, wires it in with the pickers, sees a wrong wiring refused next to its field, tries it in
// the simulator and publishes — without typing JSON. A conversation started before keeps its
// version; a new one gets the new step.

const PT = 'Antes de falarmos de valores: como está o caixa da empresa este mês?';
const EN = 'Before we talk about amounts: how is the company’s cash this month?';
const KEY = 'negotiation.cashCheck';

const step = (page: Page, name: string): Locator => page.locator(`[data-testid=step-item][data-step="${name}"]`);
const form = (page: Page): Locator => testId(page, 'step-form');
/** Picks by the option's text, as a person reads the list. */
async function pick(select: Locator, label: string | RegExp): Promise<void> {
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
  const found = options.find((o) => (typeof label === 'string' ? o.text === label : label.test(o.text)));
  if (!found) throw new Error(`no option ${String(label)} in ${options.map((o) => o.text).join(' | ')}`);
  await select.selectOption(found.value);
}

describe('the flow editor in a browser (issue 16)', () => {
  let b: AdminBrowser;
  let admin: OpenedPage;

  beforeAll(async () => {
    b = await AdminBrowser.start();
    admin = await b.open();
  }, 60_000);
  afterAll(async () => {
    await b?.close();
  });

  it('adds a step before the first offer with the pickers, simulates it and publishes it; a conversation under way keeps its version', async () => {
    const { t } = b;
    const page = admin.page;
    const debtor = await seedDebtor(t);
    const oldVersion = (await t.api('GET', '/api/admin/flows/negotiation', undefined, ADMIN_AUTH)).body.publishedVersion as number;
    // A debtor who started before the change.
    const before = new WebchatDebtor(t);
    await before.open();
    await before.say(debtor.cnpj);

    await testId(page, 'nav-flows').click();
    await step(page, 'verifying').waitFor({ timeout: 15_000 });
    // The structured view is the one shown; the JSON text is never touched in this test.
    expect(await testId(page, 'steps-pane').isVisible()).toBe(true);
    expect(await testId(page, 'draft-text').isVisible()).toBe(false);
    const jsonAtStart = await testId(page, 'draft-text').inputValue();

    // 1. A new step after "verifying": flagged until something leads to it.
    await testId(page, 'step-new-name').fill('cashCheck');
    await testId(page, 'step-new-waits').fill('how the company’s cash is this month');
    await testId(page, 'step-new-after').selectOption('verifying');
    await testId(page, 'step-add-submit').click();
    await expect.poll(() => form(page).getAttribute('data-step')).toBe('cashCheck');
    await step(page, 'cashCheck').locator('[data-testid=step-unreachable]').waitFor();
    // The list reads in the conversation's order; a step nothing leads to yet comes last.
    const names = async () => testId(page, 'step-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    expect((await names()).slice(0, 2)).toEqual(['*', 'start']);
    expect((await names()).at(-1)).toBe('cashCheck');

    // 2. On arriving it says a new text, written in both locales with the live check.
    await pick(form(page).locator('[data-testid=entry-actions] [data-testid=action-add]'), /^(diz|says)/);
    const keyField = form(page).locator('[data-testid=entry-actions] [data-testid=action][data-action=say] input[data-param=key]');
    await keyField.fill(KEY);
    // Typed, not yet left: already in the draft (the form is not re-drawn under the caret).
    expect(await testId(page, 'draft-text').inputValue()).toContain(`"key": "${KEY}"`);
    await keyField.press('Tab');
    const field = (locale: string) => form(page).locator(`[data-testid=template-field][data-locale="${locale}"][data-key="${KEY}"]`);
    await field('pt-BR').waitFor();
    // A text the guardrails refuse is shown refused as it is typed.
    await field('pt-BR').locator('[data-testid=template-field-text]').fill('Pague hoje ou vamos protestar a empresa e processar vocês.');
    await expect.poll(() => field('pt-BR').locator('[data-testid=template-field-verdict]').getAttribute('data-ok'), { timeout: 10_000 }).toBe('false');
    await field('pt-BR').locator('[data-testid=template-field-text]').fill(PT);
    await field('en').locator('[data-testid=template-field-text]').fill(EN);
    for (const locale of ['pt-BR', 'en']) {
      await expect.poll(() => field(locale).locator('[data-testid=template-field-verdict]').getAttribute('data-ok'), { timeout: 10_000 }).toBe('true');
    }
    expect(await field('pt-BR').locator('[data-testid=template-field-preview]').textContent()).toContain(PT);

    // 3. The way out: when the debtor writes anything, go to the first offer.
    await pick(form(page).locator('[data-testid=event-add]'), /escreve|writes/);
    const row = form(page).locator('[data-testid=event-block][data-event=TEXT] [data-testid=transition]').first();
    await row.locator('[data-testid=transition-target]').selectOption('offering');
    // A wrong wiring: a condition that needs an option id, left without one.
    await pick(row.locator('[data-testid=transition-guard]'), /escolhe|picks/);
    await testId(page, 'draft-save').click();
    const idError = form(page).locator('[data-path="states.cashCheck.on.TEXT[0].guard.params.id"] > [data-role=field-error]');
    await idError.waitFor({ timeout: 10_000 });
    // In the console's language (Portuguese here): the server's `messages`, not zod's English.
    expect(await idError.textContent()).toBe('choiceIs: Obrigatório: esperava um texto');
    // The list above names the step of each error.
    expect(await testId(page, 'draft-error').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^cashCheck · .*choiceIs/)]));
    // Nothing leads to the step yet: said at the step itself, as publishing would refuse it.
    const headError = form(page).locator('.step-head > [data-role=field-error]');
    expect(await headError.textContent()).toBe('nada leva à etapa "cashCheck" a partir de "start"');
    // Switching language says the same errors in English, without saving again.
    await testId(page, 'lang-en').click();
    await expect.poll(() => idError.textContent()).toBe('choiceIs: Invalid input: expected string, received undefined');
    expect(await headError.textContent()).toBe('state "cashCheck" is unreachable from "start"');
    expect(await testId(page, 'draft-error').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^cashCheck · Line \d+, column \d+: choiceIs: Invalid input: expected string/)]));
    await testId(page, 'lang-pt').click();
    await expect.poll(() => headError.textContent()).toBe('nada leva à etapa "cashCheck" a partir de "start"');
    await testId(page, 'steps-pane').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('flow-editor-refused'), fullPage: false });
    expect((await t.api('GET', '/api/admin/flows/negotiation', undefined, ADMIN_AUTH)).body.draft).toBeNull();
    // Fixed: in any case.
    await pick(form(page).locator('[data-testid=event-block][data-event=TEXT] [data-testid=transition-guard]').first(), /^\((em qualquer caso|in any case)\)$/);

    // 4. Wire it in: after identity is confirmed (the branch without escalation), go to cashCheck.
    await step(page, 'verifying').click();
    await expect.poll(() => form(page).getAttribute('data-step')).toBe('verifying');
    const ok = form(page).locator('[data-testid=event-block][data-event="IDENTITY.OK"] [data-testid=transition]');
    expect(await ok.count()).toBe(2);
    await ok.nth(1).locator('[data-testid=transition-target]').selectOption('cashCheck');
    await testId(page, 'draft-save').click();
    await expect.poll(async () => (await t.api('GET', '/api/admin/flows/negotiation', undefined, ADMIN_AUTH)).body.draft !== null, { timeout: 10_000 }).toBe(true);
    expect(await step(page, 'cashCheck').locator('[data-testid=step-unreachable]').count()).toBe(0);
    const order = await names();
    expect(order.indexOf('cashCheck')).toBeGreaterThan(order.indexOf('verifying'));
    expect(order.at(-1)).not.toBe('cashCheck');
    const draft = (await t.api('GET', '/api/admin/flows/negotiation', undefined, ADMIN_AUTH)).body.draft;
    const def = JSON.parse(draft.definitionText);
    expect(def.states.cashCheck).toEqual({
      meta: { waitsFor: 'how the company’s cash is this month' },
      entry: [{ type: 'say', params: { key: KEY } }],
      on: { TEXT: [{ target: 'offering' }] },
    });
    expect(def.states.verifying.on['IDENTITY.OK'][1].target).toBe('cashCheck');
    expect(draft.templates['pt-BR'][KEY]).toBe(PT);
    expect(draft.templates.en[KEY]).toBe(EN);
    await form(page).locator('[data-testid=event-block][data-event="IDENTITY.OK"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('flow-editor'), fullPage: false });

    // 5. The simulator, on the saved draft: the new question comes before the first offer.
    await testId(page, 'simulate').click();
    const log = testId(page, 'sim-log');
    await log.locator('li').first().waitFor({ timeout: 15_000 });
    const simSay = async (text: string) => {
      const n = await log.locator('li').count();
      await testId(page, 'sim-input').fill(text);
      await testId(page, 'sim-send').click();
      await expect.poll(() => log.locator('li').count(), { timeout: 15_000 }).toBeGreaterThan(n + 1);
    };
    await simSay(debtor.cnpj);
    await simSay(debtor.invoice);
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toContain(PT);
    await simSay('Está razoável este mês.');
    await expect.poll(() => log.textContent(), { timeout: 15_000 }).toMatch(/R\$/);

    // 6. Publish.
    await testId(page, 'publish').click();
    await testId(page, 'confirm-ok').click();
    await page.locator(`[data-testid=version-item][data-published=true][data-version="${oldVersion + 1}"]`).waitFor({ timeout: 15_000 });
    // The diagram of the published version shows the new step.
    await page.locator('[data-testid=graph-node][data-state=cashCheck]').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath('flow-editor-published'), fullPage: false });

    // 7. The conversation that began before stays on its version: no cash question.
    const oldReplies = await before.say(debtor.invoice);
    expect(oldReplies.map((r) => r.text).join('\n')).not.toContain(PT);
    expect(oldReplies.some((r) => r.facts?.offer)).toBe(true);
    // A new one in English gets the new step in English, then the offer.
    const after = new WebchatDebtor(t);
    await after.open('en');
    await after.say(debtor.cnpj);
    const newReplies = await after.say(debtor.invoice);
    expect(newReplies.map((r) => r.text)).toContain(EN);
    expect(newReplies.some((r) => r.facts?.offer)).toBe(false);
    const offered = await after.say('Reasonable this month.');
    expect(offered.some((r) => r.facts?.offer)).toBe(true);

    // The JSON view holds the same draft the steps edited, and nobody typed in it.
    expect(jsonAtStart).not.toContain('cashCheck');
    expect(admin.errors).toEqual([]);
    expect(admin.dialogs).toEqual([]);
  }, 180_000);

  it('opens a step from its card in the diagram', async () => {
    const page = admin.page;
    await page.locator('[data-testid=graph-node][data-state=askProposal]').click();
    await expect.poll(() => form(page).getAttribute('data-step')).toBe('askProposal');
    expect(await step(page, 'askProposal').getAttribute('aria-current')).toBe('true');
    // The offer's text varies with its kind: one field per variant, in each locale.
    await step(page, 'offering').click();
    const keys = await form(page).locator('[data-testid=template-field][data-locale=pt-BR]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(keys.slice(0, 2)).toEqual(['offer.cash', 'offer.installments']);
  }, 60_000);

  it('keeps a step’s texts and the Texts table in step, both ways', async () => {
    const page = admin.page;
    await step(page, 'askCnpj').click();
    await expect.poll(() => form(page).getAttribute('data-step')).toBe('askCnpj');
    const inStep = form(page).locator('[data-testid=template-field][data-locale=en][data-key="identify.cnpjInvalid"] [data-testid=template-field-text]');
    const inTable = page.locator('[data-testid=template-row][data-locale=en][data-key="identify.cnpjInvalid"] [data-testid=template-text]');
    await inTable.fill('That CNPJ does not look right. Could you check it?');
    await expect.poll(() => inStep.inputValue()).toBe('That CNPJ does not look right. Could you check it?');
    await inStep.fill('That CNPJ seems to have a typo. Could you send it again?');
    await expect.poll(() => inTable.inputValue()).toBe('That CNPJ seems to have a typo. Could you send it again?');
  }, 60_000);

  it('refuses to delete a step that is still reached, and says from where', async () => {
    const page = admin.page;
    await step(page, 'offering').click();
    await expect.poll(() => form(page).getAttribute('data-step')).toBe('offering');
    await testId(page, 'step-delete').click();
    const refused = testId(page, 'step-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/nextOffer/);
    expect(await step(page, 'offering').count()).toBe(1);
    // Renaming follows every reference: the diagram's arrows and the pickers now name the new step.
    await testId(page, 'step-rename').fill('firstOffer');
    await testId(page, 'step-rename-submit').click();
    await step(page, 'firstOffer').waitFor();
    const json = await testId(page, 'draft-text').inputValue();
    expect(json).not.toContain('"offering"');
    expect(json).toContain('"target": "firstOffer"');
    expect(admin.errors).toEqual([]);
  }, 60_000);

  it('says so when the JSON view holds text that is not a flow, and loses none of it', async () => {
    const page = admin.page;
    await testId(page, 'tab-json').click();
    const broken = `${await testId(page, 'draft-text').inputValue()}\n{ oops`;
    // Typed at the end, as an admin would: fill() would re-insert all 32 KB through the IME path,
    // which took 8–10 s here and over a minute on a loaded CI machine.
    await testId(page, 'draft-text').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText('\n{ oops');
    await testId(page, 'tab-steps').click();
    const said = testId(page, 'steps-unreadable');
    await said.waitFor();
    expect(await said.textContent()).toMatch(/JSON/);
    await testId(page, 'tab-json').click();
    expect(await testId(page, 'draft-text').inputValue()).toBe(broken);
    // JSON, but with parts no flow has (a step that is a number, a list of actions that is not a
    // list): the steps tab says so instead of going blank, and the text is kept as typed.
    const odd = JSON.stringify({ id: 'negotiation', initial: 'start', states: { start: { entry: { type: 'say' }, on: { TEXT: [null, 7] } }, later: 7 } }, null, 2);
    await testId(page, 'draft-text').fill(odd);
    await testId(page, 'tab-steps').click();
    await expect.poll(async () => (await testId(page, 'steps-unreadable').count()) + (await testId(page, 'step-form').count())).toBeGreaterThan(0);
    await testId(page, 'tab-json').click();
    expect(await testId(page, 'draft-text').inputValue()).toBe(odd);
    expect(admin.errors).toEqual([]);
  }, 60_000);
});
