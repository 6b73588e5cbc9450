import { timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { userActor, type Role } from '../users/authUser.js';
import type { Tx } from '../storage/database.js';
import { HttpError } from './errors.js';
import { requireSession, sessionToken } from './sessionAuth.js';

/** Wrong ADMIN_TOKENs an address may send per window before all its bearer attempts get 429. */
export const MAX_BEARER_FAILURES = 10;
export const BEARER_WINDOW_MS = 60_000;

// Failed bearer attempts per client address, one table per HTTP server: every route's adminAuth
// (each plugin has its own hook) counts into the same one, and two apps in one process (tests)
// do not share it. In memory: a 32-character random token is not found by guessing; the limit
// only keeps a scanner from trying.
const bearerFailures = new WeakMap<Server, Map<string, { count: number; since: number }>>();

function failuresOf(req: FastifyRequest) {
  const server = req.server.server;
  let table = bearerFailures.get(server);
  if (!table) bearerFailures.set(server, (table = new Map()));
  return table;
}

/**
 * Bearer ADMIN_TOKEN (compared in constant time), or — when `db` is given — the session of a user
 * with role admin (CSRF enforced). An Authorization header decides on its own: a wrong token is
 * 401 even with a cookie, so scripts get a clear answer. An agent's session is 403, unless `roles`
 * lets agents in too (what agents need to read or record, such as agreements and payments).
 */
export function adminAuth(token: string, db?: Tx, clock: () => Date = () => new Date(), roles: readonly Role[] = ['admin']) {
  const expected = Buffer.from(token);
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (db && req.headers.authorization === undefined && sessionToken(req)) {
      await requireSession(db, req, roles, clock());
      return;
    }
    const now = clock().getTime();
    const table = failuresOf(req);
    let entry = table.get(req.ip);
    if (entry && now - entry.since >= BEARER_WINDOW_MS) {
      table.delete(req.ip);
      entry = undefined;
    }
    if (entry && entry.count >= MAX_BEARER_FAILURES) {
      const seconds = Math.max(1, Math.ceil((entry.since + BEARER_WINDOW_MS - now) / 1000));
      reply.header('retry-after', String(seconds));
      throw new HttpError(429, 'rate_limited', `too many wrong admin tokens from this address; try again in ${seconds} s`, { retryAfterSeconds: seconds });
    }
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    const given = Buffer.from(m?.[1]?.trim() ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      // A request without any Authorization (a page opened before logging in) is no guess.
      if (req.headers.authorization !== undefined) {
        if (entry) entry.count++;
        else {
          if (table.size >= 10_000) for (const [ip, e] of table) if (now - e.since >= BEARER_WINDOW_MS) table.delete(ip);
          table.set(req.ip, { count: 1, since: now });
        }
      }
      throw new HttpError(401, 'unauthorized', 'missing or wrong admin token (Authorization: Bearer <ADMIN_TOKEN>), or log in as an admin');
    }
  };
}

/** The audit actor of an admin request: the person for a session, 'admin' for the ADMIN_TOKEN. */
export function adminActor(req: FastifyRequest): string {
  return req.user ? userActor(req.user) : 'admin';
}
