import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isValidIsoDate } from '../domain/dates.js';
import { REPORT_INPUT } from '../language/inLocales.js';
import { fieldErrors } from '../users/newUserSchema.js';
import { loadAgreementPage } from '../storage/agreementPage.js';
import { AGREEMENT_FILTERS, searchAgreements, type AgreementCursor } from '../storage/agreementSearch.js';
import type { Db } from '../storage/database.js';
import { listReceivedPayments, PAYMENT_STATUSES } from '../storage/receivedPayments.js';
import { adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';

export interface AgreementRoutesDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  clock?: () => Date;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;

const day = (what: string) => z.string().refine(isValidIsoDate, `${what} must be a calendar date YYYY-MM-DD`);
const limit = z.coerce
  .number()
  .int(`a whole number from 1 to ${MAX_PAGE}`)
  .min(1, `a whole number from 1 to ${MAX_PAGE}`)
  .max(MAX_PAGE, `a whole number from 1 to ${MAX_PAGE}`)
  .default(DEFAULT_PAGE);

// A cursor is opaque to clients: the sort key of the last row, as base64url JSON.
function encodeCursor(c: object): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
function cursor<T extends z.ZodTypeAny>(shape: T) {
  return z
    .string()
    .max(500, 'not a cursor from this API')
    .transform((s, ctx): z.infer<T> => {
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
      } catch {
        decoded = undefined;
      }
      const parsed = shape.safeParse(decoded);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'not a cursor from this API (use nextCursor of the previous page)' });
        return z.NEVER;
      }
      return parsed.data;
    });
}

const AgreementCursorShape = z.object({ dueDate: z.string().refine(isValidIsoDate).nullable(), id: z.string().min(1).max(100) }).strict();
const PaymentCursorShape = z.object({ createdAt: z.string().datetime(), id: z.string().min(1).max(100) }).strict();

// Unknown parameters are ignored, as a query string's usually are (cache busters, the page's own state).
const AgreementQuery = z
  .object({
    status: z.enum(AGREEMENT_FILTERS, { message: `must be one of ${AGREEMENT_FILTERS.join(', ')}` }).optional(),
    dueFrom: day('dueFrom').optional(),
    dueTo: day('dueTo').optional(),
    limit,
    cursor: cursor(AgreementCursorShape).optional(),
  })
  .refine((q) => !q.dueFrom || !q.dueTo || q.dueFrom <= q.dueTo, { message: 'dueFrom must not be after dueTo', path: ['dueTo'] });

const PaymentQuery = z.object({
  status: z.enum(PAYMENT_STATUSES, { message: `must be one of ${PAYMENT_STATUSES.join(', ')}` }).optional(),
  limit,
  cursor: cursor(PaymentCursorShape).optional(),
});

/** A 400 whose message names each bad parameter and why; `errors` lists them for programs. */
function parseQuery<T extends z.ZodTypeAny>(schema: T, query: unknown): z.infer<T> {
  const parsed = schema.safeParse(query ?? {}, REPORT_INPUT);
  if (parsed.success) return parsed.data;
  const errors = fieldErrors(parsed.error);
  throw new HttpError(400, 'invalid_query', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
}

/**
 * Agreements and received payments, read only, for admins (token or session) and agents: an agent
 * following up a debtor needs to see what was agreed and paid. Everything is the creditor's own.
 */
export function registerAgreementRoutes(app: FastifyInstance, deps: AgreementRoutesDeps) {
  const { db, creditorId } = deps;
  app.register(async (staff) => {
    staff.addHook('onRequest', adminAuth(deps.adminToken, db, deps.clock, ['admin', 'agent']));

    staff.get('/api/admin/agreements', async (req) => {
      const q = parseQuery(AgreementQuery, req.query);
      const page = await searchAgreements(db, creditorId, { status: q.status, dueFrom: q.dueFrom, dueTo: q.dueTo, limit: q.limit, after: q.cursor as AgreementCursor | undefined });
      return { agreements: page.agreements, nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
    });

    staff.get<{ Params: { id: string } }>('/api/admin/agreements/:id', async (req) => {
      const agreement = await loadAgreementPage(db, creditorId, req.params.id);
      if (!agreement) throw new HttpError(404, 'not_found', 'no such agreement');
      return { agreement };
    });

    staff.get('/api/admin/payments', async (req) => {
      const q = parseQuery(PaymentQuery, req.query);
      const page = await listReceivedPayments(db, creditorId, { status: q.status, limit: q.limit, after: q.cursor });
      return { payments: page.payments, nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null };
    });
  });
}
