import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../../src/engine/buildMachine.js';
import { flowToMermaid } from '../../src/engine/flowDiagram.js';
import { flowGraph } from '../../src/engine/flowGraph.js';
import { parseFlowText } from '../../src/engine/flowSourceLines.js';
import { validateFlow } from '../../src/engine/validateFlow.js';
import { commonKeys, loadTemplates } from '../../src/phrasing/templates.js';

// An admin's draft can hold any JSON anywhere. Whatever it holds, validation answers with issues
// (a 422 at a line), never throws (a 500 that says nothing); and what it accepts can be built and
// drawn. A `say` whose key was a number once threw here.
const text = readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8');
const shipped = JSON.parse(text) as Record<string, unknown>;
const templates = loadTemplates();
const templateKeys = commonKeys(templates);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in the flow (objects' keys and arrays' indexes). */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}
const ALL = paths(shipped).filter((p) => p.length > 0);

function replaced(path: (string | number)[], value: Json): unknown {
  const copy = structuredClone(shipped) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const anyJson: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;
// Values a flow's own vocabulary is made of, so mutations reach past the schema into params and targets.
const nearMiss = fc.constantFrom<Json>('say', 'choiceIs', 'offering', 'nowhere', '', 7, -1, 1e309 as never, null, [], {}, { type: 'say' }, { type: 'say', params: { key: 7 } }, { type: 'choiceIs', params: {} }, { key: 'x' }, ['say'], 'TEXT', '__proto__', 'toString', 'constructor');

describe('validateFlow on any draft', () => {
  it('answers with issues, never throws, for any value anywhere in the shipped flow', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.oneof(anyJson, nearMiss), (path, value) => {
        const flow = replaced(path, value);
        const v = validateFlow(flow, { templateKeys });
        if (!v.ok) {
          expect(v.errors.length).toBeGreaterThan(0);
          for (const e of v.errors) expect(typeof e.message).toBe('string');
          return;
        }
        // What it accepts can be built, diagrammed and drawn in both languages.
        buildMachine(v.flow);
        flowToMermaid(v.flow);
        flowGraph(v.flow, templates, 'pt-BR');
        flowGraph(v.flow, templates, 'en');
      }),
      { numRuns: 1500, seed: 20261203 },
    );
  });

  it('locates every issue of a mutated draft without throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL), fc.oneof(anyJson, nearMiss), (path, value) => {
        const draft = JSON.stringify(replaced(path, value), null, 2);
        const parsed = parseFlowText(draft);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const v = validateFlow(parsed.value, { templateKeys });
        if (!v.ok) for (const e of parsed.locate(v.errors)) expect(e.line === null || e.line >= 1).toBe(true);
      }),
      { numRuns: 500, seed: 20261203 },
    );
  });
});
