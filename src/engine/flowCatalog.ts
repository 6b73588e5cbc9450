import { createHash } from 'node:crypto';
import type { AnyStateMachine } from 'xstate';
import { LOCALES } from '../language/locale.js';
import { commonKeys, type TemplateSet } from '../phrasing/templates.js';
import { validateTemplates } from '../phrasing/validateTemplates.js';
import { buildMachine } from './buildMachine.js';
import type { FlowDefinition } from './flowSchema.js';
import { validateFlow, type FlowIssue } from './validateFlow.js';
import { CordialError } from '../domain/errors.js';

export interface FlowVersionInfo {
  version: number;
  checksum: string;
  createdBy: string;
  createdAt: Date;
  note: string | null;
}

export interface FlowVersionRecord extends FlowVersionInfo {
  definition: unknown;
  /** Null for versions stored before templates were versioned. */
  templates: TemplateSet | null;
}

/** Storage of immutable flow versions (implemented in src/storage). */
export interface FlowVersionStore {
  latest(flowId: string): Promise<FlowVersionRecord | null>;
  /** Only the latest version's number: asked on every conversation start, without the definition. */
  latestVersion(flowId: string): Promise<number | null>;
  get(flowId: string, version: number): Promise<FlowVersionRecord | null>;
  /** The latest version published by `createdBy` (a deploy publishes as "system:<file>"). */
  latestBy(flowId: string, createdBy: string): Promise<FlowVersionRecord | null>;
  list(flowId: string): Promise<FlowVersionInfo[]>;
  flowIds(): Promise<string[]>;
  insert(flowId: string, v: { definition: FlowDefinition; templates: TemplateSet; checksum: string; createdBy: string; note?: string }): Promise<number>;
}

export class FlowValidationError extends CordialError<'FLOW_INVALID'> {
  constructor(readonly issues: FlowIssue[]) {
    super('FLOW_INVALID', `flow is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  }
}

export function flowChecksum(def: unknown, templates?: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(templates === undefined ? def : { def, templates }))
    .digest('hex');
}

const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);

/** Where an admin's draft runs in the simulator: its own flow id, so it never becomes the published flow. */
export const simulationFlowId = (flowId: string) => `${flowId}~simulation`;

/**
 * Published flows with their templates, by (flow, version). Versions are immutable, so the caches
 * never go stale. The latest version of a flow is the published one; rolling back publishes an old
 * version's content again, as a new version.
 */
export class FlowCatalog {
  private machines = new Map<string, AnyStateMachine>();
  private templateSets = new Map<string, TemplateSet>();

  constructor(
    private store: FlowVersionStore,
    /** The files in prompts/templates: the templates of versions stored before templates were versioned. */
    private fallbackTemplates: TemplateSet,
  ) {}

  /** Everything publishing checks, flow and templates together; issue paths name the JSON location. */
  validate(definition: unknown, templates: unknown): { ok: true; flow: FlowDefinition; templates: TemplateSet } | { ok: false; issues: FlowIssue[] } {
    const t = validateTemplates(templates);
    // Keys come from the templates given, even when some of their texts are wrong: a key missing
    // in a locale is reported as such.
    const shaped = (LOCALES as string[]).every((l) => isObject((templates as Record<string, unknown> | null)?.[l]));
    const keys = commonKeys(shaped ? (templates as TemplateSet) : this.fallbackTemplates);
    const f = validateFlow(definition, { templateKeys: keys });
    const issues = [...(f.ok ? [] : f.errors), ...(t.ok ? [] : t.errors)];
    if (issues.length || !f.ok || !t.ok) return { ok: false, issues };
    return { ok: true, flow: f.flow, templates: t.templates };
  }

  /** Publishes a new version unless it equals the latest one; returns the live version. */
  async publish(definition: unknown, templates: unknown, createdBy: string, note?: string): Promise<{ flowId: string; version: number; created: boolean }> {
    const v = this.validate(definition, templates);
    if (!v.ok) throw new FlowValidationError(v.issues);
    const checksum = flowChecksum(v.flow, v.templates);
    const latest = await this.store.latest(v.flow.id);
    if (latest?.checksum === checksum) return { flowId: v.flow.id, version: latest.version, created: false };
    const version = await this.store.insert(v.flow.id, { definition: v.flow, templates: v.templates, checksum, createdBy, note });
    return { flowId: v.flow.id, version, created: true };
  }

  /**
   * At start: the files (flows/, prompts/templates/) are published only when they changed since
   * the last time they were, so an admin's edits made in the console survive a restart; a deploy
   * that changes the files publishes them as a new version.
   */
  async publishFiles(definition: unknown, templates: TemplateSet, source: string): Promise<{ flowId: string; version: number; created: boolean }> {
    const v = this.validate(definition, templates);
    if (!v.ok) throw new FlowValidationError(v.issues);
    const checksum = flowChecksum(v.flow, v.templates);
    const fromFiles = await this.store.latestBy(v.flow.id, source);
    const latest = await this.store.latest(v.flow.id);
    if (latest && fromFiles?.checksum === checksum) return { flowId: v.flow.id, version: latest.version, created: false };
    return this.publish(v.flow, v.templates, source);
  }

  /** A draft frozen for the simulator under its own flow id (never the published flow). */
  async publishSimulation(definition: unknown, templates: unknown, createdBy: string): Promise<{ flowId: string; version: number }> {
    const v = this.validate(definition, templates);
    if (!v.ok) throw new FlowValidationError(v.issues);
    const flowId = simulationFlowId(v.flow.id);
    const checksum = flowChecksum(v.flow, v.templates);
    const latest = await this.store.latest(flowId);
    if (latest?.checksum === checksum) return { flowId, version: latest.version };
    return { flowId, version: await this.store.insert(flowId, { definition: v.flow, templates: v.templates, checksum, createdBy }) };
  }

  async latestVersion(flowId: string): Promise<number> {
    const latest = await this.store.latestVersion(flowId);
    if (latest === null) throw new Error(`flow "${flowId}" has no published version`);
    return latest;
  }

  version(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    return this.store.get(flowId, version);
  }

  versions(flowId: string): Promise<FlowVersionInfo[]> {
    return this.store.list(flowId);
  }

  /** Published flows (simulator snapshots excluded). */
  async flowIds(): Promise<string[]> {
    return (await this.store.flowIds()).filter((id) => !id.endsWith('~simulation'));
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

  /** The templates a conversation on (flow, version) is spoken with. */
  async templates(flowId: string, version: number): Promise<TemplateSet> {
    const key = `${flowId}@${version}`;
    const hit = this.templateSets.get(key);
    if (hit) return hit;
    const row = await this.store.get(flowId, version);
    const set = row?.templates ?? this.fallbackTemplates;
    this.templateSets.set(key, set);
    return set;
  }
}
