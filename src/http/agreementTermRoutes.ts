import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agreementTermFileName, renderAgreementTermPdf } from '../phrasing/agreementTermPdf.js';
import { readAgreementTerm } from '../storage/agreementTermReader.js';
import { appendAudit } from '../storage/auditLog.js';
import type { Db } from '../storage/database.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';
import { requireSession, sessionToken } from './sessionAuth.js';

export interface AgreementTermRoutesDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  clock?: () => Date;
}

/**
 * GET /api/admin/agreements/:id/term.pdf: the term as the debtor received it, for the staff — the
 * admin token or an admin's session, and agents too (they answer debtors who ask for a copy).
 * Each download is audited: who took a copy of a debtor's term, and when.
 */
export function registerAgreementTermRoutes(app: FastifyInstance, deps: AgreementTermRoutesDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const adminOnly = adminAuth(deps.adminToken, db, clock);
  const staff = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.headers.authorization === undefined && sessionToken(req)) {
      await requireSession(db, req, ['agent', 'admin'], clock());
      return;
    }
    return adminOnly(req, reply);
  };

  app.get<{ Params: { id: string } }>('/api/admin/agreements/:id/term.pdf', { onRequest: staff }, async (req, reply) => {
    const stored = await readAgreementTerm(db, req.params.id);
    // Another creditor's agreement is, to this deployment's staff, one that does not exist.
    if (!stored || stored.creditorId !== deps.creditorId) throw new HttpError(404, 'not_found', 'no agreement with this id');
    const pdf = await renderAgreementTermPdf(stored.term);
    await db.$transaction((tx) =>
      appendAudit(tx, [{ type: 'agreement.term_exported', actor: adminActor(req), conversationId: stored.conversationId, debtorId: stored.debtorId, data: { agreementId: stored.term.id } }]),
    );
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${agreementTermFileName(stored.term)}"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
}
