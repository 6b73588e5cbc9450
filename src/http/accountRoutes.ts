import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate } from './authenticate.js';
import { ROLES, userActor } from '../users/authUser.js';
import { MAX_PASSWORD_LENGTH, NewUserSchema } from '../users/newUserSchema.js';
import { appendAudit } from '../storage/auditLog.js';
import type { Db } from '../storage/database.js';
import { clearLoginFailures, loginHeldFor, recordLoginFailure } from '../storage/loginThrottle.js';
import { createSession, deleteSession } from '../storage/sessionRepository.js';
import { EmailTakenError, createUser, normalizeEmail } from '../storage/userRepository.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';
import { parseBody } from './parseBody.js';
import { SESSION_COOKIE, sessionAuth, sessionToken } from './sessionAuth.js';

export interface AccountDeps {
  db: Db;
  adminToken: string;
  /** Login attempts per minute per client IP; default 10. */
  loginsPerMinute?: number;
  clock?: () => Date;
}

const LoginBody = z.object({
  email: z.string().min(1, 'required').max(254),
  password: z.string().min(1, 'required').max(MAX_PASSWORD_LENGTH),
});

// Secure only over https: plain-http development on localhost must still be able to log in.
function cookieOptions(req: FastifyRequest) {
  return { httpOnly: true, sameSite: 'strict' as const, path: '/', secure: req.protocol === 'https' };
}

/** Users (created by an admin) and their browser sessions. Logs carry no e-mails or names. */
export function registerAccountRoutes(app: FastifyInstance, deps: AccountDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const loggedIn = sessionAuth(db, ROLES, clock);

  app.post('/api/admin/users', { onRequest: adminAuth(deps.adminToken, db, clock) }, async (req, reply) => {
    const input = parseBody(NewUserSchema, req.body);
    try {
      const user = await createUser(db, input, adminActor(req));
      return reply.status(201).send({ user });
    } catch (err) {
      if (err instanceof EmailTakenError) throw new HttpError(409, 'email_taken', err.message);
      throw err;
    }
  });

  app.post(
    '/api/auth/login',
    { config: { rateLimit: { max: deps.loginsPerMinute ?? 10, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `login:${req.ip}` } } },
    async (req, reply) => {
      const { email, password } = parseBody(LoginBody, req.body);
      const account = normalizeEmail(email);
      // Besides the per-address limit: an account under attack from many addresses is held back
      // too, before its password is even checked. Stored, so every process holds it alike.
      const held = await loginHeldFor(db, account, clock());
      if (held > 0) {
        const seconds = Math.ceil(held / 1000);
        await db.$transaction((tx) => appendAudit(tx, [{ type: 'auth.login_held', actor: 'anonymous', data: { email: account, ip: req.ip, retryAfterSeconds: seconds } }]));
        return reply
          .status(429)
          .header('retry-after', String(seconds))
          .send({ error: 'login_backoff', message: `too many failed logins for this account; try again in ${seconds} s`, retryAfterSeconds: seconds });
      }
      const result = await authenticate(db, email, password);
      if (!result.ok) {
        await db.$transaction(async (tx) => {
          const { failures, lockedUntil } = await recordLoginFailure(tx, account, clock());
          await appendAudit(tx, [
            { type: 'auth.login_failed', actor: 'anonymous', data: { email: account, reason: result.reason, ip: req.ip, failures, lockedUntil: lockedUntil?.toISOString() ?? null } },
          ]);
        });
        throw new HttpError(401, 'invalid_credentials', 'wrong e-mail or password');
      }
      const { user } = result;
      const previous = sessionToken(req);
      const now = clock();
      const session = await db.$transaction(async (tx) => {
        // A fresh token on every login; the one the browser had before (if any) stops working.
        if (previous) await deleteSession(tx, previous);
        await clearLoginFailures(tx, account);
        const s = await createSession(tx, user.id, now);
        await appendAudit(tx, [{ type: 'auth.login', actor: userActor(user), data: { userId: user.id, ip: req.ip } }]);
        return s;
      });
      // Max-Age, not Expires: the browser counts the session's lifetime from when it got the cookie,
      // on its own clock, so a server whose clock is set elsewhere (the app clock in tests, a skewed
      // host) never hands out a cookie that is already expired. The server checks expiresAt itself.
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(req), maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000)) });
      return { user, csrfToken: session.csrfToken };
    },
  );

  app.post('/api/auth/logout', { onRequest: loggedIn }, async (req, reply: FastifyReply) => {
    const token = sessionToken(req)!;
    await db.$transaction(async (tx) => {
      await deleteSession(tx, token);
      await appendAudit(tx, [{ type: 'auth.logout', actor: userActor(req.user!), data: { userId: req.user!.id } }]);
    });
    reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    return reply.status(204).send();
  });

  app.get('/api/auth/me', { onRequest: loggedIn }, async (req) => ({ user: req.user!, csrfToken: req.userSession!.csrfToken }));
}
