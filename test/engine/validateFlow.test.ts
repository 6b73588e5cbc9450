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
    expect(errorsOf(f)).toContainEqual({ path: 'states.askCnpj.on.TEXT[0].actions[2]', message: 'unknown action "sendMoney"' });
  });

  it('rejects an unknown guard', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[0].guard = 'alwaysTrue';
    expect(errorsOf(f)).toContainEqual({ path: 'states.askCnpj.on.TEXT[0].guard', message: 'unknown guard "alwaysTrue"' });
  });

  it('rejects params that fail the action schema', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[3].actions[1] = { type: 'say', params: { key: 'welcome', facts: ['passwords'] } };
    const errs = errorsOf(f);
    expect(errs.some((e) => e.path.startsWith('states.askCnpj.on.TEXT[3].actions[1].params.facts') && e.message.startsWith('say:'))).toBe(true);
  });

  it('rejects a say whose template does not exist in every locale', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[3].actions[1] = { type: 'say', params: { key: 'no.such.key' } };
    expect(errorsOf(f)).toContainEqual({ path: 'states.askCnpj.on.TEXT[3].actions[1].params', message: 'no template "no.such.key" in every locale' });
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
    expect(errorsOf(f)).toContainEqual({ path: 'states.orphan', message: 'state "orphan" is unreachable from "start"' });
  });

  it('rejects unknown targets and unknown events', () => {
    const f = clone(defaultFlow);
    f.states.askCnpj.on.TEXT[0].target = 'nowhere';
    f.states.askCnpj.on.TXET = { target: 'askCnpj' };
    const errs = errorsOf(f);
    expect(errs).toContainEqual({ path: 'states.askCnpj.on.TEXT[0].target', message: 'unknown state "nowhere"' });
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
