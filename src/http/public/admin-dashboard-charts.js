// The dashboard's charts, drawn with Chart.js (its UMD build, loaded on first use from
// /admin/vendor/chart.umd.min.js, a same-origin script the CSP allows; canvas drawing needs no
// inline style). Each chart is a card with a canvas (role="img", its aria-label summing up what it
// shows) and, under "show the data", a table of the same numbers for screen readers and for anyone
// who wants the exact figures; the table's cells carry data-kpi like the rest of the page.
// Money stays integer cents in the chart's data; only the axis and tooltips format it.
/** @import { Kpis } from './api.js' */
import { day, h, integer, label, loadScript, money, percent, state, t } from '/admin-core.js';

const COLORS = { brand: '#0f766e', brandSoft: 'rgba(15, 118, 110, .75)', amber: '#b45309', slate: '#64748b', red: '#b42318' };
/** The charts on the page now: destroyed before the next draw (Chart.js keeps listeners per canvas). */
let drawn = [];

export function clearCharts() {
  for (const c of drawn) c.destroy();
  drawn = [];
}

/**
 * @typedef {(tag: string, path: string, kind: 'int' | 'money' | 'rate' | 'basisPoints' | 'average' | 'duration', whole?: string, cls?: string) => HTMLElement} Figure
 * @typedef {{ id: string, title: string, note?: string, summary: string, config: any, head: string[], rows: HTMLElement[][], empty: boolean }} ChartSpec
 */

/**
 * Draws the dashboard's charts for `k` into `root`. `figure` builds a cell for a path of `k`
 * (admin-dashboard.js's, so a chart's table reads exactly as the figures elsewhere).
 * @param {HTMLElement} root
 * @param {Kpis} k
 * @param {Figure} figure
 */
export async function drawCharts(root, k, figure) {
  // Over time first and the full width; then the other four two by two.
  const specs = [overTime(k, figure), funnel(k, figure), handoffs(k, figure), buckets(k, figure), quality(k, figure)];
  const canvases = specs.map((spec) => {
    const canvas = h('canvas', { 'data-testid': `chart-${spec.id}`, role: 'img', 'aria-label': t('chartSummary', spec.title, spec.summary) });
    root.append(h('div', { class: `card chart-card chart-${spec.id}`, 'data-testid': `chart-card-${spec.id}` },
      h('h2', { text: spec.title }),
      spec.note ? h('p', { class: 'muted small', text: spec.note }) : null,
      spec.empty ? h('p', { class: 'muted', 'data-testid': `chart-empty-${spec.id}`, text: t('noData') }) : h('div', { class: 'chart-box' }, canvas),
      h('details', { class: 'chart-data' }, h('summary', { text: t('chartData') }),
        h('div', { class: 'table-wrap' }, h('table', { 'data-testid': `chart-table-${spec.id}` },
          h('thead', null, h('tr', null, spec.head.map((c, i) => h('th', { class: i ? 'num' : null, text: c })))),
          h('tbody', null, spec.rows.map((cells) => h('tr', null, cells.map((c, i) => h('td', { class: i ? 'num' : null }, c))))))))));
    return spec.empty ? null : canvas;
  });
  const Chart = await loadScript('/admin/vendor/chart.umd.min.js', 'Chart');
  specs.forEach((spec, i) => {
    const canvas = canvases[i];
    // A newer draw may have emptied the page meanwhile.
    if (canvas && canvas.isConnected) drawn.push(new Chart(/** @type {HTMLCanvasElement} */ (canvas), spec.config));
  });
}

// ---------- shared options ----------
const moneyTick = (v) => money(Math.round(Number(v)));
const intTick = (v) => (Number.isInteger(Number(v)) ? integer(Number(v)) : '');

/** Options every chart shares: no animation (the figures are what matter), the page's language. */
function base(extra) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale: state.locale,
    ...extra,
    plugins: { legend: { display: false }, ...(extra.plugins || {}) },
  };
}

/**
 * A bar chart of one series, `moneyAxis` when the values are cents.
 * @param {{ horizontal?: boolean, moneyAxis?: boolean, color?: string | string[] }} [opts]
 */
function bars(labels, data, opts = {}) {
  const { horizontal = false, moneyAxis = false, color = COLORS.brandSoft } = opts;
  const valueAxis = { beginAtZero: true, ticks: { callback: moneyAxis ? moneyTick : intTick } };
  return {
    type: 'bar',
    data: { labels, datasets: [{ data, backgroundColor: color, borderRadius: 4, maxBarThickness: 48 }] },
    options: base({
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: valueAxis } : { y: valueAxis },
      plugins: { tooltip: { callbacks: { label: (c) => (moneyAxis ? money(c.raw) : integer(c.raw)) } } },
    }),
  };
}

const joined = (pairs) => pairs.map(([l, v]) => `${l} ${v}`).join(', ');
const text = (v) => h('span', { text: v });

// ---------- the charts ----------
/** The cohort's funnel: horizontal bars, each labelled with its count and its share of "started". @returns {ChartSpec} */
function funnel(k, figure) {
  const started = k.funnel.length ? k.funnel[0].count : 0;
  const share = (n) => (started > 0 ? percent(Math.round((n / started) * 10_000) / 100) : '—');
  const steps = k.funnel.map((f) => label(t('funnelSteps'), f.step));
  const labels = k.funnel.map((f, i) => `${steps[i]} · ${integer(f.count)} (${share(f.count)})`);
  return {
    id: 'funnel',
    title: t('chartFunnel'),
    note: t('chartFunnelNote'),
    summary: joined(k.funnel.map((f, i) => [steps[i], `${integer(f.count)} (${share(f.count)})`])),
    config: bars(labels, k.funnel.map((f) => f.count), { horizontal: true }),
    head: [t('colStep'), t('colCount'), t('colOfStarted')],
    rows: k.funnel.map((f, i) => [text(steps[i]), figure('span', `funnel.${i}.count`, 'int'), text(share(f.count))]),
    empty: started === 0,
  };
}

/** Per day: agreements made (bars, left axis) and the amount recovered (line, right axis). @returns {ChartSpec} */
function overTime(k, figure) {
  const total = (key) => k.series.reduce((sum, p) => sum + p[key], 0);
  return {
    id: 'series',
    title: t('chartOverTime'),
    summary: joined([[t('colAgreements'), integer(total('agreements'))], [t('colAgreed'), money(total('agreedCents'))], [t('colRecovered'), money(total('recoveredCents'))]]),
    config: {
      type: 'bar',
      data: {
        labels: k.series.map((p) => day(p.date).slice(0, 5)),
        datasets: [
          { type: 'bar', label: t('colAgreements'), data: k.series.map((p) => p.agreements), backgroundColor: COLORS.brandSoft, yAxisID: 'y', order: 2, maxBarThickness: 48 },
          { type: 'line', label: t('colRecovered'), data: k.series.map((p) => p.recoveredCents), borderColor: COLORS.amber, backgroundColor: COLORS.amber, yAxisID: 'money', pointRadius: 2, cubicInterpolationMode: 'monotone', order: 1 },
        ],
      },
      options: base({
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: { beginAtZero: true, position: 'left', ticks: { callback: intTick } },
          money: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, ticks: { callback: moneyTick } },
        },
        plugins: {
          legend: { display: true, position: 'bottom' },
          tooltip: { callbacks: { title: (items) => (items.length ? day(k.series[items[0].dataIndex].date) : ''), label: (c) => `${c.dataset.label}: ${c.dataset.yAxisID === 'money' ? money(c.raw) : integer(c.raw)}` } },
        },
      }),
    },
    head: [t('colDate'), t('colAgreements'), t('colAgreed'), t('colPayments'), t('colRecovered')],
    rows: k.series.map((p, i) => [text(day(p.date)), figure('span', `series.${i}.agreements`, 'int'), figure('span', `series.${i}.agreedCents`, 'money'),
      figure('span', `series.${i}.payments`, 'int'), figure('span', `series.${i}.recoveredCents`, 'money')]),
    empty: k.series.length === 0,
  };
}

/** Hand-offs opened in the period, by reason, most frequent first. @returns {ChartSpec} */
function handoffs(k, figure) {
  const reasons = Object.entries(k.handoffs.byReason).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const names = reasons.map(([code]) => label(t('reasons'), code));
  return {
    id: 'handoffs',
    title: t('chartHandoffs'),
    summary: joined(reasons.map(([, n], i) => [names[i], integer(n)])),
    config: bars(names, reasons.map(([, n]) => n), { horizontal: true, color: COLORS.slate }),
    head: [t('colReason'), t('colCount')],
    rows: reasons.map(([code], i) => [text(names[i]), figure('span', `handoffs.byReason.${code}`, 'int')]),
    empty: reasons.length === 0,
  };
}

/** What is owed today, by how late the oldest unpaid invoice is. @returns {ChartSpec} */
function buckets(k, figure) {
  const names = k.portfolio.byBucket.map((b) => label(t('buckets'), b.bucket));
  return {
    id: 'buckets',
    title: t('chartBuckets'),
    summary: joined(k.portfolio.byBucket.map((b, i) => [names[i], money(b.openCents)])),
    config: bars(names, k.portfolio.byBucket.map((b) => b.openCents), { moneyAxis: true }),
    head: [t('colBucket'), t('colDebtors'), t('colOpen')],
    rows: k.portfolio.byBucket.map((b, i) => [text(names[i]), figure('span', `portfolio.byBucket.${i}.debtors`, 'int'), figure('span', `portfolio.byBucket.${i}.openCents`, 'money')]),
    empty: k.portfolio.byBucket.every((b) => b.openCents === 0 && b.debtors === 0),
  };
}

/** The bot's texts: the LLM's rewording sent, or the template (and why the LLM's was refused). @returns {ChartSpec} */
function quality(k, figure) {
  const checks = Object.entries(k.quality.fallbackByCheck).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const rows = [
    { name: t('qLlm'), path: 'quality.llm', n: k.quality.llm, color: COLORS.brand },
    { name: t('qTemplate'), path: 'quality.template', n: k.quality.template, color: COLORS.slate },
    ...checks.map(([check, n]) => ({ name: t('qFellBackBy', label(t('checks'), check)), path: `quality.fallbackByCheck.${check}`, n, color: COLORS.red })),
  ];
  const config = bars(rows.map((r) => r.name), rows.map((r) => r.n), { horizontal: true, color: rows.map((r) => r.color) });
  return {
    id: 'quality',
    title: t('chartQuality'),
    summary: joined(rows.map((r) => [r.name, integer(r.n)])),
    config,
    head: [t('colText'), t('colCount')],
    rows: [
      [text(t('qPhrased')), figure('span', 'quality.phrased', 'int')],
      ...rows.map((r) => [text(r.name), figure('span', r.path, 'int')]),
      [text(t('qFellBack')), figure('span', 'quality.fellBack', 'int')],
      [text(t('qTurnsFailed')), figure('span', 'quality.turnsFailed', 'int')],
    ],
    empty: k.quality.phrased === 0,
  };
}
