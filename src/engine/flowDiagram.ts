import { asArray, refName, refParams, type FlowDefinition, type FlowTransition, type NamedRef } from './flowSchema.js';

// Mermaid's state diagram source for a flow: the admin API's `diagram`, kept for clients that draw
// it with mermaid (the admin console draws the readable `graph` of flowGraph.ts instead).
// Transitions that only act (no target) are left out: the diagram shows where a conversation can go.

const ANY = '__any';

/** A guard as an admin reads it: its name and, when short, its params ("intentIs judicial"). */
function guardLabel(g: NamedRef | undefined): string {
  if (!g) return '';
  const p = refParams(g);
  const values = p && typeof p === 'object' ? Object.values(p as Record<string, unknown>).filter((v) => typeof v !== 'object') : [];
  return ` [${[refName(g), ...values.map(String)].join(' ')}]`;
}

/** Mermaid labels end at a line break and treat ";" and "#" specially. */
const clean = (s: string) => s.replace(/[;#\n\r]/g, ' ').replace(/:/g, '﹕');

export function flowToMermaid(flow: FlowDefinition): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${flow.initial}`];
  const seen = new Set<string>();
  const edge = (from: string, to: string, label: string) => {
    const line = `  ${from} --> ${to} : ${clean(label)}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  };
  const edges = (from: string, event: string, ts: FlowTransition[]) => {
    for (const t of ts) if (t.target) edge(from, t.target, `${event}${guardLabel(t.guard)}`);
  };
  for (const [name, s] of Object.entries(flow.states)) {
    if (s.description) lines.push(`  ${name} : ${clean(s.description)}`);
    for (const [event, ts] of Object.entries(s.on ?? {})) edges(name, event, asArray(ts));
    edges(name, 'always', asArray(s.always));
    if (s.type === 'final') lines.push(`  ${name} --> [*]`);
  }
  const root = Object.entries(flow.on ?? {});
  if (root.some(([, ts]) => asArray(ts).some((t) => t.target))) {
    // Handlers of the whole flow fire in any state: one box stands for "any state".
    lines.push(`  state "any state" as ${ANY}`);
    for (const [event, ts] of root) edges(ANY, event, asArray(ts));
  }
  return `${lines.join('\n')}\n`;
}
