import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flowGraph } from '../../src/engine/flowGraph.js';
import type { FlowDefinition } from '../../src/engine/flowSchema.js';
import { loadTemplates } from '../../src/phrasing/templates.js';

const shipped = (): FlowDefinition => JSON.parse(readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8'));

describe('flowGraph', () => {
  const def = shipped();
  const pt = flowGraph(def, loadTemplates(), 'pt-BR');

  it('makes a card per state with what the bot says there, in words, and the options it offers', () => {
    expect(pt.nodes.map((n) => n.id)).toEqual(Object.keys(def.states));
    expect(pt.nodes.filter((n) => n.initial).map((n) => n.id)).toEqual([def.initial]);
    const offering = pt.nodes.find((n) => n.id === 'offering')!;
    // "offer.{offer.kind}": both kinds, rendered with sample facts (amounts as R$).
    expect(offering.says.map((s) => s.key)).toEqual(['offer.cash', 'offer.installments']);
    expect(offering.says[0]!.text).toMatch(/R\$\s?\d/);
    const labels = loadTemplates()['pt-BR'];
    expect(offering.options).toEqual([labels['option.accept'], labels['option.other'], labels['option.human']]);
    expect(offering.options[0]).toBe('Aceitar');
    expect(pt.nodes.find((n) => n.id === 'askCnpj')!.waitsFor).toBe('o CNPJ da empresa');
    expect(flowGraph(def, loadTemplates(), 'en').nodes.find((n) => n.id === 'askCnpj')!.waitsFor).toBe('the company\'s CNPJ');
    // One text for every locale is still read; a locale missing falls back to pt-BR's.
    const oneText = { ...def, states: { ...def.states, askCnpj: { ...def.states.askCnpj!, meta: { waitsFor: 'CNPJ' } }, offering: { ...def.states.offering!, meta: { waitsFor: { 'pt-BR': 'uma resposta' } } } } };
    const en = flowGraph(oneText, loadTemplates(), 'en');
    expect(en.nodes.find((n) => n.id === 'askCnpj')!.waitsFor).toBe('CNPJ');
    expect(en.nodes.find((n) => n.id === 'offering')!.waitsFor).toBe('uma resposta');
  });

  it('labels each arrow in words, one arrow per pair of states, and lists the whole flow’s handlers once', () => {
    const toAgreeing = pt.edges.find((e) => e.from === 'offering' && e.to === 'agreeing')!;
    expect(toAgreeing.labels).toEqual(expect.arrayContaining([expect.stringContaining('“accept”')]));
    expect(toAgreeing.labels.every((l) => !/choiceIs|TEXT|\[/.test(l))).toBe(true);
    // No pair of states drawn twice, no arrow from a state to itself.
    expect(new Set(pt.edges.map((e) => `${e.from}>${e.to}`)).size).toBe(pt.edges.length);
    expect(pt.edges.some((e) => e.from === e.to)).toBe(false);
    // The root's handlers are the legend: not one arrow per state.
    const rootTargets = Object.values(def.on ?? {}).flat().length;
    expect(pt.legend).toHaveLength(rootTargets);
    expect(pt.legend.find((l) => l.to === 'optedOut')!.when).toContain('pede para não receber mensagens');
    expect(pt.edges.filter((e) => e.to === 'escalated').length).toBeLessThan(Object.keys(def.states).length / 2);
    // An eventless transition reads as words too, not as the JSON's "always".
    expect(pt.edges.find((e) => e.from === 'nextOffer' && e.to === 'askProposal')!.labels).toEqual(['logo em seguida']);
    expect(pt.edges.flatMap((e) => e.labels).some((l) => /\balways\b/.test(l))).toBe(false);
  });

  it('speaks the locale asked for', () => {
    const en = flowGraph(def, loadTemplates(), 'en');
    expect(en.edges.find((e) => e.from === 'offering' && e.to === 'agreeing')!.labels.join(' ')).not.toBe(toText(pt, 'offering', 'agreeing'));
    expect(en.nodes.find((n) => n.id === 'offering')!.says[0]!.text).not.toBe(pt.nodes.find((n) => n.id === 'offering')!.says[0]!.text);
  });
});

const toText = (g: ReturnType<typeof flowGraph>, from: string, to: string) => g.edges.find((e) => e.from === from && e.to === to)!.labels.join(' ');
