import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowGraph } from '../../../src/engine/flowGraph.js';
import type { FlowDefinition } from '../../../src/engine/flowSchema.js';
import { loadTemplates } from '../../../src/phrasing/templates.js';

// The flow diagram's arithmetic (src/http/public/admin-flow-graph-geometry.js), without a browser:
// which arrows point back on the shipped flow, whatever order its states come in, where labels go,
// how texts are cut, and the pan/zoom view.

type Point = { x: number; y: number };
type Rect = Point & { width: number; height: number };
type View = { k: number; x: number; y: number };
type Edge = { from: string; to: string };
type Measure = (s: string) => number;
// @ts-expect-error: a browser module without types
const geometry = (await import('../../../src/http/public/admin-flow-graph-geometry.js')) as unknown as {
  backEdges(ids: string[], edges: Edge[], initial?: string): boolean[];
  layoutOrder(ids: string[], edges: Edge[], back: boolean[]): { nodes: string[]; edges: number[] };
  pointAlong(points: Point[], t: number): Point;
  polylineLength(points: Point[]): number;
  placeLabel(points: Point[], size: { width: number; height: number }, taken: Rect[]): Point;
  truncate(text: string, maxWidth: number, measure: Measure): string;
  wrap(text: string, maxWidth: number, measure: Measure, opts?: { maxLines?: number; reserve?: number }): string[];
  edgeCaption(labels: string[]): { text: string; more: number; title: string };
  smoothPath(points: Point[]): string;
  fitView(content: Partial<Point> & { width: number; height: number }, viewport: { width: number; height: number }, opts?: { pad?: number; max?: number }): View;
  zoomAt(view: View, factor: number, at: Point, limits?: { min?: number; max?: number }): View;
  bounds(rects: Rect[]): Rect;
};
const { backEdges, bounds, edgeCaption, fitView, layoutOrder, placeLabel, pointAlong, polylineLength, smoothPath, truncate, wrap, zoomAt } = geometry;

const def = JSON.parse(readFileSync(new URL('../../../flows/negotiation.json', import.meta.url), 'utf8')) as FlowDefinition;
const graph = flowGraph(def, loadTemplates(), 'pt-BR');
const authored = graph.nodes.map((n) => n.id);
// PostgreSQL's jsonb (where a published version lives) keeps an object's keys shorter first, then by bytes.
const stored = [...authored].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
const reversed = (edges: Edge[], back: boolean[]) => edges.filter((_, i) => back[i]).map((e) => `${e.from}>${e.to}`).sort();
/** 1 unit per character: enough to test cutting by width. */
const chars: Measure = (s) => s.length;

describe('which arrows point back', () => {
  const RETURNS = [
    'askProposal>offering', 'evaluatingCounter>offering', 'locked>askCnpj', 'nextOffer>offering',
    'renegotiating>offering', 'verifying>askCnpj', 'verifyingPhone>askCnpj',
  ];

  it('finds the returns of the shipped flow (retries, another offer), in the order the flow lists its states or the database keeps them', () => {
    expect(reversed(graph.edges, backEdges(authored, graph.edges, def.initial))).toEqual(RETURNS);
    const storedEdges = [...graph.edges].sort((a, b) => stored.indexOf(a.from) - stored.indexOf(b.from));
    expect(reversed(storedEdges, backEdges(stored, storedEdges, def.initial))).toEqual(RETURNS);
  });

  it('leaves no loop, and feeds the layout the same order whatever order the states came in', () => {
    const back = backEdges(authored, graph.edges, def.initial);
    const order = layoutOrder(authored, graph.edges, back);
    const at = new Map(order.nodes.map((id, i) => [id, i]));
    expect([...order.nodes].sort()).toEqual([...authored].sort());
    const sorted = layoutOrder(authored, graph.edges, back);
    graph.edges.forEach((e, i) => {
      const [from, to] = back[i] ? [e.to, e.from] : [e.from, e.to];
      expect(at.get(from)!, `${e.from}>${e.to}`).toBeLessThan(at.get(to)!);
    });
    const storedEdges = [...graph.edges].sort((a, b) => stored.indexOf(a.from) - stored.indexOf(b.from));
    const again = layoutOrder(stored, storedEdges, backEdges(stored, storedEdges, def.initial));
    expect(again.nodes).toEqual(sorted.nodes);
    expect(again.edges.map((i) => storedEdges[i])).toEqual(sorted.edges.map((i) => graph.edges[i]));
  });

  it('reverses nothing in a flow without loops, and one arrow of a loop of two', () => {
    expect(backEdges(['a', 'b', 'c'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }, { from: 'a', to: 'c' }], 'a')).toEqual([false, false, false]);
    expect(backEdges(['a', 'b'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }], 'a')).toEqual([false, true]);
  });
});

describe('labels on the routed arrows', () => {
  const path = [{ x: 0, y: 0 }, { x: 0, y: 30 }, { x: 40, y: 30 }];

  it('finds the midpoint of a path by its length', () => {
    expect(polylineLength(path)).toBe(70);
    expect(pointAlong(path, 0.5)).toEqual({ x: 5, y: 30 });
    expect(pointAlong(path, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(path, 1)).toEqual({ x: 40, y: 30 });
  });

  it('puts a label at the midpoint, or along the path where it covers nothing, or where it covers least', () => {
    const line = [{ x: 0, y: 0 }, { x: 0, y: 100 }];
    expect(placeLabel(line, { width: 20, height: 10 }, [])).toEqual({ x: 0, y: 50 });
    const moved = placeLabel(line, { width: 20, height: 10 }, [{ x: -50, y: 40, width: 100, height: 20 }]);
    expect(moved.x).toBe(0);
    expect(Math.abs(moved.y - 50)).toBeGreaterThanOrEqual(15);
    expect(placeLabel(line, { width: 20, height: 10 }, [{ x: -50, y: -10, width: 100, height: 120 }])).toEqual({ x: 0, y: 50 });
  });

  it("shows an arrow's condition (or its event), the count of the others and every label in full", () => {
    expect(edgeCaption(['quando o devedor escreve · o devedor escolhe “accept”', 'quando o devedor escreve · o devedor diz sim'])).toEqual({
      text: 'o devedor escolhe “accept”', more: 1, title: 'quando o devedor escreve · o devedor escolhe “accept”\nquando o devedor escreve · o devedor diz sim',
    });
    expect(edgeCaption(['quando o acordo é registrado'])).toEqual({ text: 'quando o acordo é registrado', more: 0, title: 'quando o acordo é registrado' });
  });

  it('draws a path through every leg, bending in curves', () => {
    expect(smoothPath([{ x: 0, y: 0 }, { x: 10, y: 0 }])).toBe('M0,0 L10,0');
    expect(smoothPath(path)).toBe('M0,0 Q0,30 40,30');
  });
});

describe('texts cut to a width', () => {
  it('cuts with an ellipsis only when the text is too wide', () => {
    expect(truncate('quando o devedor escreve', 100, chars)).toBe('quando o devedor escreve');
    expect(truncate('quando o devedor escreve', 10, chars)).toBe('quando o…');
    expect(truncate('  two   spaces ', 20, chars)).toBe('two spaces');
    expect(chars(truncate('x'.repeat(500), 37, chars))).toBeLessThanOrEqual(37);
  });

  it('wraps between words into two lines at most, the last cut and room left for a "+N"', () => {
    expect(wrap('a dívida passa do limite', 30, chars)).toEqual(['a dívida passa do limite']);
    expect(wrap('a dívida passa do limite para atendimento humano', 24, chars)).toEqual(['a dívida passa do limite', 'para atendimento humano']);
    expect(wrap('a renegociação é recusada: o acordo não está mais em vigor', 20, chars)).toEqual(['a renegociação é', 'recusada: o acordo…']);
    for (const line of wrap('o devedor escolhe “human”', 20, chars, { reserve: 3 })) expect(line.length).toBeLessThanOrEqual(20);
    expect(wrap('o devedor escolhe “human”', 20, chars, { reserve: 3 }).at(-1)!.length).toBeLessThanOrEqual(17);
  });
});

describe('the pan and zoom view', () => {
  it('fits the whole drawing, centred, never enlarged past its natural size', () => {
    expect(fitView({ width: 2000, height: 1000 }, { width: 1024, height: 1024 }, { pad: 12 })).toEqual({ k: 0.5, x: 12, y: 262 });
    expect(fitView({ width: 100, height: 50 }, { width: 400, height: 400 }).k).toBe(1);
    // A drawing that starts left of and above the origin (a label sticking out) is shifted in.
    const v = fitView({ x: -20, y: -10, width: 200, height: 100 }, { width: 224, height: 124 }, { pad: 12 });
    expect(v).toEqual({ k: 1, x: 32, y: 22 });
  });

  it('zooms about a point that stays put, within its limits', () => {
    const v = zoomAt({ k: 1, x: 10, y: 20 }, 2, { x: 110, y: 120 });
    expect(v.k).toBe(2);
    // The content point under (110, 120) was (100, 100); it still is.
    expect((110 - v.x) / v.k).toBe(100);
    expect((120 - v.y) / v.k).toBe(100);
    expect(zoomAt({ k: 1, x: 0, y: 0 }, 100, { x: 0, y: 0 }).k).toBe(3);
    expect(zoomAt({ k: 1, x: 0, y: 0 }, 0.01, { x: 0, y: 0 }).k).toBe(0.2);
  });

  it('bounds the cards and the labels together', () => {
    expect(bounds([{ x: 0, y: 0, width: 100, height: 50 }, { x: -10, y: 40, width: 20, height: 20 }])).toEqual({ x: -10, y: 0, width: 110, height: 60 });
  });
});
