// Debtors: search (GET /api/admin/debtors?q=) with paging, and one debtor's page
// (GET /api/admin/debtors/{id}) with contacts (export / erase personal data), invoices,
// conversations, offers, agreements, the audit trail and the evidence downloads.
import {
  $, api, busy, clearError, cnpj, confirmDialog, dateTime, day, download, enc, errorText, h, integer, label, money, percent, showError, showNotice, str, t,
} from '/admin-core.js';

const PAGE = 20;

const els = {
  searchView: $('debtor-search-view'), form: /** @type {HTMLFormElement} */ ($('debtor-search')), q: /** @type {HTMLInputElement} */ ($('debtor-q')), results: $('debtor-results'), view: $('debtor-view'),
};
const s = { q: '', offset: 0, page: null, debtorId: null, debtor: null, epoch: 0 };

// ---------- search ----------
async function search(offset = 0) {
  clearError();
  const epoch = s.epoch;
  const q = els.q.value.trim();
  const res = await api('GET', `/api/admin/debtors?q=${enc(q)}&limit=${PAGE}&offset=${offset}`);
  if (epoch !== s.epoch) return;
  if (!res.ok || !res.body || !Array.isArray(res.body.debtors)) { showError(errorText(res)); return; }
  s.q = q;
  s.offset = offset;
  s.page = res.body;
  renderResults();
}

function renderResults() {
  els.results.textContent = '';
  const p = s.page;
  if (!p) return;
  const list = p.debtors.filter((d) => d && typeof d.id === 'string');
  const total = Number.isInteger(p.total) ? p.total : list.length;
  if (!list.length) { els.results.append(h('p', { class: 'muted', 'data-testid': 'debtor-none', text: t('noDebtors') })); return; }
  els.results.append(h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'debtor-table' },
    h('thead', null, h('tr', null, h('th', { text: t('company') }), h('th', { text: t('cnpj') }), h('th', { class: 'num', text: t('openAmount') }),
      h('th', { class: 'num', text: t('openInvoices') }), h('th', { class: 'num', text: t('agreements') }), h('th', { text: t('lastConversation') }))),
    h('tbody', null, list.map((d) => {
      const open = h('a', { href: `#debtors/${enc(d.id)}`, 'data-testid': 'debtor-open', text: str(d.name) || '—' });
      return h('tr', { 'data-testid': 'debtor-row', 'data-debtor-id': d.id },
        h('td', null, open), h('td', { class: 'nowrap', text: cnpj(d.cnpj) }), h('td', { class: 'num', text: money(d.openCents) }),
        h('td', { class: 'num', text: integer(d.openInvoices) }), h('td', { class: 'num', text: integer(d.agreements) }),
        h('td', { text: d.lastConversationAt ? dateTime(d.lastConversationAt) : '—' }));
    })))));
  const prev = h('button', { type: 'button', class: 'btn small', 'data-testid': 'debtor-prev', text: t('previous'), disabled: s.offset <= 0 ? '' : null });
  const next = h('button', { type: 'button', class: 'btn small', 'data-testid': 'debtor-next', text: t('next'), disabled: s.offset + list.length >= total ? '' : null });
  prev.addEventListener('click', () => { void busy(prev, () => search(Math.max(0, s.offset - PAGE))); });
  next.addEventListener('click', () => { void busy(next, () => search(s.offset + PAGE)); });
  els.results.append(h('div', { class: 'pager' }, prev, h('span', { class: 'muted small', 'data-testid': 'debtor-range', text: t('range', s.offset + 1, s.offset + list.length, total) }), next));
}

// ---------- one debtor ----------
async function openDebtor(id) {
  clearError();
  const epoch = s.epoch;
  s.debtorId = id;
  els.searchView.hidden = true;
  els.view.hidden = false;
  if (!s.debtor || s.debtor.debtor?.id !== id) els.view.textContent = '';
  const res = await api('GET', `/api/admin/debtors/${enc(id)}`);
  if (epoch !== s.epoch || id !== s.debtorId) return;
  if (!res.ok || !res.body || !res.body.debtor) { showError(errorText(res)); return; }
  s.debtor = res.body;
  renderDebtor();
}

function section(titleKey, body, testid) {
  return h('section', { class: 'card', 'data-testid': testid }, h('h2', { i18n: titleKey }), body);
}
function emptyOr(list, build) {
  return Array.isArray(list) && list.length ? build(list) : h('p', { class: 'muted small', text: t('none') });
}
function table(testid, head, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { 'data-testid': testid }, h('thead', null, h('tr', null, head)), h('tbody', null, rows)));
}

function renderDebtor() {
  const data = s.debtor;
  const d = data.debtor;
  const id = str(d.id);
  els.view.textContent = '';
  const back = h('a', { href: '#debtors', class: 'btn small', 'data-testid': 'debtor-back', text: t('backToSearch') });
  const json = h('button', { type: 'button', class: 'btn small', 'data-testid': 'evidence-json', text: t('evidenceJson') });
  const pdf = h('button', { type: 'button', class: 'btn small', 'data-testid': 'evidence-pdf', text: t('evidencePdf') });
  json.addEventListener('click', () => { void busy(json, () => download(`/api/admin/debtors/${enc(id)}/evidence.json`, `evidence-${id}.json`)); });
  pdf.addEventListener('click', () => { void busy(pdf, () => download(`/api/admin/debtors/${enc(id)}/evidence.pdf`, `evidence-${id}.pdf`)); });

  els.view.append(h('div', { class: 'card' },
    h('div', { class: 'toolbar' }, back, h('span', { class: 'spacer' }), json, pdf),
    h('h2', { 'data-testid': 'debtor-name', text: str(d.name) || '—' }),
    h('dl', { class: 'facts' },
      h('dt', { text: t('cnpj') }), h('dd', { 'data-testid': 'debtor-cnpj', text: cnpj(d.cnpj) || '—' }),
      h('dt', { text: t('timeZone') }), h('dd', { text: str(d.timeZone) || '—' }),
      h('dt', { text: t('accessCode') }), h('dd', { text: str(d.accessCode) || '—' }),
      h('dt', { text: t('debtorId') }), h('dd', null, h('code', { text: id })))));

  els.view.append(section('contacts', emptyOr(data.contacts, (list) => table('contacts',
    [h('th', { text: t('name') }), h('th', { text: t('phone') }), h('th', { text: t('email') }), h('th', { text: t('preferredChannel') }), h('th', { text: t('status') }), h('th', { text: t('actions') })],
    list.map((c) => {
      const exp = h('button', { type: 'button', class: 'btn small', 'data-testid': 'contact-export', text: t('exportData') });
      const erase = h('button', { type: 'button', class: 'btn small danger', 'data-testid': 'contact-erase', text: t('erasePersonalData'), disabled: c.erased ? '' : null });
      exp.addEventListener('click', () => { void busy(exp, () => download(`/api/admin/contacts/${enc(c.id)}/export`, `contact-${c.id}.json`)); });
      erase.addEventListener('click', () => { void busy(erase, () => eraseContact(c)); });
      const flags = [
        c.optedOut ? h('span', { class: 'badge bad', text: t('optedOut') }) : null,
        c.emailUnusable ? h('span', { class: 'badge warn', text: t('emailUnusable') }) : null,
        c.erased ? h('span', { class: 'badge muted', text: t('erased') }) : null,
      ].filter(Boolean);
      return h('tr', { 'data-testid': 'contact', 'data-contact-id': str(c.id), 'data-erased': String(!!c.erased) },
        h('td', { text: str(c.name) || '—' }), h('td', { text: str(c.phone) || '—' }), h('td', { text: str(c.email) || '—' }),
        h('td', null, c.erased ? '—' : preferredChannelSelect(c)),
        h('td', null, flags.length ? flags : '—'), h('td', null, h('div', { class: 'actions' }, exp, erase)));
    }))), 'debtor-contacts'));

  els.view.append(section('invoices', emptyOr(data.invoices, (list) => table('invoices',
    [h('th', { text: t('invoice') }), h('th', { class: 'num', text: t('amount') }), h('th', { text: t('dueDate') }), h('th', { text: t('status') })],
    list.map((i) => h('tr', { 'data-testid': 'invoice' },
      h('td', { text: str(i.number) || str(i.invoice) }), h('td', { class: 'num', text: money(i.amountCents) }), h('td', { text: day(i.dueDate) }), h('td', { text: label(t('invoiceStatus'), i.status) }))))), 'debtor-invoices'));

  els.view.append(section('conversations', emptyOr(data.conversations, (list) => table('conversations',
    [h('th', { text: t('channel') }), h('th', { text: t('status') }), h('th', { text: t('state') }), h('th', { class: 'num', text: t('flowVersion') }), h('th', { text: t('started') }), h('th', { text: t('lastActivity') }), h('th', { text: 'ID' })],
    list.map((c) => h('tr', { 'data-testid': 'conversation', 'data-conversation-id': str(c.id), 'data-simulation': String(!!c.simulation) },
      h('td', null, label(t('channels'), c.channel), c.simulation ? ' ' : null, c.simulation ? h('span', { class: 'badge warn', 'data-testid': 'simulation-badge', text: t('simulation') }) : null),
      h('td', { text: label(t('convStatus'), c.status) }), h('td', null, h('code', { text: typeof c.state === 'string' ? c.state : JSON.stringify(c.state ?? '') })),
      h('td', { class: 'num', text: c.flowVersion ?? '—' }), h('td', { text: dateTime(c.createdAt) }), h('td', { text: dateTime(c.updatedAt) }), h('td', null, h('code', { class: 'id', text: str(c.id) })))))), 'debtor-conversations'));

  els.view.append(section('offers', emptyOr(data.offers, (list) => h('ul', { class: 'plain', 'data-testid': 'offers' }, list.map((o) => {
    const terms = [money(o.totalCents)];
    if (typeof o.discountPercent === 'number' && o.discountPercent > 0) terms.push(t('discountOf', percent(o.discountPercent)));
    if (o.kind === 'installments' && Number.isInteger(o.installments)) terms.push(t('instalmentsOf', o.installments, money(o.installmentCents)));
    if (o.firstDueDate) terms.push(t('firstDueOn', day(o.firstDueDate)));
    const about = [label(t('sources'), o.source), label(t('offerStatus'), o.status), o.createdAt ? dateTime(o.createdAt) : ''].filter(Boolean);
    return h('li', { 'data-testid': 'offer', 'data-status': str(o.status) },
      h('div', { class: 'line-1', text: `${label(t('kinds'), o.kind)} · ${terms.join(' · ')}` }),
      h('div', { class: 'line-2', text: about.join(' · ') }));
  }))), 'debtor-offers'));

  els.view.append(section('agreements', emptyOr(data.agreements, (list) => h('ul', { class: 'plain', 'data-testid': 'agreements' }, list.map((a) => {
    const insts = Array.isArray(a.installments) ? a.installments : [];
    return h('li', { 'data-testid': 'agreement', 'data-status': str(a.status) },
      h('div', { class: 'line-1' }, `${label(t('kinds'), a.kind)} · ${t('total')} ${money(a.totalCents)} · ${t('agPaid')} ${money(a.paidCents)} · `,
        h('a', { href: `#agreements/${enc(str(a.id))}`, 'data-testid': 'agreement-link', text: t('agOtherAgreement') })),
      h('div', { class: 'line-2', text: [Number.isSafeInteger(a.debtCents) ? `${t('debt')} ${money(a.debtCents)}` : '', label(t('agreementStatus'), a.status), dateTime(a.createdAt)].filter(Boolean).join(' · ') }),
      insts.length ? h('table', { 'data-testid': 'instalments' },
        h('thead', null, h('tr', null, h('th', { text: '#' }), h('th', { text: t('dueDate') }), h('th', { class: 'num', text: t('amount') }), h('th', { class: 'num', text: t('agPaid') }), h('th', { text: t('status') }))),
        h('tbody', null, insts.map((i) => h('tr', { 'data-testid': 'instalment' },
          h('td', { text: String(i.n ?? '') }), h('td', { text: day(i.dueDate) }), h('td', { class: 'num', text: money(i.amountCents) }), h('td', { class: 'num', text: money(i.paidCents) }), h('td', { text: label(t('instalmentStatus'), i.status) }))))) : null);
  }))), 'debtor-agreements'));

  els.view.append(section('auditTrail', emptyOr(data.audit, (list) => table('audit-trail',
    [h('th', { text: t('when') }), h('th', { text: t('event') }), h('th', { text: t('actor') }), h('th', { text: t('details') })],
    list.map((e) => h('tr', { 'data-testid': 'audit-event', 'data-type': str(e.type) },
      h('td', { class: 'nowrap', text: dateTime(e.at) }), h('td', null, h('code', { text: str(e.type) })), h('td', { text: str(e.actor) }),
      h('td', null, e.data === null || e.data === undefined ? '—' : h('details', { class: 'facts-box' }, h('summary', { text: t('show') }), h('pre', { text: JSON.stringify(e.data, null, 2) }))))))), 'debtor-audit'));
}

/** The contact's channel for notices and reminders, as the debtor told the team; saved on change. */
function preferredChannelSelect(c) {
  const names = t('channels');
  const select = /** @type {HTMLSelectElement} */ (h('select', { 'data-testid': 'contact-preferred-channel', 'aria-label': t('preferredChannel') },
    h('option', { value: '', text: t('channelOrderDefault') }),
    ...['whatsapp', 'email', 'telegram'].map((ch) => h('option', { value: ch, text: names[ch] }))));
  select.value = str(c.preferredChannel);
  select.addEventListener('change', () => {
    void busy(select, async () => {
      clearError();
      const res = await api('PUT', `/api/admin/contacts/${enc(c.id)}/preferred-channel`, { channel: select.value || null });
      if (!res.ok) { showError(errorText(res)); select.value = str(c.preferredChannel); return; }
      c.preferredChannel = select.value || null;
      showNotice(t('savedOk'));
    });
  });
  return select;
}

async function eraseContact(c) {
  const { ok } = await confirmDialog({ text: t('confirmErase', str(c.name) || str(c.phone) || str(c.email) || t('thisContact')), ok: t('erasePersonalData'), danger: true, typed: t('eraseWord') });
  if (!ok) return;
  clearError();
  const res = await api('POST', `/api/admin/contacts/${enc(c.id)}/erase`);
  if (!res.ok) { showError(errorText(res)); return; }
  const e = (res.body && res.body.erased) || {};
  showNotice(t('erasedOk', integer(e.conversations ?? 0), integer(e.messages ?? 0)));
  if (s.debtorId) await openDebtor(s.debtorId);
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void search(0); });

export const debtorsSection = {
  id: 'debtors',
  async show(param) {
    if (param) { await openDebtor(param); return; }
    s.debtorId = null;
    els.view.hidden = true;
    els.searchView.hidden = false;
    if (!s.page) await search(0);
    els.q.focus();
  },
  relabel() { renderResults(); if (s.debtor && !els.view.hidden) renderDebtor(); },
  reset() {
    s.epoch += 1;
    s.q = ''; s.offset = 0; s.page = null; s.debtorId = null; s.debtor = null;
    els.q.value = ''; els.results.textContent = ''; els.view.textContent = '';
  },
};
