// POST /api/admin/flows/templates/check: one template rendered with the sample facts and judged as
// publishing would judge it, for the flow editor's live preview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

const bearer = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const PATH = '/api/admin/flows/templates/check';

describe('checking one template as the admin types it', () => {
  let t: TestApp;
  const check = (body: unknown) => t.api('POST', PATH, body, bearer);
  const problemsOf = async (locale: string, key: string, text: string) => (await check({ locale, key, text })).body.problems as string[];

  beforeAll(async () => { t = await startTestApp(); }, 120_000);
  afterAll(async () => t?.close());

  it('renders a good text with the sample facts, the amount as money in the locale', async () => {
    const pt = await check({ locale: 'pt-BR', key: 'offer.cash', text: 'Proposta: {debt.totalCents|money} à vista, com {offer.discountPercent|percent} de desconto.' });
    expect(pt.status).toBe(200);
    expect(pt.body).toEqual({ rendered: 'Proposta: R$ 12.340,56 à vista, com 10% de desconto.', ok: true, problems: [], messages: [] });
    const en = await check({ locale: 'en', key: 'offer.cash', text: 'You can pay {debt.totalCents|money} at once, with a discount.' });
    expect(en.body).toMatchObject({ ok: true, problems: [] });
    expect(en.body.rendered).toMatch(/R\$\s?12,340\.56/);
  });

  it('names the guardrail that refuses a threat, a link and the wrong language, and still shows the text', async () => {
    const threat = await check({ locale: 'pt-BR', key: 'noDebt', text: 'Se não pagar hoje, vamos protestar o nome da sua empresa.' });
    expect(threat.status).toBe(200);
    expect(threat.body).toMatchObject({ ok: false, rendered: 'Se não pagar hoje, vamos protestar o nome da sua empresa.' });
    expect(threat.body.problems).toContainEqual(expect.stringMatching(/^hostility: /));
    expect(await problemsOf('pt-BR', 'noDebt', 'Veja em https://exemplo-golpe.com o que fazer.')).toContainEqual(expect.stringMatching(/^links: /));
    expect(await problemsOf('en', 'noDebt', 'Obrigado! Não encontrei pendências em aberto para essa empresa.')).toContainEqual(expect.stringMatching(/^language: /));
  });

  it('says which placeholder is unknown, without a preview', async () => {
    const r = await check({ locale: 'pt-BR', key: 'offer.cash', text: 'Total: {debt.total|money}, ou {divida.total|money}.' });
    expect(r.body).toEqual({
      rendered: null,
      ok: false,
      problems: [expect.stringMatching(/^unknown fact "divida.total"/)],
      messages: [{ en: expect.stringMatching(/^unknown fact "divida.total"/), 'pt-BR': expect.stringMatching(/^fato desconhecido "divida.total"/) }],
    });
    expect((await check({ locale: 'pt-BR', key: 'offer.cash', text: 'Total: {debt.total|money} hoje.' })).body).toEqual({ rendered: null, ok: false, problems: ['missing fact "debt.total"'], messages: [{ en: 'missing fact "debt.total"', 'pt-BR': 'fato inexistente "debt.total"' }] });
  });

  it('does not judge the language of an option label', async () => {
    const text = 'Quero pagar à vista, com o desconto que você me ofereceu.';
    expect((await check({ locale: 'en', key: 'option.accept', text })).body).toEqual({ rendered: text, ok: true, problems: [], messages: [] });
    expect(await problemsOf('en', 'welcomeBack', text)).toContainEqual(expect.stringMatching(/^language: /));
  });

  it('takes emoji as any other character', async () => {
    const text = 'Obrigado pelo retorno! 🙏 O total em aberto é {debt.totalCents|money} 💰.';
    expect((await check({ locale: 'pt-BR', key: 'welcomeBack', text })).body).toEqual({ rendered: 'Obrigado pelo retorno! 🙏 O total em aberto é R$ 12.340,56 💰.', ok: true, problems: [], messages: [] });
  });

  it('refuses a 100 KB text, an unknown locale and extra fields, saying which field', async () => {
    const big = await check({ locale: 'pt-BR', key: 'welcome', text: 'a'.repeat(100_000) });
    expect(big.status).toBe(422);
    // The schema's own words stay English in `message`; `messages` says the limit in Portuguese from zod's locale.
    expect(big.body).toMatchObject({ error: 'invalid_body', errors: [{ field: 'text', message: 'at most 20000 characters', messages: { 'pt-BR': 'Grande demais: esperava que o texto tivesse <= 20000 caracteres' } }] });
    // Longer than a template may be, but short enough to check: a problem, not a refusal.
    expect((await check({ locale: 'pt-BR', key: 'welcome', text: 'a'.repeat(5_000) })).body).toEqual({ rendered: null, ok: false, problems: ['at most 4000 characters'], messages: [{ en: 'at most 4000 characters', 'pt-BR': 'no máximo 4000 caracteres' }] });
    expect((await check({ locale: 'fr', key: 'welcome', text: 'Bonjour' })).body.errors).toEqual([expect.objectContaining({ field: 'locale' })]);
    expect((await check({ locale: 'en', key: 'welcome', text: 'Hello', flowId: 'negotiation' })).status).toBe(422);
    expect((await check({ locale: 'en', key: '', text: 'Hello' })).body.errors).toEqual([expect.objectContaining({ field: 'key' })]);
    expect((await check({ locale: 'en', key: 'k'.repeat(201), text: 'Hello' })).body.errors).toEqual([expect.objectContaining({ field: 'key' })]);
  });

  it('is for admins only', async () => {
    expect((await t.api('POST', PATH, { locale: 'en', key: 'welcome', text: 'Hello' })).status).toBe(401);
    const agent = await ConsoleAgent.create(t, 'Agente Curioso');
    expect((await agent.api('POST', PATH, { locale: 'en', key: 'welcome', text: 'Hello' })).status).toBe(403);
  });
});
