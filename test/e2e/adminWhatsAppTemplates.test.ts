// The admin console's WhatsApp templates section in real headless Chromium: every proactive
// message listed unmapped with the facts its text uses, a parameter that is not one of them
// refused with the API's reason next to that parameter's field, the fixed mapping saved and read
// back from the API, the other messages left unmapped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROACTIVE_TEMPLATE_KEYS } from '../../src/domain/whatsappTemplates.js';
import { ADMIN_AUTH, AdminBrowser, testId as tid } from '../helpers/adminBrowser.js';

describe('WhatsApp templates in the admin console', () => {
  let admin: AdminBrowser;
  beforeAll(async () => { admin = await AdminBrowser.start(); }, 120_000);
  afterAll(async () => { await admin?.close(); });

  it('maps notice.first to a template, refusing a parameter its text does not use next to that parameter', async () => {
    const opened = await admin.open();
    const a = opened.page;
    await tid(a, 'nav-whatsapp-templates').click();

    const name = tid(a, 'field-templates.notice.first.name');
    await name.waitFor({ timeout: 15_000 });
    for (const key of PROACTIVE_TEMPLATE_KEYS) expect(await tid(a, `wa-saved-${key}`).textContent(), key).toBe('sem template');
    const notice = tid(a, 'wa-message-notice.first');
    expect(await notice.locator('legend').textContent()).toBe('Primeiro aviso de cobrança');
    expect(await notice.locator('code').allTextContents()).toEqual(['notice.first', 'creditor.name', 'creditor.cnpj|cnpj', 'notice.accessCode']);
    expect(await tid(a, 'field-templates.notice.first.language').inputValue()).toBe('pt_BR');

    await name.fill('cobranca_aviso_inicial');
    await tid(a, 'wa-add-notice.first').click();
    const first = tid(a, 'field-templates.notice.first.parameters.0');
    await first.fill('debt.totalCents|money');
    await tid(a, 'wa-templates-save').click();
    const error = a.locator('[data-error-for="templates.notice.first.parameters.0"]');
    await error.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await error.textContent()).toBe('"debt.totalCents|money" is not a fact of notice.first; its text uses creditor.name, creditor.cnpj|cnpj, notice.accessCode');
    expect(await first.getAttribute('aria-invalid')).toBe('true');
    expect(await admin.t.app.database.prisma.settingVersion.count({ where: { kind: 'whatsappTemplates' } })).toBe(0);

    await first.fill('creditor.name');
    await tid(a, 'wa-add-notice.first').click();
    await tid(a, 'field-templates.notice.first.parameters.1').fill('notice.accessCode');
    await tid(a, 'wa-templates-save').click();
    const mapping = { 'notice.first': { name: 'cobranca_aviso_inicial', language: 'pt_BR', parameters: ['creditor.name', 'notice.accessCode'] } };
    await expect.poll(async () => (await admin.t.api('GET', '/api/admin/whatsapp/templates', undefined, ADMIN_AUTH)).body.templates).toEqual(mapping);
    await expect.poll(() => tid(a, 'wa-saved-notice.first').textContent()).toBe('cobranca_aviso_inicial · pt_BR');
    expect(await tid(a, 'wa-saved-reminder.before').textContent()).toBe('sem template');
    expect(await error.isHidden()).toBe(true);
    expect(opened.errors).toEqual([]);
  }, 120_000);
});
