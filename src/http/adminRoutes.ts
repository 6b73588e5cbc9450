import type { FastifyInstance } from 'fastify';
import { parsePolicy } from '../domain/policy.js';
import { parsePortfolioCsv } from '../domain/portfolioCsv.js';
import type { Db } from '../storage/database.js';
import { currentPolicy, savePolicy } from '../storage/policyRepository.js';
import { importPortfolio } from '../storage/portfolioRepository.js';
import { adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';

export interface AdminDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken));

    admin.post('/api/admin/portfolio/import', { bodyLimit: 20 * 1024 * 1024 }, async (req, reply) => {
      if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'send the CSV as the body with Content-Type: text/csv');
      const parsed = parsePortfolioCsv(req.body);
      if (!parsed.ok) return reply.status(422).send({ errors: parsed.errors });
      return importPortfolio(db, creditorId, parsed.debtors, 'admin');
    });

    admin.get('/api/admin/policy', async () => currentPolicy(db, creditorId));

    admin.put('/api/admin/policy', async (req, reply) => {
      const parsed = parsePolicy(req.body);
      if (!parsed.ok) return reply.status(422).send({ errors: parsed.errors });
      return savePolicy(db, creditorId, parsed.policy, 'admin');
    });

    admin.get('/api/admin/handoffs', async () => {
      const rows = await db.handoff.findMany({
        where: { status: { in: ['pending', 'open'] } },
        orderBy: { createdAt: 'asc' },
        include: { conversation: { select: { channel: true, debtor: { select: { companyName: true } } } } },
      });
      return {
        handoffs: rows.map((h) => ({
          conversationId: h.conversationId,
          channel: h.conversation.channel,
          reason: h.reason,
          status: h.status,
          agent: h.agentId,
          debtor: { name: h.conversation.debtor?.companyName ?? null },
          since: h.createdAt.toISOString(),
        })),
      };
    });
  });
}
