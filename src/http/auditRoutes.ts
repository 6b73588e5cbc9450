import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { REPORT_INPUT } from '../language/inLocales.js';
import { fieldErrors } from '../users/newUserSchema.js';
import { appendAudit } from '../storage/auditLog.js';
import { verifyAuditChain } from '../storage/verifyAuditChain.js';
import type { Db } from '../storage/database.js';
import { buildDebtorEvidence, chainJson, type DebtorEvidence } from '../storage/debtorEvidence.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';
import { renderEvidencePdf } from './evidencePdf.js';

export interface AuditRoutesDeps {
  db: Db;
  adminToken: string;
  /** AUDIT_CHECKPOINT_SECRET: a checkpoint not signed with it fails the verification. */
  checkpointKey: string;
  clock?: () => Date;
}

// A head recorded earlier (from this endpoint or an evidence file): checking it detects a cut of
// the newest events, which the chain alone cannot show.
const VerifyQuery = z
  .object({
    anchorId: z.string().regex(/^\d{1,19}$/, 'an audit event id').optional(),
    anchorHash: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits').optional(),
  })
  .strict()
  .refine((q) => !q.anchorId === !q.anchorHash, { message: 'anchorId and anchorHash go together', path: ['anchorHash'] });

function fileName(ev: DebtorEvidence, ext: string): string {
  return `evidencias-${ev.debtor.cnpj.replace(/[^0-9A-Za-z]/g, '')}-${ev.generatedAt.slice(0, 10)}.${ext}`;
}

/**
 * GET /api/admin/audit/verify and the evidence exports of a debtor (JSON and PDF), under the admin
 * guard. Each export is itself audited: who took a copy of a debtor's record, and when.
 */
export function registerAuditRoutes(app: FastifyInstance, deps: AuditRoutesDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));

    admin.get('/api/admin/audit/verify', async (req) => {
      const parsed = VerifyQuery.safeParse(req.query ?? {}, REPORT_INPUT);
      if (!parsed.success) throw new HttpError(422, 'invalid_query', 'the query is not valid', { errors: fieldErrors(parsed.error) });
      const q = parsed.data;
      const v = await verifyAuditChain(db, { checkpointKey: deps.checkpointKey, ...(q.anchorId && q.anchorHash ? { anchor: { id: q.anchorId, hash: q.anchorHash } } : {}) });
      return chainJson(v);
    });

    const evidence = async (id: string, format: 'json' | 'pdf', actor: string) => {
      const ev = await buildDebtorEvidence(db, id, clock(), deps.checkpointKey);
      if (!ev) throw new HttpError(404, 'not_found', 'no debtor with this id');
      await db.$transaction((tx) => appendAudit(tx, [{ type: 'evidence.exported', actor, debtorId: id, data: { format, events: ev.events.length, chainOk: ev.chain.ok } }]));
      return ev;
    };

    admin.get<{ Params: { id: string } }>('/api/admin/debtors/:id/evidence.json', async (req, reply) => {
      const ev = await evidence(req.params.id, 'json', adminActor(req));
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(ev, 'json')}"`)
        .send(JSON.stringify(ev, null, 2));
    });

    admin.get<{ Params: { id: string } }>('/api/admin/debtors/:id/evidence.pdf', async (req, reply) => {
      const ev = await evidence(req.params.id, 'pdf', adminActor(req));
      const pdf = await renderEvidencePdf(ev);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${fileName(ev, 'pdf')}"`).send(pdf);
    });
  });
}
