// Reminder settings (GET|PUT /api/admin/reminders): when debtors are reminded of an agreement's
// instalments, the grace before it breaks, and how many renegotiations the bot may make.
import {
  $, api, busy, clearError, clearFieldErrors, clone, errorText, field, h, readField, setPath, showError, showFieldErrors, showSaveAnswer, switchField, t,
} from '/admin-core.js';

const LISTS = [
  { path: 'beforeDueDays', labelKey: 'reminderBeforeDays', hintKey: 'reminderDaysHint' },
  { path: 'afterDueDays', labelKey: 'reminderAfterDays', hintKey: 'reminderAfterHint' },
];
const NUMBERS = [
  { path: 'graceDays', labelKey: 'reminderGraceDays', hintKey: 'reminderGraceHint' },
  { path: 'renegotiation.maxPerDebtorPerYear', labelKey: 'reminderMaxRenegotiations', hintKey: 'reminderMaxRenegotiationsHint' },
];

const els = { form: /** @type {HTMLFormElement} */ ($('reminders-form')), fields: $('reminders-fields'), errors: $('reminders-errors'), save: /** @type {HTMLButtonElement} */ ($('reminders-save')) };
/** @type {{ settings: any, loaded: boolean, epoch: number }} */
const s = { settings: null, loaded: false, epoch: 0 };

/** @param {any} obj @param {string} path */
const at = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);

function render() {
  const r = s.settings;
  els.fields.textContent = '';
  els.fields.append(
    h('div', { class: 'grid-fields' }, LISTS.map((f) => field({ path: f.path, kind: 'text', labelKey: f.labelKey, hintKey: f.hintKey, value: (r[f.path] || []).join(', ') }))),
    h('div', { class: 'switches' }, switchField({ path: 'onDueDay', labelKey: 'reminderOnDueDay', value: r.onDueDay })),
    h('div', { class: 'grid-fields' }, NUMBERS.map((f) => field({ path: f.path, kind: 'int', labelKey: f.labelKey, hintKey: f.hintKey, value: at(r, f.path) }))));
  clearFieldErrors(els.form, els.errors);
}

/** "3, 7" → [3, 7]; an empty list is allowed; anything else is a local error on the field. */
function readDays(/** @type {string} */ path, /** @type {{field: string, message: string}[]} */ errors) {
  const input = /** @type {HTMLInputElement} */ (els.form.querySelector(`[data-field="${path}"]`));
  const raw = input.value.trim();
  if (raw === '') return [];
  const parts = raw.split(/[\s,;]+/).filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) { errors.push({ field: path, message: t('reminderDaysInvalid') }); return null; }
  return parts.map(Number);
}

async function save() {
  clearError();
  clearFieldErrors(els.form, els.errors);
  const errors = [];
  const body = clone(s.settings) || {};
  for (const f of LISTS) setPath(body, f.path, readDays(f.path, errors));
  setPath(body, 'onDueDay', readField(els.form.querySelector('[data-field="onDueDay"]'), errors));
  for (const f of NUMBERS) setPath(body, f.path, readField(els.form.querySelector(`[data-field="${f.path}"]`), errors));
  if (errors.length) { showFieldErrors(els.form, errors, els.errors); return; }
  const res = await api('PUT', '/api/admin/reminders', body);
  // "beforeDueDays.1" (the second day typed) is shown on its list's field.
  if (!showSaveAnswer(res, els.form, els.errors, (e) => ({ ...e, field: e.field.replace(/^(beforeDueDays|afterDueDays)\.\d+$/, '$1') }))) return;
  s.settings = res.body && typeof res.body === 'object' ? res.body : body;
  render();
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.save, save); });

export const remindersSection = {
  id: 'reminders',
  async show() {
    if (s.loaded) return;
    const epoch = s.epoch;
    const res = await api('GET', '/api/admin/reminders');
    if (epoch !== s.epoch) return;
    if (!res.ok || !res.body) { showError(errorText(res)); return; }
    s.settings = res.body;
    s.loaded = true;
    render();
  },
  relabel() {},
  reset() {
    s.epoch += 1;
    s.settings = null; s.loaded = false;
    els.fields.textContent = '';
  },
};
