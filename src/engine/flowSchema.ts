import { z } from 'zod';

// A flow is a flat XState machine config in JSON: named states, each with entry actions and
// transitions that reference guards and actions by name. Root-level `on` handlers apply in every
// state (XState tries the state's own handlers first). Timers (`after`), invocations and nested
// states are not accepted: long waits are database jobs, and a flat chart is what admins can read.

const named = z.union([
  z.string().min(1),
  z.object({ type: z.string().min(1), params: z.unknown().optional() }).strict(),
]);
export type NamedRef = z.infer<typeof named>;

const transition = z
  .object({
    target: z.string().min(1).optional(),
    guard: named.optional(),
    actions: z.array(named).optional(),
    // Re-run the target's entry actions when it is the current state (e.g. present the next offer).
    reenter: z.boolean().optional(),
    description: z.string().optional(),
  })
  .strict();
export type FlowTransition = z.infer<typeof transition>;
const transitions = z.union([transition, z.array(transition)]);

export const FLOW_EVENTS = [
  'START',
  'TEXT',
  'INTENT',
  'IDENTITY.OK',
  'IDENTITY.FAILED',
  'IDENTITY.NO_DEBT',
  'IDENTITY.PHONE_UNKNOWN',
  'IDENTITY.UNLOCKED',
  'CONTACT',
  'MEDIA',
  'AGREEMENT.CREATED',
  'AGREEMENT.STATUS',
  'RENEGOTIATION.READY',
  'RENEGOTIATION.REFUSED',
  'HANDBACK',
] as const;

const stateSchema = z
  .object({
    description: z.string().optional(),
    type: z.enum(['atomic', 'final']).optional(),
    entry: z.array(named).optional(),
    exit: z.array(named).optional(),
    on: z.record(z.string(), transitions).optional(),
    always: transitions.optional(),
    // Admin-facing hints (e.g. what the bot waits for); never executed.
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type FlowState = z.infer<typeof stateSchema>;

export const FlowDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'lowercase letters, digits and dashes'),
    description: z.string().optional(),
    initial: z.string().min(1),
    on: z.record(z.string(), transitions).optional(),
    states: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'state names are letters, digits and _'), stateSchema),
  })
  .strict();
export type FlowDefinition = z.infer<typeof FlowDefinitionSchema>;

export function asArray<T>(x: T | T[] | undefined): T[] {
  return x === undefined ? [] : Array.isArray(x) ? x : [x];
}
export function refName(r: NamedRef): string {
  return typeof r === 'string' ? r : r.type;
}
export function refParams(r: NamedRef): unknown {
  return typeof r === 'string' ? undefined : r.params;
}
