import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import { HttpError } from './errors.js';

// The largest body any route accepts (a portfolio CSV); chat messages are checked much tighter.
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
const TEXT_TYPES = ['text/csv', 'text/plain'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a text/csv or text/plain body (a CSV upload); every other route answers 415 to one. */
    textBody?: boolean;
  }
}

export async function buildServer(logger: Logger, opts: { trustProxy?: boolean | string } = {}): Promise<FastifyInstance> {
  // trustProxy (TRUST_PROXY): req.ip and req.protocol from X-Forwarded-* only when a proxy is said to be there.
  const app = Fastify({ loggerInstance: logger, bodyLimit: 256 * 1024, logController: new LogController({ disableRequestLogging: true }), trustProxy: opts.trustProxy ?? false }) as unknown as FastifyInstance;
  await app.register(rateLimit, { global: false });
  // Parses Cookie headers for the console's session (unsigned: the token is random and looked up).
  await app.register(cookie);
  // Text bodies only where a route says it takes them, refused before a byte is read; each route's
  // own bodyLimit bounds them (MAX_BODY_BYTES on the CSV uploads, 256 KB by default).
  app.addContentTypeParser(TEXT_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.addHook('onRequest', async (req) => {
    const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type && TEXT_TYPES.includes(type) && !req.routeOptions.config?.textBody) {
      throw new HttpError(415, 'unsupported_media_type', 'this route takes JSON (Content-Type: application/json)');
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; validation?: unknown }, req, reply) => {
    if (err instanceof HttpError) return reply.status(err.statusCode).send({ error: err.code, message: err.message, ...err.details });
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.status(429).send({ error: 'rate_limited', message: err.message });
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, body too large, wrong content type.
      return reply.status(status).send({ error: (err.code ?? 'bad_request').toLowerCase(), message: err.message });
    }
    req.log.error({ err, url: req.url }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: 'something went wrong on our side; please try again' });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
  return app;
}
