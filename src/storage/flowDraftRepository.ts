import type { TemplateSet } from '../phrasing/templates.js';
import { appendAudit } from './auditLog.js';
import type { Db } from './database.js';

export interface FlowDraft {
  flowId: string;
  definitionText: string;
  templates: TemplateSet;
  updatedBy: string;
  updatedAt: Date;
}

export async function getFlowDraft(db: Db, flowId: string): Promise<FlowDraft | null> {
  const r = await db.flowDraft.findUnique({ where: { flowId } });
  return r ? { ...r, templates: r.templates as TemplateSet } : null;
}

/** Saves an admin's work in progress (already validated); drafts are audited like everything an admin does. */
export async function saveFlowDraft(db: Db, flowId: string, draft: { definitionText: string; templates: TemplateSet }, actor: string): Promise<FlowDraft> {
  return db.$transaction(async (tx) => {
    const r = await tx.flowDraft.upsert({
      where: { flowId },
      create: { flowId, definitionText: draft.definitionText, templates: draft.templates as object, updatedBy: actor },
      update: { definitionText: draft.definitionText, templates: draft.templates as object, updatedBy: actor },
    });
    await appendAudit(tx, [{ type: 'flow.draft_saved', actor, data: { flowId } }]);
    return { ...r, templates: r.templates as TemplateSet };
  });
}

export async function deleteFlowDraft(db: Db, flowId: string, actor: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const r = await tx.flowDraft.deleteMany({ where: { flowId } });
    if (r.count) await appendAudit(tx, [{ type: 'flow.draft_discarded', actor, data: { flowId } }]);
  });
}
