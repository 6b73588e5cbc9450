import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { REPORT_INPUT } from '../language/inLocales.js';
import { fieldErrors } from '../users/newUserSchema.js';
import { parsePortfolioCsv } from '../domain/portfolioCsv.js';
import type { Db } from '../storage/database.js';
import { loadDebtorPage } from '../storage/debtorPage.js';
import { searchDebtors } from '../storage/debtorSearch.js';
import { previewPortfolio } from '../storage/portfolioPreview.js';
import { adminAuth } from './adminAuth.js';
import { MAX_BODY_BYTES } from './buildServer.js';
import { HttpError } from './errors.js';

export interface PortfolioDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
}

// Unknown parameters are ignored, as a query string's usually are (cache busters, the page's own state).
const SearchQuery = z.object({
  q: z.string().max(200, 'at most 200 characters').optional(),
  limit: z.coerce.number().int('a whole number from 1 to 100').min(1, 'a whole number from 1 to 100').max(100, 'a whole number from 1 to 100').default(25),
  offset: z.coerce.number().int('a whole number, 0 or more').min(0, 'a whole number, 0 or more').default(0),
});

function csvBody(req: FastifyRequest): string {
  if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'send the CSV as the body with Content-Type: text/csv');
  return req.body;
}

/**
 * The admin's view of the portfolio: a dry run of the CSV import (POST /api/admin/portfolio/import
 * stays in adminRoutes.ts), the debtor search and one debtor's page.
 */
export function registerPortfolioRoutes(app: FastifyInstance, deps: PortfolioDeps) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));

    // Same parser and limit as the import, so a file the preview accepts is one the import accepts.
    admin.post('/api/admin/portfolio/preview', { config: { textBody: true }, bodyLimit: MAX_BODY_BYTES }, async (req, reply) => {
      const parsed = parsePortfolioCsv(csvBody(req));
      if (!parsed.ok) return reply.status(422).send({ ok: false, errors: parsed.errors });
      return { ok: true, ...(await previewPortfolio(db, creditorId, parsed.debtors)) };
    });

    admin.get('/api/admin/debtors', async (req) => {
      const query = SearchQuery.safeParse(req.query ?? {}, REPORT_INPUT);
      if (!query.success) throw new HttpError(422, 'invalid_query', 'the query parameters are not valid', { errors: fieldErrors(query.error) });
      return searchDebtors(db, creditorId, query.data);
    });

    admin.get<{ Params: { id: string } }>('/api/admin/debtors/:id', async (req) => {
      const page = await loadDebtorPage(db, creditorId, req.params.id);
      if (!page) throw new HttpError(404, 'not_found', 'no such debtor');
      return page;
    });
  });
}
