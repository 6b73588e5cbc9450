import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { WebchatDebtor, expectNoDisclosure, expectOfferWithinPolicy, expectValidPix, seedDebtor } from '../helpers/chat.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('e2e/negotiationPaths');

describe.each(DATABASES)('negotiation paths ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (enabled) t = await startTestApp({ db: kind });
  }, 120_000);
  afterAll(async () => t?.close());

  async function verified(amount?: string) {
    const debtor = await seedDebtor(t, amount);
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say(debtor.cnpj);
    const r = await d.say(`nota ${debtor.invoice}`);
    return { d, debtor, r };
  }

  it.skipIf(!enabled)('hands a debt above escalateAboveCents to a person after showing what is open', async () => {
    const { d, r } = await verified('60000.00');
    expect(r.map((x) => x.key)).toEqual(['debt.summary', 'handoff.notice']);
    expect(r.some((x) => x.facts.offer)).toBe(false);
    expect(await d.status()).toMatchObject({ status: 'human', state: 'escalated' });
  });

  it.skipIf(!enabled)('escalates after three misunderstandings in a row', async () => {
    const { d } = await verified();
    expect((await d.say('batata'))[0]!.key).toBe('common.didNotUnderstand');
    expect((await d.say('hmm???'))[0]!.key).toBe('common.didNotUnderstand');
    expect((await d.say('xyz'))[0]!.key).toBe('handoff.notice');
    expect(await d.status()).toMatchObject({ status: 'human' });
  });

  it.skipIf(!enabled)('answers hardship with instalments first', async () => {
    const { d, debtor } = await verified();
    const r = await d.say('o caixa está muito apertado este mês, está difícil');
    expect(r.map((x) => x.key)).toEqual(['offer.hardshipAck', 'offer.installments']);
    expectOfferWithinPolicy(r[1]!.facts.offer, debtor.debtCents, DEFAULT_POLICY);
  });

  it.skipIf(!enabled)('accepts a counter-proposal inside the policy and formalises exactly it', async () => {
    const { d } = await verified('15980.50');
    const r = await d.say('consigo pagar 15.000 à vista');
    expect(r.map((x) => x.key)).toEqual(['counter.accepted', 'offer.cash']);
    expect(r[1]!.facts.offer.totalCents).toBe(1_500_000);
    const done = await d.say('1');
    expect(done[0]!.key).toBe('agreement.term');
    expect(done[0]!.facts.agreement.totalCents).toBe(1_500_000);
    expectValidPix(done[0]!.facts.agreement);
  });

  it.skipIf(!enabled)('counters a greedy proposal with the nearest allowed offer', async () => {
    const { d, debtor } = await verified('15980.50');
    const r = await d.say('pago 12 mil à vista');
    expect(r.map((x) => x.key)).toEqual(['counter.nearest', 'offer.cash']);
    expectOfferWithinPolicy(r[1]!.facts.offer, debtor.debtCents, DEFAULT_POLICY);
    expect(r[1]!.facts.offer.discountPercent).toBe(DEFAULT_POLICY.cash.maxDiscountPercent);
  });

  it.skipIf(!enabled)('counters more instalments than allowed with the most the policy allows', async () => {
    const { d, debtor } = await verified('15980.50');
    const r = await d.say('só consigo em 12 vezes');
    expect(r.map((x) => x.key)).toEqual(['counter.nearest', 'offer.installments']);
    expect(r[1]!.facts.offer.installments).toBeLessThanOrEqual(DEFAULT_POLICY.installments.max);
    expectOfferWithinPolicy(r[1]!.facts.offer, debtor.debtCents, DEFAULT_POLICY);
  });

  it.skipIf(!enabled)('walks the whole ladder, then asks for a proposal, always inside the policy', async () => {
    const { d, debtor, r } = await verified('15980.50');
    const offers = [r[1]!.facts.offer];
    for (let i = 0; i < 6; i++) {
      const next = await d.say('não');
      if (next[0]!.key === 'offer.askProposal') break;
      offers.push(next[0]!.facts.offer);
    }
    expect(d.last().key).toBe('offer.askProposal');
    expect(offers.length).toBeGreaterThanOrEqual(2);
    expect(offers.length).toBeLessThanOrEqual(4);
    for (const o of offers) expectOfferWithinPolicy(o, debtor.debtCents, DEFAULT_POLICY);
    expect(new Set(offers.map((o) => JSON.stringify(o))).size).toBe(offers.length);
  });

  it.skipIf(!enabled)('opts out at once and confirms it', async () => {
    const { d } = await verified();
    const r = await d.say('por favor parem de me mandar mensagens');
    expect(r.map((x) => x.key)).toEqual(['optout.confirmed']);
    expect(await d.status()).toMatchObject({ state: 'optedOut' });
  });

  it.skipIf(!enabled)('answers a first insult courteously and hands a second to a person', async () => {
    const { d } = await verified();
    expect((await d.say('vocês são uns idiotas'))[0]!.key).toBe('common.insult');
    expect((await d.say('bando de palhaços'))[0]!.key).toBe('handoff.notice');
  });

  it.skipIf(!enabled)('speaks English when the session asks for it', async () => {
    const debtor = await seedDebtor(t);
    const d = new WebchatDebtor(t);
    const w = await d.open('en');
    expect(w[0]!.text).toMatch(/^Hello!/);
    expectNoDisclosure(await d.say(`our CNPJ is ${debtor.cnpj}`));
    const r = await d.say(`invoice ${debtor.invoice}`);
    expect(r[1]!.text).toMatch(/^An offer: pay R\$\d/);
    expect(r[1]!.options.map((o) => o.label)).toEqual(['Accept', 'See another option', 'Talk to a person']);
    expect((await d.say('accept'))[0]!.key).toBe('agreement.term');
  });
});
