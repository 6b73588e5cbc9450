// The agreement panel beside the open conversation: where each of the debtor's agreements stands
// (status, paid of total, instalments paid, late and open, with their PIX codes), and the form an
// agent uses to register a payment the debtor proves by other means (POST /api/admin/payments
// {txid, amountCents, paidAt, note?} → 201 {payment, installment, agreement}).
/** @import { ConversationView } from './api.js' */
import { $, api, clearError, day, dateTime, guard, h, issueText, label, money, parseReais, showNotice, state, str } from '/ui-core.js';
import { scheduleConversation } from '/console-conversation.js';
import { errorText, t } from '/console-state.js';

const IN_FORCE = new Set(['active', 'broken']);

const form = {
  root: /** @type {HTMLFormElement} */ ($('payment-form')), txid: /** @type {HTMLSelectElement} */ ($('payment-txid')), amount: /** @type {HTMLInputElement} */ ($('payment-amount')),
  paidAt: /** @type {HTMLInputElement} */ ($('payment-paid-at')), note: /** @type {HTMLInputElement} */ ($('payment-note')), submit: /** @type {HTMLButtonElement} */ ($('payment-submit')),
  error: $('payment-error'), amountError: $('payment-error-amount'), paidAtError: $('payment-error-paid-at'),
};

/** Newest first, those still in force before the rest: the one the agent is following up on top. */
function ordered(list) {
  return list
    .filter((a) => a && typeof a === 'object')
    .map((a, i) => ({ a, i }))
    .sort((x, y) => Number(IN_FORCE.has(y.a.status)) - Number(IN_FORCE.has(x.a.status)) || y.i - x.i)
    .map((x) => x.a);
}

function badge(status) {
  const cls = status === 'broken' || status === 'late' ? 'badge bad' : status === 'active' || status === 'settled' || status === 'paid' ? 'badge ok' : 'badge warn';
  return cls;
}

/** Read-only so the agent can copy a code to resend it; select-all on focus. */
function pixField(i) {
  const input = h('input', { class: 'pix', type: 'text', readonly: '', 'aria-label': t('pixOf', i.n ?? '') });
  input.value = str(i.pixCode);
  input.addEventListener('focus', () => input.select());
  return input;
}

function counts(insts) {
  const by = { paid: 0, late: 0, open: 0 };
  for (const i of insts) if (i && by[i.status] !== undefined) by[i.status] += 1;
  return by;
}

/** @param {ConversationView} data */
export function renderAgreementPanel(data) {
  const box = $('agreement-body');
  box.textContent = '';
  const list = ordered(Array.isArray(data.agreements) ? data.agreements : []);
  if (!list.length) box.append(h('p', { class: 'muted small', 'data-testid': 'no-agreement', text: t('none') }));
  for (const a of list) {
    const insts = Array.isArray(a.installments) ? a.installments : [];
    const c = counts(insts);
    box.append(h('div', { class: 'agreement', 'data-testid': 'agreement', 'data-agreement-id': str(a.id), 'data-status': str(a.status) },
      h('div', { class: 'line-1' }, h('span', { class: badge(a.status), 'data-testid': 'agreement-status', text: label(t('agreementStatus'), a.status) }), ` ${label(t('kinds'), a.kind)}`),
      h('div', { class: 'line-2', 'data-testid': 'agreement-paid', text: t('paidOf', money(a.paidCents), money(a.totalCents)) }),
      h('div', { class: 'counts', 'data-testid': 'agreement-counts', text: t('instalmentCounts', c.paid, c.late, c.open) }),
      h('div', { class: 'line-2 muted small', text: [`${t('debt')} ${money(a.debtCents)}`, dateTime(a.createdAt)].filter(Boolean).join(' · ') }),
      insts.length ? h('table', { 'data-testid': 'agreement-installments' },
        h('thead', null, h('tr', null, h('th', { text: '#' }), h('th', { text: t('dueDate') }), h('th', { class: 'num', text: t('amount') }), h('th', { class: 'num', text: t('paid') }), h('th', { text: t('status') }))),
        h('tbody', null, insts.flatMap((i) => [
          h('tr', { 'data-testid': 'agreement-installment', 'data-n': String(i.n ?? ''), 'data-status': str(i.status), class: i.status === 'late' ? 'inst-late' : null },
            h('td', { text: String(i.n ?? '') }), h('td', { text: day(i.dueDate) }), h('td', { class: 'num', text: money(i.amountCents) }),
            h('td', { class: 'num', 'data-testid': 'installment-paid', text: money(i.paidCents) }), h('td', { text: label(t('instalmentStatus'), i.status) })),
          str(i.pixCode) && i.status !== 'paid' && IN_FORCE.has(a.status) ? h('tr', null, h('td', { colspan: '5' }, pixField(i))) : null,
        ]))) : null));
  }
  fillTxids(list);
}

/** The instalments a payment can be registered for: not fully paid, of agreements in force. */
function fillTxids(list) {
  const before = form.txid.value;
  form.txid.textContent = '';
  for (const a of list) {
    if (!IN_FORCE.has(a.status)) continue;
    for (const i of Array.isArray(a.installments) ? a.installments : []) {
      if (!i || i.status === 'paid' || !str(i.txid)) continue;
      const remaining = Number.isSafeInteger(i.amountCents) && Number.isSafeInteger(i.paidCents) ? i.amountCents - i.paidCents : i.amountCents;
      form.txid.append(h('option', { value: i.txid, text: t('paymentOption', i.n, day(i.dueDate), money(remaining)) }));
    }
  }
  if ([...form.txid.options].some((o) => o.value === before)) form.txid.value = before;
  form.root.hidden = form.txid.options.length === 0;
}

// ---------- the form ----------
/** The payment route's refusals in the console's language; the rest as every API error. */
function paymentErrorText(res) {
  const code = res.body && res.body.error;
  if (code === 'unknown_txid') return t('paymentUnknownTxid');
  if (code === 'payment_conflict') return t('paymentConflict');
  if (res.status === 400 && res.body && Array.isArray(res.body.errors) && res.body.errors.length) {
    return res.body.errors.map((e) => `${str(e && e.field)}: ${issueText(e)}`).join(' · ');
  }
  return errorText(res);
}

function fieldError(p, input, message) {
  p.textContent = message;
  p.hidden = !message;
  if (input) { if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid'); }
}
function clearPaymentErrors() {
  fieldError(form.amountError, form.amount, '');
  fieldError(form.paidAtError, form.paidAt, '');
  fieldError(form.error, null, '');
}

/** A datetime-local value for now, in the browser's time zone ("2026-12-05T10:30"). */
function nowLocal() {
  const d = new Date(Date.now() + state.clockSkewMs);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** No conversation open (or another one loading): no agreement, and no instalment to pay. */
export function clearAgreementPanel() {
  $('agreement-body').textContent = '';
  form.txid.textContent = '';
  form.root.hidden = true;
}

export function resetPaymentForm() {
  form.amount.value = '';
  form.note.value = '';
  form.paidAt.value = nowLocal();
  clearPaymentErrors();
}

async function submitPayment(e) {
  e.preventDefault();
  if (form.submit.disabled || !state.selectedId) return;
  clearError();
  clearPaymentErrors();
  // Reais as typed ("1.234,56") to cents by the digits alone: no float ever holds the amount.
  const amountCents = parseReais(form.amount.value);
  let bad = false;
  if (amountCents === null || amountCents <= 0) { fieldError(form.amountError, form.amount, t('notAnAmount')); bad = true; }
  // The browser's local time, sent as an instant with its offset (UTC).
  const ms = form.paidAt.value ? Date.parse(form.paidAt.value) : NaN;
  if (!Number.isFinite(ms)) { fieldError(form.paidAtError, form.paidAt, t('notAnInstant')); bad = true; }
  if (bad) { (form.amount.getAttribute('aria-invalid') ? form.amount : form.paidAt).focus(); return; }
  const body = { txid: form.txid.value, amountCents, paidAt: new Date(ms).toISOString() };
  const note = form.note.value.trim();
  if (note) body.note = note;
  const id = state.selectedId;
  const epoch = state.epoch;
  form.submit.disabled = true;
  try {
    await guard(async () => {
      const res = await api('POST', '/api/admin/payments', body);
      if (epoch !== state.epoch || id !== state.selectedId) return;
      if (res.status === 201) {
        const n = res.body && res.body.installment && res.body.installment.n;
        resetPaymentForm();
        showNotice(Number.isInteger(n) ? t('paymentRegistered', money(amountCents), n) : t('paymentRegisteredNoInstalment', money(amountCents)));
        // The ledger changed the agreement: the conversation view brings it back as it now stands.
        scheduleConversation();
        return;
      }
      // A payment recorded before (same txid, amount and instant) is not counted again.
      if (res.status === 200 && res.body && res.body.duplicate) { fieldError(form.error, null, t('paymentDuplicate')); return; }
      fieldError(form.error, null, paymentErrorText(res));
    });
  } finally {
    form.submit.disabled = false;
  }
}

form.root.addEventListener('submit', (e) => { void submitPayment(e); });
resetPaymentForm();
