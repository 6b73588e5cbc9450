// Escalation rules (GET|PUT /api/admin/escalation-rules): when the bot hands over to a person.
import {
  $, api, busy, clearError, clearFieldErrors, clone, errorText, field, h, readField, setPath, showError, showFieldErrors, showSaveAnswer, switchField,
} from '/admin-core.js';
import { relabelWeekdays, weekEditor } from '/admin-windows.js';

const NUMBERS = [
  { path: 'insultsBeforeHandoff', labelKey: 'insultsBeforeHandoff', hintKey: 'insultsHint' },
  { path: 'misunderstandingsBeforeHandoff', labelKey: 'misunderstandingsBeforeHandoff', hintKey: 'misunderstandingsHint' },
  { path: 'waitingMessageAfterMinutes', labelKey: 'waitingMessageAfterMinutes', hintKey: 'waitingHint' },
];
const SWITCHES = [
  { path: 'debtAboveThreshold', labelKey: 'debtAboveThreshold' },
  { path: 'paymentProof', labelKey: 'paymentProof' },
];

const els = { form: /** @type {HTMLFormElement} */ ($('escalation-form')), fields: $('escalation-fields'), errors: $('escalation-errors'), save: /** @type {HTMLButtonElement} */ ($('escalation-save')) };
const s = { rules: null, week: null, loaded: false, epoch: 0 };

function render() {
  const r = s.rules;
  const hours = (r && r.agentHours) || {};
  s.week = weekEditor('agentHours.week', hours.week, 'agent-hours');
  els.fields.textContent = '';
  els.fields.append(
    h('div', { class: 'grid-fields' }, NUMBERS.map((f) => field({ path: f.path, kind: 'int', labelKey: f.labelKey, hintKey: f.hintKey, value: r[f.path] }))),
    h('div', { class: 'switches' }, SWITCHES.map((f) => switchField({ path: f.path, labelKey: f.labelKey, value: r[f.path] }))),
    h('h2', { class: 'sub', i18n: 'agentHours' }),
    h('p', { class: 'muted small', i18n: 'agentHoursHint' }),
    h('div', { class: 'grid-fields' }, field({ path: 'agentHours.timeZone', kind: 'text', labelKey: 'timeZone', value: hours.timeZone, width: 'l' })),
    h('p', { class: 'field-error', 'data-error-for': 'agentHours.week', hidden: '' }),
    s.week.el);
  clearFieldErrors(els.form, els.errors);
}

async function save() {
  clearError();
  clearFieldErrors(els.form, els.errors);
  const errors = [];
  const body = clone(s.rules) || {};
  for (const f of [...NUMBERS, ...SWITCHES]) setPath(body, f.path, readField(els.form.querySelector(`[data-field="${f.path}"]`), errors));
  setPath(body, 'agentHours.timeZone', readField(els.form.querySelector('[data-field="agentHours.timeZone"]'), errors));
  setPath(body, 'agentHours.week', s.week.read(errors));
  if (errors.length) { showFieldErrors(els.form, errors, els.errors); return; }
  const res = await api('PUT', '/api/admin/escalation-rules', body);
  if (!showSaveAnswer(res, els.form, els.errors)) return;
  s.rules = res.body && typeof res.body === 'object' ? res.body : body;
  render();
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.save, save); });

export const escalationSection = {
  id: 'escalation',
  async show() {
    if (s.loaded) return;
    const epoch = s.epoch;
    const res = await api('GET', '/api/admin/escalation-rules');
    if (epoch !== s.epoch) return;
    if (!res.ok || !res.body) { showError(errorText(res)); return; }
    s.rules = res.body;
    s.loaded = true;
    render();
  },
  relabel() { relabelWeekdays(els.form); },
  reset() {
    s.epoch += 1;
    s.rules = null; s.week = null; s.loaded = false;
    els.fields.textContent = '';
  },
};
