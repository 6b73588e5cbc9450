import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../src/engine/validateFlow.js';
import { commonKeys, loadTemplates } from '../../../src/phrasing/templates.js';

// The flow editor's model over the shipped flow: whatever the structured editor does must leave a
// definition the server accepts, and going to the editor and back must change nothing.

// The page's module is plain JavaScript (typed by JSDoc for its own checker): its shape here.
type Def = { initial: string; on?: Record<string, unknown>; states: Record<string, { on?: Record<string, unknown>; [k: string]: unknown }> };
type Transition = { target?: string; guard?: unknown; actions?: unknown[] };
type Events = { event: string; transitions: Transition[]; single: boolean }[];
type Ref = { from: string | null; event: string; index: number };
type Result = { ok: true; def: Def } | { ok: false; error: string; references?: Ref[] };
// @ts-expect-error: a browser module without types
const { addState, allTransitions, deleteState, eventsOf, referencesTo, renameState, withEvents } = (await import('../../../src/http/public/flow-model.js')) as unknown as {
  addState(def: Def, name: string, opts?: { waitsFor?: string; after?: string }): Result;
  allTransitions(def: Def): { from: string | null; event: string; index: number; transition: Transition }[];
  deleteState(def: Def, name: string): Result;
  eventsOf(def: Def, name: string | null): Events;
  referencesTo(def: Def, name: string): Ref[];
  renameState(def: Def, from: string, to: string): Result;
  withEvents(def: Def, name: string | null, events: Events): Def;
};

const shipped = (): Def => JSON.parse(readFileSync(new URL('../../../flows/negotiation.json', import.meta.url), 'utf8'));
const text = (x: unknown) => JSON.stringify(x, null, 2);

describe('flow editor model', () => {
  it('round-trips every state’s handlers, and the root’s, to the identical JSON', () => {
    const def = shipped();
    for (const name of [null, ...Object.keys(def.states)]) expect(text(withEvents(def, name, eventsOf(def, name))), String(name)).toBe(text(def));
    // Forms are kept: a single transition stays an object, a list stays a list.
    const askCnpj = eventsOf(def, 'askCnpj');
    expect(askCnpj.map((e) => [e.event, e.single])).toEqual([['TEXT', false], ['CONTACT', false]]);
    const verifyingPhone = eventsOf(def, 'verifyingPhone').find((e) => e.event === 'IDENTITY.PHONE_UNKNOWN')!;
    expect(verifyingPhone.single).toBe(true);
  });

  it('renames a state and every reference follows; renaming back gives the same JSON', () => {
    const def = shipped();
    const before = referencesTo(def, 'askCnpj');
    expect(before.length).toBeGreaterThan(2);
    const r = renameState(def, 'askCnpj', 'askCompanyId');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.def.states)).toEqual(Object.keys(def.states).map((n) => (n === 'askCnpj' ? 'askCompanyId' : n)));
    expect(allTransitions(r.def).some((x) => x.transition.target === 'askCnpj')).toBe(false);
    expect(referencesTo(r.def, 'askCompanyId')).toEqual(before);
    expect(validateFlow(r.def, { templateKeys: commonKeys(loadTemplates()) }).ok).toBe(true);
    const back = renameState(r.def, 'askCompanyId', 'askCnpj');
    expect(back.ok && text(back.def)).toBe(text(def));
    // The initial state follows too.
    const start = renameState(def, def.initial, 'begin');
    expect(start.ok && start.def.initial).toBe('begin');
    // Refused: a taken name, a name the server would refuse, an unknown state.
    expect(renameState(def, 'askCnpj', 'offering')).toEqual({ ok: false, error: 'a state named offering exists' });
    expect(renameState(def, 'askCnpj', '2fast')).toEqual({ ok: false, error: 'letters, digits and _, starting with a letter' });
    expect(renameState(def, 'nope', 'x')).toEqual({ ok: false, error: 'no state named nope' });
    // The input is left alone.
    expect(text(def)).toBe(text(shipped()));
  });

  it('refuses to delete a state something reaches, saying from where, and deletes one nothing reaches', () => {
    const def = shipped();
    const refused = deleteState(def, 'askSecondFactor');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatch(/^askSecondFactor is reached from askCnpj \(TEXT\)/);
      expect(refused.references).toContainEqual({ from: 'askCnpj', event: 'TEXT', index: 0 });
    }
    expect(deleteState(def, def.initial)).toMatchObject({ ok: false, error: expect.stringContaining('the start of the flow') });
    const added = addState(def, 'cashCheck', { waitsFor: 'how the company’s cash is this month', after: 'verifying' });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const names = Object.keys(added.def.states);
    expect(names[names.indexOf('verifying') + 1]).toBe('cashCheck');
    expect(added.def.states.cashCheck).toEqual({ meta: { waitsFor: 'how the company’s cash is this month' } });
    const removed = deleteState(added.def, 'cashCheck');
    expect(removed.ok && text(removed.def)).toBe(text(def));
    expect(addState(def, 'askCnpj')).toEqual({ ok: false, error: 'a state named askCnpj exists' });
  });

  it('wires a new step before the first offer that the server accepts', () => {
    let def = shipped();
    const added = addState(def, 'cashCheck', { waitsFor: 'how the company’s cash is this month', after: 'verifying' });
    if (!added.ok) throw new Error(added.error);
    def = added.def;
    // verifying → cashCheck instead of offering, on the plain IDENTITY.OK branch.
    const events = eventsOf(def, 'verifying');
    const ok = events.find((e) => e.event === 'IDENTITY.OK')!;
    const plain = ok.transitions.find((t) => t.target === 'offering' && !t.guard)!;
    plain.target = 'cashCheck';
    def = withEvents(def, 'verifying', events);
    def = withEvents(def, 'cashCheck', [{ event: 'TEXT', single: true, transitions: [{ target: 'offering' }] }]);
    expect(def.states.cashCheck!.on).toEqual({ TEXT: { target: 'offering' } });
    expect(referencesTo(def, 'cashCheck')).toEqual([{ from: 'verifying', event: 'IDENTITY.OK', index: ok.transitions.indexOf(plain) }]);
    expect(validateFlow(def, { templateKeys: commonKeys(loadTemplates()) })).toMatchObject({ ok: true });
    // Dropping its last handler removes the `on` altogether.
    expect(withEvents(def, 'cashCheck', []).states.cashCheck).toEqual({ meta: { waitsFor: 'how the company’s cash is this month' } });
  });
});

// @ts-expect-error: a browser module without types
const more = (await import('../../../src/http/public/flow-model.js')) as unknown as {
  handlersOf(def: Def, name: string | null): Events;
  withHandlers(def: Def, name: string | null, rows: Events): Def;
  unreachableStates(def: Def): string[];
  templateKeysOf(def: Def, name: string | null): string[];
  conversationOrder(def: Def): string[];
  waitsForIn(state: unknown, locale: string): string;
  withWaitsFor(state: unknown, locale: string, text: string, locales: string[]): { meta?: Record<string, unknown> };
};

describe('flow editor model: handlers, reachability, the texts of a state', () => {
  it('shows a state’s eventless transitions as an "always" row and puts them back identically', () => {
    const def = shipped();
    const rows = more.handlersOf(def, 'nextOffer');
    expect(rows.map((r) => r.event)).toEqual(['always']);
    expect(rows[0]!.transitions.map((t) => t.target)).toEqual(['offering', 'askProposal']);
    for (const name of [null, ...Object.keys(def.states)]) expect(text(more.withHandlers(def, name, more.handlersOf(def, name))), String(name)).toBe(text(def));
    // Emptied, the key goes away (the server refuses an empty list nowhere, but the JSON stays clean).
    const emptied = more.withHandlers(def, 'nextOffer', [{ event: 'always', transitions: [], single: false }]);
    expect('always' in emptied.states.nextOffer!).toBe(false);
  });

  it('finds the states nothing reaches, as the validator does', () => {
    const def = shipped();
    expect(more.unreachableStates(def)).toEqual([]);
    const added = addState(def, 'cashCheck', { after: 'verifying' });
    if (!added.ok) throw new Error(added.error);
    expect(more.unreachableStates(added.def)).toEqual(['cashCheck']);
    const v = validateFlow(added.def, { templateKeys: commonKeys(loadTemplates()) });
    expect(v.ok ? [] : v.errors.filter((e) => /unreachable/.test(e.message)).map((e) => e.path)).toEqual(['states.cashCheck']);
    // Reached from the root's handlers, a state counts as reachable (from any state not final).
    const viaRoot = withEvents(added.def, null, [...eventsOf(added.def, null), { event: 'MEDIA', single: true, transitions: [{ target: 'cashCheck' }] }]);
    expect(more.unreachableStates(viaRoot)).toEqual([]);
  });

  it('lists the template keys a state says, options last', () => {
    const def = shipped();
    expect(more.templateKeysOf(def, 'offering')).toEqual(['offer.{offer.kind}', 'offer.hardshipAck', 'common.didNotUnderstand', 'option.accept', 'option.other', 'option.human']);
    expect(more.templateKeysOf(def, 'nextOffer')).toEqual([]);
    expect(more.templateKeysOf(def, null)).toContain('contact.preferenceSaved');
  });
});

describe('flow editor model: the order a person reads the steps in', () => {
  it('walks from the start along the transitions as written, whatever the keys’ order', () => {
    const def = shipped();
    const order = more.conversationOrder(def);
    // start's ways out, as written: the phone already known, the e-mail link, then the CNPJ.
    expect(order.slice(0, 4)).toEqual(['start', 'verifyingPhone', 'askCnpjLinked', 'askCnpj']);
    expect(order.indexOf('offering')).toBeLessThan(order.indexOf('agreeing'));
    expect(order.indexOf('agreeing')).toBeLessThan(order.indexOf('agreed'));
    expect(order.indexOf('offering')).toBeLessThan(order.indexOf('agreeing'));
    expect([...order].sort()).toEqual(Object.keys(def.states).sort());
    // As the database gives it back (jsonb sorts keys by length): the same order.
    const shuffled = { ...def, states: Object.fromEntries(Object.entries(def.states).sort(([a], [b]) => a.length - b.length || a.localeCompare(b))) };
    expect(more.conversationOrder(shuffled)).toEqual(order);
    // A state nothing reaches comes last.
    const added = addState(def, 'cashCheck', { after: 'start' });
    if (!added.ok) throw new Error(added.error);
    expect(more.conversationOrder(added.def).at(-1)).toBe('cashCheck');
  });
});

describe('flow editor model: what the bot waits for, in each locale', () => {
  it('reads one text or per-locale words, and writes one locale keeping the others', () => {
    const def = shipped();
    expect(more.waitsForIn(def.states.askCnpj, 'pt-BR')).toBe('o CNPJ da empresa');
    expect(more.waitsForIn(def.states.askCnpj, 'en')).toBe('the company\'s CNPJ');
    expect(more.waitsForIn({ meta: { waitsFor: 'the CNPJ' } }, 'pt-BR')).toBe('the CNPJ');
    expect(more.waitsForIn({ meta: { waitsFor: { 'pt-BR': 'o CNPJ' } } }, 'en')).toBe('o CNPJ');
    expect(more.waitsForIn({}, 'en')).toBe('');
    const state = { meta: { waitsFor: 'the CNPJ', note: 'x' } };
    expect(more.withWaitsFor(state, 'pt-BR', 'o CNPJ', ['pt-BR', 'en'])).toEqual({ meta: { waitsFor: { 'pt-BR': 'o CNPJ', en: 'the CNPJ' }, note: 'x' } });
    expect(state.meta.waitsFor).toBe('the CNPJ');
    const cleared = more.withWaitsFor({ meta: { waitsFor: { en: 'x' } } }, 'en', '', ['pt-BR', 'en']);
    expect(cleared).toEqual({});
  });
});

describe('flow editor model on whatever the JSON tab holds', () => {
  // The steps tab reads any JSON whose `states` is an object; an engineer may have typed anything
  // anywhere else. Reading it must not throw (the tab would go blank): odd parts read as nothing.
  type Reader = {
    conversationOrder(def: unknown): string[];
    unreachableStates(def: unknown): string[];
    handlersOf(def: unknown, name: string | null): unknown;
    templateKeysOf(def: unknown, name: string | null): unknown;
    waitsForIn(state: unknown, locale: string): unknown;
  };
  it('reads every step of a draft with any value anywhere without throwing', async () => {
    // @ts-expect-error: a browser module without types
    const m = (await import('../../../src/http/public/flow-model.js')) as unknown as Reader;
    const fc = (await import('fast-check')).default;
    const base = shipped() as unknown as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, at: (string | number)[]) => {
      if (at.length) paths.push(at);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>(null, 7, 'x', [], {}, ['say'], { type: 7 }, { target: 7 }, { TEXT: 'x' })), (path, value) => {
        const def = structuredClone(base) as Record<string | number, unknown>;
        let node = def;
        for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
        node[path.at(-1)!] = value;
        const states = def.states;
        if (!states || typeof states !== 'object') return;
        m.conversationOrder(def);
        m.unreachableStates(def);
        m.handlersOf(def, null);
        m.templateKeysOf(def, null);
        for (const name of Object.keys(states)) {
          m.handlersOf(def, name);
          m.templateKeysOf(def, name);
          m.waitsForIn((states as Record<string, unknown>)[name], 'pt-BR');
        }
      }),
      { numRuns: 1500, seed: 20261203 },
    );
  });
});
