// Payments received (GET /api/admin/payments?status=&limit=&cursor=), the unmatched ones first:
// a payment whose txid matched no instalment is kept, and a person assigns it to the right
// instalment (POST /api/admin/payments/{id}/assign {agreementId, installmentN}), after which the
// ledger counts it as if it had come with that instalment's txid.
import { $, api, busy, clearError, dateTime, enc, errorText, h, label, money, showError, showNotice, str, t } from '/admin-core.js';

const PAGE = 50;

const els = { form: /** @type {HTMLFormElement} */ ($('payment-filters')), status: /** @type {HTMLSelectElement} */ ($('payment-status')), results: $('payment-results') };
const s = { list: null, cursor: null, status: null, loaded: false, assigning: null, epoch: 0 };

async function load(append) {
  clearError();
  const epoch = s.epoch;
  const status = append && s.status !== null ? s.status : els.status.value;
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (status) q.set('status', status);
  if (append && s.cursor) q.set('cursor', s.cursor);
  const res = await api('GET', `/api/admin/payments?${q}`);
  if (epoch !== s.epoch) return;
  if (!res.ok || !res.body || !Array.isArray(res.body.payments)) { showError(errorText(res)); return; }
  const page = res.body.payments.filter((p) => p && typeof p.id === 'string');
  s.status = status;
  s.list = append && s.list ? s.list.concat(page) : page;
  s.cursor = typeof res.body.nextCursor === 'string' ? res.body.nextCursor : null;
  render();
}

function assignForm(p) {
  const agreement = h('input', { type: 'text', autocomplete: 'off', class: 'w-l', 'data-testid': 'assign-agreement', i18nAriaLabel: 'payAgreementId', i18nPlaceholder: 'payAgreementId' });
  const n = h('input', { type: 'number', min: '1', step: '1', inputmode: 'numeric', class: 'w-xs', 'data-testid': 'assign-n', i18nAriaLabel: 'payInstalmentN', placeholder: '#' });
  const go = h('button', { type: 'submit', class: 'btn small primary', 'data-testid': 'assign-submit', text: t('payAssign') });
  const error = h('p', { class: 'field-error', role: 'alert', 'data-testid': 'assign-error', hidden: '' });
  const form = h('form', { class: 'assign-form', 'data-testid': 'assign-form', novalidate: '' }, agreement, n, go, error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(go, () => assign(p, agreement, n, error));
  });
  return form;
}

async function assign(p, agreementInput, nInput, error) {
  error.hidden = true;
  const agreementId = agreementInput.value.trim();
  const installmentN = Number(nInput.value);
  if (!agreementId || !Number.isSafeInteger(installmentN) || installmentN < 1) {
    error.textContent = t('payAssignFill');
    error.hidden = false;
    return;
  }
  const epoch = s.epoch;
  const res = await api('POST', `/api/admin/payments/${enc(p.id)}/assign`, { agreementId, installmentN });
  if (epoch !== s.epoch) return;
  if (!res.ok) {
    const code = res.body && res.body.error;
    error.textContent = code === 'not_found' ? t('payAssignNotFound') : code === 'not_unmatched' ? t('payNotUnmatched') : errorText(res);
    error.hidden = false;
    return;
  }
  s.assigning = null;
  showNotice(t('payAssigned', money(p.amountCents), installmentN));
  await load(false);
}

function render() {
  els.results.textContent = '';
  if (!s.list) return;
  if (!s.list.length) { els.results.append(h('p', { class: 'muted', 'data-testid': 'payments-none', text: s.status === 'unmatched' ? t('noUnmatched') : t('noPayments') })); return; }
  els.results.append(h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'payments-table' },
    h('thead', null, h('tr', null, h('th', { text: t('agPaidAt') }), h('th', { class: 'num', text: t('amount') }), h('th', { text: 'txid' }), h('th', { text: t('paySource') }),
      h('th', { text: t('status') }), h('th', { text: t('agreement') }), h('th', { text: t('payNote') }), h('th', { text: t('actions') }))),
    h('tbody', null, s.list.flatMap((p) => {
      const open = s.assigning === p.id;
      let action = null;
      if (p.status === 'unmatched') {
        const toggle = h('button', { type: 'button', class: 'btn small', 'data-testid': 'payment-assign', 'aria-expanded': String(open), text: open ? t('cancel') : t('payAssignOpen') });
        toggle.addEventListener('click', () => { s.assigning = open ? null : p.id; render(); });
        action = toggle;
      }
      const agreement = typeof p.agreementId === 'string'
        ? h('a', { href: `#agreements/${enc(p.agreementId)}`, text: p.installmentN ? t('agInstalmentN', p.installmentN) : t('agreement') })
        : h('span', { class: 'muted', text: '—' });
      return [
        h('tr', { 'data-testid': 'payment-row', 'data-payment-id': p.id, 'data-status': str(p.status) },
          h('td', { class: 'nowrap', text: dateTime(p.paidAt) }), h('td', { class: 'num', text: money(p.amountCents) }), h('td', null, h('code', { text: str(p.txid) })),
          h('td', { text: label(t('paymentSources'), p.source) }), h('td', { text: label(t('paymentStatus'), p.status) }), h('td', null, agreement),
          h('td', { text: str(p.note) || '—' }), h('td', null, action)),
        open ? h('tr', { 'data-testid': 'payment-assign-row' }, h('td', { colspan: '8' }, assignForm(p))) : null,
      ];
    })))));
  if (s.cursor) {
    const more = h('button', { type: 'button', class: 'btn small', 'data-testid': 'payments-more', text: t('loadMore') });
    more.addEventListener('click', () => { void busy(more, () => load(true)); });
    els.results.append(h('div', { class: 'pager' }, more));
  }
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void load(false); });

export const paymentsSection = {
  id: 'payments',
  async show() {
    if (s.loaded) return;
    s.loaded = true;
    await load(false);
  },
  relabel() { render(); },
  reset() {
    s.epoch += 1;
    s.list = null; s.cursor = null; s.status = null; s.loaded = false; s.assigning = null;
    els.results.textContent = ''; els.status.value = 'unmatched';
  },
};
