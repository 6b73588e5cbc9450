// The flow editor's model: pure functions over a flow definition (the JSON of flows/*.json, shape
// in src/engine/flowSchema.ts) that the structured editor and the JSON view both edit, so the two
// views are one draft. Each function returns a new definition and leaves its input alone; what it
// does not touch keeps its exact form (an event's single transition stays an object, key order
// stays), so going from JSON to the editor and back changes nothing.

/** @typedef {string | { type: string, params?: unknown }} NamedRef */
/** @typedef {{ target?: string, guard?: NamedRef, actions?: NamedRef[], reenter?: boolean, description?: string }} FlowTransition */
/** @typedef {{ description?: string, type?: string, entry?: NamedRef[], exit?: NamedRef[], on?: Record<string, FlowTransition | FlowTransition[]>, always?: FlowTransition | FlowTransition[], meta?: Record<string, unknown> }} FlowState */
/** @typedef {{ id: string, description?: string, initial: string, on?: Record<string, FlowTransition | FlowTransition[]>, states: Record<string, FlowState> }} FlowDefinition */
/** @typedef {{ event: string, transitions: FlowTransition[], single: boolean }} EventHandlers */
/** @typedef {{ from: string | null, event: string, index: number }} Reference */

/** As src/engine/flowSchema.ts: what the server accepts as a state name. */
export const STATE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** @template T @param {T} x @returns {T} */
const clone = (x) => JSON.parse(JSON.stringify(x));

/** @param {FlowTransition | FlowTransition[] | undefined} x @returns {FlowTransition[]} */
const asArray = (x) => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

// The JSON tab may hold anything the server would refuse (a list where an object goes, null, a
// number): reading it must not throw, or the steps tab goes blank. Odd parts read as nothing.
/** @param {unknown} x @returns {any[]} */
const listOr = (x) => (Array.isArray(x) ? x : []);
/** @param {unknown} x @returns {Record<string, any>} */
const objectOr = (x) => (x && typeof x === 'object' && !Array.isArray(x) ? /** @type {Record<string, any>} */ (x) : {});

/**
 * Every transition of the definition with where it is: `from` null for the root's handlers (they
 * apply in every state), `event` 'always' for a state's eventless transitions.
 * @param {FlowDefinition} def
 * @returns {{ from: string | null, event: string, index: number, transition: FlowTransition }[]}
 */
export function allTransitions(def) {
  const out = [];
  for (const [event, handlers] of Object.entries(objectOr(def.on))) asArray(handlers).forEach((transition, index) => out.push({ from: null, event, index, transition: objectOr(transition) }));
  for (const [name, state] of Object.entries(def.states)) {
    for (const [event, handlers] of Object.entries(objectOr(state?.on))) asArray(handlers).forEach((transition, index) => out.push({ from: name, event, index, transition: objectOr(transition) }));
    asArray(state?.always).forEach((transition, index) => out.push({ from: name, event: 'always', index, transition: objectOr(transition) }));
  }
  return out;
}

/**
 * Where a state is reached from: each transition that targets it from another state (or from the
 * root), and `initial` (as from null, event 'initial'). A state's transitions to itself do not count.
 * @param {FlowDefinition} def @param {string} name @returns {Reference[]}
 */
export function referencesTo(def, name) {
  const refs = allTransitions(def)
    .filter((x) => x.transition.target === name && x.from !== name)
    .map(({ from, event, index }) => ({ from, event, index }));
  return def.initial === name ? [{ from: null, event: 'initial', index: 0 }, ...refs] : refs;
}

/** @param {FlowDefinition} def @param {string} name @returns {string | null} why the name cannot be a new state's */
function nameProblem(def, name) {
  if (!STATE_NAME.test(name)) return 'letters, digits and _, starting with a letter';
  if (Object.hasOwn(def.states, name)) return `a state named ${name} exists`;
  return null;
}

/**
 * A new state, empty but for what the bot waits for there, after `after` (default: at the end).
 * @param {FlowDefinition} def @param {string} name @param {{ waitsFor?: string, after?: string }} [opts]
 * @returns {{ ok: true, def: FlowDefinition } | { ok: false, error: string }}
 */
export function addState(def, name, opts = {}) {
  const problem = nameProblem(def, name);
  if (problem) return { ok: false, error: problem };
  /** @type {FlowState} */
  const state = opts.waitsFor ? { meta: { waitsFor: opts.waitsFor } } : {};
  const out = clone(def);
  const entries = Object.entries(out.states);
  const at = opts.after && Object.hasOwn(out.states, opts.after) ? entries.findIndex(([n]) => n === opts.after) + 1 : entries.length;
  entries.splice(at, 0, [name, state]);
  out.states = Object.fromEntries(entries);
  return { ok: true, def: out };
}

/**
 * Renames a state; every transition that targets it, and `initial`, follow. Its place in the
 * order of states stays.
 * @param {FlowDefinition} def @param {string} from @param {string} to
 * @returns {{ ok: true, def: FlowDefinition } | { ok: false, error: string }}
 */
export function renameState(def, from, to) {
  if (!Object.hasOwn(def.states, from)) return { ok: false, error: `no state named ${from}` };
  if (from === to) return { ok: true, def: clone(def) };
  const problem = nameProblem(def, to);
  if (problem) return { ok: false, error: problem };
  const out = clone(def);
  out.states = Object.fromEntries(Object.entries(out.states).map(([n, s]) => [n === from ? to : n, s]));
  if (out.initial === from) out.initial = to;
  for (const { transition } of allTransitions(out)) if (transition.target === from) transition.target = to;
  return { ok: true, def: out };
}

/**
 * Deletes a state nothing else reaches; refuses one that is the initial state or a target of
 * another state's (or the root's) transition, and says which.
 * @param {FlowDefinition} def @param {string} name
 * @returns {{ ok: true, def: FlowDefinition } | { ok: false, error: string, references: Reference[] }}
 */
export function deleteState(def, name) {
  if (!Object.hasOwn(def.states, name)) return { ok: false, error: `no state named ${name}`, references: [] };
  const references = referencesTo(def, name);
  if (references.length) {
    const where = references.map((r) => (r.event === 'initial' ? 'the start of the flow' : `${r.from ?? 'every state'} (${r.event})`));
    return { ok: false, error: `${name} is reached from ${[...new Set(where)].join(', ')}`, references };
  }
  const out = clone(def);
  delete out.states[name];
  return { ok: true, def: out };
}

/**
 * A state's handlers, event by event in the order written: the editor's rows. `single` keeps
 * whether the JSON had one transition as an object rather than a list.
 * @param {FlowDefinition} def @param {string | null} name null: the root's handlers
 * @returns {EventHandlers[]}
 */
export function eventsOf(def, name) {
  const on = name === null ? def.on : def.states[name]?.on;
  return Object.entries(objectOr(on)).map(([event, handlers]) => ({ event, transitions: clone(asArray(handlers)), single: !Array.isArray(handlers) }));
}

/**
 * The definition with a state's (or the root's) handlers replaced by `events`. An event with no
 * transitions is dropped; one transition stays an object when `single` says it was one.
 * @param {FlowDefinition} def @param {string | null} name @param {EventHandlers[]} events
 * @returns {FlowDefinition}
 */
export function withEvents(def, name, events) {
  const out = clone(def);
  const kept = events.filter((e) => e.transitions.length > 0);
  const on = Object.fromEntries(kept.map((e) => [e.event, e.single && e.transitions.length === 1 ? clone(e.transitions[0]) : clone(e.transitions)]));
  const holder = name === null ? out : out.states[name];
  if (!holder) throw new Error(`no state named ${name}`);
  if (kept.length) holder.on = on;
  else delete holder.on;
  return out;
}

/**
 * A state's handlers with its eventless transitions as one more row, event 'always' (what the
 * editor shows as "right away"); the root has none. withHandlers is its inverse.
 * @param {FlowDefinition} def @param {string | null} name @returns {EventHandlers[]}
 */
export function handlersOf(def, name) {
  const rows = eventsOf(def, name);
  const always = name === null ? undefined : def.states[name]?.always;
  if (always !== undefined) rows.push({ event: 'always', transitions: clone(asArray(always)), single: !Array.isArray(always) });
  return rows;
}

/**
 * @param {FlowDefinition} def @param {string | null} name @param {EventHandlers[]} rows
 * @returns {FlowDefinition}
 */
export function withHandlers(def, name, rows) {
  const out = withEvents(def, name, rows.filter((r) => r.event !== 'always'));
  if (name === null) return out;
  const always = rows.find((r) => r.event === 'always');
  const state = out.states[name];
  if (always && always.transitions.length) state.always = always.single && always.transitions.length === 1 ? clone(always.transitions[0]) : clone(always.transitions);
  else delete state.always;
  return out;
}

/**
 * The states the flow can never reach from its initial state, as src/engine/validateFlow.ts
 * finds them (the root's targets are reachable from every state that is not final).
 * @param {FlowDefinition} def @returns {string[]}
 */
export function unreachableStates(def) {
  /** @type {Map<string | null, Set<string>>} */
  const edges = new Map();
  for (const { from, transition } of allTransitions(def)) {
    if (!transition.target) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)?.add(transition.target);
  }
  const seen = new Set();
  const queue = Object.hasOwn(def.states, def.initial) ? [def.initial] : [];
  while (queue.length) {
    const s = /** @type {string} */ (queue.pop());
    if (seen.has(s) || !Object.hasOwn(def.states, s)) continue;
    seen.add(s);
    queue.push(...(edges.get(s) ?? []));
    if (def.states[s]?.type !== 'final') queue.push(...(edges.get(null) ?? []));
  }
  return Object.keys(def.states).filter((n) => !seen.has(n));
}

/**
 * The template keys a state's messages use, in the order written: each `say` key of its entry
 * actions and transitions (or the root's), then each option's label key. A key with a `{slot}`
 * (offer.{offer.kind}) is one per variant and is listed as written.
 * @param {FlowDefinition} def @param {string | null} name @returns {string[]}
 */
export function templateKeysOf(def, name) {
  const refs = [];
  if (name !== null) refs.push(...listOr(def.states[name]?.entry));
  for (const row of handlersOf(def, name)) for (const t of row.transitions) refs.push(...listOr(t?.actions));
  const keys = [];
  const labels = [];
  for (const ref of refs) {
    if (!ref || typeof ref !== 'object' || ref.type !== 'say') continue;
    const p = /** @type {{ key?: unknown, options?: { labelKey?: unknown }[] }} */ (ref.params ?? {});
    if (typeof p.key === 'string' && p.key) keys.push(p.key);
    for (const o of Array.isArray(p.options) ? p.options : []) if (typeof o?.labelKey === 'string' && o.labelKey) labels.push(o.labelKey);
  }
  return [...new Set([...keys, ...labels])];
}

/**
 * The states in the order a conversation meets them: breadth first from the initial state along
 * each state's transitions as written, then the states only the root's handlers reach, then those
 * nothing reaches, in the definition's order. (The definition's own key order is not kept by the
 * database, which stores it as jsonb, so it cannot be the order a person reads.)
 * @param {FlowDefinition} def @returns {string[]}
 */
export function conversationOrder(def) {
  /** @type {Map<string | null, string[]>} */
  const next = new Map();
  for (const { from, transition } of allTransitions(def)) {
    if (!transition.target || !Object.hasOwn(def.states, transition.target)) continue;
    if (!next.has(from)) next.set(from, []);
    next.get(from)?.push(transition.target);
  }
  const seen = new Set();
  const walk = (/** @type {string[]} */ start) => {
    const queue = [...start];
    while (queue.length) {
      const s = /** @type {string} */ (queue.shift());
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...(next.get(s) ?? []));
    }
  };
  walk(Object.hasOwn(def.states, def.initial) ? [def.initial] : []);
  walk(next.get(null) ?? []);
  return [...seen, ...Object.keys(def.states).filter((n) => !seen.has(n))];
}

/**
 * What the bot waits for in a state, in `locale`: meta.waitsFor is admin-facing words, one text
 * for every locale or `{ "pt-BR": …, "en": … }` (as src/engine/flowGraph.ts reads it).
 * @param {FlowState | undefined} state @param {string} locale @returns {string}
 */
export function waitsForIn(state, locale) {
  const w = state?.meta?.waitsFor;
  if (typeof w === 'string') return w;
  if (!w || typeof w !== 'object') return '';
  const byLocale = /** @type {Record<string, unknown>} */ (w);
  const text = [byLocale[locale], byLocale['pt-BR'], ...Object.values(byLocale)].find((x) => typeof x === 'string' && x !== '');
  return typeof text === 'string' ? text : '';
}

/**
 * The state with what the bot waits for set in one locale; the other locales keep their words
 * (one text for every locale becomes each locale's). Emptied everywhere, the key goes away.
 * @param {FlowState} state @param {string} locale @param {string} text @param {readonly string[]} locales
 * @returns {FlowState}
 */
export function withWaitsFor(state, locale, text, locales) {
  const out = clone(state);
  const w = state.meta?.waitsFor;
  // Each locale's own words (not the fallback reading): one text counts as every locale's.
  const own = (l) => (typeof w === 'string' ? w : w && typeof w === 'object' && typeof w[l] === 'string' ? w[l] : '');
  const byLocale = Object.fromEntries(locales.map((l) => [l, own(l)]));
  byLocale[locale] = text;
  const kept = Object.fromEntries(Object.entries(byLocale).filter(([, v]) => v));
  if (Object.keys(kept).length) out.meta = { ...(out.meta ?? {}), waitsFor: kept };
  else if (out.meta) {
    delete out.meta.waitsFor;
    if (!Object.keys(out.meta).length) delete out.meta;
  }
  return out;
}
