import { setup, type AnyStateMachine } from 'xstate';
import type { FlowContext, FlowEvent } from './flowContext.js';
import { asArray, type FlowDefinition, type FlowTransition } from './flowSchema.js';
import { machineImplementations } from './registry.js';

/** Root-level targets name children of the root: XState wants them as ".name". */
function rootTargets(on: FlowDefinition['on']) {
  if (!on) return undefined;
  const out: Record<string, FlowTransition[]> = {};
  for (const [ev, ts] of Object.entries(on)) {
    out[ev] = asArray(ts).map((t) => (t.target ? { ...t, target: `.${t.target}` } : t));
  }
  return out;
}

/** Build the XState machine of an already validated flow (see validateFlow). */
export function buildMachine(flow: FlowDefinition): AnyStateMachine {
  const impl = machineImplementations();
  return setup({
    types: { context: {} as FlowContext, events: {} as FlowEvent, input: {} as FlowContext },
    guards: impl.guards as never,
    actions: impl.actions as never,
  }).createMachine({
    id: flow.id,
    initial: flow.initial,
    context: ({ input }: { input: FlowContext }) => input,
    on: rootTargets(flow.on),
    states: flow.states,
  } as never) as unknown as AnyStateMachine;
}
