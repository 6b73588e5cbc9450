import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { userActor } from '../auth/authUser.js';
import type { Tx } from '../storage/database.js';
import { HttpError } from './errors.js';
import { requireSession, sessionToken } from './sessionAuth.js';

/**
 * Bearer ADMIN_TOKEN (compared in constant time), or — when `db` is given — the session of a user
 * with role admin (CSRF enforced). An Authorization header decides on its own: a wrong token is
 * 401 even with a cookie, so scripts get a clear answer. An agent's session is 403.
 */
export function adminAuth(token: string, db?: Tx, clock: () => Date = () => new Date()) {
  const expected = Buffer.from(token);
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    if (db && req.headers.authorization === undefined && sessionToken(req)) {
      await requireSession(db, req, ['admin'], clock());
      return;
    }
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const given = Buffer.from(m?.[1]?.trim() ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(401, 'unauthorized', 'missing or wrong admin token (Authorization: Bearer <ADMIN_TOKEN>), or log in as an admin');
    }
  };
}

/** The audit actor of an admin request: the person for a session, 'admin' for the ADMIN_TOKEN. */
export function adminActor(req: FastifyRequest): string {
  return req.user ? userActor(req.user) : 'admin';
}
