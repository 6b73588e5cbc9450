import type { FlowVersionRecord, FlowVersionStore } from '../engine/flowCatalog.js';
import type { TemplateSet } from '../phrasing/templates.js';
import { appendAudit } from './auditLog.js';
import type { Db } from './database.js';

type Row = { version: number; definition: unknown; templates: unknown; checksum: string; createdBy: string; createdAt: Date; note: string | null };
const toRecord = (r: Row): FlowVersionRecord => ({ ...r, templates: (r.templates as TemplateSet | null) ?? null });

export function prismaFlowVersionStore(db: Db): FlowVersionStore {
  return {
    async latest(flowId) {
      const r = await db.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' } });
      return r ? toRecord(r) : null;
    },
    async latestVersion(flowId) {
      const r = await db.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' }, select: { version: true } });
      return r?.version ?? null;
    },
    async get(flowId, version) {
      const r = await db.flowVersion.findUnique({ where: { flowId_version: { flowId, version } } });
      return r ? toRecord(r) : null;
    },
    async latestBy(flowId, createdBy) {
      const r = await db.flowVersion.findFirst({ where: { flowId, createdBy }, orderBy: { version: 'desc' } });
      return r ? toRecord(r) : null;
    },
    async list(flowId) {
      return db.flowVersion.findMany({
        where: { flowId },
        orderBy: { version: 'desc' },
        select: { version: true, checksum: true, createdBy: true, createdAt: true, note: true },
      });
    },
    async flowIds() {
      const rows = await db.flowVersion.findMany({ distinct: ['flowId'], select: { flowId: true }, orderBy: { flowId: 'asc' } });
      return rows.map((r) => r.flowId);
    },
    async insert(flowId, v) {
      return db.$transaction(async (tx) => {
        const last = await tx.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' }, select: { version: true } });
        const version = (last?.version ?? 0) + 1;
        await tx.flowVersion.create({
          data: { flowId, version, definition: v.definition as object, templates: v.templates as object, checksum: v.checksum, createdBy: v.createdBy, note: v.note ?? null },
        });
        await appendAudit(tx, [{ type: 'flow.published', actor: v.createdBy, data: { flowId, version, checksum: v.checksum, note: v.note ?? null } }]);
        return version;
      });
    },
  };
}
