// A week of "HH:MM"–"HH:MM" windows per weekday (agents' hours, quiet hours), with add/remove.
import { h, readField, t } from '/admin-core.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MAX_WINDOWS = 4;

/**
 * An editor for `week` ({mon: [{from, to}], ...}) whose inputs are bound to `${prefix}.${day}.${i}.from|to`
 * so that 422 paths land next to them. Returns {el, read(errors)}.
 */
export function weekEditor(prefix, week, testid) {
  const rows = new Map();
  const el = h('div', { class: 'week', 'data-testid': testid });
  for (const dayKey of DAYS) {
    const list = h('div', { class: 'windows' });
    const add = h('button', { type: 'button', class: 'btn small', 'data-testid': `${testid}-add-${dayKey}`, i18n: 'addWindow' });
    const none = h('span', { class: 'muted small', i18n: 'noWindows' });
    const row = h('div', { class: 'week-day', 'data-day': dayKey },
      h('span', { class: 'day-name', 'data-i18n-day': dayKey, text: t('weekdays')[dayKey] }),
      h('div', { class: 'day-body' }, list, none, h('p', { class: 'field-error', 'data-error-for': `${prefix}.${dayKey}`, hidden: '' })),
      add);
    const sync = () => {
      const n = list.children.length;
      none.hidden = n > 0;
      add.disabled = n >= MAX_WINDOWS;
      // Paths follow the position, so an error for window 1 is next to the second row shown.
      [...list.children].forEach((w, i) => {
        w.querySelector('[data-role=from]').setAttribute('data-field', `${prefix}.${dayKey}.${i}.from`);
        w.querySelector('[data-role=to]').setAttribute('data-field', `${prefix}.${dayKey}.${i}.to`);
        w.querySelector('[data-role=from-error]').setAttribute('data-error-for', `${prefix}.${dayKey}.${i}.from`);
        w.querySelector('[data-role=to-error]').setAttribute('data-error-for', `${prefix}.${dayKey}.${i}.to`);
        w.querySelector('[data-role=window-error]').setAttribute('data-error-for', `${prefix}.${dayKey}.${i}`);
      });
    };
    const addWindow = (win) => {
      const from = timeInput('from', win && win.from, dayKey);
      const to = timeInput('to', win && win.to, dayKey);
      const remove = h('button', { type: 'button', class: 'icon-btn', 'data-testid': 'window-remove', i18nAriaLabel: 'removeWindow', text: '×' });
      const w = h('div', { class: 'window', 'data-testid': 'window' },
        from, h('span', { 'aria-hidden': 'true', text: '–' }), to, remove,
        h('p', { class: 'field-error', 'data-role': 'from-error', hidden: '' }),
        h('p', { class: 'field-error', 'data-role': 'to-error', hidden: '' }),
        h('p', { class: 'field-error', 'data-role': 'window-error', hidden: '' }));
      remove.addEventListener('click', () => { w.remove(); sync(); add.focus(); });
      list.append(w);
      sync();
      return from;
    };
    add.addEventListener('click', () => {
      // A new window starts where the day's last one ended, so it rarely overlaps by default.
      const last = list.lastElementChild;
      const prevTo = last ? last.querySelector('[data-role=to]').value : '';
      addWindow(prevTo && prevTo < '23:00' ? { from: prevTo, to: '' } : { from: '08:00', to: '18:00' }).focus();
    });
    for (const w of Array.isArray(week && week[dayKey]) ? week[dayKey] : []) addWindow(w);
    sync();
    rows.set(dayKey, list);
    el.append(row);
  }
  return {
    el,
    read(errors) {
      const out = {};
      for (const [dayKey, list] of rows) {
        out[dayKey] = [...list.children].map((w) => ({
          from: readField(w.querySelector('[data-role=from]'), errors),
          to: readField(w.querySelector('[data-role=to]'), errors),
        }));
      }
      return out;
    },
  };
}

function timeInput(role, value, dayKey) {
  return h('input', {
    type: 'text',
    class: 'time',
    'data-role': role,
    'data-kind': 'time',
    'data-testid': `window-${role}`,
    inputmode: 'numeric',
    placeholder: 'HH:MM',
    maxlength: '5',
    autocomplete: 'off',
    'aria-label': `${t('weekdays')[dayKey]} ${role === 'from' ? t('from') : t('to')}`,
    value: typeof value === 'string' ? value : '',
  });
}

/** Weekday names in the current language (the rows keep their key in data-i18n-day). */
export function relabelWeekdays(root) {
  for (const e of root.querySelectorAll('[data-i18n-day]')) e.textContent = t('weekdays')[e.getAttribute('data-i18n-day')] || '';
}
