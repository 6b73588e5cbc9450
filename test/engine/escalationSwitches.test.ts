import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { cashOffer } from '../../src/domain/offer.js';
import { buildMachine } from '../../src/engine/buildMachine.js';
import { DEFAULT_FLOW_RULES, initialContext, type FlowEvent, type FlowRules } from '../../src/engine/flowContext.js';
import type { PersistedSnapshot, TurnUnit } from '../../src/engine/ports.js';
import { runTurn } from '../../src/engine/runTurn.js';
import { toFlowEvent } from '../../src/engine/toFlowEvent.js';
import { understand } from '../../src/engine/understanding/understand.js';
import { validateFlow } from '../../src/engine/validateFlow.js';
import { loadTemplates } from '../../src/phrasing/templates.js';

// The admin's escalation switches (src/domain/escalationRules.ts) as the default flow reads them,
// and where the bot resumes after a hand-back.

const templates = loadTemplates();
const creditor = { name: 'Credora', cnpj: '11222333000181', lateFeePercent: 2, monthlyInterestPercent: 1 };
const parsed = validateFlow(JSON.parse(readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error('default flow invalid');
const machine = buildMachine(parsed.flow);
const TODAY = '2026-11-23';
const NOW = new Date('2026-11-23T13:00:00Z');
const DEBT = { debtorId: 'd1', companyName: 'Padaria', totalCents: 100_000, invoices: [{ number: 'NF1001', amountCents: 100_000, dueDate: '2026-09-10' }] };

function unit(log: string[], debtCents = 100_000): TurnUnit {
  return {
    async verifyIdentity() {
      return { ok: true, policy: DEFAULT_POLICY, debt: { ...DEBT, totalCents: debtCents, invoices: [{ ...DEBT.invoices[0]!, amountCents: debtCents }] } };
    },
    async identityLock() {
      return { locked: false };
    },
    async verifyPhone() {
      return { ok: false as const, unknown: true as const };
    },
    async agreementInForce() {
      return undefined;
    },
    async renegotiationTerms() {
      return { ok: false as const, reason: 'not_in_force' as const };
    },
    async recordOffer() {},
    async createAgreement({ offer }) {
      return { id: 'AC1', totalCents: offer.totalCents, installments: offer.schedule.map((s) => ({ ...s, pix: 'PIX' })) };
    },
    async escalate(reason) {
      log.push(`escalate ${reason}`);
    },
    async optOut() {},
    async savePreferredChannel() {},
    async audit() {},
  };
}

const text = (t: string) => toFlowEvent(understand(t, { locale: 'pt-BR', today: TODAY, options: [] }), TODAY, NOW);

/** A conversation driven turn by turn with the given rules. */
function conversation(rules: FlowRules, debtCents?: number) {
  const log: string[] = [];
  let snapshot: PersistedSnapshot | null = null;
  const u = unit(log, debtCents);
  return {
    log,
    get snapshot() {
      return snapshot;
    },
    async send(event: FlowEvent, r: FlowRules = rules) {
      const out = await runTurn({ machine, snapshot, initial: initialContext('pt-BR'), event, unit: u, creditor, templates, now: NOW, timeZone: 'America/Sao_Paulo', inboundMessageId: 'in', rules: r });
      snapshot = out.snapshot;
      return out;
    },
    async verified() {
      await this.send({ type: 'START' });
      await this.send(text('11.444.777/0001-61'));
      return this.send(text('NF 1001'));
    },
  };
}

describe('escalation switches', () => {
  it('hands off at the n-th insult the admin chose, and never when it is 0', async () => {
    for (const [limit, escalatesAt] of [
      [1, 1],
      [2, 2],
      [3, 3],
      [0, null],
    ] as const) {
      const c = conversation({ ...DEFAULT_FLOW_RULES, insultsBeforeHandoff: limit });
      await c.verified();
      let at: number | null = null;
      for (let i = 1; i <= 4 && at === null; i++) {
        const out = await c.send(text('vocês são uns idiotas'));
        if (out.escalated) at = i;
        else expect(out.messages.map((m) => m.templateKey)).toEqual(['common.insult']);
      }
      expect(at, `limit ${limit}`).toBe(escalatesAt);
    }
  });

  it('counts misunderstandings in a row up to the admin’s threshold', async () => {
    const c = conversation({ ...DEFAULT_FLOW_RULES, misunderstandingsBeforeHandoff: 5 });
    await c.verified();
    for (let i = 1; i <= 4; i++) expect((await c.send(text('batata'))).escalated).toBe(false);
    const fifth = await c.send(text('batata'));
    expect(fifth.escalated).toBe(true);
    expect(c.log).toEqual(['escalate misunderstanding']);
  });

  it('reads the rules of the current turn, not those the conversation started with', async () => {
    const c = conversation({ ...DEFAULT_FLOW_RULES, insultsBeforeHandoff: 0 });
    await c.verified();
    expect((await c.send(text('idiota'))).escalated).toBe(false);
    expect((await c.send(text('idiota'), { ...DEFAULT_FLOW_RULES, insultsBeforeHandoff: 1 })).escalated).toBe(true);
  });

  it('negotiates a debt above escalateAboveCents when the admin switched that rule off', async () => {
    const big = DEFAULT_POLICY.escalateAboveCents + 100;
    const on = conversation(DEFAULT_FLOW_RULES, big);
    expect((await on.verified()).escalated).toBe(true);
    const off = conversation({ ...DEFAULT_FLOW_RULES, debtAboveThreshold: false }, big);
    const out = await off.verified();
    expect(out.escalated).toBe(false);
    expect(out.messages.map((m) => m.templateKey)).toEqual(['debt.summary', 'offer.cash']);
  });

  it('keeps a receipt without a person when the payment-proof rule is off', async () => {
    const media: FlowEvent = { type: 'MEDIA', mediaType: 'photo', today: TODAY, now: NOW.toISOString() };
    const on = conversation(DEFAULT_FLOW_RULES);
    await on.verified();
    expect((await on.send(media)).escalated).toBe(true);
    const off = conversation({ ...DEFAULT_FLOW_RULES, paymentProof: false });
    await off.verified();
    const out = await off.send(media);
    expect(out.escalated).toBe(false);
    expect(out.messages.map((m) => m.templateKey)).toEqual(['media.proofKept']);
  });
});

describe('hand-back', () => {
  async function escalatedConversation() {
    const c = conversation(DEFAULT_FLOW_RULES);
    await c.verified();
    await c.send(text('quero falar com uma pessoa'));
    expect(c.snapshot!.value).toBe('escalated');
    return c;
  }

  it('resumes on the debt as it is now, with a recap and a fresh first offer', async () => {
    const c = await escalatedConversation();
    const now = { ...DEBT, totalCents: 80_000, invoices: [{ ...DEBT.invoices[0]!, amountCents: 80_000 }] };
    const out = await c.send({ type: 'HANDBACK', today: TODAY, debt: now, policy: DEFAULT_POLICY });
    expect(out.state).toBe('offering');
    expect(out.messages.map((m) => m.templateKey)).toEqual(['handoff.resumed', 'offer.cash']);
    expect(out.messages[0]!.facts).toMatchObject({ debt: { totalCents: 80_000 } });
    expect((out.messages[1]!.facts.offer as { totalCents: number }).totalCents).toBeLessThanOrEqual(80_000);
  });

  it('leads with the agent’s offer when it is inside the policy, and ignores it when it is not', async () => {
    const agentOffer = cashOffer(100_000, 10, '2026-11-30');
    let out = await (await escalatedConversation()).send({ type: 'HANDBACK', today: TODAY, debt: DEBT, policy: DEFAULT_POLICY, offer: agentOffer });
    expect(out.messages[1]!.facts.offer).toMatchObject({ totalCents: 90_000, discountPercent: 10 });
    const greedy = cashOffer(100_000, 50, '2026-11-30');
    out = await (await escalatedConversation()).send({ type: 'HANDBACK', today: TODAY, debt: DEBT, policy: DEFAULT_POLICY, offer: greedy });
    expect((out.messages[1]!.facts.offer as { totalCents: number }).totalCents).toBeGreaterThan(50_000);
  });

  it('shows the agreement in force when nothing is open any more', async () => {
    const c = await escalatedConversation();
    const agreement = { id: 'AC9', totalCents: 90_000, installments: [{ n: 1, dueDate: '2026-11-30', amountCents: 90_000, pix: 'PIX' }], standing: 'onTrack' as const };
    const out = await c.send({ type: 'HANDBACK', today: TODAY, agreement });
    expect(out.state).toBe('existingAgreement');
    // The agreement, then where it stands (the status message by standing).
    expect(out.messages.map((m) => m.templateKey)).toEqual(['agreement.existing', 'agreement.status.onTrack']);
  });

  it('says there is nothing open when the debt was settled meanwhile', async () => {
    const out = await (await escalatedConversation()).send({ type: 'HANDBACK', today: TODAY });
    expect(out.state).toBe('noDebt');
  });

  it('resumes from any state (a turn that failed may have left it anywhere)', async () => {
    const c = conversation(DEFAULT_FLOW_RULES);
    await c.verified();
    expect(c.snapshot!.value).toBe('offering');
    const out = await c.send({ type: 'HANDBACK', today: TODAY, debt: DEBT, policy: DEFAULT_POLICY });
    expect(out.messages.map((m) => m.templateKey)).toEqual(['handoff.resumed', 'offer.cash']);
  });
});
