// Agreements: the list (GET /api/admin/agreements?status=&dueFrom=&dueTo=&limit=&cursor=), next
// instalment to collect first, with quick filters (all, due this week, late, broken), and one
// agreement (GET /api/admin/agreements/{id}): its instalments, what was paid of each, and every
// payment received, with links to the debtor's page and to the conversation in the agents' console.
import { $, api, busy, clearError, cnpj, dateTime, day, enc, errorText, h, label, money, percent, showError, str, t } from '/admin-core.js';

const PAGE = 50;

const els = {
  listView: $('agreement-list-view'), form: /** @type {HTMLFormElement} */ ($('agreement-filters')), status: /** @type {HTMLSelectElement} */ ($('agreement-status')),
  dueFrom: /** @type {HTMLInputElement} */ ($('agreement-due-from')), dueTo: /** @type {HTMLInputElement} */ ($('agreement-due-to')),
  results: $('agreement-results'), view: $('agreement-view'),
};
const s = { list: null, cursor: null, filters: null, quick: 'all', loaded: false, agreement: null, agreementId: null, epoch: 0 };

// ---------- dates ----------
/** A calendar day of the browser's own calendar (the admin's "this week"), `plus` days from today. */
function localDay(plus = 0) {
  const d = new Date();
  d.setDate(d.getDate() + plus);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const QUICK = {
  all: () => ({ status: '', dueFrom: '', dueTo: '' }),
  // The seven days from today: what falls due before this time next week.
  week: () => ({ status: '', dueFrom: localDay(0), dueTo: localDay(6) }),
  late: () => ({ status: 'late', dueFrom: '', dueTo: '' }),
  broken: () => ({ status: 'broken', dueFrom: '', dueTo: '' }),
};

function markQuick() {
  for (const b of els.form.querySelectorAll('button[data-quick]')) b.setAttribute('aria-pressed', String(b.getAttribute('data-quick') === s.quick));
}

// ---------- the list ----------
async function load(append) {
  clearError();
  const epoch = s.epoch;
  const filters = append && s.filters ? s.filters : { status: els.status.value, dueFrom: els.dueFrom.value, dueTo: els.dueTo.value };
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (filters.status) q.set('status', filters.status);
  if (filters.dueFrom) q.set('dueFrom', filters.dueFrom);
  if (filters.dueTo) q.set('dueTo', filters.dueTo);
  if (append && s.cursor) q.set('cursor', s.cursor);
  const res = await api('GET', `/api/admin/agreements?${q}`);
  if (epoch !== s.epoch) return;
  if (!res.ok || !res.body || !Array.isArray(res.body.agreements)) { showError(errorText(res)); return; }
  const page = res.body.agreements.filter((a) => a && typeof a.id === 'string');
  s.filters = filters;
  s.list = append && s.list ? s.list.concat(page) : page;
  s.cursor = typeof res.body.nextCursor === 'string' ? res.body.nextCursor : null;
  renderList();
}

function statusBadge(status) {
  const cls = status === 'active' || status === 'settled' ? 'badge ok' : status === 'broken' ? 'badge bad' : status === 'renegotiated' || status === 'cancelled' ? 'badge muted' : 'badge warn';
  return h('span', { class: cls, 'data-testid': 'agreement-status', text: label(t('agreementStatus'), status) });
}

function instalmentBadge(status) {
  const cls = status === 'paid' ? 'badge ok' : status === 'late' ? 'badge bad' : 'badge muted';
  return h('span', { class: cls, text: label(t('instalmentStatus'), status) });
}

function renderList() {
  els.results.textContent = '';
  markQuick();
  if (!s.list) return;
  if (!s.list.length) { els.results.append(h('p', { class: 'muted', 'data-testid': 'agreements-none', text: t('noAgreements') })); return; }
  els.results.append(h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'agreements-table' },
    h('thead', null, h('tr', null, h('th', { text: t('debtor') }), h('th', { text: t('cnpj') }), h('th', { text: t('status') }), h('th', { text: t('agNextDue') }),
      h('th', { class: 'num', text: t('agToPay') }), h('th', { class: 'num', text: t('agPaid') }), h('th', { class: 'num', text: t('total') }), h('th', { text: t('agCreated') }))),
    h('tbody', null, s.list.map((a) => {
      const d = a.debtor || {};
      const next = a.nextDue && typeof a.nextDue === 'object' ? a.nextDue : null;
      return h('tr', { 'data-testid': 'agreement-row', 'data-agreement-id': a.id, 'data-status': str(a.status) },
        h('td', null, h('a', { href: `#agreements/${enc(a.id)}`, 'data-testid': 'agreement-open', text: str(d.name) || a.id })),
        h('td', { class: 'nowrap', text: cnpj(d.cnpj) }),
        h('td', null, statusBadge(a.status)),
        h('td', { class: 'nowrap', 'data-testid': 'agreement-next-due', text: next ? `${t('agInstalmentN', next.n)} · ${day(next.dueDate)}` : '—' }),
        h('td', { class: 'num', text: next ? money(next.remainingCents) : '—' }),
        h('td', { class: 'num', text: money(a.paidCents) }),
        h('td', { class: 'num', text: money(a.totalCents) }),
        h('td', { class: 'nowrap', text: dateTime(a.createdAt) }));
    })))));
  if (s.cursor) {
    const more = h('button', { type: 'button', class: 'btn small', 'data-testid': 'agreements-more', text: t('loadMore') });
    more.addEventListener('click', () => { void busy(more, () => load(true)); });
    els.results.append(h('div', { class: 'pager' }, more));
  }
}

function applyQuick(name) {
  const f = QUICK[name]();
  s.quick = name;
  els.status.value = f.status;
  els.dueFrom.value = f.dueFrom;
  els.dueTo.value = f.dueTo;
  return load(false);
}

// ---------- one agreement ----------
async function openAgreement(id) {
  clearError();
  const epoch = s.epoch;
  s.agreementId = id;
  els.listView.hidden = true;
  els.view.hidden = false;
  if (!s.agreement || s.agreement.id !== id) els.view.textContent = '';
  const res = await api('GET', `/api/admin/agreements/${enc(id)}`);
  if (epoch !== s.epoch || id !== s.agreementId) return;
  if (!res.ok || !res.body || !res.body.agreement) { showError(errorText(res)); return; }
  s.agreement = res.body.agreement;
  renderAgreement();
}

function card(titleKey, body, testid) {
  return h('section', { class: 'card', 'data-testid': testid }, h('h2', { text: t(titleKey) }), body);
}
function table(testid, head, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { 'data-testid': testid }, h('thead', null, h('tr', null, head)), h('tbody', null, rows)));
}
const bp = (n) => (Number.isInteger(n) ? percent(n / 100) : '—');

function renderAgreement() {
  const a = s.agreement;
  const d = a.debtor || {};
  els.view.textContent = '';
  const remaining = Number.isSafeInteger(a.totalCents) && Number.isSafeInteger(a.paidCents) ? a.totalCents - a.paidCents : null;
  const links = [
    h('a', { href: '#agreements', class: 'btn small', 'data-testid': 'agreement-back', text: t('agBack') }),
    h('span', { class: 'spacer' }),
    d.id ? h('a', { href: `#debtors/${enc(d.id)}`, class: 'btn small', 'data-testid': 'agreement-debtor-link', text: t('agDebtorPage') }) : null,
    a.conversationId ? h('a', { href: `/console#conversation=${enc(a.conversationId)}`, class: 'btn small', 'data-testid': 'agreement-conversation-link', text: t('agConversation') }) : null,
    h('a', { href: `/api/admin/agreements/${enc(a.id)}/term.pdf`, class: 'btn small', 'data-testid': 'agreement-term-link', text: t('agTermPdf') }),
  ];
  const linked = (id) => h('a', { href: `#agreements/${enc(id)}`, text: t('agOtherAgreement') });
  els.view.append(h('div', { class: 'card', 'data-testid': 'agreement-detail', 'data-agreement-id': str(a.id), 'data-status': str(a.status) },
    h('div', { class: 'toolbar' }, links),
    h('h2', null, h('span', { 'data-testid': 'agreement-debtor', text: str(d.name) || '—' }), ' ', statusBadge(a.status)),
    h('dl', { class: 'facts' },
      h('dt', { text: t('cnpj') }), h('dd', { text: cnpj(d.cnpj) || '—' }),
      h('dt', { text: t('total') }), h('dd', { 'data-testid': 'agreement-total', text: money(a.totalCents) }),
      h('dt', { text: t('agPaid') }), h('dd', { 'data-testid': 'agreement-paid', text: money(a.paidCents) }),
      h('dt', { text: t('agRemaining') }), h('dd', { 'data-testid': 'agreement-remaining', text: remaining === null ? '—' : money(remaining) }),
      h('dt', { text: t('debt') }), h('dd', { text: money(a.debtCents) }),
      a.overpaidCents > 0 ? [h('dt', { text: t('agOverpaid') }), h('dd', { 'data-testid': 'agreement-overpaid', text: money(a.overpaidCents) })] : null,
      h('dt', { text: t('agLateTerms') }), h('dd', { text: t('agLateTermsText', bp(a.lateFeeBasisPoints), bp(a.monthlyInterestBasisPoints)) }),
      a.brokenOn ? [h('dt', { text: t('agBrokenOn') }), h('dd', { text: day(a.brokenOn) })] : null,
      a.renegotiates ? [h('dt', { text: t('agRenegotiates') }), h('dd', { 'data-testid': 'agreement-renegotiates' }, linked(a.renegotiates))] : null,
      a.renegotiatedBy ? [h('dt', { text: t('agRenegotiatedBy') }), h('dd', { 'data-testid': 'agreement-renegotiated-by' }, linked(a.renegotiatedBy))] : null,
      h('dt', { text: t('agCreated') }), h('dd', { text: dateTime(a.createdAt) }),
      h('dt', { text: 'ID' }), h('dd', null, h('code', { text: str(a.id) })))));

  const insts = Array.isArray(a.installments) ? a.installments : [];
  els.view.append(card('agInstalments', insts.length ? table('agreement-instalments',
    [h('th', { text: '#' }), h('th', { text: t('dueDate') }), h('th', { class: 'num', text: t('amount') }), h('th', { class: 'num', text: t('agPaid') }), h('th', { text: t('status') }), h('th', { text: t('agPaidAt') }), h('th', { text: 'txid' })],
    insts.map((i) => h('tr', { 'data-testid': 'agreement-instalment', 'data-n': String(i.n ?? ''), 'data-status': str(i.status) },
      h('td', { text: String(i.n ?? '') }), h('td', { class: 'nowrap', text: day(i.dueDate) }), h('td', { class: 'num', text: money(i.amountCents) }),
      h('td', { class: 'num', 'data-testid': 'instalment-paid', text: money(i.paidCents) }), h('td', null, instalmentBadge(i.status)),
      h('td', { class: 'nowrap', text: i.paidAt ? dateTime(i.paidAt) : '—' }), h('td', null, h('code', { text: str(i.txid) }))))) : h('p', { class: 'muted small', text: t('none') }), 'agreement-instalments-card'));

  const pays = Array.isArray(a.payments) ? a.payments : [];
  els.view.append(card('agPayments', pays.length ? table('agreement-payments',
    [h('th', { text: t('agPaidAt') }), h('th', { class: 'num', text: t('amount') }), h('th', { text: t('paySource') }), h('th', { text: t('status') }), h('th', { text: '#' }), h('th', { text: 'txid' }), h('th', { text: t('payNote') }), h('th', { text: t('payBy') })],
    pays.map((p) => h('tr', { 'data-testid': 'agreement-payment', 'data-status': str(p.status) },
      h('td', { class: 'nowrap', text: dateTime(p.paidAt) }),
      h('td', { class: 'num' }, money(p.amountCents), p.overpaidCents > 0 ? h('div', { class: 'muted small', text: t('payOverpaid', money(p.overpaidCents)) }) : null),
      h('td', { text: label(t('paymentSources'), p.source) }), h('td', { text: label(t('paymentStatus'), p.status) }),
      h('td', { text: p.installmentN === null || p.installmentN === undefined ? '—' : String(p.installmentN) }),
      h('td', null, h('code', { text: str(p.txid) })), h('td', { text: str(p.note) || '—' }), h('td', { text: str(p.createdBy) || '—' })))) : h('p', { class: 'muted small', 'data-testid': 'agreement-no-payments', text: t('noPayments') }), 'agreement-payments-card'));
}

// ---------- wiring ----------
els.form.addEventListener('submit', (e) => { e.preventDefault(); s.quick = ''; void load(false); });
for (const b of els.form.querySelectorAll('button[data-quick]')) {
  const name = b.getAttribute('data-quick');
  b.addEventListener('click', () => { void busy(/** @type {HTMLButtonElement} */ (b), () => applyQuick(name)); });
}

export const agreementsSection = {
  id: 'agreements',
  async show(param) {
    if (param) { await openAgreement(param); return; }
    s.agreementId = null;
    els.view.hidden = true;
    els.listView.hidden = false;
    if (s.loaded) return;
    s.loaded = true;
    await applyQuick('all');
  },
  relabel() { renderList(); if (s.agreement && !els.view.hidden) renderAgreement(); },
  reset() {
    s.epoch += 1;
    s.list = null; s.cursor = null; s.filters = null; s.quick = 'all'; s.loaded = false; s.agreement = null; s.agreementId = null;
    els.results.textContent = ''; els.view.textContent = ''; els.status.value = ''; els.dueFrom.value = ''; els.dueTo.value = '';
  },
};
