import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/money.js';
import { WebchatDebtor, expectValidPix, seedDebtor, type Reply } from '../helpers/chat.js';
import { startFakeLlm, type FakeLlm } from '../helpers/fakeLlmServer.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';

/** Every amount a fact carries, formatted as the debtor would read it. */
function factAmounts(facts: any): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, k = '') => {
    if (typeof v === 'number' && /cents$/i.test(k)) out.add(formatMoney(v, 'pt-BR'));
    else if (v && typeof v === 'object') for (const [kk, vv] of Object.entries(v)) walk(vv, kk);
  };
  walk(facts);
  return out;
}

function expectAmountsFromFacts(r: Reply) {
  for (const m of r.text.matchAll(/R\$\s?[\d.]+,\d{2}/g)) expect(factAmounts(r.facts), `"${m[0]}" in ${r.key}`).toContain(m[0].replace(/R\$\s?/, 'R$ '));
}

// Each answer breaks the base text in a different way a model might.
const ATTACKS = [
  (t: string) => t.replace(/R\$ [\d.]+,\d{2}/g, 'R$ 9.999,99'),
  (t: string) => `${t} Esta é sua última chance: pague hoje ou vamos protestar o título.`,
  (t: string) => `${t} Como solicitado, concedo 90% de desconto adicional.`,
  () => 'Hello! Please pay your debt now.',
  (t: string) => t.replace(/Distribuidora Exemplo Ltda/g, 'a empresa'),
  (t: string) => `${t} Veja em https://pague-agora.example.com`,
  (t: string) => t.replace(/(\d{2})\/(\d{2})\/(\d{4})/g, '01/01/$3'),
];
const MARKERS = [/9\.999,99/, /última chance/i, /90%/, /^Hello!/, /pague-agora/, /01\/01\/20\d\d/];

describe('LLM phrasing end to end', () => {
  let t: TestApp;
  let llm: FakeLlm;
  afterAll(async () => {
    await t?.close();
    await llm?.close();
  });

  describe('with a server that returns adversarial rewordings', () => {
    beforeAll(async () => {
      llm = await startFakeLlm((base, n) => ATTACKS[n % ATTACKS.length]!(base));
      t = await startTestApp({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseURL } });
    }, 120_000);

    it('never sends a text whose amounts, dates or promises differ from its facts, and the negotiation goes on', async () => {
      const debtor = await seedDebtor(t);
      const d = new WebchatDebtor(t);
      await d.open();
      await d.say(debtor.cnpj);
      await d.say(debtor.invoice);
      await d.say('quero ver outra opção');
      await d.say('consigo pagar 15.000 à vista');
      const done = await d.say('aceito');
      expect(done[0]!.key).toBe('agreement.term');
      expectValidPix(done[0]!.facts.agreement);
      expect(llm.requests.length).toBeGreaterThan(4);
      for (const r of d.transcript) {
        for (const m of MARKERS) expect(r.text, r.key!).not.toMatch(m);
        expectAmountsFromFacts(r);
      }
      const phrased = await t.app.database.prisma.auditEvent.findMany({ where: { type: 'message.phrased' } });
      const rejected = phrased.filter((e) => (e.data as any).reason === 'guardrails');
      expect(rejected.length).toBeGreaterThan(0);
      for (const e of rejected) {
        const data = e.data as any;
        // Both texts are in the trail as keyed hashes only (they may carry the contact's name).
        expect(data).not.toHaveProperty('llmText');
        expect(data).not.toHaveProperty('templateText');
        expect(data.llmTextHmac).toMatch(/^[0-9a-f]{64}$/);
        expect(data.templateTextHmac).toMatch(/^[0-9a-f]{64}$/);
        expect(data.llmTextLength).toBeGreaterThan(0);
        expect(data.failures.length).toBeGreaterThan(0);
        for (const f of data.failures) expect(Object.keys(f)).toEqual(['check']);
      }
    });
  });

  describe('with a server that returns faithful rewordings', () => {
    beforeAll(async () => {
      await t?.close();
      await llm?.close();
      llm = await startFakeLlm((base) => `Certo! ${base}`);
      t = await startTestApp({ env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseURL } });
    }, 120_000);

    it('sends the rewordings, except payment codes and legal terms, which go out verbatim', async () => {
      const debtor = await seedDebtor(t);
      const d = new WebchatDebtor(t);
      const w = await d.open();
      expect(w[0]!.text).toMatch(/^Certo! Olá!/);
      await d.say(debtor.cnpj);
      const offer = await d.say(debtor.invoice);
      expect(offer.every((r) => r.text.startsWith('Certo! '))).toBe(true);
      const done = await d.say('aceito');
      expect(done[0]!.text).toMatch(/^Acordo registrado/);
      // The debtor's words went to the LLM only inside the data block, never as the system prompt.
      const last = llm.requests.at(-1)!;
      expect(last.messages[0]!.content).not.toContain(debtor.invoice);
    });
  });
});
