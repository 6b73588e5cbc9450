import type { FlowVersionStore } from '../engine/flowCatalog.js';
import type { FlowDefinition } from '../engine/flowSchema.js';
import { appendAudit } from './auditLog.js';
import type { Db } from './database.js';

export function prismaFlowVersionStore(db: Db): FlowVersionStore {
  return {
    async latest(flowId) {
      const r = await db.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' } });
      return r ? { version: r.version, definition: r.definition, checksum: r.checksum } : null;
    },
    async get(flowId, version) {
      const r = await db.flowVersion.findUnique({ where: { flowId_version: { flowId, version } } });
      return r ? { definition: r.definition } : null;
    },
    async insert(flowId: string, definition: FlowDefinition, checksum: string, createdBy: string) {
      return db.$transaction(async (tx) => {
        const last = await tx.flowVersion.findFirst({ where: { flowId }, orderBy: { version: 'desc' }, select: { version: true } });
        const version = (last?.version ?? 0) + 1;
        await tx.flowVersion.create({ data: { flowId, version, definition: definition as object, checksum, createdBy } });
        await appendAudit(tx, [{ type: 'flow.published', actor: createdBy, data: { flowId, version, checksum } }]);
        return version;
      });
    },
  };
}
