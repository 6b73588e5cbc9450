// Proactive messages: what the contact policy decided for each message the bot wanted to send on
// its own (GET /api/admin/contact-decisions?status=&debtorId=&limit=&before=), newest first.
import { $, api, busy, clearError, dateTime, enc, errorText, h, label, showError, str, t } from '/admin-core.js';

const PAGE = 50;

const els = { form: /** @type {HTMLFormElement} */ ($('decisions-form')), status: /** @type {HTMLSelectElement} */ ($('decisions-status')), debtor: /** @type {HTMLInputElement} */ ($('decisions-debtor')), result: $('decisions-result') };
const s = { list: null, more: false, filters: null, loaded: false, epoch: 0 };

async function load(append) {
  clearError();
  const epoch = s.epoch;
  const filters = append && s.filters ? s.filters : { status: els.status.value, debtorId: els.debtor.value.trim() };
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (filters.status) q.set('status', filters.status);
  if (filters.debtorId) q.set('debtorId', filters.debtorId);
  const last = append && s.list && s.list[s.list.length - 1];
  if (last) q.set('before', str(last.at));
  const res = await api('GET', `/api/admin/contact-decisions?${q}`);
  if (epoch !== s.epoch) return;
  if (!res.ok || !res.body || !Array.isArray(res.body.decisions)) { showError(errorText(res)); return; }
  const page = res.body.decisions.filter((d) => d && typeof d === 'object');
  s.filters = filters;
  s.list = append && s.list ? s.list.concat(page) : page;
  s.more = page.length === PAGE;
  render();
}

function render() {
  els.result.textContent = '';
  if (!s.list) return;
  if (!s.list.length) { els.result.append(h('p', { class: 'muted', 'data-testid': 'decisions-none', text: t('noDecisions') })); return; }
  els.result.append(h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'decisions' },
    h('thead', null, h('tr', null, h('th', { text: t('when') }), h('th', { text: t('debtor') }), h('th', { text: t('channel') }), h('th', { text: t('status') }), h('th', { text: t('reason') }), h('th', { text: t('until') }))),
    h('tbody', null, s.list.map((d) => {
      const debtor = d.debtor && typeof d.debtor.id === 'string'
        ? h('a', { href: `#debtors/${enc(d.debtor.id)}`, text: str(d.debtor.name) || d.debtor.id })
        : h('span', { class: 'muted', text: '—' });
      const badge = d.status === 'sent' ? 'badge ok' : d.status === 'blocked' ? 'badge bad' : d.status === 'routed' ? 'badge muted' : 'badge warn';
      return h('tr', { 'data-testid': 'decision', 'data-status': str(d.status) },
        h('td', { class: 'nowrap', text: dateTime(d.at) }), h('td', null, debtor), h('td', { text: label(t('channels'), d.channel) }),
        h('td', null, h('span', { class: badge, text: label(t('decisionStatus'), d.status) })),
        h('td', { text: label(t('decisionReasons'), d.reason) || '—' }), h('td', { class: 'nowrap', text: d.until ? dateTime(d.until) : '—' }));
    })))));
  if (s.more) {
    const more = h('button', { type: 'button', class: 'btn small', 'data-testid': 'decisions-more', text: t('loadMore') });
    more.addEventListener('click', () => { void busy(more, () => load(true)); });
    els.result.append(h('div', { class: 'pager' }, more));
  }
}

els.form.addEventListener('submit', (e) => { e.preventDefault(); void load(false); });

export const decisionsSection = {
  id: 'decisions',
  async show(param) {
    // #decisions/<debtorId> opens the list filtered to one debtor.
    if (param) { els.debtor.value = param; s.loaded = false; }
    if (s.loaded) return;
    s.loaded = true;
    await load(false);
  },
  relabel() { render(); },
  reset() {
    s.epoch += 1;
    s.list = null; s.more = false; s.filters = null; s.loaded = false;
    els.result.textContent = ''; els.debtor.value = ''; els.status.value = '';
  },
};
