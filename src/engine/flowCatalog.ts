import { createHash } from 'node:crypto';
import type { AnyStateMachine } from 'xstate';
import { buildMachine } from './buildMachine.js';
import type { FlowDefinition } from './flowSchema.js';
import { validateFlow, type FlowIssue } from './validateFlow.js';

/** Storage of immutable flow versions (implemented in src/storage). */
export interface FlowVersionStore {
  latest(flowId: string): Promise<{ version: number; definition: unknown; checksum: string } | null>;
  get(flowId: string, version: number): Promise<{ definition: unknown } | null>;
  insert(flowId: string, definition: FlowDefinition, checksum: string, createdBy: string): Promise<number>;
}

export class FlowValidationError extends Error {
  readonly code = 'FLOW_INVALID';
  constructor(readonly issues: FlowIssue[]) {
    super(`flow is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

export function flowChecksum(def: unknown): string {
  return createHash('sha256').update(JSON.stringify(def)).digest('hex');
}

/** Validated, built machines by (flow, version). Versions are immutable, so the cache never goes stale. */
export class FlowCatalog {
  private machines = new Map<string, AnyStateMachine>();

  constructor(
    private store: FlowVersionStore,
    private templateKeys: ReadonlySet<string>,
  ) {}

  /** Publishes `definition` as a new version unless it equals the latest one; returns the live version. */
  async publish(definition: unknown, createdBy: string): Promise<{ flowId: string; version: number; created: boolean }> {
    const v = validateFlow(definition, { templateKeys: this.templateKeys });
    if (!v.ok) throw new FlowValidationError(v.errors);
    const checksum = flowChecksum(v.flow);
    const latest = await this.store.latest(v.flow.id);
    if (latest?.checksum === checksum) return { flowId: v.flow.id, version: latest.version, created: false };
    const version = await this.store.insert(v.flow.id, v.flow, checksum, createdBy);
    return { flowId: v.flow.id, version, created: true };
  }

  async latestVersion(flowId: string): Promise<number> {
    const latest = await this.store.latest(flowId);
    if (!latest) throw new Error(`flow "${flowId}" has no published version`);
    return latest.version;
  }

  async machine(flowId: string, version: number): Promise<AnyStateMachine> {
    const key = `${flowId}@${version}`;
    const hit = this.machines.get(key);
    if (hit) return hit;
    const row = await this.store.get(flowId, version);
    if (!row) throw new Error(`flow ${key} not found`);
    // Validated again on load: a version stored by older code may use a name that no longer exists.
    const v = validateFlow(row.definition);
    if (!v.ok) throw new FlowValidationError(v.errors);
    const m = buildMachine(v.flow);
    this.machines.set(key, m);
    return m;
  }
}
