import type { FastifyInstance } from 'fastify';
import { isValidCnpj, normalizeCnpj } from '../domain/cnpj.js';
import type { Db } from '../storage/database.js';
import { liftIdentityLock, listIdentityLocks } from '../storage/identityThrottleRepository.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';

export interface IdentityLockDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  clock: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The identity check's locks (per CNPJ and per client address): admins see them and may lift one,
 * e.g. after confirming on the phone that the debtor is who they say. Lifting is audited.
 */
export function registerIdentityLockRoutes(app: FastifyInstance, deps: IdentityLockDeps) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db, deps.clock));

    admin.get('/api/admin/identity-locks', async () => ({ locks: await listIdentityLocks(db, creditorId, deps.clock()) }));

    // {key}: a CNPJ (any mask) or the id of a lock from the list (address locks have no CNPJ).
    admin.delete<{ Params: { key: string } }>('/api/admin/identity-locks/:key', async (req) => {
      const key = decodeURIComponent(req.params.key).trim();
      const target = UUID.test(key) ? { id: key } : isValidCnpj(normalizeCnpj(key)) ? { cnpj: normalizeCnpj(key) } : null;
      if (!target) throw new HttpError(422, 'invalid_key', 'give a valid CNPJ or the id of a lock (GET /api/admin/identity-locks)');
      const lifted = await liftIdentityLock(db, creditorId, target, adminActor(req), deps.clock());
      if (!lifted) throw new HttpError(404, 'not_locked', 'nothing is locked there');
      return { lifted };
    });
  });
}
