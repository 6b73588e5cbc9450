// Users: creates an account for an agent or another admin (POST /api/admin/users).
import { $, api, busy, clearError, clearFieldErrors, errorText, errorsOf, field, h, showError, showFieldErrors, showNotice, t } from '/admin-core.js';

const els = { form: $('user-form'), fields: $('user-fields'), errors: $('user-errors'), create: $('user-create') };
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
  const value = (f) => els.form.querySelector(`[data-field="${f}"]`).value;
  const body = { email: value('email').trim(), name: value('name').trim(), role: value('role'), password: value('password') };
  const res = await api('POST', '/api/admin/users', body);
  if (res.status === 201) {
    showNotice(t().userCreated(body.email));
    els.form.reset();
    return;
  }
  const list = errorsOf(res);
  if (res.status === 422 && list) { showFieldErrors(els.form, list, els.errors); return; }
  if (res.status === 409) { showFieldErrors(els.form, [{ field: 'email', message: t().emailTaken }], els.errors); return; }
  showError(errorText(res));
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.create, create); });

export const usersSection = {
  id: 'users',
  async show() { if (!built) build(); },
  relabel() {},
  reset() { if (built) { els.form.reset(); clearFieldErrors(els.form, els.errors); } },
};
