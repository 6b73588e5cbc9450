// Users: creates an account for an agent or another admin (POST /api/admin/users), lists the
// accounts, and disables/enables them, sets a new password or ends their sessions (/api/admin/users/…).
import { $, api, busy, clearError, clearFieldErrors, confirmDialog, enc, errorText, errorsOf, field, h, integer, showError, showFieldErrors, showNotice, state, t } from '/admin-core.js';

const els = { form: /** @type {HTMLFormElement} */ ($('user-form')), fields: $('user-fields'), errors: $('user-errors'), create: /** @type {HTMLButtonElement} */ ($('user-create')), list: $('user-list') };
let built = false;

function build() {
  const role = h('select', { id: 'user-role', 'data-field': 'role', 'data-testid': 'field-role' },
    h('option', { value: 'agent', i18n: 'roleAgent' }), h('option', { value: 'admin', i18n: 'roleAdmin' }));
  const password = field({ path: 'password', kind: 'text', labelKey: 'password', hintKey: 'passwordHint' });
  const input = password.querySelector('input');
  input.type = 'password';
  input.autocomplete = 'new-password';
  const email = field({ path: 'email', kind: 'text', labelKey: 'email' });
  email.querySelector('input').type = 'email';
  els.fields.append(
    email,
    field({ path: 'name', kind: 'text', labelKey: 'name' }),
    h('div', { class: 'field' }, h('label', { for: 'user-role', i18n: 'role' }), role, h('p', { class: 'field-error', 'data-error-for': 'role', hidden: '' })),
    password);
  built = true;
}

async function create() {
  clearError();
  clearFieldErrors(els.form, els.errors);
  const value = (/** @type {string} */ f) => /** @type {HTMLInputElement} */ (els.form.querySelector(`[data-field="${f}"]`)).value;
  const body = { email: value('email').trim(), name: value('name').trim(), role: value('role'), password: value('password') };
  const res = await api('POST', '/api/admin/users', body);
  if (res.status === 201) {
    showNotice(t('userCreated', body.email));
    els.form.reset();
    await loadList();
    return;
  }
  const list = errorsOf(res);
  if (res.status === 422 && list) { showFieldErrors(els.form, list, els.errors); return; }
  if (res.status === 409) { showFieldErrors(els.form, [{ field: 'email', message: t('emailTaken') }], els.errors); return; }
  showError(errorText(res));
}

/** One account action; the list is reloaded after it, whatever the answer. */
async function act(method, path, body, done) {
  clearError();
  const res = await api(method, path, body);
  if (res.status === 200) showNotice(done(res.body));
  else if (res.status === 422 && errorsOf(res)) showError(errorsOf(res).map((e) => e.message).join(' '));
  else showError(errorText(res));
  await loadList();
  return res.status === 200;
}

function passwordForm(u) {
  const input = h('input', { type: 'password', autocomplete: 'new-password', minlength: '10', 'data-testid': 'user-new-password', 'aria-label': t('userResetPassword') });
  const save = h('button', { type: 'submit', class: 'btn', 'data-testid': 'user-save-password', text: t('userSavePassword') });
  const form = h('form', { class: 'inline', hidden: '' }, input, save);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(save, () => act('POST', `/api/admin/users/${enc(u.id)}/password`, { password: input.value }, () => t('passwordReset', u.email)));
  });
  return form;
}

function row(u) {
  const self = state.user && state.user.id === u.id;
  const buttons = [];
  const pw = passwordForm(u);
  if (!self) {
    const toggle = u.disabledAt
      ? h('button', { type: 'button', class: 'btn', 'data-testid': 'user-enable', text: t('userEnable') })
      : h('button', { type: 'button', class: 'btn danger', 'data-testid': 'user-disable', text: t('userDisable') });
    toggle.addEventListener('click', () => void busy(toggle, async () => {
      if (u.disabledAt) return act('POST', `/api/admin/users/${enc(u.id)}/enable`, undefined, () => t('userEnabledDone', u.email));
      if (!(await confirmDialog({ text: t('confirmDisable', u.email), ok: t('userDisable'), danger: true })).ok) return;
      return act('POST', `/api/admin/users/${enc(u.id)}/disable`, undefined, () => t('userDisabledDone', u.email));
    }));
    const end = h('button', { type: 'button', class: 'btn', 'data-testid': 'user-end-sessions', text: t('userEndSessions'), disabled: !u.sessions });
    end.addEventListener('click', () => void busy(end, async () => {
      if (!(await confirmDialog({ text: t('confirmEndSessions', u.email), ok: t('userEndSessions'), danger: true })).ok) return;
      return act('DELETE', `/api/admin/users/${enc(u.id)}/sessions`, undefined, (b) => t('sessionsEnded', b.sessionsEnded));
    }));
    buttons.push(toggle, end);
  }
  const reset = h('button', { type: 'button', class: 'btn', 'data-testid': 'user-reset-password', text: t('userResetPassword') });
  reset.addEventListener('click', () => { pw.hidden = !pw.hidden; if (!pw.hidden) pw.querySelector('input').focus(); });
  buttons.push(reset);
  return h('tr', { 'data-testid': 'user-row', 'data-user-id': u.id },
    h('td', null, h('div', { text: u.email }), self ? h('div', { class: 'muted', text: t('userYou') }) : null),
    h('td', { text: u.name }),
    h('td', { text: u.role === 'admin' ? t('roleAdmin') : t('roleAgent') }),
    h('td', { 'data-testid': 'user-status', text: u.disabledAt ? t('userDisabled') : t('userActive') }),
    h('td', { class: 'num', text: integer(u.sessions) }),
    h('td', null, h('div', { class: 'toolbar' }, buttons), pw));
}

async function loadList() {
  const res = await api('GET', '/api/admin/users');
  els.list.textContent = '';
  if (res.status !== 200) { showError(errorText(res)); return; }
  els.list.append(h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'user-table' },
    h('thead', null, h('tr', null, h('th', { i18n: 'email' }), h('th', { i18n: 'name' }), h('th', { i18n: 'role' }),
      h('th', { text: t('userStatus') }), h('th', { class: 'num', text: t('userSessions') }), h('th', null))),
    h('tbody', null, res.body.users.map(row)))));
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.create, create); });

export const usersSection = {
  id: 'users',
  async show() { if (!built) build(); await loadList(); },
  relabel() { if (built) void loadList(); },
  reset() { if (built) { els.form.reset(); clearFieldErrors(els.form, els.errors); } },
};
