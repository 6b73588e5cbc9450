import type { Locale } from '../language/locale.js';
import { SAMPLE_FACTS } from '../phrasing/sampleFacts.js';
import { renderTemplate } from '../phrasing/renderTemplate.js';
import type { TemplateSet } from '../phrasing/templates.js';
import { asArray, refName, refParams, type FlowDefinition, type FlowTransition, type NamedRef } from './flowSchema.js';
import { expandSayKey } from './registry.js';
import { assignerLabels, effectLabels, eventLabels, guardLabels, renderLabel, type Labelled } from './registryLabels.js';

// A flow as a collection manager reads it, for the admin console's diagram: each state a card with
// what the bot says on arriving there and the options it offers, each way out an arrow labelled in
// words ("quando o devedor escreve · o devedor escolhe “accept”"), and the handlers that apply in
// every state listed once, as a legend, instead of an arrow from every state. The browser lays it
// out (dagre) and draws it; this says what to draw.

export interface GraphNode {
  id: string;
  initial: boolean;
  final: boolean;
  /** What the bot waits for there (the state's meta.waitsFor, in the locale). */
  waitsFor?: string;
  /** What it says on arriving: each template key with its text rendered with sample facts. */
  says: { key: string; text: string }[];
  /** The options of those messages, as the debtor sees them. */
  options: string[];
}

/** One arrow per pair of states; each transition between them is a line of its label. */
export interface GraphEdge {
  from: string;
  to: string;
  labels: string[];
}

/** A handler of the whole flow: when, where to (null: stays), doing what. */
export interface LegendEntry {
  when: string;
  to: string | null;
  doing: string[];
}

export interface FlowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  legend: LegendEntry[];
}

const ACTION_LABELS: Record<string, Labelled> = { ...assignerLabels, ...effectLabels };

function refLabel(ref: NamedRef, table: Record<string, Labelled>, locale: Locale): string {
  const labelled = table[refName(ref)];
  return labelled ? renderLabel(labelled, refParams(ref), locale) : refName(ref);
}

// A state's eventless transitions (`always`) are taken as soon as the state is entered.
const ALWAYS: Record<Locale, string> = { 'pt-BR': 'logo em seguida', en: 'right away' };

/** "quando o devedor escreve · o devedor escolhe “accept”" */
function whenLabel(event: string, t: FlowTransition, locale: Locale): string {
  const when = event === 'always' ? ALWAYS[locale] : ((eventLabels as Record<string, Record<Locale, string>>)[event]?.[locale] ?? event);
  return t.guard ? `${when} · ${refLabel(t.guard, guardLabels, locale)}` : when;
}

function sayRefs(actions: NamedRef[] | undefined): { key: string; optionKeys: string[] }[] {
  return (actions ?? [])
    .filter((a) => refName(a) === 'say')
    .map((a) => {
      const p = (refParams(a) ?? {}) as { key?: string; options?: { labelKey?: string }[] };
      return { key: p.key ?? '', optionKeys: (p.options ?? []).map((o) => o.labelKey ?? '') };
    });
}

/** A template's text with sample facts; the key itself when it cannot be rendered (the editor says why). */
function sample(templates: TemplateSet, key: string, locale: Locale): string {
  const t = templates[locale][key];
  if (t === undefined) return key;
  try {
    return renderTemplate(t, SAMPLE_FACTS, locale);
  } catch {
    return t;
  }
}

/**
 * A state's meta.waitsFor in the locale asked for: admin-facing words, either one text for every
 * locale or `{ "pt-BR": …, "en": … }` (then the locale's, else pt-BR's, else any).
 */
function withWaitsFor(waitsFor: unknown, locale: Locale): { waitsFor?: string } {
  if (typeof waitsFor === 'string') return waitsFor ? { waitsFor } : {};
  if (!waitsFor || typeof waitsFor !== 'object') return {};
  const byLocale = waitsFor as Record<string, unknown>;
  const text = [byLocale[locale], byLocale['pt-BR'], ...Object.values(byLocale)].find((x): x is string => typeof x === 'string' && x !== '');
  return text ? { waitsFor: text } : {};
}

export function flowGraph(def: FlowDefinition, templates: TemplateSet, locale: Locale): FlowGraph {
  const nodes: GraphNode[] = Object.entries(def.states).map(([id, s]) => {
    const says = sayRefs(s.entry);
    return {
      id,
      initial: def.initial === id,
      final: s.type === 'final',
      ...withWaitsFor(s.meta?.waitsFor, locale),
      says: says.flatMap((x) => expandSayKey(x.key).map((key) => ({ key, text: sample(templates, key, locale) }))),
      options: says.flatMap((x) => x.optionKeys.map((k) => templates[locale][k] ?? k)),
    };
  });
  const edges = new Map<string, GraphEdge>();
  for (const [from, s] of Object.entries(def.states)) {
    const handlers = [...Object.entries(s.on ?? {}), ['always', s.always] as const];
    for (const [event, ts] of handlers) {
      for (const t of asArray(ts as FlowTransition | FlowTransition[] | undefined)) {
        // A transition without a target (or to itself) stays: it is in the state's card of the editor, not an arrow.
        if (!t.target || t.target === from) continue;
        const key = `${from}\u0000${t.target}`;
        const edge = edges.get(key) ?? { from, to: t.target, labels: [] };
        const label = whenLabel(event, t, locale);
        if (!edge.labels.includes(label)) edge.labels.push(label);
        edges.set(key, edge);
      }
    }
  }
  const legend = Object.entries(def.on ?? {}).flatMap(([event, ts]) =>
    asArray(ts).map((t) => ({ when: whenLabel(event, t, locale), to: t.target ?? null, doing: (t.actions ?? []).map((a) => refLabel(a, ACTION_LABELS, locale)) })),
  );
  return { nodes, edges: [...edges.values()], legend };
}
