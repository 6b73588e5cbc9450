import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { holidaysInYear, parseContactPolicy } from '../domain/contactPolicy.js';
import { CONTACT_DECISION_STATUSES, MAX_DECISIONS_LIMIT, listDecisions } from '../storage/contactDecisionRepository.js';
import { currentContactPolicy, saveContactPolicy } from '../storage/contactPolicyRepository.js';
import type { Db } from '../storage/database.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';

export interface ContactPolicyDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  /** Called after a successful PUT, e.g. to drop the outbox gate's cached copy of the policy. */
  onChange?: () => void;
}

// Query strings arrive as text: numbers and dates are converted here, and anything else is a 422
// with the field named, like a body.
const HolidaysQuery = z.strictObject({
  year: z.coerce
    .number({ error: 'must be a year' })
    .int({ error: 'must be a year' })
    .min(1900, { error: 'must be between 1900 and 2200' })
    .max(2200, { error: 'must be between 1900 and 2200' })
    .optional(),
});

const DecisionsQuery = z.strictObject({
  debtorId: z.string().min(1, { error: 'must not be empty' }).optional(),
  status: z.enum(CONTACT_DECISION_STATUSES, { error: `must be one of: ${CONTACT_DECISION_STATUSES.join(', ')}` }).optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(1, { error: `must be between 1 and ${MAX_DECISIONS_LIMIT}` })
    .max(MAX_DECISIONS_LIMIT, { error: `must be between 1 and ${MAX_DECISIONS_LIMIT}` })
    .optional(),
  before: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), { error: 'must be an ISO 8601 instant, e.g. 2026-11-23T13:00:00Z' })
    .transform((s) => new Date(s))
    .optional(),
});

function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const r = schema.safeParse(query ?? {});
  if (r.success) return r.data;
  const errors = r.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys' ? i.keys.map((k) => ({ field: k, message: 'unknown parameter' })) : [{ field: i.path.join('.') || '(query)', message: i.message }],
  );
  throw new HttpError(422, 'invalid_query', 'the query string is not valid', { errors });
}

/**
 * GET|PUT /api/admin/contact-policy, GET /api/admin/contact-policy/holidays?year= (the days with no
 * proactive contact under the current policy) and GET /api/admin/contact-decisions (why each
 * proactive message went out, waited or was blocked). Same admin guard and 422 shape as the rest.
 */
export function registerContactPolicyRoutes(app: FastifyInstance, deps: ContactPolicyDeps) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));

    admin.get('/api/admin/contact-policy', async () => currentContactPolicy(db, creditorId));

    admin.put('/api/admin/contact-policy', async (req, reply) => {
      const parsed = parseContactPolicy(req.body);
      if (!parsed.ok) return reply.status(422).send({ errors: parsed.errors });
      const saved = await saveContactPolicy(db, creditorId, parsed.policy, adminActor(req));
      deps.onChange?.();
      return saved;
    });

    admin.get('/api/admin/contact-policy/holidays', async (req) => {
      const { year } = parseQuery(HolidaysQuery, req.query);
      const policy = await currentContactPolicy(db, creditorId);
      return { holidays: holidaysInYear(year ?? new Date().getUTCFullYear(), policy.holidays) };
    });

    admin.get('/api/admin/contact-decisions', async (req) => {
      const filters = parseQuery(DecisionsQuery, req.query);
      return { decisions: await listDecisions(db, filters) };
    });
  });
}
