import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { todayIn } from '../domain/dates.js';
import type { Offer } from '../domain/offer.js';
import { renderTemplate } from '../phrasing/renderTemplate.js';
import type { TemplateSet } from '../phrasing/templates.js';
import { buildFacts } from './buildFacts.js';
import type { FlowContext, FlowEvent, FlowRules } from './flowContext.js';
import type { CreditorFacts, MessageSpec, PersistedSnapshot, TurnUnit } from './ports.js';
import { resolveSayKey, type FactName, type SayParams } from './registry.js';
import { persistSnapshot, restoreSnapshot } from './snapshot.js';
import { CordialError } from '../domain/errors.js';

export class FlowRuntimeError extends CordialError<'FLOW_RUNTIME'> {
  constructor(message: string) {
    super('FLOW_RUNTIME', message);
  }
}

export interface TurnInput {
  machine: AnyStateMachine;
  /** null: a new conversation; the machine starts from its initial state with `initial`. */
  snapshot: PersistedSnapshot | null;
  initial?: FlowContext;
  event: FlowEvent;
  unit: TurnUnit;
  creditor: CreditorFacts;
  templates: TemplateSet;
  now: Date;
  /** The debtor's time zone: "today" for offers and due dates. */
  timeZone: string;
  /** The inbound message that caused this turn (recorded as the accepting message of an agreement). */
  inboundMessageId: string | null;
  /** The admin's current escalation switches; they replace whatever the snapshot carried. */
  rules?: FlowRules;
}

export interface TurnOutput {
  snapshot: PersistedSnapshot;
  state: string;
  messages: MessageSpec[];
  escalated: boolean;
  done: boolean;
}

type Executable = { type: string; params?: unknown; info?: { context?: FlowContext } };

// A flow whose transitions keep feeding events into each other is a bug; stop it instead of looping.
const MAX_STEPS = 8;

/**
 * One conversation turn: the event, then every event the effects feed back (identity verified,
 * agreement created), all on the flow version pinned to the conversation. Storage effects go
 * through `unit`, which the caller runs inside the turn's single transaction.
 */
export async function runTurn(input: TurnInput): Promise<TurnOutput> {
  const { machine, unit, creditor, templates } = input;
  const messages: MessageSpec[] = [];
  let escalated = false;
  let snap: AnyMachineSnapshot;
  let actions: Executable[];
  const withRules = <C extends FlowContext | undefined>(c: C): C => (c && input.rules ? { ...c, rules: input.rules } : c);
  if (input.snapshot) {
    snap = restoreSnapshot(machine, { ...input.snapshot, context: withRules(input.snapshot.context) });
  } else {
    // The initial state's entry actions are not collected: flows speak in response to START.
    [snap] = initialTransition(machine, withRules(input.initial)) as unknown as [AnyMachineSnapshot, Executable[]];
  }
  [snap, actions] = step(machine, snap, input.event);

  for (let i = 0; ; i++) {
    if (i >= MAX_STEPS) throw new FlowRuntimeError(`flow ${machine.id} fed itself events more than ${MAX_STEPS} times in one turn`);
    const next: FlowEvent[] = [];
    for (const a of actions) {
      const ctx = (a.info?.context ?? snap.context) as FlowContext;
      const fed = await runEffect(a, ctx);
      if (fed) next.push(fed);
    }
    const ev = next.shift();
    if (!ev) break;
    [snap, actions] = step(machine, snap, ev);
  }

  // Remember the options offered last, so the next answer ("2", "aceito") can be matched.
  const lastWithOptions = [...messages].reverse().find((m) => m.options.length > 0);
  const context = snap.context as FlowContext;
  const persisted = persistSnapshot(snap);
  persisted.context = { ...context, lastOptions: messages.length ? (lastWithOptions?.options ?? []) : context.lastOptions };
  return { snapshot: persisted, state: persisted.value, messages, escalated, done: snap.status === 'done' };

  async function runEffect(a: Executable, ctx: FlowContext): Promise<FlowEvent | undefined> {
    switch (a.type) {
      case 'say': {
        const p = a.params as SayParams;
        const key = resolveSayKey(p.key, ctx);
        const labels = templates[ctx.locale];
        messages.push({
          templateKey: key,
          facts: buildFacts((p.facts ?? []) as FactName[], ctx, creditor),
          options: (p.options ?? []).map((o) => ({ id: o.id, label: labels[o.labelKey] ?? o.labelKey })),
          ...(p.requestContact ? { requestContact: true } : {}),
          ...(p.attach === 'agreementTerm' && ctx.agreement ? { attachment: { kind: 'agreement_term' as const, agreementId: ctx.agreement.id } } : {}),
        });
        return undefined;
      }
      case 'verifyIdentity': {
        const u = input.event.type === 'TEXT' ? input.event.u : undefined;
        if (!ctx.cnpj || !u) return { type: 'IDENTITY.FAILED', locked: false };
        const r = await unit.verifyIdentity(ctx.cnpj, u.invoiceCandidates, input.now);
        const today = todayIn(input.timeZone, input.now);
        if (r.ok) return { type: 'IDENTITY.OK', debt: r.debt, policy: r.policy, today };
        if (r.noDebt) return { type: 'IDENTITY.NO_DEBT', agreement: r.agreement };
        return { type: 'IDENTITY.FAILED', locked: r.locked, lockedUntil: r.lockedUntil };
      }
      case 'checkIdentityLock': {
        if (!ctx.cnpj) return { type: 'IDENTITY.UNLOCKED' };
        const r = await unit.identityLock(ctx.cnpj, input.now);
        return r.locked ? { type: 'IDENTITY.FAILED', locked: true, lockedUntil: r.lockedUntil } : { type: 'IDENTITY.UNLOCKED' };
      }
      case 'verifyPhone': {
        const ev = input.event;
        const phone = ev.type === 'START' ? ev.phone : ev.type === 'CONTACT' ? ev.phone : undefined;
        if (!phone) return { type: 'IDENTITY.PHONE_UNKNOWN' };
        const r = await unit.verifyPhone(phone, input.now);
        const today = todayIn(input.timeZone, input.now);
        if (r.ok) return { type: 'IDENTITY.OK', debt: r.debt, policy: r.policy, today };
        if ('unknown' in r) return { type: 'IDENTITY.PHONE_UNKNOWN' };
        if (r.noDebt) return { type: 'IDENTITY.NO_DEBT', agreement: r.agreement };
        return { type: 'IDENTITY.PHONE_UNKNOWN' };
      }
      case 'recordOffer':
        if (ctx.offer && ctx.debt) await unit.recordOffer(ctx.debt.debtorId, ctx.offer, ctx.round);
        return undefined;
      case 'createAgreement': {
        if (!ctx.offer || !ctx.debt || !ctx.today) throw new FlowRuntimeError('createAgreement needs a verified debtor and an offer');
        const agreement = await unit.createAgreement({
          debtorId: ctx.debt.debtorId,
          offer: ctx.offer as Offer,
          debtCents: ctx.debt.totalCents,
          acceptedMessageId: input.inboundMessageId,
          today: ctx.today,
          now: input.now,
          ...(ctx.renegotiates ? { renegotiates: ctx.renegotiates } : {}),
        });
        return { type: 'AGREEMENT.CREATED', agreement };
      }
      case 'refreshAgreement': {
        const today = todayIn(input.timeZone, input.now);
        const agreement = ctx.verified ? await unit.agreementInForce(today) : undefined;
        const u = 'u' in input.event ? input.event.u : undefined;
        return { type: 'AGREEMENT.STATUS', today, ...(agreement ? { agreement } : {}), ...(u ? { u } : {}) };
      }
      case 'quoteRenegotiation': {
        if (!ctx.verified || !ctx.agreement) return { type: 'RENEGOTIATION.REFUSED', reason: 'not_in_force' };
        const today = todayIn(input.timeZone, input.now);
        const r = await unit.renegotiationTerms(ctx.agreement.id, today);
        if (!r.ok) return { type: 'RENEGOTIATION.REFUSED', reason: r.reason };
        return { type: 'RENEGOTIATION.READY', debt: r.debt, policy: r.policy, today, renegotiates: ctx.agreement.id };
      }
      case 'escalate': {
        const reason = (a.params as { reason?: string } | undefined)?.reason ?? ctx.escalation?.reason ?? 'unspecified';
        escalated = true;
        // Everything the message said goes with it: a dispute written with an insult reaches the person as both.
        const said = ('u' in input.event && input.event.u?.intents) || [];
        await unit.escalate(reason, { state: String(snap.value), round: ctx.round, offer: ctx.offer ?? null, misunderstandings: ctx.misunderstandings, insults: ctx.insults, intents: said }, input.now);
        return undefined;
      }
      case 'optOut':
        await unit.optOut();
        return undefined;
      case 'savePreferredChannel':
        if (ctx.verified && ctx.preferredChannel) await unit.savePreferredChannel(ctx.preferredChannel);
        return undefined;
      case 'optOutIfSaid':
        if ('u' in input.event && input.event.u?.intents.includes('optout')) await unit.optOut();
        return undefined;
      default:
        // Publishing validates names, so this means a flow stored before an action was removed.
        throw new FlowRuntimeError(`unknown action "${a.type}" in flow ${machine.id}`);
    }
  }
}

function step(machine: AnyStateMachine, snap: AnyMachineSnapshot, ev: FlowEvent): [AnyMachineSnapshot, Executable[]] {
  return transition(machine, snap, ev) as unknown as [AnyMachineSnapshot, Executable[]];
}

/** Render a spec to the template text (the LLM phrasing layer, when configured, starts from this). */
export function renderSpec(spec: MessageSpec, templates: TemplateSet, locale: FlowContext['locale'], timeZone: string): string {
  const t = templates[locale][spec.templateKey];
  if (t === undefined) throw new FlowRuntimeError(`no template "${spec.templateKey}" for ${locale}`);
  return renderTemplate(t, spec.facts, locale, timeZone);
}
