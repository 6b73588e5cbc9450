import type { z } from 'zod';
import { FLOW_EVENTS, FlowDefinitionSchema, asArray, refName, refParams, type FlowDefinition, type FlowTransition, type NamedRef } from './flowSchema.js';
import { REPORT_INPUT, inLocales, zodIssueInLocales, type InLocales } from '../language/inLocales.js';
import { expandSayKey, paramsSchemaFor } from './registry.js';

export interface FlowIssue {
  path: string;
  /** English, for API clients and logs. */
  message: string;
  /** The same in each console language, where it can be said (the admin console shows its own). */
  messages?: InLocales;
}

/** An issue said in both languages. */
const said = (path: string, en: string, pt: string): FlowIssue => ({ path, message: en, messages: inLocales(en, pt) });

/** `prefix: …` before an issue's message in every language it has. */
function prefixed(issue: FlowIssue, prefix: string): FlowIssue {
  const m = issue.messages;
  return { ...issue, message: `${prefix}${issue.message}`, ...(m ? { messages: inLocales(`${prefix}${m.en}`, `${prefix}${m['pt-BR']}`) } : {}) };
}

/** ` — why` after an issue's message, in both languages (the Portuguese one falls back to English zod). */
function explained(issue: FlowIssue, en: string, pt: string): FlowIssue {
  const m = issue.messages;
  return { ...issue, message: `${issue.message} — ${en}`, messages: inLocales(`${m?.en ?? issue.message} — ${en}`, `${m?.['pt-BR'] ?? issue.message} — ${pt}`) };
}

export type FlowValidation = { ok: true; flow: FlowDefinition } | { ok: false; errors: FlowIssue[] };

export interface ValidateOptions {
  /** Template keys that exist in every locale; a `say` of any other key is an error. */
  templateKeys?: ReadonlySet<string>;
}

function joinPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

function zodIssues(prefix: string, err: z.ZodError): FlowIssue[] {
  return err.issues.map((i) => {
    const messages = zodIssueInLocales(i);
    return { path: [prefix, joinPath(i.path)].filter(Boolean).join('.'), message: i.message, ...(messages ? { messages } : {}) };
  });
}

const unknownState = (path: string, name: string) => said(path, `unknown state "${name}"`, `etapa desconhecida "${name}"`);

/** Everything publishing checks: shape, names, params, targets, events, template keys, reachability. */
export function validateFlow(input: unknown, opts: ValidateOptions = {}): FlowValidation {
  const parsed = FlowDefinitionSchema.safeParse(input, REPORT_INPUT);
  if (!parsed.success) {
    // Name the forbidden constructs plainly; zod would only say "unrecognized key".
    const errors = zodIssues('', parsed.error).map((e) => {
      if (/after/.test(e.message)) return explained(e, 'timers ("after") are not allowed: long waits are scheduled jobs', 'temporizadores ("after") não são permitidos: esperas longas são tarefas agendadas');
      if (/invoke|states/.test(e.message)) return explained(e, 'flows are flat: no nested states or invoked services', 'fluxos são planos: sem estados aninhados nem serviços invocados');
      return e;
    });
    return { ok: false, errors };
  }
  const flow = parsed.data;
  const errors: FlowIssue[] = [];
  const stateNames = new Set(Object.keys(flow.states));

  const checkRef = (kind: 'guard' | 'action', ref: NamedRef, path: string) => {
    const name = refName(ref);
    const schema = paramsSchemaFor(kind, name);
    if (!schema) {
      errors.push(kind === 'guard' ? said(path, `unknown guard "${name}"`, `condição desconhecida "${name}"`) : said(path, `unknown action "${name}"`, `ação desconhecida "${name}"`));
      return;
    }
    const res = schema.safeParse(refParams(ref), REPORT_INPUT);
    if (!res.success) errors.push(...zodIssues(`${path}.params`, res.error).map((e) => prefixed(e, `${name}: `)));
    // Only params that passed their schema: a key that is not text has been said already, and would throw here.
    if (res.success && kind === 'action' && name === 'say' && opts.templateKeys) {
      const p = refParams(ref) as { key?: string; options?: { labelKey: string }[] } | undefined;
      for (const key of [...expandSayKey(p?.key ?? ''), ...(p?.options ?? []).map((o) => o.labelKey)]) {
        if (key && !opts.templateKeys.has(key)) errors.push(said(`${path}.params`, `no template "${key}" in every locale`, `não há texto "${key}" em todos os idiomas`));
      }
    }
  };

  const checkTransitions = (list: FlowTransition[], path: string, edges: Set<string>) => {
    list.forEach((t, i) => {
      const p = `${path}[${i}]`;
      if (t.target !== undefined) {
        if (!stateNames.has(t.target)) errors.push(unknownState(`${p}.target`, t.target));
        else edges.add(t.target);
      }
      if (t.guard) checkRef('guard', t.guard, `${p}.guard`);
      t.actions?.forEach((a, j) => checkRef('action', a, `${p}.actions[${j}]`));
    });
  };

  const checkOn = (on: FlowDefinition['on'], path: string, edges: Set<string>) => {
    for (const [event, ts] of Object.entries(on ?? {})) {
      if (!(FLOW_EVENTS as readonly string[]).includes(event)) {
        errors.push(said(`${path}.${event}`, `unknown event "${event}" (known: ${FLOW_EVENTS.join(', ')})`, `evento desconhecido "${event}" (conhecidos: ${FLOW_EVENTS.join(', ')})`));
      }
      checkTransitions(asArray(ts), `${path}.${event}`, edges);
    }
  };

  if (!stateNames.has(flow.initial)) errors.push(unknownState('initial', flow.initial));

  const rootEdges = new Set<string>();
  checkOn(flow.on, 'on', rootEdges);
  const edges = new Map<string, Set<string>>();
  for (const [name, s] of Object.entries(flow.states)) {
    const out = new Set<string>();
    const base = `states.${name}`;
    s.entry?.forEach((a, i) => checkRef('action', a, `${base}.entry[${i}]`));
    s.exit?.forEach((a, i) => checkRef('action', a, `${base}.exit[${i}]`));
    checkOn(s.on, `${base}.on`, out);
    checkTransitions(asArray(s.always), `${base}.always`, out);
    if (s.type === 'final' && (s.on || s.always)) errors.push(said(base, 'a final state has no transitions', 'uma etapa final não tem saídas'));
    edges.set(name, out);
  }

  // Root handlers can fire from any non-final state, so their targets are reachable from anywhere.
  const seen = new Set<string>();
  const queue = stateNames.has(flow.initial) ? [flow.initial] : [];
  while (queue.length) {
    const s = queue.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    const next = [...(edges.get(s) ?? [])];
    if (flow.states[s]?.type !== 'final') next.push(...rootEdges);
    queue.push(...next.filter((n) => !seen.has(n)));
  }
  for (const name of stateNames) {
    if (!seen.has(name)) errors.push(said(`states.${name}`, `state "${name}" is unreachable from "${flow.initial}"`, `nada leva à etapa "${name}" a partir de "${flow.initial}"`));
  }

  return errors.length ? { ok: false, errors } : { ok: true, flow };
}
