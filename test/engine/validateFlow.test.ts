import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../src/engine/validateFlow.js';
import { commonKeys, loadTemplates } from '../../src/phrasing/templates.js';

const defaultFlow = JSON.parse(readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8'));
const templateKeys = commonKeys(loadTemplates());

function clone<T>(x: T): T {
  return structuredClone(x);
}

function errorsOf(flow: unknown) {
  const r = validateFlow(flow, { templateKeys });
  if (r.ok) throw new Error('expected the flow to be rejected');
  return r.errors;
}

describe('validateFlow', () => {
  it('accepts the default negotiation flow with every template key present in both locales', () => {
    const r = validateFlow(defaultFlow, { templateKeys });
    expect(r.ok ? [] : r.errors).toEqual([]);
  });

  it('rejects an unknown action name with its path', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[0].actions.push('sendMoney');
    expect(errorsOf(f)).toContainEqual({ path: 'states.askCnpj.on.TEXT[0].actions[2]', message: 'unknown action "sendMoney"', messages: { en: 'unknown action "sendMoney"', 'pt-BR': 'ação desconhecida "sendMoney"' } });
  });

  it('rejects an unknown guard', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[0].guard = 'alwaysTrue';
    expect(errorsOf(f)).toContainEqual({ path: 'states.askCnpj.on.TEXT[0].guard', message: 'unknown guard "alwaysTrue"', messages: { en: 'unknown guard "alwaysTrue"', 'pt-BR': 'condição desconhecida "alwaysTrue"' } });
  });

  it('rejects params that fail the action schema', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[3].actions[1] = { type: 'say', params: { key: 'welcome', facts: ['passwords'] } };
    const errs = errorsOf(f);
    expect(errs.some((e) => e.path.startsWith('states.askCnpj.on.TEXT[3].actions[1].params.facts') && e.message.startsWith('say:'))).toBe(true);
  });

  it('says each issue in Portuguese too, zod’s included, keeping `message` English for API clients', () => {
    const f = clone(defaultFlow);
    // A choiceIs without its option, and a say whose key is a number: zod's issues, prefixed by the name.
    f.states.askCnpj.on.TEXT[0].guard = { type: 'choiceIs', params: {} };
    f.states.askCnpj.on.TEXT[3].actions[1] = { type: 'say', params: { key: 7 } };
    f.states.askCnpj.after = { 1000: { target: 'escalated' } };
    const errs = errorsOf(f);
    expect(errs).toEqual([
      expect.objectContaining({ message: expect.stringContaining('timers ("after") are not allowed'), messages: { en: expect.stringContaining('timers ("after")'), 'pt-BR': expect.stringMatching(/^Chave inválida: "after" — temporizadores \("after"\) não são permitidos/) } }),
    ]);
    delete f.states.askCnpj.after;
    const params = errorsOf(f);
    expect(params).toContainEqual({ path: 'states.askCnpj.on.TEXT[0].guard.params.id', message: 'choiceIs: Invalid input: expected string, received undefined', messages: { en: 'choiceIs: Invalid input: expected string, received undefined', 'pt-BR': 'choiceIs: Obrigatório: esperava um texto' } });
    expect(params).toContainEqual(expect.objectContaining({ path: 'states.askCnpj.on.TEXT[3].actions[1].params.key', messages: expect.objectContaining({ 'pt-BR': 'say: Entrada inválida: esperava um texto, recebeu um número' }) }));
  });

  it('rejects a say whose template does not exist in every locale', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[3].actions[1] = { type: 'say', params: { key: 'no.such.key' } };
    expect(errorsOf(f)).toContainEqual(expect.objectContaining({ path: 'states.askCnpj.on.TEXT[3].actions[1].params', message: 'no template "no.such.key" in every locale', messages: expect.objectContaining({ 'pt-BR': 'não há texto "no.such.key" em todos os idiomas' }) }));
  });

  it('rejects after timers with an explanation', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.after = { 172800000: { target: 'escalated' } };
    const errs = errorsOf(f);
    expect(errs.some((e) => /timers \("after"\) are not allowed/.test(e.message))).toBe(true);
  });

  it('rejects an unreachable state', () => {
    const f = clone(defaultFlow);
    f.states.orphan = { entry: [{ type: 'say', params: { key: 'welcome', facts: ['creditor'] } }] };
    expect(errorsOf(f)).toContainEqual(expect.objectContaining({ path: 'states.orphan', message: 'state "orphan" is unreachable from "start"', messages: expect.objectContaining({ 'pt-BR': 'nada leva à etapa "orphan" a partir de "start"' }) }));
  });

  it('rejects unknown targets and unknown events', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[0].target = 'nowhere';
    f.states.askCnpj.on.TXET = { target: 'askCnpj' };
    const errs = errorsOf(f);
    expect(errs).toContainEqual(expect.objectContaining({ path: 'states.askCnpj.on.TEXT[0].target', message: 'unknown state "nowhere"', messages: expect.objectContaining({ 'pt-BR': 'etapa desconhecida "nowhere"' }) }));
    expect(errs.some((e) => e.path === 'states.askCnpj.on.TXET' && /unknown event "TXET"/.test(e.message))).toBe(true);
  });

  it('rejects inline code and nested states', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[0].actions = [{ type: 'say', params: { key: 'welcome' }, exec: 'process.exit()' }];
    f.states.askCnpj.states = {};
    const errs = errorsOf(f);
    expect(errs.length).toBeGreaterThanOrEqual(2);
  });
});
