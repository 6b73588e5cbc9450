// Audit: checks the whole hash chain of the audit log (GET /api/admin/audit/verify) and shows
// either that it is intact (and how many events it holds) or the first broken link.
import { $, api, busy, clearError, dateTime, errorText, h, integer, showError, str, t } from '/admin-core.js';

const els = { verify: /** @type {HTMLButtonElement} */ ($('audit-verify')), result: $('audit-result') };
const s = { result: null, epoch: 0 };

async function verify() {
  clearError();
  const epoch = s.epoch;
  els.result.textContent = '';
  const res = await api('GET', '/api/admin/audit/verify');
  if (epoch !== s.epoch) return;
  if (!res.ok || !res.body || typeof res.body.ok !== 'boolean') { showError(errorText(res)); return; }
  s.result = { ...res.body, checkedAt: new Date().toISOString() };
  render();
}

function render() {
  els.result.textContent = '';
  const r = s.result;
  if (!r) return;
  els.result.setAttribute('data-ok', String(r.ok));
  if (r.ok) {
    const head = r.head && typeof r.head === 'object' ? r.head : null;
    els.result.append(h('p', { class: 'verdict ok-text', 'data-testid': 'audit-ok', text: t('chainOk', integer(r.events)) }),
      // The newest link, to note down: checking against it later shows whether newer events were cut.
      head ? h('dl', { class: 'facts', 'data-testid': 'audit-head' },
        h('dt', { text: t('lastEvent') }), h('dd', null, h('code', { text: String(head.id ?? '—') }), head.at ? ` · ${dateTime(head.at)}` : null),
        h('dt', { text: t('lastHash') }), h('dd', null, h('code', { class: 'hash', text: str(head.hash) || '—' }))) : null,
      h('p', { class: 'muted small', text: t('checkedAt', dateTime(r.checkedAt)) }));
    return;
  }
  const b = r.firstBroken || {};
  els.result.append(
    h('p', { class: 'verdict error-text', 'data-testid': 'audit-broken', text: t('chainBroken', integer(r.events)) }),
    h('dl', { class: 'facts', 'data-testid': 'audit-first-broken' },
      h('dt', { text: t('eventId') }), h('dd', null, h('code', { text: String(b.id ?? '—') })),
      h('dt', { text: t('when') }), h('dd', { text: b.at ? dateTime(b.at) : '—' }),
      h('dt', { text: t('event') }), h('dd', null, h('code', { text: str(b.type) || '—' })),
      h('dt', { text: t('expectedHash') }), h('dd', null, h('code', { class: 'hash', text: str(b.expected) || '—' })),
      h('dt', { text: t('foundHash') }), h('dd', null, h('code', { class: 'hash', text: str(b.found) || '—' }))),
    h('p', { class: 'muted small', text: t('checkedAt', dateTime(r.checkedAt)) }));
}

els.verify.addEventListener('click', () => { void busy(els.verify, verify); });

export const auditSection = {
  id: 'audit',
  async show() {},
  relabel() { render(); },
  reset() { s.epoch += 1; s.result = null; els.result.textContent = ''; els.result.removeAttribute('data-ok'); },
};
