// What every section of the admin console shares: ui-core.js (the session, the API client, DOM
// building, banners, formatting, shared with the agents' console) and, admin only, the confirm
// dialog, parsing of amounts, 422 field errors and file downloads.
// Everything that comes from the API goes into the DOM with textContent / createElement only.
import { TEXT } from '/admin-text.js';
/** @import { Translate } from './translate.js' */
import { t as text, useTexts } from '/i18n.js';
import { $, Offline, Unauthorized, centsToInput, dateTime as dateTimeOrEmpty, guard, h, issueText, parseReais, showError, showNotice, state, str, toLogin } from '/ui-core.js';

// The sections take ui-core's helpers from here too, next to the admin-only ones below.
export { $, api, bothLanguages, centsToInput, clearError, day, enc, guard, h, issueText, label, money, parseReais, percent, showError, showNotice, state, str } from '/ui-core.js';

useTexts(TEXT, { key: 'cordial.admin.locale' });
/** i18n.js's t(), typed by the admin console's dictionary. */
export const t = /** @type {Translate<typeof TEXT['pt-BR']>} */ (text);

/** A localized sentence for an API error answer. */
export function errorText(res) {
  const b = (res && res.body) || {};
  if (b.error === 'forbidden' || res.status === 403) return t('forbidden');
  if (b.error === 'rate_limited' || res.status === 429) return t('rateLimited');
  if (res.status === 404) return str(b.message) ? `${t('notFound')} (${str(b.message)})` : t('notFound');
  if (res.status >= 500) return t('serverError');
  return str(b.message) || `HTTP ${res.status}`;
}

/** Disables `button` while `fn` runs (so a double click never sends twice). */
export async function busy(button, fn) {
  if (button.disabled) return undefined;
  button.disabled = true;
  try {
    return await guard(fn);
  } finally {
    button.disabled = false;
  }
}

/**
 * GET a file that needs the session cookie (an <a href> could not send it cross-tab reliably,
 * and the API answers 401 as JSON), then save it through a Blob URL.
 */
export async function download(path, fallbackName) {
  let res;
  try {
    res = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new Offline();
  }
  if (res.status === 401) { toLogin(true); throw new Unauthorized(); }
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch { body = null; }
    showError(errorText({ status: res.status, body }));
    return false;
  }
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') || '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  let name = fallbackName;
  try { if (m) name = decodeURIComponent(m[1]); } catch { name = fallbackName; }
  // Only a plain file name: a header can never choose a path.
  name = name.replace(/[\\/]/g, '_') || fallbackName;
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: '' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

// ---------- vendored browser bundles ----------
const scripts = new Map();
/**
 * Loads a same-origin UMD bundle (/admin/vendor/…, which the CSP allows) once, on first use, and
 * resolves with the global it sets (window[name]). A failed load is forgotten so a later call retries.
 * @template {'dagre' | 'Chart'} K
 * @param {string} src
 * @param {K} name
 * @returns {Promise<NonNullable<Window[K]>>}
 */
export function loadScript(src, name) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const s = h('script', { src });
      s.addEventListener('load', () => {
        const lib = window[name];
        if (lib) resolve(lib);
        else { scripts.delete(src); reject(new Error(`${name} did not load`)); }
      });
      s.addEventListener('error', () => { scripts.delete(src); reject(new Error(`${name} did not load`)); });
      document.head.append(s);
    }));
  }
  return scripts.get(src);
}

// ---------- confirm dialog ----------
/**
 * A modal <dialog>. `note`: also asks for an optional note (publishing); `typed`: the OK button
 * stays disabled until this exact word is typed (erasing personal data).
 * Resolves {ok, note}.
 */
export function confirmDialog({ text, ok, danger = false, note = false, typed = null }) {
  const dialog = /** @type {HTMLDialogElement} */ ($('confirm'));
  const okBtn = /** @type {HTMLButtonElement} */ ($('confirm-ok'));
  const noteField = $('confirm-note-field');
  const noteInput = /** @type {HTMLTextAreaElement} */ ($('confirm-note'));
  const typedField = $('confirm-typed-field');
  const typedInput = /** @type {HTMLInputElement} */ ($('confirm-typed'));
  return new Promise((resolve) => {
    $('confirm-text').textContent = text;
    okBtn.textContent = ok;
    okBtn.className = danger ? 'btn danger-solid' : 'btn primary';
    noteField.hidden = !note;
    noteInput.value = '';
    typedField.hidden = !typed;
    typedInput.value = '';
    $('confirm-typed-label').textContent = typed ? t('typeToConfirm', typed) : '';
    const sync = () => { okBtn.disabled = !!typed && typedInput.value.trim() !== typed; };
    sync();
    typedInput.addEventListener('input', sync);
    dialog.returnValue = '';
    const done = () => {
      dialog.removeEventListener('close', done);
      typedInput.removeEventListener('input', sync);
      okBtn.disabled = false;
      resolve({ ok: dialog.returnValue === 'ok', note: noteInput.value.trim() });
    };
    dialog.addEventListener('close', done);
    dialog.showModal();
    if (typed) typedInput.focus();
    else if (note) noteInput.focus();
    else /** @type {HTMLButtonElement} */ ($('confirm-cancel')).focus();
  });
}

// ---------- formatting (money, percent and day are ui-core's) ----------
export function integer(n) {
  return Number.isSafeInteger(n) ? new Intl.NumberFormat(state.locale).format(n) : '—';
}
/** An instant as day and time; one that cannot be read shows as it came (or —). */
export const dateTime = (iso) => dateTimeOrEmpty(iso) || str(iso) || '—';

/** A normalised CNPJ (14 characters, the alphanumeric format included) with its usual mask. */
export function cnpj(v) {
  const s = str(v);
  return /^[0-9A-Z]{12}\d{2}$/.test(s) ? `${s.slice(0, 2)}.${s.slice(2, 5)}.${s.slice(5, 8)}/${s.slice(8, 12)}-${s.slice(12)}` : s;
}

/** An audit actor ('user:<id>', 'admin', 'system:…') for people: the logged-in admin by name. */
export function actorName(actor) {
  const a = str(actor);
  if (state.user && a === `user:${state.user.id}`) return state.user.name || state.user.email;
  if (a === 'admin') return t('adminToken');
  return a;
}

/** A percentage as the API takes it (a number with at most 2 decimals); "1,99" or "1.99". */
export function parsePercent(input) {
  const s = String(input ?? '').trim().replace(/%$/, '').trim();
  if (!/^\d{1,3}(?:[.,]\d{1,2})?$/.test(s)) return null;
  return Number(s.replace(',', '.'));
}
export function percentToInput(p) {
  if (typeof p !== 'number' || !Number.isFinite(p)) return '';
  const s = String(p);
  return state.locale === 'en' ? s : s.replace('.', ',');
}
export function parseInteger(input) {
  const s = String(input ?? '').trim();
  if (!/^\d{1,9}$/.test(s)) return null;
  return Number(s);
}

// ---------- forms and 422 errors ----------
/**
 * A labelled input bound to an API field path. `kind`: int | percent | reais | text | time | date.
 * The input carries data-field=<path>; its error line carries data-error-for=<path>.
 * @param {{ path: string, labelKey: string, kind?: string, value?: unknown, hintKey?: string, width?: string }} spec
 */
export function field({ path, labelKey, kind = 'int', value, hintKey, width }) {
  const id = `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}-${++fieldSeq}`;
  const input = h('input', {
    id,
    type: kind === 'date' ? 'date' : 'text',
    'data-field': path,
    'data-kind': kind,
    'data-testid': fieldTestId(path),
    inputmode: kind === 'int' ? 'numeric' : kind === 'percent' || kind === 'reais' ? 'decimal' : null,
    placeholder: kind === 'time' ? 'HH:MM' : null,
    autocomplete: 'off',
    class: width ? `w-${width}` : null,
  });
  setFieldValue(input, value);
  const err = h('p', { class: 'field-error', 'data-error-for': path, hidden: '' });
  return h('div', { class: 'field' },
    labelKey ? h('label', { for: id, i18n: labelKey }) : null,
    kind === 'reais' ? h('div', { class: 'prefixed' }, h('span', { class: 'prefix', 'aria-hidden': 'true', text: 'R$' }), input) : input,
    hintKey ? h('span', { class: 'muted small', i18n: hintKey }) : null,
    err);
}
let fieldSeq = 0;
/** "field-<path>"; in a list row the index (which renumbering changes) reads "n": "field-buckets.n.fromDays". */
const fieldTestId = (path) => `field-${path.replace('?', 'n')}`;

/** A labelled on/off switch (a checkbox styled as one) bound to a boolean field. */
export function switchField({ path, labelKey, value }) {
  const id = `s-${path.replace(/[^A-Za-z0-9_-]/g, '-')}-${++fieldSeq}`;
  const input = h('input', { id, type: 'checkbox', role: 'switch', class: 'switch', 'data-field': path, 'data-kind': 'bool', 'data-testid': fieldTestId(path), checked: !!value });
  return h('div', { class: 'field switch-field' },
    h('label', { for: id, class: 'switch-label' }, input, h('span', { i18n: labelKey })),
    h('p', { class: 'field-error', 'data-error-for': path, hidden: '' }));
}

export function setFieldValue(input, value) {
  const kind = input.getAttribute('data-kind');
  if (kind === 'bool') { input.checked = !!value; return; }
  if (value === null || value === undefined) { input.value = ''; return; }
  if (kind === 'reais') input.value = centsToInput(value);
  else if (kind === 'percent') input.value = percentToInput(value);
  else input.value = String(value);
}

/**
 * The value of a field input as the API wants it; pushes a local error (same shape as a 422)
 * when it cannot be read. Empty optional fields give null.
 */
export function readField(input, errors, { optional = false } = {}) {
  const path = input.getAttribute('data-field');
  const kind = input.getAttribute('data-kind');
  if (kind === 'bool') return input.checked;
  const raw = input.value.trim();
  if (raw === '') {
    if (!optional) errors.push({ field: path, message: t('required') });
    return null;
  }
  let v;
  if (kind === 'int') v = parseInteger(raw);
  else if (kind === 'percent') v = parsePercent(raw);
  else if (kind === 'reais') v = parseReais(raw);
  else if (kind === 'time') v = /^\d{2}:\d{2}$/.test(raw) ? raw : null;
  else v = raw;
  if (v === null) errors.push({ field: path, message: kind === 'reais' ? t('notAnAmount') : kind === 'percent' ? t('notAPercent') : kind === 'time' ? t('notATime') : t('notAWholeNumber') });
  return v;
}

export function clearFieldErrors(root, list) {
  for (const p of root.querySelectorAll('[data-error-for]')) { p.hidden = true; p.textContent = ''; }
  for (const e of root.querySelectorAll('[aria-invalid="true"]')) e.removeAttribute('aria-invalid');
  if (list) { list.textContent = ''; list.hidden = true; }
}

/**
 * Puts each {field, message} next to the input its path names ("buckets.1.policy.cash.maxDiscountPercent"),
 * or next to the nearest enclosing thing that has an error line ("agentHours.week.mon.1" -> that
 * window), or in the form's list when nothing matches. `prefix` is prepended to every path.
 * Returns how many errors were shown.
 */
export function showFieldErrors(root, errors, list, prefix = '') {
  let first = null;
  let n = 0;
  for (const er of Array.isArray(errors) ? errors : []) {
    const message = issueText(er);
    const full = prefix + str((er && (er.field ?? er.path)) || '');
    let path = full;
    let holder = null;
    while (path) {
      holder = root.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
      if (holder) break;
      const cut = path.lastIndexOf('.');
      path = cut === -1 ? '' : path.slice(0, cut);
    }
    n += 1;
    if (holder) {
      const own = path !== full ? `${full.slice(path.length + 1)}: ` : '';
      holder.textContent = (holder.textContent ? `${holder.textContent} ` : '') + own + message;
      holder.hidden = false;
      const input = root.querySelector(`[data-field="${CSS.escape(path)}"]`);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        if (!first) first = input;
      }
    } else if (list) {
      list.append(h('li', { 'data-field': full, text: full && full !== '(body)' ? `${full}: ${message}` : message }));
      list.hidden = false;
    }
  }
  if (first && typeof first.focus === 'function') first.focus();
  return n;
}

/** A 422 body's error list, whichever key the route uses. */
export function errorsOf(res) {
  const b = res && res.body;
  return b && Array.isArray(b.errors) ? b.errors : null;
}

/**
 * A settings form's save (PUT) answer on the page: "Alterações salvas." when saved, a 422's errors
 * next to the form's fields (`toFieldError` reads a route's own paths as the form's), anything else
 * in the error banner. True when saved: the caller then adopts the answer and redraws.
 * @param {{ ok: boolean, status: number, body: any }} res
 * @param {Element} form
 * @param {HTMLElement} list the form's list for errors that match no field
 * @param {(e: any) => { field: string, message: string }} [toFieldError]
 */
export function showSaveAnswer(res, form, list, toFieldError = (e) => e) {
  if (res.ok) { showNotice(t('savedOk')); return true; }
  const errors = errorsOf(res);
  if (res.status === 422 && errors) showFieldErrors(form, errors.map(toFieldError), list);
  else showError(errorText(res));
  return false;
}

/** obj.a.b for "a.b" (undefined when a level is missing). */
export const getPath = (obj, path) => path.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), obj);
/** Sets obj.a.b for "a.b", creating missing levels. */
export function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k];
  }
  o[keys[keys.length - 1]] = value;
}

/** A deep copy of plain JSON data. */
export const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
