// Identity locks: CNPJs and client addresses locked after failed identity checks
// (GET /api/admin/identity-locks), each with a button to lift it (DELETE …/{cnpj or id}).
import { $, api, busy, clearError, confirmDialog, dateTime, enc, errorText, h, integer, showError, showNotice, str, t } from '/admin-core.js';

const els = { refresh: /** @type {HTMLButtonElement} */ ($('identity-refresh')), result: $('identity-result') };
const s = { list: null, loaded: false, epoch: 0 };

async function load() {
  clearError();
  const epoch = s.epoch;
  const res = await api('GET', '/api/admin/identity-locks');
  if (epoch !== s.epoch) return;
  if (!res.ok || !res.body || !Array.isArray(res.body.locks)) { showError(errorText(res)); return; }
  s.list = res.body.locks.filter((l) => l && typeof l === 'object');
  render();
}

async function lift(lock) {
  const { ok } = await confirmDialog({ text: t('liftLockConfirm', str(lock.key)), ok: t('liftLock') });
  if (!ok) return;
  // A CNPJ lock by its CNPJ (the documented key); an address lock by its id.
  const key = lock.kind === 'cnpj' ? str(lock.key) : str(lock.id);
  const res = await api('DELETE', `/api/admin/identity-locks/${enc(key)}`);
  if (!res.ok && res.status !== 404) { showError(errorText(res)); return; }
  showNotice(t('lockLifted', str(lock.key)));
  await load();
}

function render() {
  els.result.textContent = '';
  if (!s.list) return;
  if (!s.list.length) { els.result.append(h('p', { class: 'muted', 'data-testid': 'identity-none', text: t('noIdentityLocks') })); return; }
  els.result.append(h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'identity-locks' },
    h('thead', null, h('tr', null, h('th', { text: t('lockKind') }), h('th', { text: t('lockKey') }), h('th', { text: t('debtor') }), h('th', { text: t('until') }), h('th', { text: t('lockouts') }), h('th', { text: '' }))),
    h('tbody', null, s.list.map((l) => {
      const debtor = l.debtor && typeof l.debtor.id === 'string'
        ? h('a', { href: `#debtors/${enc(l.debtor.id)}`, text: str(l.debtor.name) || l.debtor.id })
        : h('span', { class: 'muted', text: '—' });
      const button = h('button', { type: 'button', class: 'btn small', 'data-testid': 'identity-lift', text: t('liftLock') });
      button.addEventListener('click', () => { void busy(button, () => lift(l)); });
      return h('tr', { 'data-testid': 'identity-lock', 'data-kind': str(l.kind) },
        h('td', { text: l.kind === 'cnpj' ? t('lockKindCnpj') : t('lockKindAddress') }), h('td', { class: 'nowrap', text: str(l.key) }), h('td', null, debtor),
        h('td', { class: 'nowrap', text: dateTime(l.lockedUntil) }), h('td', { text: integer(l.lockouts) }), h('td', null, button));
    })))));
}

els.refresh.addEventListener('click', () => { void busy(els.refresh, load); });

export const identitySection = {
  id: 'identity',
  async show() {
    if (s.loaded) return;
    s.loaded = true;
    await load();
  },
  relabel() { render(); },
  reset() {
    s.epoch += 1;
    s.list = null; s.loaded = false;
    els.result.textContent = '';
  },
};
