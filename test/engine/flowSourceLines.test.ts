import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowToMermaid } from '../../src/engine/flowDiagram.js';
import { parseFlowText } from '../../src/engine/flowSourceLines.js';
import { validateFlow } from '../../src/engine/validateFlow.js';

const text = readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8');
const lineOf = (t: string, needle: string) => t.slice(0, t.indexOf(needle)).split('\n').length;

describe('parseFlowText', () => {
  it('puts a syntax error at its line', () => {
    const broken = text.replace('"initial": "start",', '"initial": "start" "oops",');
    const r = parseFlowText(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.line).toBe(lineOf(broken, '"oops"'));
    // `message` keeps jsonc-parser's code for programs; `messages` says it in words.
    if (!r.ok) expect(r.errors[0]).toMatchObject({ message: 'JSON: CommaExpected', messages: { en: 'JSON: a comma was expected (CommaExpected)', 'pt-BR': 'JSON: falta uma vírgula (CommaExpected)' } });
    const empty = parseFlowText('');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.errors[0]!.messages?.['pt-BR']).toBe('JSON: esperava um valor (ValueExpected)');
  });

  it('finds paths whose event names contain dots', () => {
    const r = parseFlowText(text);
    if (!r.ok) throw new Error('the shipped flow must parse');
    const [issue] = r.locate([{ path: 'states.verifying.on.IDENTITY.OK[0].guard', message: 'x' }]);
    const verifying = text.indexOf('"verifying"');
    const guardLine = lineOf(text.slice(verifying), '"guard": "debtAboveEscalation"') + lineOf(text, '"verifying"') - 1;
    expect(issue!.line).toBe(guardLine);
  });

  it('falls back to the nearest parent for a path that names nothing', () => {
    const r = parseFlowText(text);
    if (!r.ok) throw new Error('the shipped flow must parse');
    const [issue] = r.locate([{ path: 'states.askCnpj.missingThing', message: 'x' }]);
    expect(issue!.line).toBe(lineOf(text, '"askCnpj": {'));
    const [tpl] = r.locate([{ path: 'templates.pt-BR.welcome', message: 'x' }]);
    expect(tpl).toMatchObject({ line: null, column: null });
  });
});

describe('flowToMermaid', () => {
  it('draws every targeted transition once, the initial state, and the handlers of any state', () => {
    const v = validateFlow(JSON.parse(text));
    if (!v.ok) throw new Error('the shipped flow must validate');
    const src = flowToMermaid(v.flow);
    expect(src.split('\n')[1]).toBe('  [*] --> start');
    const lines = src.split('\n').filter((l) => l.includes('-->'));
    expect(new Set(lines).size).toBe(lines.length);
    for (const name of Object.keys(v.flow.states)) expect(src).toContain(name);
    expect(src).toContain('__any --> escalated : INTENT [intentIs dispute]');
    // Labels cannot break mermaid's syntax.
    expect(lines.every((l) => !/[;#]/.test(l.split(' : ')[1] ?? ''))).toBe(true);
  });
});
