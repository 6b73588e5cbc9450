// The flow diagram a collection manager can read: the server says what to draw (the version's or
// draft's `graph`, src/engine/flowGraph.ts: a card per state, one arrow per pair of states labelled
// in words, the handlers of every state as a legend); dagre (/admin/vendor/dagre.js, loaded on
// first use) lays the cards out top to bottom, and this draws them as SVG built element by element:
// every text from the API goes in as textContent, and looks come from classes in admin.css (no
// style attributes, which the page's CSP would refuse). Zoom with the buttons or Ctrl+wheel, pan by
// dragging; a click (or Enter/Space) on a card dispatches `flow-state-open` {state} from the
// container, for the state editor.
// The graph's shape, as src/engine/flowGraph.ts defines it (importing that module's types here
// would put the whole engine under this folder's laxer type check).
/** @typedef {{ id: string, initial: boolean, final: boolean, waitsFor?: string, says: { key: string, text: string }[], options: string[] }} GraphNode */
/** @typedef {{ nodes: GraphNode[], edges: { from: string, to: string, labels: string[] }[], legend: { when: string, to: string | null, doing: string[] }[] }} FlowGraph */
import { h, loadScript, t } from '/admin-core.js';
import { backEdges, bounds, edgeCaption, fitView, layoutOrder, placeLabel, polylineLength, smoothPath, truncate, wrap, zoomAt } from '/admin-flow-graph-geometry.js';

const NS = 'http://www.w3.org/2000/svg';

// A card, in the SVG's own units (the fonts are admin.css's .fg-* rules; measured, not guessed,
// when the diagram is on screen).
const CARD = { minWidth: 200, maxWidth: 280, padX: 11, padY: 7, name: 21, line: 16, chip: 19, chipGap: 4 };
// Top to bottom: the shipped flow is a long path with two or three states side by side at most,
// which fits a wide screen at a readable scale; left to right it would be three screens wide.
const LAYOUT = { rankdir: 'TB', nodesep: 36, ranksep: 40, edgesep: 12, marginx: 6, marginy: 6 };
const LABEL = { maxText: 156, padX: 5, padY: 3, line: 14 };
// Rough widths per character for when nothing can be measured (the section hidden while drawing).
const ESTIMATE = { 'fg-name': 8.9, 'fg-line': 6.4, 'fg-chip-text': 6.1, 'fg-edge-text': 6.7, 'fg-badge-text': 6 };

/** @type {WeakMap<Element, { token: number, destroy: () => void }>} */
const drawn = new WeakMap();
let seq = 0;

/**
 * @param {string} tag
 * @param {Record<string, string | number | null | undefined>} [attrs]
 * @param {...(Node | string | null | false | undefined)} kids
 * @returns {any}
 */
function svg(tag, attrs, ...kids) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  for (const kid of kids) if (kid) e.append(kid);
  return e;
}
const title = (text) => svg('title', null, text);

/** Measures texts in the classes the diagram draws them with. */
function measurer(host) {
  const probe = svg('text');
  const box = svg('svg', { class: 'fg-measure', 'aria-hidden': 'true' }, probe);
  host.append(box);
  return {
    /** @param {string} cls @param {string} text */
    width(cls, text) {
      probe.setAttribute('class', cls);
      probe.textContent = text;
      return probe.getComputedTextLength() || text.length * (ESTIMATE[cls] ?? 6.5);
    },
    remove: () => box.remove(),
  };
}

/** What a card holds, cut to its width, and its size. */
function cardOf(/** @type {GraphNode} */ n, m) {
  const badge = n.initial ? t('graphInitial') : n.final ? t('graphFinal') : '';
  const badgeWidth = badge ? m.width('fg-badge-text', badge) + 14 : 0;
  const width = Math.round(Math.min(CARD.maxWidth, Math.max(CARD.minWidth, m.width('fg-name', n.id) + 2 * CARD.padX + (badge ? badgeWidth + 8 : 0))));
  const inner = width - 2 * CARD.padX;
  const fit = (cls, text, max = inner) => truncate(text, max, (s) => m.width(cls, s));
  const name = fit('fg-name', n.id, inner - (badge ? badgeWidth + 8 : 0));
  const waitsPrefix = `${t('graphWaits')} `;
  const waits = n.waitsFor ? fit('fg-line', n.waitsFor, inner - m.width('fg-line fg-prefix', waitsPrefix)) : null;
  const moreSays = n.says.length > 1 ? ` +${n.says.length - 1}` : '';
  const says = n.says.length ? fit('fg-line fg-says', `“${n.says[0].text}”`, inner - (moreSays ? m.width('fg-line', moreSays) : 0)) : null;
  // Option chips in one row; what does not fit becomes "+N".
  const chips = [];
  let x = 0;
  for (let i = 0; i < n.options.length; i++) {
    const text = fit('fg-chip-text', n.options[i], inner - 12);
    const w = m.width('fg-chip-text', text) + 12;
    const rest = n.options.length - i - 1;
    const moreW = rest ? m.width('fg-chip-text', `+${rest}`) + 12 + CARD.chipGap : 0;
    if (x + w + moreW > inner && chips.length) {
      const more = `+${n.options.length - i}`;
      chips.push({ text: more, x, width: m.width('fg-chip-text', more) + 12, more: true });
      break;
    }
    chips.push({ text, x, width: w, more: false });
    x += w + CARD.chipGap;
  }
  const height = CARD.padY * 2 + CARD.name + (waits ? CARD.line : 0) + (says ? CARD.line : 0) + (chips.length ? CARD.chip + 5 : 0);
  return { n, width, height, name, badge, badgeWidth, waitsPrefix, waits, says, moreSays, chips };
}

/** A card as an SVG group, its top-left corner at the origin. */
function drawCard(c) {
  const { n } = c;
  const full = [n.id, n.waitsFor ? `${c.waitsPrefix}${n.waitsFor}` : '', ...n.says.map((s) => `“${s.text}”`), n.options.length ? n.options.map((o) => `[${o}]`).join(' ') : ''].filter(Boolean).join('\n');
  const label = [t('graphOpenState', n.id), n.waitsFor ? `${c.waitsPrefix}${n.waitsFor}` : ''].filter(Boolean).join('. ');
  const g = svg('g', {
    class: `fg-node${n.initial ? ' fg-initial' : ''}${n.final ? ' fg-final' : ''}`,
    'data-testid': 'graph-node', 'data-state': n.id, role: 'button', tabindex: 0, 'aria-label': label,
  }, title(full));
  g.append(svg('rect', { class: 'fg-card', width: c.width, height: c.height, rx: 9 }));
  if (n.final) g.append(svg('rect', { class: 'fg-card-inner', x: 3.5, y: 3.5, width: c.width - 7, height: c.height - 7, rx: 6 }));
  let y = CARD.padY;
  g.append(svg('text', { class: 'fg-name', 'data-testid': 'graph-node-name', x: CARD.padX, y: y + 15 }, c.name));
  if (c.badge) {
    const bx = c.width - CARD.padX - c.badgeWidth;
    g.append(svg('rect', { class: 'fg-badge', x: bx, y: y + 2, width: c.badgeWidth, height: 16, rx: 8 }));
    g.append(svg('text', { class: 'fg-badge-text', x: bx + c.badgeWidth / 2, y: y + 14, 'text-anchor': 'middle' }, c.badge));
  }
  y += CARD.name;
  if (c.waits) {
    g.append(svg('text', { class: 'fg-line', x: CARD.padX, y: y + 12 }, svg('tspan', { class: 'fg-prefix' }, c.waitsPrefix), c.waits));
    y += CARD.line;
  }
  if (c.says) {
    g.append(svg('text', { class: 'fg-line', x: CARD.padX, y: y + 12 }, svg('tspan', { class: 'fg-says' }, c.says), c.moreSays ? svg('tspan', { class: 'fg-more' }, c.moreSays) : null));
    y += CARD.line;
  }
  if (c.chips.length) {
    y += 5;
    for (const chip of c.chips) {
      g.append(svg('rect', { class: chip.more ? 'fg-chip fg-chip-more' : 'fg-chip', x: CARD.padX + chip.x, y, width: chip.width, height: CARD.chip, rx: 9.5 }));
      g.append(svg('text', { class: 'fg-chip-text', x: CARD.padX + chip.x + chip.width / 2, y: y + 13.5, 'text-anchor': 'middle' }, chip.text));
    }
  }
  return g;
}

/** The legend: the handlers that apply in every state, once each, as an HTML list. */
function drawLegend(graph, open) {
  if (!graph.legend.length) return null;
  const items = graph.legend.map((l) => h('li', { class: 'fg-legend-item', 'data-testid': 'graph-legend-item' },
    h('span', { class: 'fg-legend-when', text: l.when }),
    ' → ',
    l.to ? [t('graphLegendTo'), ' ', open(l.to)] : h('span', { class: 'muted', text: t('graphLegendStays') }),
    l.doing.length ? h('span', { class: 'fg-legend-doing' }, ` · ${t('graphLegendDoing')} `, l.doing.join('; ')) : null));
  return h('section', { class: 'fg-legend', 'data-testid': 'graph-legend' },
    h('h4', { class: 'sub', text: t('graphLegendTitle') }),
    h('p', { class: 'muted small', text: t('graphLegendHint') }),
    h('ul', { class: 'fg-legend-list' }, ...items));
}

/**
 * Draws `graph` into `container` (replacing what it held). Resolves true when drawn, false when a
 * newer draw into the same container started meanwhile.
 * @param {HTMLElement} container
 * @param {FlowGraph} graph
 * @param {{ rankdir?: 'TB' | 'LR', tools?: HTMLElement }} [opts]  tools: where the zoom buttons go
 *   (else above the drawing)
 */
export async function drawFlowGraph(container, graph, opts = {}) {
  const token = ++seq;
  container.setAttribute('data-draw', String(token));
  container.setAttribute('aria-busy', 'true');
  const dagre = await loadScript('/admin/vendor/dagre.js', 'dagre');
  if (container.getAttribute('data-draw') !== String(token)) return false;
  drawn.get(container)?.destroy();
  container.textContent = '';

  const viewport = h('div', { class: 'fg-viewport', 'data-testid': 'graph-viewport' });
  container.append(viewport);
  const m = measurer(viewport);
  const cards = new Map(graph.nodes.map((n) => [n.id, cardOf(n, m)]));

  const g = new dagre.graphlib.Graph();
  g.setGraph({ ...LAYOUT, rankdir: opts.rankdir || LAYOUT.rankdir });
  g.setDefaultEdgeLabel(() => ({}));
  const edges = graph.edges.filter((e) => cards.has(e.from) && cards.has(e.to) && e.from !== e.to);
  const ids = [...cards.keys()];
  const back = backEdges(ids, edges, graph.nodes.find((n) => n.initial)?.id);
  const order = layoutOrder(ids, edges, back);
  for (const id of order.nodes) g.setNode(id, { width: cards.get(id).width, height: cards.get(id).height });
  // Only the cards are laid out: labels given to dagre become nodes of their own rank and the
  // drawing doubles in length. They go on the routed arrows afterwards. Arrows that go back are
  // laid out reversed (and drawn the right way round); the ones going forward weigh more, so the
  // way through the flow stays as straight as the layout can make it.
  for (const i of order.edges) g.setEdge(back[i] ? edges[i].to : edges[i].from, back[i] ? edges[i].from : edges[i].to, { weight: back[i] ? 1 : 2 });
  dagre.layout(g);

  const uid = `fg${token}`;
  const scene = svg('g', { class: 'fg-scene' });
  const root = svg('svg', { class: 'fg-svg', role: 'group', 'aria-label': t('diagram') },
    svg('defs', null, svg('marker', { id: `${uid}-arrow`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, svg('path', { class: 'fg-arrowhead', d: 'M0,0.5 L10,5 L0,9.5 z' }))),
    scene);
  const edgeLayer = svg('g', { class: 'fg-edges' });
  const nodeLayer = svg('g', { class: 'fg-nodes' });
  const labelLayer = svg('g', { class: 'fg-labels' });
  scene.append(edgeLayer, nodeLayer, labelLayer);

  /** @type {{ x: number, y: number, width: number, height: number }[]} */
  const taken = [];
  for (const [id, c] of cards) {
    const p = g.node(id);
    const x = p.x - c.width / 2;
    const y = p.y - c.height / 2;
    const card = drawCard(c);
    card.setAttribute('transform', `translate(${x},${y})`);
    nodeLayer.append(card);
    taken.push({ x: x - 3, y: y - 3, width: c.width + 6, height: c.height + 6 });
  }
  const routes = edges.map((e, i) => {
    const laid = g.edge(back[i] ? e.to : e.from, back[i] ? e.from : e.to);
    return back[i] ? [...laid.points].reverse() : laid.points;
  });
  // The labels of short arrows first: they have the fewest places to go.
  const byLength = edges.map((_, i) => i).sort((a, b) => polylineLength(routes[a]) - polylineLength(routes[b]));
  for (const i of byLength) {
    const e = edges[i];
    const points = routes[i];
    const caption = edgeCaption(e.labels);
    const group = svg('g', { class: `fg-edge${back[i] ? ' fg-back' : ''}`, 'data-testid': 'graph-edge', 'data-from': e.from, 'data-to': e.to }, title(`${e.from} → ${e.to}\n${caption.title}`));
    const d = smoothPath(points);
    group.append(svg('path', { class: 'fg-edge-line', d, 'marker-end': `url(#${uid}-arrow)` }));
    edgeLayer.append(group);
    if (!caption.text) continue;
    // Two short lines rather than one long one: the label stays narrow, between the arrows.
    const more = caption.more ? ` +${caption.more}` : '';
    const measure = (s) => m.width('fg-edge-text', s);
    const moreWidth = more ? m.width('fg-edge-text fg-more', more) : 0;
    const lines = wrap(caption.text, LABEL.maxText, measure, { reserve: moreWidth });
    const width = Math.max(...lines.map(measure), 0) + (more ? moreWidth : 0) + 2 * LABEL.padX;
    const height = lines.length * LABEL.line + 2 * LABEL.padY;
    const at = placeLabel(points, { width, height }, taken);
    const box = { x: at.x - width / 2, y: at.y - height / 2, width, height };
    taken.push(box);
    const text = svg('text', { class: 'fg-edge-text', 'data-testid': 'graph-edge-label' });
    lines.forEach((line, n) => text.append(svg('tspan', { x: box.x + LABEL.padX, y: box.y + LABEL.padY + 11 + n * LABEL.line }, line)));
    if (more) text.lastChild.append(svg('tspan', { class: 'fg-more' }, more));
    labelLayer.append(svg('g', { class: `fg-label${back[i] ? ' fg-back' : ''}`, 'data-from': e.from, 'data-to': e.to }, title(caption.title),
      svg('rect', { class: 'fg-label-bg', x: box.x, y: box.y, width: box.width, height: box.height, rx: 4 }),
      text));
  }
  m.remove();
  // What the view fits: the layout, and the labels that stick out of it.
  const size = bounds([{ x: 0, y: 0, width: g.graph().width || 0, height: g.graph().height || 0 }, ...taken]);

  // ---- pan and zoom: one transform on the scene ----
  let view = { k: 1, x: 0, y: 0 };
  let auto = true; // follows the viewport's size until the reader zooms or pans
  const scale = h('span', { class: 'fg-scale', 'data-testid': 'graph-scale', 'aria-live': 'polite' });
  const apply = () => {
    scene.setAttribute('transform', `translate(${view.x},${view.y}) scale(${view.k})`);
    viewport.dataset.scale = view.k.toFixed(3);
    scale.textContent = `${Math.round(view.k * 100)}%`;
  };
  const viewportSize = () => ({ width: viewport.clientWidth, height: viewport.clientHeight });
  const fit = () => { auto = true; view = fitView(size, viewportSize()); apply(); };
  const zoomBy = (f, at = { x: viewport.clientWidth / 2, y: viewport.clientHeight / 2 }) => { auto = false; view = zoomAt(view, f, at); apply(); };
  const button = (key, text, testid, fn) => {
    const b = h('button', { type: 'button', class: 'btn small fg-zoom-btn', 'data-testid': testid, title: t(key), 'aria-label': t(key), text });
    b.addEventListener('click', fn);
    return b;
  };
  const tools = h('div', { class: 'fg-tools', 'data-testid': 'graph-tools' },
    button('graphZoomOut', '−', 'graph-zoom-out', () => zoomBy(1 / 1.25)),
    scale,
    button('graphZoomIn', '+', 'graph-zoom-in', () => zoomBy(1.25)),
    button('graphFit', t('graphFit'), 'graph-fit', fit));
  viewport.append(root);
  if (opts.tools) { opts.tools.textContent = ''; opts.tools.append(tools); } else viewport.before(tools);

  // The wheel zooms only with Ctrl/⌘ held (a trackpad's pinch arrives that way too): a plain
  // wheel scrolls the page, so the diagram never traps someone scrolling past it.
  root.addEventListener('wheel', (e) => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const r = viewport.getBoundingClientRect();
    const lines = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? r.height : 1;
    zoomBy(Math.exp(-e.deltaY * lines * 0.0015), { x: e.clientX - r.left, y: e.clientY - r.top });
  }, { passive: false });

  // Dragging pans; a press that does not move is a click (on a card: open it).
  let press = null;
  let dragged = false;
  root.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    press = { id: e.pointerId, x: e.clientX, y: e.clientY, view };
    dragged = false;
  });
  root.addEventListener('pointermove', (e) => {
    if (!press || e.pointerId !== press.id) return;
    const dx = e.clientX - press.x;
    const dy = e.clientY - press.y;
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    if (!dragged) { dragged = true; root.setPointerCapture(e.pointerId); viewport.classList.add('fg-panning'); }
    auto = false;
    view = { ...press.view, x: press.view.x + dx, y: press.view.y + dy };
    apply();
  });
  const release = () => { press = null; viewport.classList.remove('fg-panning'); };
  root.addEventListener('pointerup', release);
  root.addEventListener('pointercancel', release);

  const open = (id) => {
    for (const n of nodeLayer.querySelectorAll('.fg-selected')) n.classList.remove('fg-selected');
    nodeLayer.querySelector(`[data-state="${CSS.escape(id)}"]`)?.classList.add('fg-selected');
    container.dispatchEvent(new CustomEvent('flow-state-open', { detail: { state: id }, bubbles: true }));
  };
  // The arrows and labels of one state stand out while its card is pointed at or focused.
  const highlight = (id) => {
    root.classList.toggle('fg-focus', id !== null);
    for (const el of scene.querySelectorAll('.fg-edge, .fg-label')) {
      el.classList.toggle('fg-hl', id !== null && (el.getAttribute('data-from') === id || el.getAttribute('data-to') === id));
    }
  };
  for (const card of nodeLayer.querySelectorAll('.fg-node')) {
    const id = card.getAttribute('data-state');
    card.addEventListener('click', () => { if (!dragged) open(id); });
    card.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(id); }
    });
    card.addEventListener('pointerenter', () => highlight(id));
    card.addEventListener('pointerleave', () => highlight(null));
    card.addEventListener('focus', () => {
      highlight(id);
      // A card reached with Tab is brought into view.
      const r = card.getBoundingClientRect();
      const v = viewport.getBoundingClientRect();
      if (r.left < v.left || r.right > v.right || r.top < v.top || r.bottom > v.bottom) {
        auto = false;
        view = { ...view, x: view.x + (v.left + v.width / 2) - (r.left + r.width / 2), y: view.y + (v.top + v.height / 2) - (r.top + r.height / 2) };
        apply();
      }
    });
    card.addEventListener('blur', () => highlight(null));
  }

  const legend = drawLegend(graph, (id) => {
    const b = h('button', { type: 'button', class: 'link fg-legend-to', 'data-state': id, text: id });
    b.addEventListener('click', () => open(id));
    return b;
  });
  if (legend) container.append(legend);

  // Fitted until the reader zooms or pans: the view follows the viewport's size (a window resized,
  // the section shown after being drawn while hidden).
  // Drawn while hidden (a language switch on another section), the texts were cut by estimate:
  // drawn again, measured, once the area shows.
  const blind = viewport.clientWidth === 0;
  const resized = new ResizeObserver(() => {
    if (blind && viewport.clientWidth > 0) void drawFlowGraph(container, graph, opts);
    else if (auto) fit();
  });
  resized.observe(viewport);
  fit();
  drawn.set(container, { token, destroy: () => { resized.disconnect(); tools.remove(); } });
  container.removeAttribute('aria-busy');
  return true;
}

/** Empties `container` (and makes any draw under way into it give up). */
export function clearFlowGraph(container) {
  container.setAttribute('data-draw', String(++seq));
  container.removeAttribute('aria-busy');
  drawn.get(container)?.destroy();
  drawn.delete(container);
  container.textContent = '';
}
