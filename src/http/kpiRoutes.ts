import type { FastifyInstance } from 'fastify';
import { KpiQuerySchema } from '../domain/kpis.js';
import type { Db } from '../storage/database.js';
import { computeKpis } from '../storage/kpiQueries.js';
import { adminAuth } from './adminAuth.js';
import { parseQuery } from './parseBody.js';

export interface KpiRoutesDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  /** The creditor's time zone: the period's days are its calendar days. */
  timeZone: string;
  clock: () => Date;
}

/**
 * GET /api/admin/kpis?from=YYYY-MM-DD&to=YYYY-MM-DD[&channel=&flowVersion=&bucket=] — the figures
 * of src/domain/kpis.ts, for admins (token or session): the collection manager's numbers.
 */
export function registerKpiRoutes(app: FastifyInstance, deps: KpiRoutesDeps) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db, deps.clock, ['admin']));
    admin.get('/api/admin/kpis', async (req) => {
      const query = parseQuery(KpiQuerySchema, req.query);
      return computeKpis(db, { creditorId, query, timeZone: deps.timeZone, now: deps.clock() });
    });
  });
}
