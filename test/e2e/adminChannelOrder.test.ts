// Where notices go, set in the admin console in real headless Chromium: the creditor's channel
// order (a card of the contact-policy section) reordered with its buttons and saved, and a
// contact's preferred channel chosen on the debtor page, each read back from the API or the
// database with its audit event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_AUTH, AdminBrowser, testId as tid } from '../helpers/adminBrowser.js';
import { seedDebtorWithContact } from '../helpers/debtorWithContact.js';

describe('channel order and preferred channel in the admin console', () => {
  let admin: AdminBrowser;
  beforeAll(async () => { admin = await AdminBrowser.start(); }, 120_000);
  afterAll(async () => { await admin?.close(); });

  it('moves e-mail first and saves the order, showing a refusal next to the list', async () => {
    const opened = await admin.open();
    const a = opened.page;
    await tid(a, 'nav-contact').click();
    const items = tid(a, 'channel-order-item');
    const order = () => items.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-channel')));
    await expect.poll(order, { timeout: 15_000 }).toEqual(['whatsapp', 'email', 'telegram']);
    expect(await items.allTextContents()).toEqual(['1.WhatsApp↑↓', '2.E-mail↑↓', '3.Telegram↑↓']);
    expect(await tid(a, 'channel-order-up-whatsapp').isDisabled()).toBe(true);
    expect(await tid(a, 'channel-order-down-telegram').isDisabled()).toBe(true);

    await tid(a, 'channel-order-up-email').click();
    expect(await order()).toEqual(['email', 'whatsapp', 'telegram']);
    // At the top its up button is disabled, so the keyboard user is left on its down button.
    expect(await a.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('channel-order-down-email');

    // The page only ever sends each channel once; a server that knows another channel would refuse it.
    // The second error is a zod issue as the server words it (`messages` beside the English): the
    // console shows its own language's.
    const refusal = {
      error: 'invalid_body',
      message: 'the channel order is not valid',
      errors: [
        { field: 'order', message: 'must list each of whatsapp, email, telegram, sms once' },
        { field: 'order', message: 'Too big: expected array to have <=4 items', messages: { en: 'Too big: expected array to have <=4 items', 'pt-BR': 'Grande demais: esperava que a lista tivesse <= 4 itens' } },
      ],
    };
    await a.route('**/api/admin/channel-order', (route) => (route.request().method() === 'PUT' ? route.fulfill({ status: 422, json: refusal }) : route.fallback()), { times: 1 });
    await tid(a, 'channel-order-save').click();
    const error = tid(a, 'channel-order-form').locator('[data-error-for="order"]');
    await error.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await error.textContent()).toBe('must list each of whatsapp, email, telegram, sms once Grande demais: esperava que a lista tivesse <= 4 itens');
    expect((await admin.t.api('GET', '/api/admin/channel-order', undefined, ADMIN_AUTH)).body).toEqual({ order: ['whatsapp', 'email', 'telegram'] });

    await tid(a, 'channel-order-save').click();
    await expect.poll(() => tid(a, 'notice').textContent(), { timeout: 15_000 }).toBe('Alterações salvas.');
    expect(await error.isHidden()).toBe(true);
    expect((await admin.t.api('GET', '/api/admin/channel-order', undefined, ADMIN_AUTH)).body).toEqual({ order: ['email', 'whatsapp', 'telegram'] });
    const audit = await admin.t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'channel_order.changed' } });
    expect(audit.data).toMatchObject({ before: { order: ['whatsapp', 'email', 'telegram'] }, after: { order: ['email', 'whatsapp', 'telegram'] } });
    expect(opened.errors).toEqual([]);
  }, 120_000);

  it('sets a contact’s preferred channel to e-mail on the debtor page', async () => {
    const d = await seedDebtorWithContact(admin.t);
    const opened = await admin.open();
    const a = opened.page;
    await tid(a, 'nav-contact').waitFor({ timeout: 15_000 });
    await a.evaluate((id) => { location.hash = `#debtors/${id}`; }, d.debtorId);
    const select = tid(a, 'contact-preferred-channel');
    await select.waitFor({ timeout: 15_000 });
    expect(await select.inputValue()).toBe('');

    await select.selectOption('email');
    await expect.poll(() => tid(a, 'notice').textContent(), { timeout: 15_000 }).toBe('Alterações salvas.');
    const contact = await admin.t.app.database.prisma.contact.findUniqueOrThrow({ where: { id: d.contactId } });
    expect(contact.preferredChannel).toBe('email');
    const audit = await admin.t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'contact.preferred_channel', debtorId: d.debtorId } });
    expect(audit.data).toMatchObject({ contactId: d.contactId, channel: 'email', previous: null, by: 'admin' });
    expect(opened.errors).toEqual([]);
  }, 120_000);
});
