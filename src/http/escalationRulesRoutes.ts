import type { FastifyInstance } from 'fastify';
import { parseEscalationRules } from '../domain/escalationRules.js';
import type { Db } from '../storage/database.js';
import { currentEscalationRules, saveEscalationRules } from '../storage/escalationRulesRepository.js';
import { adminActor, adminAuth } from './adminAuth.js';

export interface EscalationRulesDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  /** Called after a successful PUT, e.g. to drop a cached copy of the rules. */
  onChange?: () => void;
}

/** GET|PUT /api/admin/escalation-rules: the same admin guard and 422 shape as the offer policy. */
export function registerEscalationRulesRoutes(app: FastifyInstance, deps: EscalationRulesDeps) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));

    admin.get('/api/admin/escalation-rules', async () => currentEscalationRules(db, creditorId));

    admin.put('/api/admin/escalation-rules', async (req, reply) => {
      const parsed = parseEscalationRules(req.body);
      if (!parsed.ok) return reply.status(422).send({ errors: parsed.errors });
      const saved = await saveEscalationRules(db, creditorId, parsed.rules, adminActor(req));
      deps.onChange?.();
      return saved;
    });
  });
}
