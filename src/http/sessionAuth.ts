import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser, Role } from '../users/authUser.js';
import type { Tx } from '../storage/database.js';
import { findSession, type ActiveSession } from '../storage/sessionRepository.js';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'cordial_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Tokens are 43 characters; anything much longer is not ours and is not worth a hash and a query.
const MAX_TOKEN_LENGTH = 128;

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in person; set by sessionAuth (and by adminAuth for a session). Absent for Bearer ADMIN_TOKEN. */
    user?: AuthUser;
    /** The session behind `user` (its csrfToken is what GET /api/auth/me returns). */
    userSession?: Pick<ActiveSession, 'id' | 'csrfToken' | 'expiresAt'>;
  }
}

/** Whether the request carries a session cookie at all (adminAuth: to tell "no credentials" apart). */
export function sessionToken(req: FastifyRequest): string | undefined {
  const token = req.cookies?.[SESSION_COOKIE];
  return token && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}

function csrfMatches(req: FastifyRequest, expected: string): boolean {
  const header = req.headers[CSRF_HEADER];
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const want = Buffer.from(expected);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * Checks the session cookie, the role and (for state-changing methods) the X-CSRF-Token header,
 * then sets `req.user`. Throws 401 unauthorized / 403 forbidden / 403 csrf.
 */
export async function requireSession(db: Tx, req: FastifyRequest, roles: readonly Role[], now: Date): Promise<AuthUser> {
  const token = sessionToken(req);
  const session = token ? await findSession(db, token, now) : null;
  if (!session) throw new HttpError(401, 'unauthorized', 'log in first (POST /api/auth/login); the session may have expired');
  if (!roles.includes(session.user.role)) throw new HttpError(403, 'forbidden', 'your role does not give access to this');
  // The cookie goes along with any request the browser makes, also one forged by another site;
  // only our own page knows the per-session token to echo.
  if (!SAFE_METHODS.has(req.method) && !csrfMatches(req, session.csrfToken)) {
    throw new HttpError(403, 'csrf', 'missing or wrong X-CSRF-Token header (see GET /api/auth/me)');
  }
  req.user = session.user;
  req.userSession = { id: session.id, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
  return session.user;
}

/** onRequest hook: only a logged-in person with one of `roles` passes (see requireSession). */
export function sessionAuth(db: Tx, roles: readonly Role[], clock: () => Date = () => new Date()) {
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    await requireSession(db, req, roles, clock());
  };
}
