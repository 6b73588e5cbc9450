// Offer limits: the default policy (GET|PUT /api/admin/policy) and the limits per overdue bucket
// (GET|PUT /api/admin/policy/buckets). Amounts are edited in reais and sent as integer cents.
import {
  $, api, busy, clearError, clearFieldErrors, clone, errorText, field, getPath, h, readField, setFieldValue, setPath, showError, showFieldErrors, showSaveAnswer, t,
} from '/admin-core.js';

/** The fields of an offer policy (src/domain/policy.ts), by their path inside the policy object. */
const POLICY_FIELDS = [
  { path: 'cash.maxDiscountPercent', kind: 'percent', labelKey: 'maxDiscountPercent' },
  { path: 'installments.max', kind: 'int', labelKey: 'installmentsMax' },
  { path: 'installments.minAmountCents', kind: 'reais', labelKey: 'installmentMin' },
  { path: 'installments.monthlyInterestPercent', kind: 'percent', labelKey: 'monthlyInterest' },
  { path: 'firstDueInDays.max', kind: 'int', labelKey: 'firstDueMax' },
  { path: 'escalateAboveCents', kind: 'reais', labelKey: 'escalateAbove' },
];

const els = {
  form: /** @type {HTMLFormElement} */ ($('policy-form')), fields: $('policy-fields'), errors: $('policy-errors'), save: /** @type {HTMLButtonElement} */ ($('policy-save')),
  bForm: /** @type {HTMLFormElement} */ ($('buckets-form')), bList: $('bucket-list'), bNone: $('buckets-none'), bErrors: $('buckets-errors'), bAdd: /** @type {HTMLButtonElement} */ ($('bucket-add')), bSave: /** @type {HTMLButtonElement} */ ($('buckets-save')),
};
const s = { policy: null, buckets: null, loaded: false, epoch: 0 };
/** Each bucket card -> the bucket object it was loaded from (fields the form does not edit are kept). */
const cardData = new WeakMap();

function policyFields(prefix, policy) {
  return h('div', { class: 'grid-fields' }, POLICY_FIELDS.map((f) => field({ path: prefix + f.path, kind: f.kind, labelKey: f.labelKey, value: getPath(policy, f.path) })));
}
/** The policy a set of fields describes, on top of `base` (so unknown fields survive a save). */
function readPolicy(root, prefix, base, errors) {
  const out = clone(base) || {};
  for (const f of POLICY_FIELDS) {
    const input = root.querySelector(`[data-field="${CSS.escape(prefix + f.path)}"]`);
    if (input) setPath(out, f.path, readField(input, errors));
  }
  return out;
}

// ---------- default policy ----------
function renderPolicy() {
  els.fields.textContent = '';
  els.fields.append(policyFields('', s.policy));
  clearFieldErrors(els.form, els.errors);
}

async function savePolicy() {
  clearError();
  clearFieldErrors(els.form, els.errors);
  const errors = [];
  const body = readPolicy(els.form, '', s.policy, errors);
  if (errors.length) { showFieldErrors(els.form, errors, els.errors); return; }
  const res = await api('PUT', '/api/admin/policy', body);
  if (!showSaveAnswer(res, els.form, els.errors)) return;
  s.policy = res.body && typeof res.body === 'object' ? res.body : body;
  renderPolicy();
}

// ---------- buckets ----------
function renumber() {
  [...els.bList.children].forEach((card, i) => {
    card.setAttribute('data-index', String(i));
    for (const e of card.querySelectorAll('[data-field]')) e.setAttribute('data-field', e.getAttribute('data-field').replace(/^buckets\.[^.]+/, `buckets.${i}`));
    for (const e of card.querySelectorAll('[data-error-for]')) e.setAttribute('data-error-for', e.getAttribute('data-error-for').replace(/^buckets\.[^.]+/, `buckets.${i}`));
    card.querySelector('[data-role=bucket-title]').textContent = t('bucketN', i + 1);
  });
  els.bNone.hidden = els.bList.children.length > 0;
}

function addBucketCard(bucket) {
  const p = 'buckets.?.';
  const remove = h('button', { type: 'button', class: 'btn small danger', 'data-testid': 'bucket-remove', i18n: 'remove' });
  const card = h('fieldset', { class: 'bucket', 'data-testid': 'bucket' },
    h('legend', { 'data-role': 'bucket-title' }),
    h('div', { class: 'bucket-days' },
      field({ path: `${p}fromDays`, kind: 'int', labelKey: 'fromDays', value: bucket.fromDays }),
      field({ path: `${p}toDays`, kind: 'int', labelKey: 'toDays', value: bucket.toDays, hintKey: 'toDaysHint' }),
      remove),
    policyFields(`${p}policy.`, bucket.policy),
    h('p', { class: 'field-error', 'data-error-for': 'buckets.?', hidden: '' }));
  cardData.set(card, bucket);
  remove.addEventListener('click', () => {
    const next = card.nextElementSibling || card.previousElementSibling;
    card.remove();
    renumber();
    (next ? next.querySelector('input') : els.bAdd).focus();
  });
  els.bList.append(card);
  renumber();
  return card;
}

function renderBuckets() {
  els.bList.textContent = '';
  for (const b of s.buckets) addBucketCard(b);
  renumber();
  clearFieldErrors(els.bForm, els.bErrors);
}

function readBuckets(errors) {
  return [...els.bList.children].map((card, i) => {
    const base = clone(cardData.get(card)) || {};
    const from = card.querySelector(`[data-field="buckets.${i}.fromDays"]`);
    const to = card.querySelector(`[data-field="buckets.${i}.toDays"]`);
    base.fromDays = readField(from, errors);
    // An empty "to" is an open-ended bucket ("90 days or more").
    base.toDays = readField(to, errors, { optional: true });
    base.policy = readPolicy(card, `buckets.${i}.policy.`, base.policy || s.policy, errors);
    return base;
  });
}

function addBucket() {
  const cards = [...els.bList.children];
  let fromDays = 0;
  if (cards.length) {
    const last = cards[cards.length - 1];
    const to = /** @type {HTMLInputElement} */ (last.querySelector('[data-field$=".toDays"]'));
    const n = /^\d+$/.test(to.value.trim()) ? Number(to.value.trim()) : null;
    fromDays = n === null ? 0 : n + 1;
  }
  // A new bucket starts from the saved default policy (not from unsaved, possibly invalid, edits).
  const card = addBucketCard({ fromDays, toDays: null, policy: clone(s.policy) });
  card.querySelector('input').focus();
}

async function saveBuckets() {
  clearError();
  clearFieldErrors(els.bForm, els.bErrors);
  const errors = [];
  const buckets = readBuckets(errors);
  if (errors.length) { showFieldErrors(els.bForm, errors, els.bErrors); return; }
  const res = await api('PUT', '/api/admin/policy/buckets', { buckets });
  if (!showSaveAnswer(res, els.bForm, els.bErrors)) return;
  s.buckets = res.body && Array.isArray(res.body.buckets) ? res.body.buckets : buckets;
  renderBuckets();
}

// ---------- wiring ----------
els.form.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.save, savePolicy); });
els.bForm.addEventListener('submit', (e) => { e.preventDefault(); void busy(els.bSave, saveBuckets); });
els.bAdd.addEventListener('click', addBucket);

export const policySection = {
  id: 'policy',
  async show() {
    if (s.loaded) return;
    const epoch = s.epoch;
    const [p, b] = await Promise.all([api('GET', '/api/admin/policy'), api('GET', '/api/admin/policy/buckets')]);
    if (epoch !== s.epoch) return;
    if (p.ok && p.body) { s.policy = p.body; renderPolicy(); } else showError(errorText(p));
    if (b.ok && b.body && Array.isArray(b.body.buckets)) { s.buckets = b.body.buckets; renderBuckets(); } else if (p.ok) showError(errorText(b));
    s.loaded = p.ok && b.ok;
  },
  relabel() {
    if (s.buckets) renumber();
    // Amounts typed in the other language's format still parse; reformat untouched ones.
    for (const input of document.querySelectorAll('#section-policy input[data-kind=reais], #section-policy input[data-kind=percent]')) {
      if (input.getAttribute('aria-invalid') === 'true') continue;
      const errs = [];
      const v = readField(input, errs, { optional: true });
      if (!errs.length && v !== null) setFieldValue(input, v);
    }
  },
  reset() {
    s.epoch += 1;
    s.policy = null; s.buckets = null; s.loaded = false;
    els.fields.textContent = ''; els.bList.textContent = '';
  },
};
