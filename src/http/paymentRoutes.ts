import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LedgerError, normaliseInstant } from '../domain/agreementLedger.js';
import { parsePaymentsCsv } from '../domain/paymentsCsv.js';
import { parsePixWebhook } from '../domain/pixWebhook.js';
import type { ConversationWrites } from '../engine/conversationWrites.js';
import type { Db, Tx } from '../storage/database.js';
import { AssignPaymentError, PAYMENT_TX_OPTIONS, assignPayment, paymentView, recordPaymentIn, recordPayments, type RecordOptions, type RecordResult } from '../storage/recordPayment.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { MAX_BODY_BYTES } from './buildServer.js';
import { HttpError } from './errors.js';
import { parseBody } from './parseBody.js';
import { requireSession, sessionToken } from './sessionAuth.js';

export interface PaymentRoutesDeps {
  db: Db;
  creditorId: string;
  adminToken: string;
  clock: () => Date;
  /** PIX_WEBHOOK_SECRET; unset: the webhook routes do not exist. */
  webhookSecret: string | undefined;
  /** The creditor's time zone (a receipt's day; a bank export's bare dates are noon there). */
  timeZone: string;
  conversations: ConversationWrites<Tx>;
  flushOutbox: (conversationId: string) => Promise<void>;
}

/** The paths a PSP may call: the registered URL, and the same with "/pix" appended (the BCB API's callback). */
export const PIX_WEBHOOK_PATHS = ['/api/payments/pix', '/api/payments/pix/pix'] as const;

const TXID = /^\S{1,35}$/;

const ManualPayment = z
  .object({
    txid: z.string().trim().regex(TXID, 'must be the PIX code\u2019s txid: 1 to 35 characters without spaces'),
    amountCents: z
      .number({ error: 'must be a number of cents' })
      .refine((v) => Number.isSafeInteger(v), 'must be a whole number of cents')
      .refine((v) => v > 0, 'must be greater than zero'),
    paidAt: z.string().refine((v) => {
      try {
        normaliseInstant(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be an instant with its offset, like 2026-12-05T13:00:00Z or 2026-12-05T10:00:00-03:00'),
    note: z.string().trim().max(500, 'at most 500 characters').optional(),
  })
  .strict();

const AssignBody = z
  .object({
    agreementId: z.string().min(1, 'required').max(100),
    installmentN: z.number().int('a whole number from 1').min(1, 'a whole number from 1'),
  })
  .strict();

/** Constant-time comparison over digests: equal lengths whatever was sent, and no early exit. */
function secretMatches(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function webhookSecretOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-webhook-secret'];
  if (typeof header === 'string') return header;
  const q = (req.query as Record<string, unknown> | undefined)?.secret;
  return typeof q === 'string' ? q : undefined;
}

/** A ledger error on bad input (an amount, an instant) is the client's: 400 with the reason. */
async function ledgerInput<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof LedgerError) throw new HttpError(400, 'bad_request', err.message, { reason: err.reason });
    throw err;
  }
}

const ASSIGN_STATUS: Record<AssignPaymentError['code'], number> = { not_found: 404, not_unmatched: 409, duplicate_payment: 409, payment_conflict: 409 };

/** Counts of what a batch did, by outcome. */
function tally(results: readonly RecordResult[]) {
  const count = (o: RecordResult['outcome']) => results.filter((r) => r.outcome === o).length;
  return { applied: count('applied'), duplicates: count('duplicate'), unmatched: count('unmatched'), held: count('held'), conflicts: count('conflict') };
}

/**
 * Payments in (issue 12): the PIX webhook a PSP calls, an admin's or agent's manual registration,
 * a bank export's reconciliation, and assigning an unmatched payment to an instalment. All of them
 * record through src/storage/recordPayment.ts, one transaction per request.
 */
export function registerPaymentRoutes(app: FastifyInstance, deps: PaymentRoutesDeps) {
  const { db, creditorId, clock } = deps;
  const options = (actor: string, note?: string): RecordOptions => ({ creditorId, actor, now: clock(), timeZone: deps.timeZone, conversations: deps.conversations, note: note ?? null });
  // The receipts go out now rather than at the next chores tick; a failure is retried by that tick.
  const sendReceipts = (req: FastifyRequest, results: readonly RecordResult[]) => {
    for (const id of new Set(results.flatMap((r) => (r.receipt ? [r.receipt.conversationId] : [])))) {
      void deps.flushOutbox(id).catch((err: unknown) => req.log.error({ err }, 'outbox flush after a payment failed'));
    }
  };

  const secret = deps.webhookSecret;
  if (secret) {
    // Not behind the console's session, CSRF or admin token: the PSP has only the shared secret.
    app.register(async (psp) => {
      psp.addHook('onRequest', async (req) => {
        if (!secretMatches(webhookSecretOf(req), secret)) throw new HttpError(401, 'unauthorized', 'missing or wrong webhook secret (X-Webhook-Secret header or ?secret=)');
      });
      const handler = async (req: FastifyRequest, reply: FastifyReply) => {
        const parsed = parsePixWebhook(req.body);
        if (!parsed.ok) return reply.status(400).send({ error: 'bad_request', message: 'the notification is not valid; nothing was recorded', errors: parsed.errors });
        const results = await ledgerInput(() =>
          recordPayments(
            db,
            parsed.payments.map((p) => ({ endToEndId: p.endToEndId, txid: p.txid, amountCents: p.amountCents, paidAt: p.paidAt.toISOString(), source: 'pix' as const })),
            options('pix'),
          ),
        );
        sendReceipts(req, results);
        // 200 also for a redelivery (every entry a duplicate): the PSP must stop retrying.
        return { ok: true, ...tally(results), pix: parsed.payments.map((p, k) => ({ endToEndId: p.endToEndId, outcome: results[k]!.outcome })) };
      };
      for (const path of PIX_WEBHOOK_PATHS) psp.post(path, handler);
    });
  }

  // Manual registration: an admin (token or session) or an agent session, CSRF as every console POST.
  app.register(async (desk) => {
    const admin = adminAuth(deps.adminToken, db, clock);
    desk.addHook('onRequest', async (req, reply) => {
      if (req.headers.authorization === undefined && sessionToken(req)) await requireSession(db, req, ['admin', 'agent'], clock());
      else await admin(req, reply);
    });

    desk.post('/api/admin/payments', async (req, reply) => {
      const body = parseBody(ManualPayment, req.body);
      const actor = adminActor(req);
      const r = await ledgerInput(() =>
        db.$transaction(
          (tx) => recordPaymentIn(tx, { txid: body.txid, amountCents: body.amountCents, paidAt: body.paidAt, source: 'manual', endToEndId: null }, { ...options(actor, body.note), keepUnmatched: false }),
          PAYMENT_TX_OPTIONS,
        ),
      );
      // A person typing a txid expects to hear it matches nothing, not to leave an unmatched row behind.
      if (r.outcome === 'unmatched') throw new HttpError(404, 'unknown_txid', `the txid ${body.txid} matches no instalment or PIX charge of this creditor; check the code on the receipt`);
      if (r.outcome === 'conflict') throw new HttpError(409, 'payment_conflict', 'a payment with the same key but other facts is already recorded; a person should look at both', { paymentId: r.paymentId });
      sendReceipts(req, [r]);
      const view = await paymentView(db, creditorId, r.paymentId!);
      if (r.outcome === 'duplicate') return { ...view, duplicate: true };
      return reply.status(201).send(view);
    });
  });

  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db, clock));

    admin.post('/api/admin/payments/import', { config: { textBody: true }, bodyLimit: MAX_BODY_BYTES }, async (req, reply) => {
      if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'send the CSV as the body with Content-Type: text/csv');
      const parsed = parsePaymentsCsv(req.body, { timeZone: deps.timeZone });
      if (!parsed.ok) return reply.status(422).send({ error: 'invalid_body', message: 'the file has errors; nothing was imported', errors: parsed.errors });
      const results = await ledgerInput(() =>
        recordPayments(
          db,
          parsed.payments.map((p) => ({ endToEndId: p.endToEndId, txid: p.txid, amountCents: p.amountCents, paidAt: p.paidAt, source: 'import' as const })),
          options(adminActor(req)),
        ),
      );
      sendReceipts(req, results);
      return tally(results);
    });

    admin.post<{ Params: { id: string } }>('/api/admin/payments/:id/assign', async (req) => {
      const body = parseBody(AssignBody, req.body);
      let r: RecordResult;
      try {
        r = await ledgerInput(() => assignPayment(db, { paymentId: req.params.id, agreementId: body.agreementId, installmentN: body.installmentN }, options(adminActor(req))));
      } catch (err) {
        if (err instanceof AssignPaymentError) throw new HttpError(ASSIGN_STATUS[err.code], err.code, err.message);
        throw err;
      }
      sendReceipts(req, [r]);
      return { outcome: r.outcome, ...(await paymentView(db, creditorId, r.paymentId!)) };
    });
  });
}
