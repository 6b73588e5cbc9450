import type { FlowVersionRecord, FlowVersionStore } from '../../engine/flowCatalog.js';

/** Published flow versions in memory (tests of the pipeline without a database). */
export function memoryFlowVersionStore(): FlowVersionStore {
  const versions = new Map<string, FlowVersionRecord[]>();
  const of = (flowId: string) => versions.get(flowId) ?? [];
  return {
    async latest(flowId) {
      return of(flowId).at(-1) ?? null;
    },
    async latestVersion(flowId) {
      return of(flowId).at(-1)?.version ?? null;
    },
    async get(flowId, version) {
      return of(flowId).find((v) => v.version === version) ?? null;
    },
    async latestBy(flowId, createdBy) {
      return of(flowId).filter((v) => v.createdBy === createdBy).at(-1) ?? null;
    },
    async list(flowId) {
      return of(flowId)
        .map(({ version, checksum, createdBy, createdAt, note }) => ({ version, checksum, createdBy, createdAt, note }))
        .reverse();
    },
    async flowIds() {
      return [...versions.keys()].sort();
    },
    async insert(flowId, v) {
      const list = of(flowId);
      const version = (list.at(-1)?.version ?? 0) + 1;
      versions.set(flowId, [...list, { version, definition: v.definition, templates: v.templates, checksum: v.checksum, createdBy: v.createdBy, createdAt: new Date(), note: v.note ?? null }]);
      return version;
    },
  };
}
