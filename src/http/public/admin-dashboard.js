// The dashboard, the console's landing section: the KPIs of a period (GET /api/admin/kpis, shape
// Kpis in src/domain/kpis.ts) as headline cards, a list of further figures and charts
// (admin-dashboard-charts.js), with the period picker and filters kept in the address bar
// (#dashboard/from=…&to=…&channel=…&flowVersion=…&bucket=…) so a reload or a shared link shows the
// same figures, and links to the CSV exports of the same query.
// Every figure's element carries data-kpi="<path in the JSON>" and data-value="<the JSON value>"
// next to the text as shown, so a test can hold the page against the API.
/** @import { Kpis } from './api.js' */
import { $, api, clearError, day, errorText, errorsOf, getPath, h, integer, issueText, label, money, percent, showError, state, str, t } from '/admin-core.js';
import { clearCharts, drawCharts } from '/admin-dashboard-charts.js';

const CHANNELS = ['webchat', 'telegram', 'whatsapp'];
const els = {
  form: /** @type {HTMLFormElement} */ ($('dash-form')),
  from: /** @type {HTMLInputElement} */ ($('dash-from')),
  to: /** @type {HTMLInputElement} */ ($('dash-to')),
  channel: /** @type {HTMLSelectElement} */ ($('dash-channel')),
  version: /** @type {HTMLInputElement} */ ($('dash-version')),
  bucket: /** @type {HTMLSelectElement} */ ($('dash-bucket')),
  formError: $('dash-form-error'),
  result: $('dash-result'),
};
/** @type {{ query: Record<string, string> | null, kpis: Kpis | null, epoch: number }} */
const s = { query: null, kpis: null, epoch: 0 };

// ---------- the period ----------
/** A calendar day of the browser's calendar as YYYY-MM-DD. @param {Date} d */
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The preset periods, each ending today (or at the end of last month). */
const PRESETS = {
  thisMonth: (now) => ({ from: iso(new Date(now.getFullYear(), now.getMonth(), 1)), to: iso(now) }),
  lastMonth: (now) => ({ from: iso(new Date(now.getFullYear(), now.getMonth() - 1, 1)), to: iso(new Date(now.getFullYear(), now.getMonth(), 0)) }),
  last30: (now) => ({ from: iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 29)), to: iso(now) }),
  thisYear: (now) => ({ from: iso(new Date(now.getFullYear(), 0, 1)), to: iso(now) }),
};
const isDay = (v) => /^\d{4}-\d{2}-\d{2}$/.test(str(v));
const bucketIds = () => Object.keys(t('buckets'));

/** The query a hash parameter names; a period missing or unreadable is this month. */
function queryOf(param) {
  const p = new URLSearchParams(str(param));
  const q = isDay(p.get('from')) && isDay(p.get('to')) ? { from: p.get('from'), to: p.get('to') } : PRESETS.thisMonth(new Date());
  const channel = p.get('channel');
  if (CHANNELS.includes(channel)) q.channel = channel;
  const version = p.get('flowVersion');
  if (/^[1-9]\d{0,8}$/.test(str(version))) q.flowVersion = version;
  const bucket = p.get('bucket');
  if (bucketIds().includes(bucket)) q.bucket = bucket;
  return q;
}
const queryString = (q) => new URLSearchParams(q).toString();

/** Shows a query in the form, and which preset it is, if any. */
function fillForm(q) {
  els.from.value = q.from;
  els.to.value = q.to;
  els.channel.value = q.channel || '';
  els.version.value = q.flowVersion || '';
  els.bucket.value = q.bucket || '';
  const now = new Date();
  for (const b of els.form.querySelectorAll('button[data-preset]')) {
    const p = PRESETS[b.getAttribute('data-preset')](now);
    b.setAttribute('aria-pressed', String(p.from === q.from && p.to === q.to));
  }
}

/** The form's query, or null (with the reason shown) when it cannot be asked. */
function formQuery() {
  const q = { from: els.from.value, to: els.to.value };
  if (!isDay(q.from) || !isDay(q.to) || q.from > q.to) return formError(t('dashBadPeriod'));
  const f = filters();
  return f && { ...q, ...f };
}
/** The channel, flow version and bucket filters (null when the version cannot be read). */
function filters() {
  els.formError.hidden = true;
  const f = {};
  if (els.channel.value) f.channel = els.channel.value;
  const version = els.version.value.trim();
  if (version && !/^[1-9]\d{0,8}$/.test(version)) return formError(t('dashBadVersion'));
  if (version) f.flowVersion = version;
  if (els.bucket.value) f.bucket = els.bucket.value;
  return f;
}
function formError(text) {
  els.formError.textContent = text;
  els.formError.hidden = false;
  return null;
}

/** Asks for a query by putting it in the address bar (admin.js's router then calls show()). */
function ask(q) {
  if (!q) return;
  const hash = `#dashboard/${queryString(q)}`;
  if (location.hash === hash) void load(q);
  else location.hash = hash;
}

// ---------- loading ----------
async function load(q) {
  clearError();
  const epoch = ++s.epoch;
  s.query = q;
  els.result.setAttribute('aria-busy', 'true');
  const res = await api('GET', `/api/admin/kpis?${queryString(q)}`);
  if (epoch !== s.epoch) return;
  els.result.removeAttribute('aria-busy');
  if (!res.ok || !res.body || typeof res.body !== 'object' || !res.body.period) {
    const errors = errorsOf(res);
    if (res.status === 422 && errors) formError(errors.map((e) => `${str(e.field ?? e.path)}: ${issueText(e)}`).join(' · '));
    else showError(errorText(res));
    return;
  }
  s.kpis = /** @type {Kpis} */ (res.body);
  await render();
}

// ---------- figures ----------
/** How a figure is shown: a count, an amount, a rate (— with no denominator), a duration… */
const FORMATS = {
  int: (v) => integer(v),
  money: (v) => money(v),
  rate: (v, whole) => (whole > 0 && typeof v === 'number' ? percent(Math.round(v * 10_000) / 100) : '—'),
  basisPoints: (v) => (typeof v === 'number' ? percent(v / 100) : '—'),
  average: (v) => (typeof v === 'number' ? new Intl.NumberFormat(state.locale, { maximumFractionDigits: 1 }).format(v) : '—'),
  duration: (v) => duration(v),
};

/** Seconds as "45 s", "12 min", "3 h 05 min", "2 d 4 h"; — when there is nothing to measure. */
export function duration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '—';
  const sec = Math.round(seconds);
  if (sec < 60) return t('durationSeconds', sec);
  if (sec < 3600) return t('durationMinutes', Math.round(sec / 60));
  if (sec < 86_400) return t('durationHours', Math.floor(sec / 3600), Math.floor((sec % 3600) / 60));
  return t('durationDays', Math.floor(sec / 86_400), Math.floor((sec % 86_400) / 3600));
}

/**
 * A figure's element: the value of `path` in the KPIs, formatted by `kind`; `whole` is the path of
 * a rate's denominator.
 * @param {string} tag
 * @param {string} path
 * @param {keyof typeof FORMATS} kind
 * @param {string} [whole]
 * @param {string} [cls]
 */
export function figure(tag, path, kind, whole, cls) {
  const v = getPath(s.kpis, path);
  return h(tag, { class: cls, 'data-kpi': path, 'data-value': v === null || v === undefined ? '' : String(v), text: FORMATS[kind](v, whole ? getPath(s.kpis, whole) : undefined) });
}

/** The headline cards: what a manager looks at first. */
function cards(k) {
  const n = (v) => integer(v);
  const card = (id, titleKey, main, sub) => h('div', { class: 'kpi-card', 'data-testid': `kpi-${id}` },
    h('p', { class: 'kpi-label', text: t(titleKey) }), main, h('p', { class: 'kpi-sub muted small', text: sub }));
  return h('div', { class: 'kpi-cards', 'data-testid': 'kpi-cards' },
    card('open', 'kpiOpen', figure('p', 'portfolio.openCents', 'money', undefined, 'kpi-value'), t('kpiOpenSub', n(k.portfolio.debtors), day(k.portfolio.asOf))),
    card('agreements', 'kpiAgreements', figure('p', 'agreements.count', 'int', undefined, 'kpi-value'), t('kpiAgreementsSub', money(k.agreements.totalCents))),
    card('recovered', 'kpiRecovered', figure('p', 'payments.recoveredCents', 'money', undefined, 'kpi-value'), t('kpiRecoveredSub', n(k.payments.count))),
    card('kept', 'kpiKeptRate', figure('p', 'promises.keptRate', 'rate', 'promises.due', 'kpi-value'), t('kpiKeptRateSub', n(k.promises.kept), n(k.promises.due))),
    card('contact', 'kpiContactRate', figure('p', 'reach.contactRate', 'rate', 'reach.debtorsNotified', 'kpi-value'), t('kpiContactRateSub', n(k.reach.debtorsAnswered), n(k.reach.debtorsNotified))),
    card('rightParty', 'kpiRightParty', figure('p', 'reach.rightPartyRate', 'rate', 'reach.debtorsNotified', 'kpi-value'), t('kpiRightPartySub', n(k.reach.debtorsVerified), n(k.reach.debtorsNotified))),
    card('handoff', 'kpiHandoffRate', figure('p', 'conversations.handoffRate', 'rate', 'conversations.started', 'kpi-value'), t('kpiHandoffRateSub', n(k.conversations.handedOff), n(k.conversations.started))),
    card('toAgreement', 'kpiMedianToAgreement', figure('p', 'negotiation.medianSecondsToAgreement', 'duration', undefined, 'kpi-value'), t('kpiMedianToAgreementSub')));
}

/** Every other figure, in four groups, each a list of label and value. */
function details() {
  // Labels by key (h()'s i18n prop): the keys are data here, not literals t() could check.
  /** @param {string} titleKey @param {[string, string, keyof typeof FORMATS, string?][]} rows */
  const group = (titleKey, rows) => h('div', { class: 'kpi-group' }, h('h3', { class: 'sub', i18n: titleKey }),
    h('dl', { class: 'facts' }, rows.flatMap(([key, path, kind, whole]) => [h('dt', { i18n: key }), figure('dd', path, kind, whole)])));
  return h('div', { class: 'card' }, h('h2', { text: t('dashDetails') }), h('div', { class: 'kpi-groups', 'data-testid': 'kpi-details' },
    group('dashReach', [
      ['kNoticesSent', 'reach.noticesSent', 'int'], ['kNoticesDeferred', 'reach.noticesDeferred', 'int'], ['kNoticesBlocked', 'reach.noticesBlocked', 'int'],
      ['kDebtorsNotified', 'reach.debtorsNotified', 'int'], ['kStarted', 'conversations.started', 'int'], ['kVerified', 'conversations.verified', 'int'],
    ]),
    group('dashNegotiation', [
      ['kOffers', 'negotiation.offers', 'int'], ['kVerifiedToAgreement', 'conversations.verifiedToAgreementRate', 'rate', 'conversations.verified'],
      ['kCash', 'agreements.cash', 'int'], ['kInstallments', 'agreements.installments', 'int'], ['colAgreed', 'agreements.totalCents', 'money'],
      ['kAvgDiscount', 'agreements.averageDiscountBasisPoints', 'basisPoints'], ['kAvgInstallments', 'agreements.averageInstallments', 'average'],
    ]),
    group('dashRecovery', [
      ['colPayments', 'payments.count', 'int'], ['kPromisesDue', 'promises.due', 'int'], ['kPromisesBroken', 'promises.broken', 'int'],
      ['kBroken', 'agreements.broken', 'int'], ['kRenegotiations', 'agreements.renegotiations', 'int'], ['kCharges', 'payments.chargesCents', 'money'],
      ['kUnmatched', 'payments.unmatched', 'int'],
    ]),
    group('dashPeople', [
      ['kHandoffs', 'handoffs.count', 'int'], ['kClaimed', 'handoffs.claimed', 'int'], ['kMedianToClaim', 'handoffs.medianSecondsToClaim', 'duration'],
      ['kOptOuts', 'handoffs.optOuts', 'int'], ['qTurnsFailed', 'quality.turnsFailed', 'int'],
    ])));
}

/**
 * Links to the CSV exports of the same query, labelled in the page's language (plain links: the
 * session cookie goes along).
 */
function downloads(q) {
  const qs = queryString({ ...q, lang: state.locale });
  const link = (what, key) => h('a', { class: 'btn small', href: `/api/admin/${what}.csv?${qs}`, download: '', 'data-testid': `dash-csv-${what}`, text: t(key) });
  return h('div', { class: 'dash-downloads' }, h('span', { class: 'muted small', text: t('dashDownloads') }),
    link('kpis', 'dashCsvKpis'), link('agreements', 'dashCsvAgreements'), link('payments', 'dashCsvPayments'), link('handoffs', 'dashCsvHandoffs'));
}

async function render() {
  const k = s.kpis;
  clearCharts();
  els.result.textContent = '';
  els.result.removeAttribute('data-query');
  if (!k || !s.query) return;
  const charts = h('div', { class: 'chart-grid', 'data-testid': 'dash-charts' });
  els.result.append(
    h('div', { class: 'dash-head' },
      h('p', { class: 'muted', role: 'status', 'data-testid': 'dash-period', text: t('dashShowing', day(k.period.from), day(k.period.to), str(k.period.timeZone)) }),
      downloads(s.query)),
    cards(k),
    charts,
    details());
  const epoch = s.epoch;
  await drawCharts(charts, k, figure);
  // Drawn, and still the figures asked for last: tests wait for this attribute.
  if (epoch === s.epoch) els.result.setAttribute('data-query', queryString(s.query));
}

/** The options' texts of the channel and bucket filters, in the current language. */
function labelOptions() {
  for (const o of els.channel.querySelectorAll('option[data-channel-label]')) o.textContent = label(t('channels'), o.getAttribute('data-channel-label'));
  const picked = els.bucket.value;
  for (const o of els.bucket.querySelectorAll('option[data-bucket]')) o.remove();
  for (const id of bucketIds()) els.bucket.append(h('option', { value: id, 'data-bucket': id, text: label(t('buckets'), id) }));
  els.bucket.value = picked;
}

// ---------- wiring ----------
els.form.addEventListener('submit', (e) => { e.preventDefault(); ask(formQuery()); });
for (const select of [els.channel, els.bucket]) select.addEventListener('change', () => ask(formQuery()));
els.form.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('button[data-preset]') : null;
  if (!b) return;
  const f = filters();
  if (f) ask({ ...PRESETS[b.getAttribute('data-preset')](new Date()), ...f });
});
labelOptions();

export const dashboardSection = {
  id: 'dashboard',
  async show(param) {
    const q = queryOf(param);
    fillForm(q);
    await load(q);
  },
  relabel() {
    labelOptions();
    if (s.query) fillForm(s.query);
    void render();
  },
  reset() {
    s.epoch += 1;
    s.query = null;
    s.kpis = null;
    clearCharts();
    els.result.textContent = '';
    els.result.removeAttribute('data-query');
    els.formError.hidden = true;
  },
};
