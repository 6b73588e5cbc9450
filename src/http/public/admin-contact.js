// Contact policy (GET|PUT /api/admin/contact-policy): when proactive messages may go out — quiet
// hours per weekday, holidays, caps and the minimum interval — and the holidays a year gets
// (GET /api/admin/contact-policy/holidays?year=). The creditor's channel order is a card of this
// section too (admin-channel-order.js): where the messages go, next to when.
import {
  $, api, busy, clearError, clearFieldErrors, clone, day, errorText, field, getPath, h, label, readField, setPath, showError, showFieldErrors, showSaveAnswer, str, switchField, t,
} from '/admin-core.js';
import { channelOrderCard } from '/admin-channel-order.js';
import { relabelWeekdays, weekEditor } from '/admin-windows.js';

const NUMBERS = [
  { path: 'caps.perDay', labelKey: 'capPerDay' },
  { path: 'caps.perWeek', labelKey: 'capPerWeek' },
  { path: 'minIntervalMinutes', labelKey: 'minIntervalMinutes' },
];

const els = {
  form: /** @type {HTMLFormElement} */ ($('contact-form')), fields: $('contact-fields'), errors: $('contact-errors'), save: /** @type {HTMLButtonElement} */ ($('contact-save')),
  yearForm: /** @type {HTMLFormElement} */ ($('holidays-form')), year: /** @type {HTMLInputElement} */ ($('holidays-year')), yearRun: /** @type {HTMLButtonElement} */ ($('holidays-run')), yearResult: $('holidays-result'),
};
const s = { policy: null, week: null, local: null, loaded: false, holidays: null, epoch: 0 };

function localHolidays(list) {
  const rows = h('div', { class: 'holiday-rows', 'data-testid': 'local-holidays' });
  const none = h('p', { class: 'muted small', i18n: 'noLocalHolidays' });
  const add = h('button', { type: 'button', class: 'btn small', 'data-testid': 'holiday-add', i18n: 'addHoliday' });
  const renumber = () => {
    [...rows.children].forEach((row, i) => {
      for (const e of row.querySelectorAll('[data-field]')) e.setAttribute('data-field', e.getAttribute('data-field').replace(/^holidays\.local\.[^.]+/, `holidays.local.${i}`));
      for (const e of row.querySelectorAll('[data-error-for]')) e.setAttribute('data-error-for', e.getAttribute('data-error-for').replace(/^holidays\.local\.[^.]+/, `holidays.local.${i}`));
    });
    none.hidden = rows.children.length > 0;
  };
  const addRow = (hd) => {
    const p = 'holidays.local.?';
    const remove = h('button', { type: 'button', class: 'icon-btn', 'data-testid': 'holiday-remove', i18nAriaLabel: 'remove', text: '×' });
    const row = h('div', { class: 'holiday-row', 'data-testid': 'local-holiday' },
      field({ path: `${p}.date`, kind: 'date', labelKey: 'date', value: hd && hd.date }),
      field({ path: `${p}.name`, kind: 'text', labelKey: 'holidayName', value: hd && hd.name, width: 'l' }),
      switchField({ path: `${p}.recurring`, labelKey: 'recurring', value: hd ? hd.recurring : true }),
      remove,
      h('p', { class: 'field-error', 'data-error-for': p, hidden: '' }));
    remove.addEventListener('click', () => { row.remove(); renumber(); add.focus(); });
    rows.append(row);
    renumber();
    return row;
  };
  for (const hd of Array.isArray(list) ? list : []) addRow(hd);
  add.addEventListener('click', () => addRow(null).querySelector('input').focus());
  renumber();
  return {
    el: h('div', null, rows, none, h('p', { class: 'field-error', 'data-error-for': 'holidays.local', hidden: '' }), add),
    read(errors) {
      return [...rows.children].map((row, i) => {
        const get = (k) => row.querySelector(`[data-field="holidays.local.${i}.${k}"]`);
        return { date: readField(get('date'), errors), name: readField(get('name'), errors), recurring: readField(get('recurring'), errors) };
      });
    },
  };
}

function render() {
  const p = s.policy;
  const holidays = (p && p.holidays) || {};
  s.week = weekEditor('quietHours', p && p.quietHours, 'quiet-hours');
  s.local = localHolidays(holidays.local);
  els.fields.textContent = '';
  els.fields.append(
    h('h2', { class: 'sub', i18n: 'quietHours' }),
    h('p', { class: 'muted small', i18n: 'quietHoursHint' }),
    h('p', { class: 'field-error', 'data-error-for': 'quietHours', hidden: '' }),
    s.week.el,
    h('h2', { class: 'sub', i18n: 'holidays' }),
    switchField({ path: 'holidays.national', labelKey: 'nationalHolidays', value: holidays.national }),
    h('h3', { class: 'sub', i18n: 'localHolidays' }),
    s.local.el,
    h('h2', { class: 'sub', i18n: 'capsTitle' }),
    h('div', { class: 'grid-fields' }, NUMBERS.map((f) => field({ path: f.path, kind: 'int', labelKey: f.labelKey, value: getPath(p, f.path) }))));
  clearFieldErrors(els.form, els.errors);
}

async function save() {
  clearError();
  clearFieldErrors(els.form, els.errors);
  const errors = [];
  const body = clone(s.policy) || {};
  setPath(body, 'quietHours', s.week.read(errors));
  setPath(body, 'holidays.national', readField(els.form.querySelector('[data-field="holidays.national"]'), errors));
  setPath(body, 'holidays.local', s.local.read(errors));
  for (const f of NUMBERS) setPath(body, f.path, readField(els.form.querySelector(`[data-field="${f.path}"]`), errors));
  if (errors.length) { showFieldErrors(els.form, errors, els.errors); return; }
  const res = await api('PUT', '/api/admin/contact-policy', body);
  if (!showSaveAnswer(res, els.form, els.errors)) return;
  s.policy = res.body && typeof res.body === 'object' ? res.body : body;
  render();
}

async function loadHolidays() {
  clearError();
  const year = els.year.value.trim();
  if (!/^\d{4}$/.test(year)) { els.year.setAttribute('aria-invalid', 'true'); els.year.focus(); return; }
  els.year.removeAttribute('aria-invalid');
  const res = await api('GET', `/api/admin/contact-policy/holidays?year=${year}`);
  if (!res.ok || !res.body || !Array.isArray(res.body.holidays)) { showError(errorText(res)); return; }
  s.holidays = { year, list: res.body.holidays.filter((x) => x && typeof x.date === 'string') };
  renderHolidays();
}

function renderHolidays() {
  els.yearResult.textContent = '';
  if (!s.holidays) return;
  if (!s.holidays.list.length) { els.yearResult.append(h('p', { class: 'muted', text: t('none') })); return; }
  els.yearResult.append(h('table', { 'data-testid': 'holidays' },
    h('thead', null, h('tr', null, h('th', { text: t('date') }), h('th', { text: t('holidayName') }), h('th', { text: t('kind') }))),
    h('tbody', null, s.holidays.list.map((hd) => h('tr', { 'data-testid': 'holiday', 'data-date': hd.date, 'data-kind': str(hd.kind) },
      h('td', { text: day(hd.date) }), h('td', { text: str(hd.name) }), h('td', null, h('span', { class: hd.kind === 'local' ? 'badge warn' : 'badge', text: label(t('holidayKinds'), hd.kind) })))))));
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.save, save); });
els.yearForm.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.yearRun, loadHolidays); });

async function loadPolicy() {
  if (s.loaded) return;
  const epoch = s.epoch;
  const res = await api('GET', '/api/admin/contact-policy');
  if (epoch !== s.epoch) return;
  if (!res.ok || !res.body) { showError(errorText(res)); return; }
  s.policy = res.body;
  s.loaded = true;
  render();
}

export const contactSection = {
  id: 'contact',
  async show() {
    if (!els.year.value) els.year.value = String(new Date().getFullYear());
    await Promise.all([loadPolicy(), channelOrderCard.show()]);
  },
  relabel() { relabelWeekdays(els.form); renderHolidays(); channelOrderCard.relabel(); },
  reset() {
    s.epoch += 1;
    s.policy = null; s.week = null; s.local = null; s.loaded = false; s.holidays = null;
    els.fields.textContent = ''; els.yearResult.textContent = '';
    channelOrderCard.reset();
  },
};
