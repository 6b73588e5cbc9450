import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { FlowContext } from './flowContext.js';
import type { PersistedSnapshot } from './ports.js';
import { CordialError } from '../domain/errors.js';

export class SnapshotError extends CordialError<'SNAPSHOT_UNRESOLVABLE'> {
  constructor(message: string) {
    super('SNAPSHOT_UNRESOLVABLE', message);
  }
}

/** Only the state name and the JSON context are persisted; restoring re-resolves them on the pinned machine. */
export function persistSnapshot(s: AnyMachineSnapshot): PersistedSnapshot {
  return { v: 1, value: String(s.value), context: s.context as FlowContext };
}

export function restoreSnapshot(machine: AnyStateMachine, p: PersistedSnapshot): AnyMachineSnapshot {
  if (p?.v !== 1 || typeof p.value !== 'string') throw new SnapshotError('conversation snapshot has an unknown format');
  try {
    return machine.resolveState({ value: p.value, context: p.context });
  } catch (err) {
    // A state removed from the flow: we refuse to guess where the conversation should be.
    throw new SnapshotError(`state "${p.value}" does not exist in flow ${machine.id}: ${(err as Error).message}`);
  }
}
