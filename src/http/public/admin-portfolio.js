// Portfolio import: a CSV file is previewed first (POST /api/admin/portfolio/preview, which never
// writes) and only the previewed text can then be imported (POST /api/admin/portfolio/import).
import { $, api, busy, clearError, cnpj, day, errorText, h, integer, label, money, showError, showNotice, str, t } from '/admin-core.js';

const els = { file: /** @type {HTMLInputElement} */ ($('portfolio-file')), preview: /** @type {HTMLButtonElement} */ ($('portfolio-preview')), import: /** @type {HTMLButtonElement} */ ($('portfolio-import')), result: $('portfolio-result') };
const s = { text: null, name: null, encoding: null, preview: null, imported: null, epoch: 0 };

/**
 * The file as text. Spreadsheets saved by Brazilian Excel are often Windows-1252, not UTF-8: a
 * file that is not valid UTF-8 is read as Windows-1252 so "Açúcar" survives instead of "A��car".
 */
async function readCsv(file) {
  const bytes = await file.arrayBuffer();
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

async function pickFile() {
  s.epoch += 1;
  const epoch = s.epoch;
  s.text = null; s.preview = null; s.imported = null;
  els.import.hidden = true;
  els.preview.disabled = true;
  els.result.textContent = '';
  const file = els.file.files && els.file.files[0];
  if (!file) return;
  const { text, encoding } = await readCsv(file);
  if (epoch !== s.epoch) return;
  s.text = text; s.name = file.name; s.encoding = encoding;
  els.preview.disabled = false;
  await busy(els.preview, preview);
}

async function preview() {
  if (s.text === null) return;
  clearError();
  const epoch = s.epoch;
  const text = s.text;
  const res = await api('POST', '/api/admin/portfolio/preview', undefined, { raw: { text, type: 'text/csv; charset=utf-8' } });
  if (epoch !== s.epoch) return;
  if ((res.ok || res.status === 422) && res.body && typeof res.body === 'object' && (Array.isArray(res.body.errors) || res.body.ok)) {
    s.preview = { ...res.body, text };
    s.imported = null;
    render();
    return;
  }
  showError(errorText(res));
}

async function importIt() {
  // Only the exact text that was previewed, and only when that preview had no errors.
  if (!s.preview || !s.preview.ok || s.preview.text !== s.text) return;
  clearError();
  const epoch = s.epoch;
  const res = await api('POST', '/api/admin/portfolio/import', undefined, { raw: { text: s.preview.text, type: 'text/csv; charset=utf-8' } });
  if (epoch !== s.epoch) return;
  if (res.ok) {
    s.imported = res.body || {};
    render();
    showNotice(t('importedOk'));
    return;
  }
  if (res.status === 422 && res.body && Array.isArray(res.body.errors)) {
    s.preview = { ok: false, errors: res.body.errors, text: s.preview.text };
    render();
    return;
  }
  showError(errorText(res));
}

function render() {
  const p = s.preview;
  els.result.textContent = '';
  els.import.hidden = true;
  if (!p) return;
  if (s.name) els.result.append(h('p', { class: 'muted small', text: t('fileRead', s.name, s.encoding) }));
  if (s.imported) {
    const d = s.imported;
    els.result.append(h('p', { class: 'ok-text', 'data-testid': 'portfolio-imported', text: t('imported', integer(d.debtors), integer(d.invoices)) }));
    return;
  }
  if (!p.ok) {
    const errors = Array.isArray(p.errors) ? p.errors : [];
    els.result.append(
      h('p', { class: 'error-text', 'data-testid': 'portfolio-invalid', text: t('csvErrors', errors.length) }),
      h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'portfolio-errors' },
        h('thead', null, h('tr', null, h('th', { class: 'num', text: t('line') }), h('th', { text: t('column') }), h('th', { text: t('problem') }))),
        h('tbody', null, errors.map((e) => h('tr', { 'data-testid': 'portfolio-error', 'data-line': Number.isInteger(e && e.line) ? e.line : null },
          h('td', { class: 'num', text: Number.isInteger(e && e.line) ? e.line : '—' }), h('td', null, h('code', { text: str(e && e.field) })), h('td', { text: str(e && e.message) })))))));
    return;
  }
  const rows = Array.isArray(p.rows) ? p.rows : [];
  els.result.append(
    h('dl', { class: 'facts counts', 'data-testid': 'portfolio-counts' },
      h('dt', { text: t('debtors') }), h('dd', { 'data-count': 'debtors', text: integer(p.debtors) }),
      h('dt', { text: t('invoices') }), h('dd', { 'data-count': 'invoices', text: integer(p.invoices) }),
      h('dt', { text: t('newDebtors') }), h('dd', { 'data-count': 'newDebtors', text: integer(p.newDebtors) }),
      h('dt', { text: t('newInvoices') }), h('dd', { 'data-count': 'newInvoices', text: integer(p.newInvoices) }),
      h('dt', { text: t('updatedInvoices') }), h('dd', { 'data-count': 'updatedInvoices', text: integer(p.updatedInvoices) })),
    rows.length < (p.invoices || 0) ? h('p', { class: 'muted small', text: t('firstRows', rows.length) }) : null,
    h('div', { class: 'table-wrap' }, h('table', { 'data-testid': 'portfolio-rows' },
      h('thead', null, h('tr', null, h('th', { class: 'num', text: t('line') }), h('th', { text: t('cnpj') }), h('th', { text: t('company') }), h('th', { text: t('invoice') }),
        h('th', { class: 'num', text: t('amount') }), h('th', { text: t('dueDate') }), h('th', { text: t('action') }))),
      h('tbody', null, rows.map((r) => h('tr', { 'data-testid': 'portfolio-row', 'data-action': str(r.action) },
        h('td', { class: 'num', text: Number.isInteger(r.line) ? r.line : '' }), h('td', { class: 'nowrap', text: cnpj(r.cnpj) }), h('td', { text: str(r.companyName) }), h('td', { text: str(r.invoice) }),
        h('td', { class: 'num', text: money(r.amountCents) }), h('td', { text: day(r.dueDate) }),
        h('td', null, h('span', { class: r.action === 'new' ? 'badge ok' : r.action === 'update' ? 'badge warn' : 'badge muted', text: label(t('rowActions'), r.action) }))))))));
  els.import.hidden = false;
}

els.file.addEventListener('change', () => { void pickFile(); });
// The file may have been edited and saved again since it was picked: read it afresh.
els.preview.addEventListener('click', () => { void pickFile(); });
els.import.addEventListener('click', () => { void busy(els.import, importIt); });

export const portfolioSection = {
  id: 'portfolio',
  async show() {},
  relabel() { render(); },
  reset() {
    s.epoch += 1;
    s.text = null; s.name = null; s.preview = null; s.imported = null;
    els.file.value = '';
    els.preview.disabled = true;
    render();
  },
};
