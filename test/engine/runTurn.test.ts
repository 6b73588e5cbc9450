import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { buildMachine } from '../../src/engine/buildMachine.js';
import { DisclosureError } from '../../src/engine/buildFacts.js';
import { initialContext } from '../../src/engine/flowContext.js';
import type { FlowDefinition } from '../../src/engine/flowSchema.js';
import type { TurnUnit } from '../../src/engine/ports.js';
import { FlowRuntimeError, runTurn } from '../../src/engine/runTurn.js';
import { SnapshotError } from '../../src/engine/snapshot.js';
import { toFlowEvent } from '../../src/engine/toFlowEvent.js';
import { understand } from '../../src/engine/understanding/understand.js';
import { validateFlow } from '../../src/engine/validateFlow.js';
import { loadTemplates } from '../../src/phrasing/templates.js';

const templates = loadTemplates();
const creditor = { name: 'Credora', cnpj: '11222333000181', lateFeePercent: 2, monthlyInterestPercent: 1 };
const defaultFlow = validateFlow(JSON.parse(readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8')));
if (!defaultFlow.ok) throw new Error('default flow invalid');
const TODAY = '2026-11-23';
const NOW = new Date('2026-11-23T13:00:00Z');

/** An in-memory TurnUnit: one debtor with one open invoice. */
function fakeUnit(log: string[] = []): TurnUnit {
  let failures = 0;
  return {
    async verifyIdentity(cnpj, factors) {
      log.push(`verify ${cnpj} ${factors.join(',')}`);
      if (cnpj === '11444777000161' && factors.some((f) => f.replace(/\D/g, '') === '1001')) {
        return { ok: true, policy: DEFAULT_POLICY, debt: { debtorId: 'd1', companyName: 'Padaria', totalCents: 100_000, invoices: [{ number: 'NF1001', amountCents: 100_000, dueDate: '2026-09-10' }] } };
      }
      failures++;
      return { ok: false, locked: failures >= 3, lockedUntil: failures >= 3 ? '2026-11-23T14:00:00.000Z' : undefined };
    },
    async identityLock() {
      return failures >= 3 ? { locked: true, lockedUntil: '2026-11-23T14:00:00.000Z' } : { locked: false };
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
    async recordOffer(_d, offer) {
      log.push(`offer ${offer.kind} ${offer.totalCents}`);
    },
    async createAgreement({ offer }) {
      log.push('agreement');
      return { id: 'AC1', totalCents: offer.totalCents, installments: offer.schedule.map((s) => ({ ...s, pix: 'PIX' })) };
    },
    async escalate(reason) {
      log.push(`escalate ${reason}`);
    },
    async optOut() {
      log.push('optout');
    },
    async savePreferredChannel(channel: string) {
      log.push(`prefer ${channel}`);
    },
    async audit() {},
  };
}

function text(t: string, options: { id: string; label: string }[] = []) {
  return toFlowEvent(understand(t, { locale: 'pt-BR', today: TODAY, options }), TODAY, NOW);
}

async function turn(flow: FlowDefinition, snapshot: Awaited<ReturnType<typeof runTurn>>['snapshot'] | null, event: Parameters<typeof runTurn>[0]['event'], unit = fakeUnit()) {
  return runTurn({ machine: buildMachine(flow), snapshot, initial: initialContext('pt-BR'), event, unit, creditor, templates, now: NOW, timeZone: 'America/Sao_Paulo', inboundMessageId: 'in-1' });
}

describe('runTurn on the default flow', () => {
  it('runs identity, offer and acceptance as a chain of pure transitions plus effects', async () => {
    const log: string[] = [];
    const unit = fakeUnit(log);
    const flow = defaultFlow.flow;
    let out = await turn(flow, null, { type: 'START' }, unit);
    expect(out.messages.map((m) => m.templateKey)).toEqual(['welcome']);
    out = await turn(flow, out.snapshot, text('11.444.777/0001-61'), unit);
    expect(out.state).toBe('askSecondFactor');
    out = await turn(flow, out.snapshot, text('NF 1001'), unit);
    expect(out.messages.map((m) => m.templateKey)).toEqual(['debt.summary', 'offer.cash']);
    expect(out.snapshot.context.lastOptions.map((o) => o.id)).toEqual(['accept', 'other', 'human']);
    out = await turn(flow, out.snapshot, text('aceitar', out.snapshot.context.lastOptions), unit);
    expect(out.state).toBe('agreed');
    expect(log).toEqual(['verify 11444777000161 1001', 'offer cash 95000', 'agreement']);
    expect(out.messages[0]!.facts).toMatchObject({ agreement: { id: 'AC1', totalCents: 95_000 } });
    // The term goes with the message that confirms the agreement, where the channel takes files.
    expect(out.messages[0]!.attachment).toEqual({ kind: 'agreement_term', agreementId: 'AC1' });
    expect(out.messages.filter((m) => m.attachment)).toHaveLength(1);
  });

  it('attaches the term only when there is an agreement to print', async () => {
    const saying = (params: Record<string, unknown>): FlowDefinition => ({ id: 'attach', initial: 'a', states: { a: { on: { START: { target: 'b', actions: [{ type: 'say', params }] } } }, b: {} } }) as FlowDefinition;
    const flow = saying({ key: 'welcome', attach: 'agreementTerm' });
    expect(validateFlow(flow).ok).toBe(true);
    const out = await turn(flow, null, { type: 'START' });
    expect(out.messages[0]!.attachment).toBeUndefined();
    expect(validateFlow(saying({ key: 'welcome', attach: 'invoice' })).ok).toBe(false);
  });
});

describe('runTurn guards against bad flows', () => {
  const base: FlowDefinition = { id: 'bad', initial: 'a', states: { a: { on: { START: { target: 'b' } } }, b: {} } };

  it('refuses to say a debt fact before identity is verified, whatever the flow says', async () => {
    const flow: FlowDefinition = { ...base, states: { ...base.states, a: { on: { START: { target: 'b', actions: [{ type: 'say', params: { key: 'offer.cash', facts: ['offer'] } }] } } } } };
    await expect(turn(flow, null, { type: 'START' })).rejects.toBeInstanceOf(DisclosureError);
  });

  it('stops a flow that keeps feeding itself events instead of looping forever', async () => {
    const flow: FlowDefinition = {
      id: 'loop',
      initial: 'a',
      states: {
        a: { on: { START: { target: 'v' } } },
        v: { entry: ['verifyIdentity'], on: { 'IDENTITY.FAILED': { target: 'v', reenter: true } } },
      },
    };
    await expect(turn(flow, null, { type: 'START' })).rejects.toBeInstanceOf(FlowRuntimeError);
  });

  it('detects a snapshot whose state no longer exists in the flow', async () => {
    const snap = { v: 1 as const, value: 'removedState', context: initialContext('pt-BR') };
    await expect(turn(base, snap, { type: 'START' })).rejects.toBeInstanceOf(SnapshotError);
  });
});

describe('runTurn: several intents in one message are all honoured', () => {
  it('an insult that also asks to stop opts out and counts toward the insult limit', async () => {
    const log: string[] = [];
    const unit = fakeUnit(log);
    const flow = defaultFlow.flow;
    let out = await turn(flow, null, { type: 'START' }, unit);
    out = await turn(flow, out.snapshot, text('vocês são uns idiotas, parem de me mandar mensagem'), unit);
    expect(out.state).toBe('optedOut');
    expect(out.messages.map((m) => m.templateKey)).toEqual(['optout.confirmed']);
    expect(log).toEqual(['optout']);
    expect(out.snapshot.context.insults).toBe(1);
    // The next insult is the second one: the default limit (2) hands the conversation to a person.
    out = await turn(flow, out.snapshot, text('idiotas'), unit);
    expect(out.state).toBe('escalated');
    expect(log).toEqual(['optout', 'escalate insult']);
  });

  it('a dispute written with an insult is a dispute for a person, with the insult noted and counted', async () => {
    const escalations: { reason: string; detail: Record<string, unknown> }[] = [];
    const unit: TurnUnit = { ...fakeUnit(), escalate: async (reason, detail) => void escalations.push({ reason, detail }) };
    const flow = defaultFlow.flow;
    let out = await turn(flow, null, { type: 'START' }, unit);
    out = await turn(flow, out.snapshot, text('11.444.777/0001-61'), unit);
    out = await turn(flow, out.snapshot, text('NF 1001'), unit);
    out = await turn(flow, out.snapshot, text('já paguei essa nota, bando de palhaços'), unit);
    expect(out.state).toBe('escalated');
    expect(out.snapshot.context.escalation).toEqual({ reason: 'dispute' });
    expect(out.snapshot.context.insults).toBe(1);
    expect(escalations).toEqual([{ reason: 'dispute', detail: expect.objectContaining({ intents: ['dispute', 'insult'], insults: 1 }) }]);
  });

  it('a dispute that also asks to stop goes to a person and opts the contact out', async () => {
    const log: string[] = [];
    const unit = fakeUnit(log);
    const flow = defaultFlow.flow;
    let out = await turn(flow, null, { type: 'START' }, unit);
    out = await turn(flow, out.snapshot, text('11.444.777/0001-61'), unit);
    out = await turn(flow, out.snapshot, text('NF 1001'), unit);
    out = await turn(flow, out.snapshot, text('já paguei essa nota, parem de me mandar mensagem'), unit);
    expect(out.state).toBe('escalated');
    expect(log.slice(-2)).toEqual(['optout', 'escalate dispute']);
    expect(out.snapshot.context.insults).toBe(0);
  });

  it('a message with one intent counts nothing extra', async () => {
    const log: string[] = [];
    const flow = defaultFlow.flow;
    let out = await turn(flow, null, { type: 'START' });
    out = await turn(flow, out.snapshot, text('parem de me mandar mensagem'));
    expect(out.state).toBe('optedOut');
    expect(out.snapshot.context.insults).toBe(0);
    out = await turn(flow, null, { type: 'START' });
    out = await turn(flow, out.snapshot, text('já paguei essa nota'), fakeUnit(log));
    expect(out.state).toBe('escalated');
    expect(log).toEqual(['escalate dispute']);
  });
});
