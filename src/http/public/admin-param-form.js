// The parameters of a condition or an action as a form, generated from the JSON Schema the
// registry publishes (GET /api/admin/flows/vocabulary, converted from the zod schemas validation
// uses), so the form asks exactly what publishing accepts. The schemas are small: text, a choice
// among known values, a whole number, yes/no, a set of known values, a list of small objects.
import { h, state, t } from '/admin-core.js';

/** @typedef {{ type?: string, enum?: string[], minLength?: number, maxLength?: number, minimum?: number, maximum?: number, maxItems?: number, items?: Schema, properties?: Record<string, Schema>, required?: string[] }} Schema */
/** @typedef {Record<string, Record<string, Record<string, string>>>} ValueWords */
/**
 * @typedef {object} FormContext
 * @property {ValueWords} [values] words for known values: values[param][value][locale]
 * @property {string} listId the id of a <datalist> of template keys, offered for key fields
 * @property {(value: unknown) => void} onChange called with the new params (undefined when all empty and optional)
 * @property {(value: unknown) => void} [onInput] called as text is typed (no re-render expected)
 */

// Fields holding a template key get the datalist of the flow's keys.
const KEY_FIELDS = new Set(['key', 'labelKey']);

/** A parameter's name in words: known names are in admin-text.js as param_<name>. */
function paramName(name) {
  const key = /** @type {Parameters<typeof t>[0]} */ (`param_${name}`);
  const s = /** @type {unknown} */ (t(key));
  return typeof s === 'string' ? s : name;
}

/** A known value in the admin's words (an intent, a reason), else the value itself. */
export function valueWords(values, param, value) {
  return values?.[param]?.[value]?.[state.locale] ?? values?.[param]?.[value]?.['pt-BR'] ?? value;
}

/** Drops empty optional members so the JSON keeps only what was given. */
function clean(obj, schema) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    const required = (schema.required ?? []).includes(k);
    if (!required && (v === '' || v === undefined || v === false || (Array.isArray(v) && v.length === 0))) continue;
    out[k] = v;
  }
  return out;
}

/**
 * One field. `path` is the JSON path the server's errors use (states.x.on.TEXT[0].guard.params.id),
 * set as data-path on the field's box so an error lands next to it.
 */
function field(name, schema, value, required, path, ctx, set, input) {
  const id = `pf-${Math.random().toString(36).slice(2, 10)}`;
  const label = h('label', { for: id, text: required ? `${paramName(name)} *` : paramName(name) });
  /** @type {HTMLElement} */
  let control;
  if (schema.type === 'string' && Array.isArray(schema.enum)) {
    const sel = /** @type {HTMLSelectElement} */ (h('select', { id, 'data-param': name },
      h('option', { value: '', text: '—' }),
      ...schema.enum.map((v) => h('option', { value: v, text: valueWords(ctx.values, name, v) }))));
    sel.value = typeof value === 'string' ? value : '';
    sel.addEventListener('change', () => set(sel.value));
    control = sel;
  } else if (schema.type === 'string') {
    const inp = /** @type {HTMLInputElement} */ (h('input', { id, 'data-param': name, autocomplete: 'off', spellcheck: 'false', list: KEY_FIELDS.has(name) ? ctx.listId : null, maxlength: schema.maxLength ?? null, required: required ? '' : null }));
    inp.value = typeof value === 'string' ? value : '';
    inp.addEventListener('input', () => input(inp.value));
    inp.addEventListener('change', () => set(inp.value));
    control = inp;
  } else if (schema.type === 'integer' || schema.type === 'number') {
    const inp = /** @type {HTMLInputElement} */ (h('input', { id, 'data-param': name, type: 'number', step: schema.type === 'integer' ? '1' : 'any', min: schema.minimum ?? null, max: schema.maximum ?? null, required: required ? '' : null }));
    inp.value = typeof value === 'number' ? String(value) : '';
    // An empty or unreadable number is left out, and publishing says what is missing.
    const read = () => (inp.value.trim() === '' || !Number.isFinite(Number(inp.value)) ? undefined : Number(inp.value));
    inp.addEventListener('input', () => input(read()));
    inp.addEventListener('change', () => set(read()));
    control = inp;
  } else if (schema.type === 'boolean') {
    const inp = /** @type {HTMLInputElement} */ (h('input', { id, 'data-param': name, type: 'checkbox', checked: value === true }));
    inp.addEventListener('change', () => set(inp.checked));
    control = inp;
  } else if (schema.type === 'array' && schema.items?.type === 'string' && Array.isArray(schema.items.enum)) {
    const chosen = new Set(Array.isArray(value) ? value : []);
    const box = h('span', { class: 'param-set', id, 'data-param': name });
    for (const v of schema.items.enum) {
      const cb = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', value: v, checked: chosen.has(v) }));
      cb.addEventListener('change', () => set(schema.items?.enum?.filter((x) => (x === v ? cb.checked : chosen.has(x)))));
      box.append(h('label', { class: 'param-check' }, cb, ` ${valueWords(ctx.values, name, v)}`));
    }
    control = box;
  } else if (schema.type === 'array' && schema.items?.type === 'object') {
    control = list(name, schema, Array.isArray(value) ? value : [], path, ctx, set);
  } else {
    // Nothing the registry uses today; shown as JSON text rather than hidden.
    const inp = /** @type {HTMLInputElement} */ (h('input', { id, 'data-param': name }));
    inp.value = value === undefined ? '' : JSON.stringify(value);
    inp.addEventListener('change', () => { try { set(inp.value ? JSON.parse(inp.value) : undefined); } catch { inp.setCustomValidity(t('notJson')); inp.reportValidity(); } });
    control = inp;
  }
  return h('span', { class: `param-field param-${schema.type ?? 'any'}`, 'data-path': path, 'data-testid': 'param-field', 'data-param': name }, label, control, h('small', { class: 'field-error', 'data-role': 'field-error', hidden: '' }));
}

/** A list of small objects (a message's options): one row each, with add and remove. */
function list(name, schema, rows, path, ctx, set) {
  const items = /** @type {Schema} */ (schema.items);
  const box = h('div', { class: 'param-list', 'data-param': name });
  rows.forEach((row, i) => {
    const rowPath = `${path}[${i}]`;
    const replace = (v) => set(rows.map((r, j) => (j === i ? v : r)));
    const inner = objectFields(items, row && typeof row === 'object' ? row : {}, rowPath, ctx, replace, () => {});
    const rm = h('button', { type: 'button', class: 'btn small', 'data-testid': 'param-row-remove', 'aria-label': t('remove'), text: '✕' });
    rm.addEventListener('click', () => set(rows.filter((_, j) => j !== i)));
    box.append(h('div', { class: 'param-row', 'data-path': rowPath }, inner, rm));
  });
  if (!(Number.isInteger(schema.maxItems) && rows.length >= /** @type {number} */ (schema.maxItems))) {
    const add = h('button', { type: 'button', class: 'btn small', 'data-testid': 'param-row-add', text: t('addRow') });
    add.addEventListener('click', () => set([...rows, {}]));
    box.append(add);
  }
  return box;
}

function objectFields(schema, value, path, ctx, set, input) {
  const box = h('span', { class: 'param-fields' });
  const required = schema.required ?? [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const with_ = (v) => clean({ ...value, [name]: v }, schema);
    box.append(field(name, prop, value[name], required.includes(name), `${path}.${name}`, ctx, (v) => set(with_(v)), (v) => input(with_(v))));
  }
  return box;
}

/**
 * The form for `schema` holding `value`; `path` is the params' JSON path. Returns null when the
 * name takes no params.
 * @param {Schema | null} schema @param {unknown} value @param {string} path @param {FormContext} ctx @param {boolean} required
 */
export function paramForm(schema, value, path, ctx, required) {
  if (!schema) return null;
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? /** @type {Record<string, unknown>} */ (value) : {};
  const out = (v) => (!required && Object.keys(v).length === 0 ? undefined : v);
  const fields = objectFields(schema, obj, path, ctx, (v) => ctx.onChange(out(v)), (v) => ctx.onInput?.(out(v)));
  return h('span', { class: 'param-form', 'data-path': path }, fields, h('small', { class: 'field-error', 'data-role': 'field-error', hidden: '' }));
}
