import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** What a shed request is told: come back in a moment (seconds). */
export const RETRY_AFTER_SECONDS = 5;

// /healthz must keep answering so a load balancer does not take a busy replica out (and then the
// next one); the agents' live stream stays open for hours and would hold a slot forever. A PSP's
// PIX notification is money arriving: turned away, some PSPs give up after a few tries.
const EXEMPT_ROUTES = new Set(['/healthz', '/api/agent/events', '/api/payments/pix', '/api/payments/pix/pix']);

export interface LoadSheddingOptions {
  /** Requests being handled at once past which new ones get 503 (0 = no limit). */
  maxInFlight: number;
  /** Event loop delay (ms) past which new requests get 503 (0 = not checked). */
  maxEventLoopDelayMs: number;
}

const isExempt = (req: FastifyRequest) => EXEMPT_ROUTES.has(req.routeOptions.url ?? '');

function busy(reply: FastifyReply) {
  reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS));
  return { error: 'busy', message: 'the service is busy right now; please try again in a few seconds', retryAfterSeconds: RETRY_AFTER_SECONDS };
}

/**
 * Sheds load early, with 503 + Retry-After, instead of queueing every request until all of them
 * are slow (500 web chat sessions in 10 s used to wait 11 s each, /healthz too). Two signals:
 * the number of requests in flight (a deep queue in the database shows here first) and the event
 * loop delay measured by @fastify/under-pressure (CPU-bound work, the embedded database). Register
 * before any route.
 */
export async function registerLoadShedding(app: FastifyInstance, opts: LoadSheddingOptions): Promise<void> {
  if (opts.maxInFlight > 0) {
    let inFlight = 0;
    app.addHook('onRequest', async (req, reply) => {
      if (isExempt(req)) return;
      if (inFlight >= opts.maxInFlight) return reply.send(busy(reply));
      inFlight++;
      // 'close' comes once per response, whether it finished or the client went away.
      reply.raw.once('close', () => inFlight--);
    });
  }
  if (opts.maxEventLoopDelayMs > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: opts.maxEventLoopDelayMs,
      retryAfter: RETRY_AFTER_SECONDS,
      // Returning nothing lets the request through; returning a body answers it (see the plugin's handlePressure).
      pressureHandler: (req, reply) => (isExempt(req) ? undefined : (busy(reply) as unknown as void)),
    });
  }
}
