import { assign } from 'xstate';
import { z } from 'zod';
import { evaluateCounter, type Proposal } from '../domain/counterProposal.js';
import { offerLadder } from '../domain/offerLadder.js';
import { checkOffer } from '../domain/offer.js';
import { DEFAULT_FLOW_RULES, INTENT_EVENTS, type AgreementFacts, type FlowContext, type FlowEvent, type FlowRules } from './flowContext.js';
import { pixChoice } from './pixChoice.js';

// The vocabulary a flow definition may use, by name. Publishing a flow checks every name and its
// params against this registry (XState itself silently skips unknown actions).

type Args = { context: FlowContext; event: FlowEvent };
type GuardDef<P extends z.ZodType> = { params: P; fn: (a: Args, p: z.infer<P>) => boolean };

const none = z.undefined();
const u = (event: FlowEvent) => ('u' in event ? event.u : undefined);

/** Max offers (ladder rungs plus counter-offers) before a stuck negotiation goes to a person. */
export const MAX_OFFER_ROUNDS = 5;

export function proposalOf(event: FlowEvent): Proposal | undefined {
  const x = u(event);
  if (!x) return undefined;
  const p: Proposal = {};
  if (x.cash) p.cash = true;
  if (x.amountCents !== undefined) {
    if (x.perInstallment) p.perInstallmentCents = x.amountCents;
    else p.totalCents = x.amountCents;
  }
  if (x.installments !== undefined) p.installments = x.installments;
  if (x.date !== undefined) p.firstDueDate = x.date;
  if (x.percent !== undefined) p.discountPercent = x.percent;
  return Object.keys(p).length > 0 ? p : undefined;
}

const rules = (context: FlowContext): FlowRules => context.rules ?? DEFAULT_FLOW_RULES;
const isProof = (context: FlowContext, event: FlowEvent) => event.type === 'MEDIA' && context.verified && ['photo', 'document'].includes(event.mediaType);

function guard<P extends z.ZodType>(params: P, fn: GuardDef<P>['fn']): GuardDef<P> {
  return { params, fn };
}

export const guards = {
  hasCnpj: guard(none, ({ event }) => !!u(event)?.cnpj),
  cnpjInvalid: guard(none, ({ event }) => !!u(event)?.cnpjInvalid),
  hasInvoiceCandidate: guard(none, ({ event }) => (u(event)?.invoiceCandidates.length ?? 0) > 0),
  isYes: guard(none, ({ event }) => u(event)?.yes === true),
  isNo: guard(none, ({ event }) => u(event)?.yes === false),
  choiceIs: guard(z.object({ id: z.string().min(1) }).strict(), ({ event }, p) => u(event)?.choice === p.id),
  intentIs: guard(z.object({ intent: z.enum(INTENT_EVENTS) }).strict(), ({ event }, p) => event.type === 'INTENT' && event.intent === p.intent),
  hasIntent: guard(z.object({ intent: z.string().min(1) }).strict(), ({ event }, p) => (u(event)?.intents as string[] | undefined)?.includes(p.intent) ?? false),
  hasProposal: guard(none, ({ event }) => proposalOf(event) !== undefined),
  hasMoreRungs: guard(none, ({ context }) => context.round + 1 < context.ladder.length),
  debtAboveEscalation: guard(
    none,
    ({ context, event }) => rules(context).debtAboveThreshold && event.type === 'IDENTITY.OK' && event.debt.totalCents > event.policy.escalateAboveCents,
  ),
  identityLocked: guard(none, ({ event }) => event.type === 'IDENTITY.FAILED' && event.locked),
  counterIs: guard(z.object({ decision: z.enum(['accept', 'counter', 'escalate']) }).strict(), ({ context }, p) => context.counter?.decision === p.decision),
  // Fixed thresholds, kept for flow versions stored before the admin's escalation rules existed.
  misunderstandingsAtLeast: guard(z.object({ n: z.number().int().min(1).max(20) }).strict(), ({ context }, p) => context.misunderstandings >= p.n),
  insultsAtLeast: guard(z.object({ n: z.number().int().min(1).max(20) }).strict(), ({ context }, p) => context.insults >= p.n),
  // The admin's thresholds (escalation rules): this message would be the n-th in a row.
  insultLimitReached: guard(none, ({ context }) => {
    const limit = rules(context).insultsBeforeHandoff;
    return limit > 0 && context.insults + 1 >= limit;
  }),
  misunderstandingLimitReached: guard(none, ({ context }) => context.misunderstandings + 1 >= rules(context).misunderstandingsBeforeHandoff),
  isVerified: guard(none, ({ context }) => context.verified),
  // "Prefiro e-mail" from someone verified: a contact to keep it on. Before that, nobody's.
  preferenceToSave: guard(none, ({ context, event }) => event.type === 'INTENT' && event.intent === 'preferChannel' && context.verified),
  hasSenderPhone: guard(none, ({ event }) => event.type === 'START' && !!event.phone),
  // The session came from a signed e-mail link: it is the second factor, only the CNPJ is asked.
  hasSignedLink: guard(none, ({ event }) => event.type === 'START' && !!event.signedLink),
  contactIsOwn: guard(none, ({ event }) => event.type === 'CONTACT' && event.own),
  // A photo or document from a verified debtor is most likely a payment receipt: a person checks it.
  proofFromVerifiedDebtor: guard(none, ({ context, event }) => isProof(context, event) && rules(context).paymentProof),
  // The same receipt when the admin chose not to hand receipts to a person: acknowledged and kept.
  proofToKeep: guard(none, ({ context, event }) => isProof(context, event) && !rules(context).paymentProof),
  handbackWithDebt: guard(none, ({ event }) => event.type === 'HANDBACK' && !!event.debt && !!event.policy),
  handbackWithAgreement: guard(none, ({ event }) => event.type === 'HANDBACK' && !!event.agreement),
  hasActiveAgreement: guard(none, ({ event }) => event.type === 'IDENTITY.NO_DEBT' && !!event.agreement),
  // An agreement in force, as storage has it now (AGREEMENT.STATUS): none left, broken, or the
  // instalment the debtor asked a PIX copy of is already paid.
  noAgreementInForce: guard(none, ({ event }) => event.type === 'AGREEMENT.STATUS' && !event.agreement),
  agreementBroken: guard(none, ({ event }) => event.type === 'AGREEMENT.STATUS' && event.agreement?.standing === 'broken'),
  askedInstallmentPaid: guard(
    none,
    ({ event }) => event.type === 'AGREEMENT.STATUS' && !!event.agreement && pixChoice(event.agreement, event.u?.installmentNumber).askedPaid.length > 0,
  ),
  refusalIs: guard(z.object({ reason: z.enum(['yearly_limit', 'second_break', 'not_in_force']) }).strict(), ({ event }, p) => event.type === 'RENEGOTIATION.REFUSED' && event.reason === p.reason),
  lockExpired: guard(none, ({ context, event }) => !context.lockedUntil || ('now' in event && event.now >= context.lockedUntil)),
};

// Pure context updates. Everything they compute comes from domain code (offers never come from text).
export const assigners = {
  rememberCnpj: { params: none, fn: ({ event }: Args) => ({ cnpj: u(event)?.cnpj }) },
  rememberPreferredChannel: { params: none, fn: ({ event }: Args) => ({ preferredChannel: u(event)?.preferredChannel }) },
  startNegotiation: {
    params: none,
    fn: ({ context, event }: Args): Partial<FlowContext> => {
      if (event.type !== 'IDENTITY.OK') return {};
      const ladder = offerLadder(event.debt.totalCents, event.policy, event.today, { hardship: context.hardship });
      return { verified: true, debt: event.debt, policy: event.policy, today: event.today, ladder, round: 0, offer: ladder[0], misunderstandings: 0, renegotiates: undefined };
    },
  },
  startRenegotiation: {
    params: none,
    // The remaining balance of the agreement in force is the debt now; the offers come from the
    // same ladder as any negotiation, within the renegotiation limits storage read.
    fn: ({ context, event }: Args): Partial<FlowContext> => {
      if (event.type !== 'RENEGOTIATION.READY') return {};
      const ladder = offerLadder(event.debt.totalCents, event.policy, event.today, { hardship: context.hardship });
      return { debt: event.debt, policy: event.policy, today: event.today, ladder, round: 0, offer: ladder[0], counter: undefined, misunderstandings: 0, renegotiates: event.renegotiates };
    },
  },
  rememberAgreementStatus: {
    params: none,
    fn: ({ event }: Args): Partial<FlowContext> => {
      if (event.type !== 'AGREEMENT.STATUS' || !event.agreement) return {};
      const agreement: AgreementFacts = { ...event.agreement, ...pixChoice(event.agreement, event.u?.installmentNumber) };
      return { agreement, today: event.today };
    },
  },
  nextRung: {
    params: none,
    fn: ({ context }: Args): Partial<FlowContext> => {
      const round = Math.min(context.round + 1, context.ladder.length - 1);
      return { round, offer: context.ladder[round] };
    },
  },
  markHardship: {
    params: none,
    // Hardship reshapes what is offered next (instalments first, later dates), never the limits.
    fn: ({ context }: Args): Partial<FlowContext> => {
      if (!context.debt || !context.policy || !context.today || context.hardship) return { hardship: true };
      const ladder = offerLadder(context.debt.totalCents, context.policy, context.today, { hardship: true });
      return { hardship: true, ladder, round: 0, offer: ladder[0] };
    },
  },
  evaluateCounter: {
    params: none,
    fn: ({ context, event }: Args): Partial<FlowContext> => {
      const p = proposalOf(event);
      if (!p || !context.debt || !context.policy) return { counter: { decision: 'escalate', why: 'no proposal' } };
      const today = 'today' in event ? event.today : (context.today ?? '');
      const d = evaluateCounter(p, context.debt.totalCents, context.policy, today, { round: context.round, maxRounds: MAX_OFFER_ROUNDS, current: context.offer });
      if (d.decision === 'escalate') return { counter: { decision: 'escalate', why: d.why } };
      return { counter: { decision: d.decision, why: d.decision === 'counter' ? d.why : undefined }, offer: d.offer, round: context.round + 1 };
    },
  },
  countMisunderstanding: { params: none, fn: ({ context }: Args) => ({ misunderstandings: context.misunderstandings + 1 }) },
  resetMisunderstandings: { params: none, fn: () => ({ misunderstandings: 0 }) },
  countInsult: { params: none, fn: ({ context }: Args) => ({ insults: context.insults + 1 }) },
  // One message may say several things ("vocês são uns idiotas, parem de mandar mensagem"): the
  // event is the most important intent, and this counts the insult said with it toward the limit.
  countInsultIfSaid: { params: none, fn: ({ context, event }: Args) => (u(event)?.intents.includes('insult') ? { insults: context.insults + 1 } : {}) },
  setEscalation: { params: z.object({ reason: z.string().min(1) }).strict(), fn: (_: Args, p: { reason: string }) => ({ escalation: { reason: p.reason } }) },
  rememberExistingAgreement: {
    params: none,
    // Identity was verified (the unit matched CNPJ and factor); what is owed now is that agreement.
    fn: ({ event }: Args): Partial<FlowContext> => (event.type === 'IDENTITY.NO_DEBT' && event.agreement ? { verified: true, agreement: event.agreement } : {}),
  },
  rememberAgreement: {
    params: none,
    fn: ({ event }: Args): Partial<FlowContext> => (event.type === 'AGREEMENT.CREATED' ? { agreement: event.agreement, renegotiates: undefined } : {}),
  },
  rememberLock: {
    params: none,
    fn: ({ event }: Args): Partial<FlowContext> => (event.type === 'IDENTITY.FAILED' ? { lockedUntil: event.lockedUntil } : {}),
  },
  clearLock: { params: none, fn: (): Partial<FlowContext> => ({ lockedUntil: undefined }) },
  refreshToday: { params: none, fn: ({ event, context }: Args) => ({ today: 'today' in event ? event.today : context.today }) },
  resumeAfterHandoff: {
    params: none,
    // The bot starts over from what is true now, not from wherever it was: a fresh ladder from the
    // current debt and policy, led by the agent's offer when there is one and it is still allowed.
    fn: ({ context, event }: Args): Partial<FlowContext> => {
      if (event.type !== 'HANDBACK') return {};
      const reset: Partial<FlowContext> = { today: event.today, misunderstandings: 0, insults: 0, escalation: undefined, counter: undefined, renegotiates: undefined };
      if (event.agreement) reset.agreement = event.agreement;
      if (!event.debt || !event.policy) return reset;
      const ladder = offerLadder(event.debt.totalCents, event.policy, event.today, { hardship: context.hardship });
      const agentOffer = event.offer && checkOffer(event.offer, event.debt.totalCents, event.policy, event.today).ok ? event.offer : undefined;
      return { ...reset, verified: true, debt: event.debt, policy: event.policy, ladder, round: 0, offer: agentOffer ?? ladder[0] };
    },
  },
} satisfies Record<string, { params: z.ZodType; fn: (a: Args, p: never) => Partial<FlowContext> }>;

export const FACT_NAMES = ['creditor', 'debt', 'offer', 'counter', 'agreement', 'handoff', 'lock', 'preference'] as const;
export type FactName = (typeof FACT_NAMES)[number];
/** Facts that reveal the debt: refused at run time unless identity is verified (defence in depth). */
export const DEBT_FACTS: readonly FactName[] = ['debt', 'offer', 'counter', 'agreement'];

const optionSchema = z.object({ id: z.string().min(1).max(40), labelKey: z.string().min(1) }).strict();
export const sayParams = z
  .object({
    key: z.string().min(1),
    facts: z.array(z.enum(FACT_NAMES)).optional(),
    options: z.array(optionSchema).max(9).optional(),
    // Offer the channel's "share my phone" control where it has one (Telegram); others ignore it.
    requestContact: z.boolean().optional(),
    // A document sent after the text where the channel takes files: the term of the agreement in
    // the context (the web chat links to it instead). Without an agreement, the text goes alone.
    attach: z.enum(['agreementTerm']).optional(),
  })
  .strict();
export type SayParams = z.infer<typeof sayParams>;

/**
 * A say key may name the current offer's kind ("offer.{offer.kind}") or where the agreement stands
 * ("agreement.status.{agreement.standing}"): these are their possible values, the first the default.
 */
const KEY_VARIANTS: Record<string, { values: readonly string[]; of: (c: FlowContext) => string | undefined }> = {
  '{offer.kind}': { values: ['cash', 'installments'], of: (c) => c.offer?.kind },
  '{agreement.standing}': { values: ['onTrack', 'late', 'broken'], of: (c) => c.agreement?.standing },
};
/** Each `{slot}` a say key may hold with the values it takes: `{ '{offer.kind}': ['cash', 'installments'], … }`. */
export function sayKeySlots(): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(KEY_VARIANTS).map(([slot, v]) => [slot, v.values]));
}
export function expandSayKey(key: string): string[] {
  let keys = [key];
  for (const [slot, v] of Object.entries(KEY_VARIANTS)) keys = keys.flatMap((k) => (k.includes(slot) ? v.values.map((x) => k.replace(slot, x)) : [k]));
  return keys;
}
export function resolveSayKey(key: string, context: FlowContext): string {
  let out = key;
  for (const [slot, v] of Object.entries(KEY_VARIANTS)) if (out.includes(slot)) out = out.replace(slot, v.of(context) ?? v.values[0]!);
  return out;
}

// Effects are carried out by the turn pipeline (they touch storage or the outside world). Some feed
// an event back into the machine within the same turn (verifyIdentity -> IDENTITY.OK/FAILED).
export const effects = {
  say: sayParams,
  verifyIdentity: none,
  // Asks storage whether the remembered CNPJ is still locked (an admin may have lifted it).
  checkIdentityLock: none,
  verifyPhone: none,
  recordOffer: none,
  createAgreement: none,
  // Reads the debtor's agreement in force now -> AGREEMENT.STATUS (with the message that asked).
  refreshAgreement: none,
  // Asks storage what renegotiating ctx.agreement would negotiate -> RENEGOTIATION.READY / REFUSED.
  quoteRenegotiation: none,
  escalate: z.object({ reason: z.string().min(1).max(60) }).strict().optional(),
  optOut: none,
  // A stop said in a message whose main intent is another (a dispute, a lawsuit, asking for a
  // person): the contact is opted out all the same.
  optOutIfSaid: none,
  // Keeps ctx.preferredChannel as the verified contact's channel for proactive messages (audited).
  savePreferredChannel: none,
};

export type EffectName = keyof typeof effects;
export const GUARD_NAMES = Object.keys(guards);
export const ACTION_NAMES = [...Object.keys(assigners), ...Object.keys(effects)];

export function paramsSchemaFor(kind: 'guard' | 'action', name: string): z.ZodType | undefined {
  // Own names only: an admin's "__proto__" or "toString" is not in the registry.
  const own = <T>(o: Record<string, T>) => (Object.hasOwn(o, name) ? o[name] : undefined);
  if (kind === 'guard') return own(guards as Record<string, { params: z.ZodType }>)?.params;
  return own(assigners as Record<string, { params: z.ZodType }>)?.params ?? own(effects as Record<string, z.ZodType>);
}

/** XState implementations: guards and assigners run inside the machine; effects are recorded no-ops. */
export function machineImplementations() {
  const g: Record<string, (a: Args, p: unknown) => boolean> = {};
  for (const [name, def] of Object.entries(guards)) g[name] = (a, p) => (def.fn as (a: Args, p: unknown) => boolean)(a, p);
  const a: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(assigners)) {
    a[name] = assign((args: Args, p: unknown) => (def.fn as (a: Args, p: unknown) => Partial<FlowContext>)(args, p));
  }
  for (const name of Object.keys(effects)) a[name] = () => {};
  return { guards: g, actions: a };
}
