import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors.js';

/** Bearer ADMIN_TOKEN, compared in constant time. */
export function adminAuth(token: string) {
  const expected = Buffer.from(token);
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const given = Buffer.from(m?.[1]?.trim() ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(401, 'unauthorized', 'missing or wrong admin token (Authorization: Bearer <ADMIN_TOKEN>)');
    }
  };
}
