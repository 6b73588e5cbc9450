import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/language/locale.js';
import { INTENT_PRIORITY } from '../../src/engine/understanding/understand.js';
import { FLOW_EVENTS, asArray, refName, refParams, type FlowDefinition, type FlowTransition, type NamedRef } from '../../src/engine/flowSchema.js';
import { assigners, effects, guards } from '../../src/engine/registry.js';
import { assignerLabels, effectLabels, eventLabels, guardLabels, renderLabel, type Label } from '../../src/engine/registryLabels.js';
import { registryVocabulary } from '../../src/engine/registryVocabulary.js';

const flow: FlowDefinition = JSON.parse(readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8'));
const vocabulary = registryVocabulary();
const entries = [...vocabulary.guards, ...vocabulary.actions];
const allLabels: [string, Label][] = [...entries.map((e): [string, Label] => [e.name, e.label]), ...vocabulary.events.map((e): [string, Label] => [e.type, e.label])];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** Every guard and action reference in a flow, with what kind it is. */
function refsOf(def: FlowDefinition): { kind: 'guard' | 'action'; ref: NamedRef }[] {
  const out: { kind: 'guard' | 'action'; ref: NamedRef }[] = [];
  const transitions = (ts: FlowTransition | FlowTransition[] | undefined) =>
    asArray(ts).forEach((t) => {
      if (t.guard) out.push({ kind: 'guard', ref: t.guard });
      t.actions?.forEach((ref) => out.push({ kind: 'action', ref }));
    });
  Object.values(def.on ?? {}).forEach(transitions);
  for (const s of Object.values(def.states)) {
    [...(s.entry ?? []), ...(s.exit ?? [])].forEach((ref) => out.push({ kind: 'action', ref }));
    Object.values(s.on ?? {}).forEach(transitions);
    transitions(s.always);
  }
  return out;
}

describe('registry labels', () => {
  it('label every guard, assigner, effect and event, and nothing else', () => {
    expect(Object.keys(guardLabels).sort()).toEqual(Object.keys(guards).sort());
    expect(Object.keys(assignerLabels).sort()).toEqual(Object.keys(assigners).sort());
    expect(Object.keys(effectLabels).sort()).toEqual(Object.keys(effects).sort());
    expect(Object.keys(eventLabels).sort()).toEqual([...FLOW_EVENTS].sort());
  });

  it('say something short in both locales, and translate rather than copy', () => {
    for (const [name, label] of allLabels) {
      for (const locale of LOCALES) {
        expect(label[locale].trim(), `${name} ${locale}`).not.toBe('');
        // Short enough to sit on a diagram's arrow.
        expect(label[locale].length, `${name} ${locale}`).toBeLessThanOrEqual(60);
      }
    }
    const copies = allLabels.filter(([, label]) => label['pt-BR'] === label.en).map(([name]) => name);
    expect(copies.length, copies.join(', ')).toBeLessThanOrEqual(allLabels.length / 10);
  });

  it('use only placeholders the params have, the same in both locales', () => {
    for (const e of entries) {
      const names = placeholders(e.label['pt-BR']);
      expect(placeholders(e.label.en), e.name).toEqual(names);
      const properties = Object.keys((e.params?.properties as Record<string, unknown> | undefined) ?? {});
      for (const p of names) expect(properties, `${e.name} {${p}}`).toContain(p);
    }
  });

  it('word every value a worded param can take', () => {
    for (const e of entries) {
      for (const [param, words] of Object.entries(e.values ?? {})) {
        const prop = (e.params?.properties as Record<string, { enum?: string[]; items?: { enum?: string[] } }>)[param];
        // A choice of one value, or a set of them (say's facts).
        const known = (prop?.enum ?? prop?.items?.enum ?? []) as string[];
        for (const value of known) expect(Object.keys(words), `${e.name} ${param}=${value}`).toContain(value);
      }
    }
    // hasIntent takes any string, but the understanding knows which intents it finds.
    for (const intent of INTENT_PRIORITY) expect(Object.keys(guardLabels.hasIntent.values!.intent!)).toContain(intent);
  });

  it('render a parameterised label with its params', () => {
    expect(renderLabel(guardLabels.choiceIs, { id: 'accept' }, 'pt-BR')).toBe('o devedor escolhe “accept”');
    expect(renderLabel(guardLabels.intentIs, { intent: 'preferChannel' }, 'en')).toBe('the debtor says which channel they prefer');
    expect(renderLabel(guardLabels.intentIs, { intent: 'judicial' }, 'pt-BR')).toBe('o devedor fala em processo judicial');
    expect(renderLabel(guardLabels.misunderstandingsAtLeast, { n: 3 }, 'pt-BR')).toBe('3 ou mais mensagens não entendidas');
    expect(renderLabel(effectLabels.say, { key: 'welcome', facts: ['creditor'] }, 'en')).toBe('says “welcome”');
    expect(renderLabel(effectLabels.escalate, undefined, 'pt-BR')).toBe('encaminha a uma pessoa');
    expect(renderLabel(guardLabels.choiceIs, undefined, 'en')).toBe('the debtor picks “…”');
  });

  it('read every guard and action of the shipped flow as words, placeholders filled', () => {
    const refs = refsOf(flow);
    expect(refs.length).toBeGreaterThan(50);
    const labelOf = (kind: 'guard' | 'action', name: string) => (kind === 'guard' ? vocabulary.guards : vocabulary.actions).find((e) => e.name === name)!;
    for (const { kind, ref } of refs) {
      const entry = labelOf(kind, refName(ref));
      for (const locale of LOCALES) {
        const text = renderLabel(entry, refParams(ref), locale);
        expect(text, refName(ref)).not.toContain('…');
        // A say key may hold a slot of its own ("offer.{offer.kind}"): only the label's are checked.
        for (const p of placeholders(entry.label[locale])) expect(text, refName(ref)).not.toContain(`{${p}}`);
      }
    }
  });

  it('give the values of each slot a say key may hold, so the editor shows one text per variant', () => {
    expect(vocabulary.keySlots['{offer.kind}']).toEqual(['cash', 'installments']);
    expect(Object.keys(vocabulary.keySlots).every((slot) => /^\{[a-z]+\.[a-zA-Z]+\}$/.test(slot))).toBe(true);
  });
});
