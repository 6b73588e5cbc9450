// The flow diagram's arithmetic, without the DOM (admin-flow-graph.js draws with it; the unit test
// runs it in Node): which arrows point back, where on a routed path a label goes, how a text is cut
// to a width, and the pan/zoom view (a scale k and a translation x, y: screen = content × k + (x, y)).

/** @typedef {{ x: number, y: number }} Point */
/** @typedef {{ x: number, y: number, width: number, height: number }} Rect  x, y: the top-left corner */
/** @typedef {{ k: number, x: number, y: number }} View */

/**
 * The arrows that go back (a retry, "see the offer again", "the identity does not match: ask the
 * CNPJ again"), to be laid out reversed so the flow reads top to bottom. The order the states are
 * listed in cannot say it (the database keeps a version's states sorted by name length), so it is
 * read from the graph: only arrows inside a loop can point back; each loop (strongly connected
 * component) is entered where most arrows from outside come in (the initial state when it is
 * there), and searched from that entry nearest state first; the arrows that return to a state the
 * search is still inside are the ones that go back. What is left has no loop.
 * @param {string[]} ids  the states
 * @param {{ from: string, to: string }[]} edges
 * @param {string} [initial]
 * @returns {boolean[]} for each edge, whether it points back
 */
export function backEdges(ids, edges, initial) {
  const out = new Map(ids.map((id) => [id, /** @type {string[]} */ ([])]));
  for (const e of edges) if (out.has(e.from) && out.has(e.to)) out.get(e.from).push(e.to);
  const comp = components(ids, out);
  const back = new Set();
  for (const members of new Set(comp.values())) {
    if (members.size < 2) continue;
    const inside = (v) => members.has(v);
    const from = new Map([...members].map((id) => [id, 0]));
    for (const e of edges) if (inside(e.to) && !inside(e.from) && out.has(e.from)) from.set(e.to, from.get(e.to) + 1);
    const entry = members.has(initial) ? initial : [...members].sort((a, b) => from.get(b) - from.get(a))[0];
    // Nearest first: each state's distance from the entry inside the loop.
    const dist = new Map([[entry, 0]]);
    for (const queue = [entry]; queue.length;) {
      const u = queue.shift();
      for (const v of out.get(u)) if (inside(v) && !dist.has(v)) { dist.set(v, dist.get(u) + 1); queue.push(v); }
    }
    const state = new Map();
    const visit = (u) => {
      state.set(u, 'open');
      for (const v of [...out.get(u)].filter(inside).sort((a, b) => dist.get(a) - dist.get(b))) {
        if (state.get(v) === 'open') back.add(`${u}\u0000${v}`);
        else if (!state.has(v)) visit(v);
      }
      state.set(u, 'done');
    };
    visit(entry);
  }
  return edges.map((e) => back.has(`${e.from}\u0000${e.to}`));
}

/**
 * The states in an order that follows the arrows (back ones reversed), ties by name, and the
 * arrows in the order of their ends: what the layout is fed, so it comes out the same whatever
 * order the flow lists its states in (the layout's crossing reduction starts from the order given).
 * @param {string[]} ids
 * @param {{ from: string, to: string }[]} edges
 * @param {boolean[]} back  from backEdges
 * @returns {{ nodes: string[], edges: number[] }}  states, and indexes into `edges`
 */
export function layoutOrder(ids, edges, back) {
  const forward = edges.map((e, i) => (back[i] ? { from: e.to, to: e.from } : e));
  const waiting = new Map(ids.map((id) => [id, 0]));
  for (const e of forward) if (waiting.has(e.to)) waiting.set(e.to, waiting.get(e.to) + 1);
  const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const ready = ids.filter((id) => waiting.get(id) === 0).sort(byName);
  const nodes = [];
  while (ready.length) {
    const u = ready.shift();
    nodes.push(u);
    for (const e of forward) {
      if (e.from !== u || !waiting.has(e.to)) continue;
      waiting.set(e.to, waiting.get(e.to) - 1);
      if (waiting.get(e.to) === 0) { ready.push(e.to); ready.sort(byName); }
    }
  }
  // Should a loop remain (it cannot, after backEdges), its states still get drawn.
  for (const id of ids) if (!nodes.includes(id)) nodes.push(id);
  const at = new Map(nodes.map((id, i) => [id, i]));
  const order = edges.map((_, i) => i).sort((a, b) => at.get(forward[a].from) - at.get(forward[b].from) || at.get(forward[a].to) - at.get(forward[b].to));
  return { nodes, edges: order };
}

/** Each state's strongly connected component (Tarjan's algorithm), as the set of its members. */
function components(ids, out) {
  /** @type {Map<string, Set<string>>} */
  const comp = new Map();
  const index = new Map();
  const low = new Map();
  const stack = [];
  let next = 0;
  const connect = (v) => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v);
    for (const w of out.get(v)) {
      if (!index.has(w)) { connect(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (!comp.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const members = new Set();
      let w;
      do { w = stack.pop(); members.add(w); comp.set(w, members); } while (w !== v);
    }
  };
  for (const id of ids) if (!index.has(id)) connect(id);
  return comp;
}

/** @param {Point[]} points */
export function polylineLength(points) {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  return total;
}

/**
 * The point at `t` (0…1) of the way along a polyline, by length: 0.5 is its midpoint.
 * @param {Point[]} points
 * @param {number} t
 * @returns {Point}
 */
export function pointAlong(points, t) {
  if (points.length === 0) return { x: 0, y: 0 };
  let left = polylineLength(points) * Math.min(1, Math.max(0, t));
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= len && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return { ...points[points.length - 1] };
}

// Where a label may sit along its path, best first: the midpoint, then further and further either side of it.
const LABEL_SPOTS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];

/** How much of `a` lies over `b`, in square units. */
function overlapArea(a, b) {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The centre of a label of `size` on the path `points`: its midpoint unless that covers a card or a
 * label already placed (`taken`), else the spot along the path nearest the midpoint that covers
 * nothing; when every spot covers something, the one that covers least.
 * @param {Point[]} points
 * @param {{ width: number, height: number }} size
 * @param {Rect[]} taken
 * @returns {Point}
 */
export function placeLabel(points, size, taken) {
  let best = null;
  let least = Infinity;
  for (const t of LABEL_SPOTS) {
    const p = pointAlong(points, t);
    const box = { x: p.x - size.width / 2, y: p.y - size.height / 2, width: size.width, height: size.height };
    const covered = taken.reduce((sum, r) => sum + overlapArea(box, r), 0);
    if (covered === 0) return p;
    if (covered < least) { least = covered; best = p; }
  }
  return best ?? pointAlong(points, 0.5);
}

/**
 * `text` cut to `maxWidth` as `measure` measures it, ending in … when cut.
 * @param {string} text
 * @param {number} maxWidth
 * @param {(s: string) => number} measure
 */
export function truncate(text, maxWidth, measure) {
  const s = String(text).replace(/\s+/g, ' ').trim();
  if (measure(s) <= maxWidth) return s;
  // The longest prefix that fits with the ellipsis (binary search: measuring is the costly part).
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${s.slice(0, mid).trimEnd()}…`) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${s.slice(0, lo).trimEnd()}…`;
}

/**
 * `text` in at most `maxLines` lines of `maxWidth`, broken between words; the last line cut with …
 * when the rest does not fit (and `reserve` left free at its end, for a "+N").
 * @param {string} text
 * @param {number} maxWidth
 * @param {(s: string) => number} measure
 * @param {{ maxLines?: number, reserve?: number }} [opts]
 * @returns {string[]}
 */
export function wrap(text, maxWidth, measure, { maxLines = 2, reserve = 0 } = {}) {
  const words = String(text).replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const lines = [];
  let i = 0;
  while (i < words.length && lines.length < maxLines - 1) {
    let line = words[i++];
    while (i < words.length && measure(`${line} ${words[i]}`) <= maxWidth) line += ` ${words[i++]}`;
    lines.push(line);
  }
  if (i < words.length) lines.push(truncate(words.slice(i).join(' '), maxWidth - reserve, measure));
  else if (reserve && lines.length && measure(lines[lines.length - 1]) > maxWidth - reserve) lines.push(truncate(lines.pop(), maxWidth - reserve, measure));
  return lines.map((l) => (measure(l) > maxWidth ? truncate(l, maxWidth, measure) : l));
}

/**
 * What an arrow's label shows: of its first transition's words ("quando o devedor escreve · o
 * devedor escolhe “accept”"), the condition when there is one (what tells it from the state's other
 * arrows), else the event; `more` counts the other transitions; `title` holds every label in full.
 * @param {string[]} labels
 * @returns {{ text: string, more: number, title: string }}
 */
export function edgeCaption(labels) {
  const first = labels[0] ?? '';
  const cut = first.indexOf(' · ');
  return { text: cut >= 0 ? first.slice(cut + 3) : first, more: Math.max(0, labels.length - 1), title: labels.join('\n') };
}

/**
 * An SVG path through the routed points: straight from the first to the midpoint of the first leg,
 * then a quadratic curve around each bend, so the arrow bends smoothly but still passes every leg.
 * @param {Point[]} points
 */
export function smoothPath(points) {
  const f = (n) => Math.round(n * 10) / 10;
  if (points.length === 0) return '';
  const d = [`M${f(points[0].x)},${f(points[0].y)}`];
  if (points.length === 2) d.push(`L${f(points[1].x)},${f(points[1].y)}`);
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i];
    const next = points[i + 1];
    const end = i === points.length - 2 ? next : { x: (p.x + next.x) / 2, y: (p.y + next.y) / 2 };
    d.push(`Q${f(p.x)},${f(p.y)} ${f(end.x)},${f(end.y)}`);
  }
  return d.join(' ');
}

/**
 * The view that shows all of `content` (x, y: its top-left corner, 0 when absent) centred in
 * `viewport` with `pad` around it, never enlarged past `max` (a small flow stays at its natural
 * size rather than blown up).
 * @param {{ x?: number, y?: number, width: number, height: number }} content
 * @param {{ width: number, height: number }} viewport
 * @param {{ pad?: number, max?: number }} [opts]
 * @returns {View}
 */
export function fitView(content, viewport, { pad = 12, max = 1 } = {}) {
  const w = Math.max(1, viewport.width - 2 * pad);
  const h = Math.max(1, viewport.height - 2 * pad);
  const k = Math.min(max, w / Math.max(1, content.width), h / Math.max(1, content.height));
  return { k, x: (viewport.width - content.width * k) / 2 - (content.x ?? 0) * k, y: (viewport.height - content.height * k) / 2 - (content.y ?? 0) * k };
}

/**
 * The smallest rectangle holding all of `rects`.
 * @param {Rect[]} rects
 * @returns {Rect}
 */
export function bounds(rects) {
  if (!rects.length) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return { x, y, width: Math.max(...rects.map((r) => r.x + r.width)) - x, height: Math.max(...rects.map((r) => r.y + r.height)) - y };
}

/**
 * The view zoomed by `factor` about the screen point `at` (which stays where it is), the scale kept
 * within `min`…`max`.
 * @param {View} view
 * @param {number} factor
 * @param {Point} at
 * @param {{ min?: number, max?: number }} [limits]
 * @returns {View}
 */
export function zoomAt(view, factor, at, { min = 0.2, max = 3 } = {}) {
  const k = Math.min(max, Math.max(min, view.k * factor));
  const r = k / view.k;
  return { k, x: at.x - (at.x - view.x) * r, y: at.y - (at.y - view.y) * r };
}
