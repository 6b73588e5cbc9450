// The structured editor of a flow's draft: the steps (states) in a list, and one step at a time as
// a form — what the bot waits for there, what it says on arriving, and each way out as a row
// "when … and … → go to … doing …" with pickers that offer only what the registry has (GET
// /api/admin/flows/vocabulary) and parameter forms made from the registry's schemas. The texts the
// step says are edited next to it in both locales, with the preview and the guardrails' verdict.
// It edits the same draft as the JSON view (admin-flow-editor.js): every change is written back
// as the JSON text, through the model's pure functions (flow-model.js).
import { api, errorText, h, issueText, showError, state, str, t } from '/admin-core.js';
import { paramForm, valueWords } from '/admin-param-form.js';
import { editor, els as flowEls } from '/admin-flow-state.js';
import { templateField } from '/admin-template-field.js';
import { addState, conversationOrder, deleteState, handlersOf, renameState, templateKeysOf, unreachableStates, waitsForIn, withHandlers, withWaitsFor } from '/flow-model.js';

/** @import { FlowDefinition, FlowTransition, NamedRef, Reference } from './flow-model.js' */
/** @typedef {{ name: string, params: Record<string, unknown> | null, paramsRequired: boolean, label: Record<string, string>, values?: Record<string, Record<string, Record<string, string>>>, kind?: 'assign' | 'effect' }} VocabEntry */
/** @typedef {{ guards: VocabEntry[], actions: VocabEntry[], events: { type: string, label: Record<string, string> }[], keySlots: Record<string, string[]> }} Vocabulary */

const LOCALES = /** @type {const} */ (['pt-BR', 'en']);
/** The list's entry for the root's handlers: what applies in every step. */
const ROOT = '*';
const KEYS_LIST = 'flow-template-keys';

const pane = /** @type {HTMLElement} */ (document.getElementById('steps-pane'));
const jsonPane = /** @type {HTMLElement} */ (document.getElementById('json-pane'));
const tabs = { steps: /** @type {HTMLButtonElement} */ (document.getElementById('tab-steps')), json: /** @type {HTMLButtonElement} */ (document.getElementById('tab-json')) };

const st = {
  /** @type {Vocabulary | null} */ vocab: null,
  /** @type {Promise<Vocabulary | null> | null} */ loading: null,
  /** The step shown: a state's name or ROOT. */
  /** @type {string | null} */ open: null,
  /** The last save's or publish's errors: [{path, message}]. */
  /** @type {{ path: string, message: string }[]} */ errors: [],
  /** Where the last refused add, rename or delete should say why. */
  /** @type {{ where: string, message: string } | null} */ refusal: null,
};

// ---------- words ----------
const loc = () => state.locale;
const words = (label) => (label && (label[loc()] ?? label['pt-BR'])) || '';
/** A registry label with its `{param}` filled from params (as src/engine/registryLabels.ts renderLabel). */
function labelOf(entry, params) {
  const given = params && typeof params === 'object' ? params : {};
  return words(entry.label).replace(/\{(\w+)\}/g, (_, n) => (given[n] === undefined || given[n] === '' ? '…' : valueWords(entry.values, n, String(given[n]))));
}
const refName = (ref) => (typeof ref === 'string' ? ref : ref?.type ?? '');
const refParams = (ref) => (typeof ref === 'string' ? undefined : ref?.params);
/** A reference in the JSON's usual form: the bare name when it has no params. */
const refOf = (name, params) => (params === undefined ? name : { type: name, params });
const guardEntry = (name) => st.vocab?.guards.find((g) => g.name === name);
const actionEntry = (name) => st.vocab?.actions.find((a) => a.name === name);
function eventWords(type) {
  if (type === 'always') return t('eventAlways');
  return words(st.vocab?.events.find((e) => e.type === type)?.label) || type;
}
const capitalized = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const stepTitle = (name) => (name === ROOT ? t('everyStep') : name);

// ---------- reading and writing the draft ----------
function readDef() {
  const r = editor.definition();
  if (!r.ok) return r;
  const def = r.def;
  if (!def || typeof def !== 'object' || !def.states || typeof def.states !== 'object') return { ok: false, error: t('notAFlow') };
  return { ok: true, def: /** @type {FlowDefinition} */ (def) };
}

/** Writes `def` as the draft; re-draws the form unless the change came from typing in it. */
function commit(def, rerender = true) {
  editor.setDefinition(def);
  if (rerender) render();
}

/** The model's refusal (the checker cannot narrow its result without strictNullChecks). */
const refused = (r) => /** @type {{ error: string, references: Reference[] }} */ (r);

function refuse(where, message) {
  st.refusal = { where, message };
  render();
}

// ---------- vocabulary ----------
function loadVocabulary() {
  if (st.vocab) return Promise.resolve(st.vocab);
  if (!st.loading) {
    st.loading = api('GET', '/api/admin/flows/vocabulary').then((res) => {
      if (!res.ok || !res.body) { showError(errorText(res)); return null; }
      st.vocab = res.body;
      return st.vocab;
    }, () => null).finally(() => { st.loading = null; });
  }
  return st.loading;
}

// ---------- the view ----------
export function showTab(which) {
  const steps = which === 'steps';
  tabs.steps.setAttribute('aria-selected', String(steps));
  tabs.json.setAttribute('aria-selected', String(!steps));
  pane.hidden = !steps;
  jsonPane.hidden = steps;
  if (steps) render();
}
const stepsShown = () => !pane.hidden;
tabs.steps.addEventListener('click', () => showTab('steps'));
tabs.json.addEventListener('click', () => showTab('json'));

/** Opens a step (from the list, the diagram or an error), in the steps view; from afar, scrolled to. */
export function openStep(name, scroll = true) {
  st.open = name;
  st.refusal = null;
  showTab('steps');
  if (scroll) pane.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

export async function render() {
  if (!stepsShown()) return;
  // Nothing to show before a flow is open (and no vocabulary to ask for before logging in).
  if (!str(editor.value().definitionText).trim()) { pane.textContent = ''; return; }
  if (!st.vocab && !(await loadVocabulary())) return;
  const r = readDef();
  pane.textContent = '';
  fieldsShown.clear();
  if (!r.ok) {
    pane.append(h('p', { class: 'field-error', 'data-testid': 'steps-unreadable', text: t('stepsUnreadable', r.error) }));
    return;
  }
  const def = r.def;
  if (st.open !== ROOT && (!st.open || !Object.hasOwn(def.states, st.open))) st.open = typeof def.initial === 'string' && Object.hasOwn(def.states, def.initial) ? def.initial : Object.keys(def.states)[0] ?? ROOT;
  try {
    const keys = h('datalist', { id: KEYS_LIST }, ...editor.templateKeys().map((k) => h('option', { value: k })));
    pane.append(keys, h('div', { class: 'steps' }, stepList(def), h('div', { class: 'step-form', 'data-testid': 'step-form', 'data-step': st.open }, ...stepForm(def, st.open))));
  } catch {
    // A shape the steps cannot show (a JSON tab edit the server would refuse): said, the text kept.
    pane.textContent = '';
    fieldsShown.clear();
    pane.append(h('p', { class: 'field-error', 'data-testid': 'steps-unreadable', text: t('stepsUnreadable', t('notStepShaped')) }));
    return;
  }
  placeErrors();
}

function stepList(def) {
  const unreachable = new Set(unreachableStates(def));
  const errorsOf = (name) => st.errors.filter((e) => (name === ROOT ? /^on[.[]/.test(e.path) : e.path === `states.${name}` || e.path.startsWith(`states.${name}.`))).length;
  const item = (name) => {
    const s = name === ROOT ? null : def.states[name];
    const n = errorsOf(name);
    const b = h('button', { type: 'button', class: 'pick', 'data-testid': 'step-item', 'data-step': name, 'aria-current': st.open === name ? 'true' : null },
      h('span', { class: 'line-1' }, stepTitle(name),
        name === def.initial ? h('span', { class: 'badge', text: t('stepInitial') }) : null,
        s?.type === 'final' ? h('span', { class: 'badge', text: t('stepFinal') }) : null,
        unreachable.has(name) ? h('span', { class: 'badge warn', 'data-testid': 'step-unreachable', title: t('unreachableWhy', def.initial), text: t('stepUnreachable') }) : null,
        n ? h('span', { class: 'badge bad', 'data-testid': 'step-errors', text: t('nErrors', n) }) : null),
      name === ROOT ? h('span', { class: 'line-2', text: t('everyStepHint') }) : waitsForIn(s, loc()) ? h('span', { class: 'line-2', text: waitsForIn(s, loc()) }) : null);
    b.addEventListener('click', () => openStep(name, false));
    return h('li', null, b);
  };
  return h('div', { class: 'steps-side' },
    h('ul', { class: 'plain pick-list', 'data-testid': 'step-list' }, item(ROOT), ...conversationOrder(def).map(item)),
    addStepForm(def));
}

function addStepForm(def) {
  const name = /** @type {HTMLInputElement} */ (h('input', { id: 'step-new-name', 'data-testid': 'step-new-name', autocomplete: 'off', spellcheck: 'false', placeholder: 'checkCash' }));
  const waits = /** @type {HTMLInputElement} */ (h('input', { id: 'step-new-waits', 'data-testid': 'step-new-waits', autocomplete: 'off' }));
  const after = /** @type {HTMLSelectElement} */ (h('select', { id: 'step-new-after', 'data-testid': 'step-new-after' }, ...conversationOrder(def).map((n) => h('option', { value: n, text: n }))));
  after.value = st.open && st.open !== ROOT ? st.open : Object.keys(def.states).at(-1) ?? '';
  const err = errorSlot(st.refusal?.where === 'add' ? st.refusal.message : null, 'step-add-error');
  const form = h('form', { class: 'step-add', 'data-testid': 'step-add', novalidate: '' },
    h('h3', { class: 'sub', text: t('addStep') }),
    h('label', { for: 'step-new-name', text: t('stepName') }), name,
    h('label', { for: 'step-new-waits', text: t('waitsFor') }), waits,
    h('label', { for: 'step-new-after', text: t('stepAfter') }), after,
    err,
    h('button', { type: 'submit', class: 'btn small', 'data-testid': 'step-add-submit', text: t('addStep') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const cur = readDef();
    if (!cur.ok) return;
    const r = addState(cur.def, name.value.trim(), { waitsFor: waits.value.trim() || undefined, after: after.value });
    if (!r.ok) { refuse('add', t('stepNameRefused', refused(r).error)); return; }
    st.open = name.value.trim();
    st.refusal = null;
    commit(r.def);
  });
  return form;
}

/** A `small.field-error` slot, shown when `message` is given. */
function errorSlot(message, testid = 'field-error') {
  return h('small', { class: 'field-error', 'data-role': 'field-error', 'data-testid': testid, hidden: message ? null : '', text: message ?? '' });
}

// ---------- one step ----------
function stepForm(def, name) {
  const root = name === ROOT;
  const base = root ? '' : `states.${name}`;
  const s = root ? null : def.states[name];
  const out = [];
  out.push(h('div', { class: 'step-head', 'data-path': base || null },
    h('h3', { 'data-testid': 'step-title', text: stepTitle(name) }),
    root ? h('p', { class: 'muted small', text: t('everyStepHint') }) : null,
    errorSlot(null)));
  if (!root) out.push(stepSettings(def, name, s));
  if (!root) out.push(h('section', { class: 'step-part' }, h('h4', { text: t('onArrival') }), actionList(s.entry ?? [], `${base}.entry`, (list, rerender = true) => setState(name, (x) => { if (list.length) x.entry = list; else delete x.entry; }, rerender), true)));
  out.push(handlersPart(def, name));
  out.push(textsPart(def, root ? null : name));
  return out;
}

/** Changes a state in place and writes the definition. */
function setState(name, change, rerender = true) {
  const r = readDef();
  if (!r.ok) return;
  const def = structuredClone(r.def);
  change(def.states[name]);
  commit(def, rerender);
}

function stepSettings(def, name, s) {
  const rename = /** @type {HTMLInputElement} */ (h('input', { id: 'step-rename', 'data-testid': 'step-rename', autocomplete: 'off', spellcheck: 'false', value: name }));
  const renameBtn = h('button', { type: 'button', class: 'btn small', 'data-testid': 'step-rename-submit', text: t('rename') });
  renameBtn.addEventListener('click', () => {
    const cur = readDef();
    if (!cur.ok) return;
    const to = rename.value.trim();
    const r = renameState(cur.def, name, to);
    if (!r.ok) { refuse('rename', t('stepNameRefused', refused(r).error)); return; }
    st.open = to;
    st.refusal = null;
    commit(r.def);
  });
  const del = h('button', { type: 'button', class: 'btn small danger', 'data-testid': 'step-delete', text: t('deleteStep') });
  del.addEventListener('click', () => {
    const cur = readDef();
    if (!cur.ok) return;
    const r = deleteState(cur.def, name);
    if (!r.ok) {
      const where = refused(r).references.map((x) => (x.event === 'initial' ? t('theStart') : `${stepTitle(x.from ?? ROOT)} (${eventWords(x.event)})`));
      refuse('delete', t('stepStillReached', [...new Set(where)].join(', ')));
      return;
    }
    st.open = null;
    st.refusal = null;
    commit(r.def);
  });
  // Admin-facing words, in each locale (the diagram shows the admin's).
  const waits = LOCALES.map((locale) => {
    const input = /** @type {HTMLInputElement} */ (h('input', { id: `step-waits-${locale}`, 'data-testid': 'step-waits', 'data-locale': locale, lang: locale, autocomplete: 'off', value: waitsForIn(s, locale) }));
    input.addEventListener('input', () => {
      const r = readDef();
      if (!r.ok) return;
      const def = structuredClone(r.def);
      def.states[name] = withWaitsFor(def.states[name], locale, input.value.trim(), LOCALES);
      commit(def, false);
    });
    return h('span', { class: 'waits-field' }, h('label', { for: `step-waits-${locale}`, text: locale }), input);
  });
  const final = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'step-final', 'data-testid': 'step-final', checked: s.type === 'final' }));
  final.addEventListener('change', () => setState(name, (x) => { if (final.checked) x.type = 'final'; else delete x.type; }));
  return h('section', { class: 'step-part step-settings' },
    h('div', { class: 'step-row', 'data-path': `states.${name}.name` },
      h('label', { for: 'step-rename', text: t('stepName') }), rename, renameBtn, del,
      errorSlot(st.refusal && st.refusal.where !== 'add' ? st.refusal.message : null, 'step-refused')),
    h('div', { class: 'step-row', 'data-path': `states.${name}.meta` }, h('span', { class: 'row-label', text: t('waitsFor') }), ...waits, errorSlot(null)),
    h('label', { class: 'switch-label small' }, final, ' ', t('finalStep')));
}

// ---------- ways out ----------
function handlersPart(def, name) {
  const root = name === ROOT;
  const sname = root ? null : name;
  const rows = handlersOf(def, sname);
  const section = h('section', { class: 'step-part', 'data-testid': 'step-handlers' }, h('h4', { text: root ? t('everyStepHandlers') : t('waysOut') }));
  const setRows = (change, rerender = true) => {
    const cur = readDef();
    if (!cur.ok) return;
    const list = handlersOf(cur.def, sname);
    change(list);
    commit(withHandlers(cur.def, sname, list), rerender);
  };
  const pathOf = (event) => (event === 'always' ? `states.${name}.always` : root ? `on.${event}` : `states.${name}.on.${event}`);
  for (const row of rows) {
    const p = pathOf(row.event);
    const block = h('div', { class: 'event-block', 'data-testid': 'event-block', 'data-event': row.event, 'data-path': p },
      h('h5', { text: capitalized(eventWords(row.event)) }), errorSlot(null));
    const ol = h('ol', { class: 'transitions' });
    row.transitions.forEach((tr, i) => ol.append(transitionRow(def, name, row.event, tr, i, row.transitions.length, `${p}[${i}]`, setRows)));
    const add = h('button', { type: 'button', class: 'btn small', 'data-testid': 'transition-add', text: t('addTransition') });
    add.addEventListener('click', () => setRows((list) => { list.find((r) => r.event === row.event)?.transitions.push({}); }));
    block.append(ol, add);
    section.append(block);
  }
  // A new event: only those the registry knows (and "right away" for a state), not yet handled here.
  const have = new Set(rows.map((r) => r.event));
  const events = [...(st.vocab?.events.map((e) => e.type) ?? []), ...(root ? [] : ['always'])].filter((e) => !have.has(e));
  const pick = /** @type {HTMLSelectElement} */ (h('select', { 'data-testid': 'event-add', 'aria-label': t('addEvent') },
    h('option', { value: '', text: t('addEvent') }), ...events.map((e) => h('option', { value: e, text: eventWords(e) }))));
  pick.addEventListener('change', () => {
    if (!pick.value) return;
    const event = pick.value;
    setRows((list) => { list.push({ event, transitions: [{}], single: false }); });
  });
  section.append(h('div', { class: 'toolbar' }, pick));
  return section;
}

/**
 * "when <event> [and <condition>] → go to <step> doing <actions>", with up, down and remove.
 * @param {FlowDefinition} def @param {string} name @param {string} event @param {FlowTransition} tr
 */
function transitionRow(def, name, event, tr, i, count, path, setRows) {
  const root = name === ROOT;
  const change = (fn, rerender = true) => setRows((list) => {
    const row = list.find((r) => r.event === event);
    const copy = { ...row.transitions[i] };
    fn(copy);
    row.transitions[i] = copy;
  }, rerender);

  // Condition.
  const gName = tr.guard ? refName(tr.guard) : '';
  const guard = /** @type {HTMLSelectElement} */ (h('select', { 'data-testid': 'transition-guard', 'aria-label': t('condition') },
    h('option', { value: '', text: t('noCondition') }),
    ...(st.vocab?.guards ?? []).map((g) => h('option', { value: g.name, text: labelOf(g, null) }))));
  if (gName && !guardEntry(gName)) guard.append(h('option', { value: gName, text: gName }));
  guard.value = gName;
  guard.addEventListener('change', () => change((x) => {
    const g = guardEntry(guard.value);
    if (!g) delete x.guard;
    else x.guard = g.params ? refOf(g.name, g.paramsRequired ? {} : undefined) : g.name;
  }));
  const g = guardEntry(gName);
  const gForm = g ? paramForm(/** @type {any} */ (g.params), refParams(tr.guard), `${path}.guard.params`, {
    values: g.values, listId: KEYS_LIST,
    onChange: (v) => change((x) => { x.guard = refOf(g.name, v); }),
    onInput: (v) => change((x) => { x.guard = refOf(g.name, v); }, false),
  }, g.paramsRequired) : null;

  // Where to.
  const target = /** @type {HTMLSelectElement} */ (h('select', { 'data-testid': 'transition-target', 'aria-label': t('goTo') },
    h('option', { value: '', text: root ? t('stayWhereItIs') : t('stayHere') }),
    ...Object.keys(def.states).map((n) => h('option', { value: n, text: n }))));
  if (tr.target && !Object.hasOwn(def.states, tr.target)) target.append(h('option', { value: tr.target, text: `${tr.target} ?` }));
  target.value = tr.target ?? '';
  target.addEventListener('change', () => change((x) => { if (target.value) x.target = target.value; else delete x.target; if (x.target !== name) delete x.reenter; }));
  const reenter = !root && tr.target === name
    ? h('label', { class: 'switch-label small' }, (() => {
      const cb = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', 'data-testid': 'transition-reenter', checked: tr.reenter === true }));
      cb.addEventListener('change', () => change((x) => { if (cb.checked) x.reenter = true; else delete x.reenter; }));
      return cb;
    })(), ' ', t('reenter'))
    : null;

  // Tools.
  const tool = (text, label, testid, disabled, fn) => {
    const b = h('button', { type: 'button', class: 'btn small', 'data-testid': testid, 'aria-label': label, title: label, disabled: disabled ? '' : null, text });
    b.addEventListener('click', () => setRows((list) => fn(list.find((r) => r.event === event).transitions)));
    return b;
  };
  const tools = h('span', { class: 'transition-tools' },
    tool('↑', t('moveUp'), 'transition-up', i === 0, (ts) => ts.splice(i - 1, 0, ts.splice(i, 1)[0])),
    tool('↓', t('moveDown'), 'transition-down', i === count - 1, (ts) => ts.splice(i + 1, 0, ts.splice(i, 1)[0])),
    tool('✕', t('remove'), 'transition-remove', false, (ts) => ts.splice(i, 1)));

  const summary = [eventWords(event), g ? labelOf(g, refParams(tr.guard)) : null].filter(Boolean).join(' · ');
  const goes = tr.target ? t('goesTo', tr.target) : t('staysHere');
  return h('li', { class: 'transition', 'data-testid': 'transition', 'data-event': event, 'data-index': i, 'data-path': path },
    h('p', { class: 'transition-summary', 'data-testid': 'transition-summary' }, h('span', { text: `${summary} → ${goes}` }), tools),
    h('div', { class: 'transition-line', 'data-path': `${path}.guard` }, h('span', { class: 'word', text: t('andIf') }), guard, gForm, errorSlot(null)),
    h('div', { class: 'transition-line', 'data-path': `${path}.target` }, h('span', { class: 'word', text: t('goTo') }), target, reenter, errorSlot(null)),
    h('div', { class: 'transition-line' }, h('span', { class: 'word', text: t('doing') }),
      actionList(tr.actions ?? [], `${path}.actions`, (list, rerender = true) => change((x) => { if (list.length) x.actions = list; else delete x.actions; }, rerender), false)),
    errorSlot(null));
}

/**
 * A list of actions, each a picker and its parameter form; `entry`: said on arriving.
 * @param {NamedRef[]} refs @param {string} path @param {(list: NamedRef[], rerender?: boolean) => void} set
 */
function actionList(refs, path, set, entry) {
  const ol = h('ol', { class: 'actions', 'data-testid': entry ? 'entry-actions' : 'transition-actions' });
  refs.forEach((ref, j) => {
    const name = refName(ref);
    const a = actionEntry(name);
    const apath = `${path}[${j}]`;
    const replace = (r) => set(refs.map((x, k) => (k === j ? r : x)));
    const form = a ? paramForm(/** @type {any} */ (a.params), refParams(ref), `${apath}.params`, {
      values: a.values, listId: KEYS_LIST,
      onChange: (v) => replace(refOf(name, v)),
      // Typing writes the draft without re-drawing the form, so the caret stays.
      onInput: (v) => set(refs.map((x, k) => (k === j ? refOf(name, v) : x)), false),
    }, a.paramsRequired) : null;
    const rm = h('button', { type: 'button', class: 'btn small', 'data-testid': 'action-remove', 'aria-label': t('remove'), title: t('remove'), text: '✕' });
    rm.addEventListener('click', () => set(refs.filter((_, k) => k !== j)));
    ol.append(h('li', { class: 'action', 'data-testid': 'action', 'data-action': name, 'data-path': apath },
      h('span', { class: 'action-name', text: a ? labelOf(a, refParams(ref)) : name }), form, rm, errorSlot(null)));
  });
  const pick = /** @type {HTMLSelectElement} */ (h('select', { 'data-testid': 'action-add', 'aria-label': t('addAction') },
    h('option', { value: '', text: t('addAction') }),
    ...['effect', 'assign'].map((kind) => h('optgroup', { label: kind === 'effect' ? t('actionsEffect') : t('actionsAssign') },
      ...(st.vocab?.actions ?? []).filter((a) => a.kind === kind).map((a) => h('option', { value: a.name, text: labelOf(a, null) }))))));
  pick.addEventListener('change', () => {
    const a = actionEntry(pick.value);
    if (!a) return;
    set([...refs, a.params && a.paramsRequired ? refOf(a.name, {}) : a.name]);
  });
  ol.append(h('li', { class: 'action-add' }, pick));
  return ol;
}

// ---------- texts ----------
function textsPart(def, name) {
  const keys = templateKeysOf(def, name);
  const section = h('section', { class: 'step-part', 'data-testid': 'step-texts' }, h('h4', { text: t('stepTexts') }));
  if (!keys.length) { section.append(h('p', { class: 'muted small', text: t('stepSaysNothing') })); return section; }
  for (const key of keys.flatMap(variantsOf)) {
    const fields = LOCALES.map((locale) => {
      const f = templateField({ locale, key, value: editor.template(locale, key) ?? '', onInput: (v) => editor.setTemplate(locale, key, v) });
      fieldsShown.set(`${locale}\u0000${key}`, f);
      return f.element;
    });
    section.append(h('div', { class: 'step-text' }, ...fields));
  }
  return section;
}
/** A say key with a `{slot}` (offer.{offer.kind}) is one template per value of the slot. */
function variantsOf(key) {
  let keys = [key];
  for (const [slot, values] of Object.entries(st.vocab?.keySlots ?? {})) keys = keys.flatMap((k) => (k.includes(slot) ? values.map((v) => k.replace(slot, v)) : [k]));
  return keys;
}

/** The template fields on screen, by locale and key, for the server's errors. */
const fieldsShown = new Map();

// ---------- errors next to their field ----------
function placeErrors() {
  for (const e of st.errors) {
    const m = /^templates\.([^.]+)\.(.+)$/.exec(e.path);
    if (m) { fieldsShown.get(`${m[1]}\u0000${m[2]}`)?.setError(e.message); continue; }
    const box = fieldFor(e.path);
    if (!box) continue;
    const slot = /** @type {HTMLElement | undefined} */ ([...box.children].find((c) => c.getAttribute('data-role') === 'field-error'));
    if (!slot) continue;
    slot.textContent = slot.textContent ? `${slot.textContent} ${e.message}` : e.message;
    slot.hidden = false;
    box.setAttribute('data-error', 'true');
  }
}

/** The element of the open step whose data-path is the error's path, or its nearest parent. */
function fieldFor(path) {
  let best = null;
  for (const el of pane.querySelectorAll('[data-path]')) {
    const p = el.getAttribute('data-path');
    if (p === path || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) {
      if (!best || p.length > best.getAttribute('data-path').length) best = el;
    }
  }
  return best;
}

const stepOfPath = (path) => (/^states\.([^.[]+)/.exec(path)?.[1]) ?? (/^on[.[]/.test(path) ? ROOT : null);

editor.subscribe((e) => {
  if (e.type === 'load') { st.open = null; st.refusal = null; st.errors = []; void render(); return false; }
  if (e.type === 'errors') {
    // The message is read when drawn, so a language switch redraws it in the new language.
    st.errors = e.errors.map((x) => ({ path: str(x && (x.path ?? x.field)), get message() { return issueText(x); } }));
    // The first error's step is opened, so the admin sees it next to its field.
    const first = st.errors.map((x) => stepOfPath(x.path)).find(Boolean);
    if (first && stepsShown() && first !== st.open) st.open = first;
    void render();
    return false;
  }
  if (e.type === 'text') {
    // A text edited in the Texts table: the step's fields show it too (the JSON text, typed in
    // its own tab, is read again when the steps tab is shown).
    for (const [id, field] of fieldsShown) {
      const [locale, key] = id.split('\u0000');
      const now = editor.template(locale, key) ?? '';
      if (field.value() !== now) field.setValue(now);
    }
    return false;
  }
  if (e.type === 'goto') {
    if (!stepsShown()) return false;
    const step = stepOfPath(e.path);
    if (!step) return false;
    st.open = step;
    void render().then(() => {
      const el = fieldFor(e.path);
      el?.scrollIntoView({ block: 'center' });
      /** @type {HTMLElement | null} */ (el?.querySelector('select, input, textarea'))?.focus();
    });
    return true;
  }
  return false;
});

// A click on a card of the diagram opens that step.
flowEls.diagram.addEventListener('flow-state-open', (e) => {
  const name = /** @type {CustomEvent<{ state: string }>} */ (e).detail?.state;
  if (typeof name === 'string') openStep(name);
});

export const relabelSteps = () => { void render(); };
