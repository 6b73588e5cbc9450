import type { FastifyInstance } from 'fastify';
import { parsePolicyBuckets } from '../domain/policyBuckets.js';
import type { Db } from '../storage/database.js';
import { POLICY_BUCKETS } from '../storage/policyRepository.js';
import { currentSetting, saveSetting } from '../storage/settingVersions.js';
import { adminActor, adminAuth } from './adminAuth.js';

/** GET|PUT /api/admin/policy/buckets: offer limits per range of days overdue (validated like the policy). */
export function registerPolicyBucketsRoutes(app: FastifyInstance, deps: { db: Db; creditorId: string; adminToken: string }) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));
    admin.get('/api/admin/policy/buckets', async () => currentSetting(db, creditorId, POLICY_BUCKETS));
    admin.put('/api/admin/policy/buckets', async (req, reply) => {
      const parsed = parsePolicyBuckets(req.body);
      if (!parsed.ok) return reply.status(422).send({ error: 'invalid_body', message: 'the buckets are not valid', errors: parsed.errors });
      return saveSetting(db, creditorId, POLICY_BUCKETS, parsed.value, adminActor(req));
    });
  });
}
