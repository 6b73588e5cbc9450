import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hashPassword } from '../users/passwords.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../users/newUserSchema.js';
import { appendAudit } from '../storage/auditLog.js';
import type { Db, Tx } from '../storage/database.js';
import { clearLoginFailures } from '../storage/loginThrottle.js';
import { endUserSessions, listUsers } from '../storage/userRepository.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';
import { parseBody } from './parseBody.js';

export interface UserAdminDeps {
  db: Db;
  adminToken: string;
  clock?: () => Date;
}

const PasswordBody = z
  .object({
    password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`),
  })
  .strict();

type Params = { Params: { id: string } };

/**
 * What an admin does to accounts besides creating them (accountRoutes.ts): list them, disable and
 * enable, set a new password, end their sessions. Each ends the user's sessions where it should
 * and is an audit event; none is allowed on one's own account where it would lock oneself out.
 */
export function registerUserAdminRoutes(app: FastifyInstance, deps: UserAdminDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());

  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db, clock));

    const user = async (tx: Tx, req: FastifyRequest<Params>) => {
      const row = await tx.user.findUnique({ where: { id: req.params.id } });
      if (!row) throw new HttpError(404, 'not_found', 'no such user');
      return row;
    };
    const notSelf = (req: FastifyRequest<Params>, what: string) => {
      if (req.user?.id === req.params.id) throw new HttpError(409, 'own_account', `you cannot ${what} your own account; ask another admin`);
    };

    admin.get('/api/admin/users', async () => ({ users: await listUsers(db, clock()) }));

    // Disabled at once: the sessions go in the same transaction, so no request of theirs passes after.
    admin.post<Params>('/api/admin/users/:id/disable', async (req) => {
      notSelf(req, 'disable');
      return db.$transaction(async (tx) => {
        const row = await user(tx, req);
        const disabledAt = row.disabledAt ?? clock();
        await tx.user.update({ where: { id: row.id }, data: { disabledAt } });
        const sessions = await endUserSessions(tx, row.id);
        if (!row.disabledAt) await appendAudit(tx, [{ type: 'user.disabled', actor: adminActor(req), data: { userId: row.id, sessionsEnded: sessions } }]);
        return { user: { id: row.id, disabledAt: disabledAt.toISOString() } };
      });
    });

    admin.post<Params>('/api/admin/users/:id/enable', async (req) => {
      return db.$transaction(async (tx) => {
        const row = await user(tx, req);
        await tx.user.update({ where: { id: row.id }, data: { disabledAt: null } });
        if (row.disabledAt) await appendAudit(tx, [{ type: 'user.enabled', actor: adminActor(req), data: { userId: row.id } }]);
        return { user: { id: row.id, disabledAt: null } };
      });
    });

    // A new password for someone who forgot theirs (or whose password leaked): the old one and every
    // session made with it stop working, and the account's failed-login count starts over.
    admin.post<Params>('/api/admin/users/:id/password', async (req) => {
      const { password } = parseBody(PasswordBody, req.body);
      const passwordHash = await hashPassword(password);
      return db.$transaction(async (tx) => {
        const row = await user(tx, req);
        await tx.user.update({ where: { id: row.id }, data: { passwordHash } });
        const sessions = req.user?.id === row.id ? 0 : await endUserSessions(tx, row.id);
        await clearLoginFailures(tx, row.email);
        await appendAudit(tx, [{ type: 'user.password_reset', actor: adminActor(req), data: { userId: row.id, sessionsEnded: sessions } }]);
        return { user: { id: row.id }, sessionsEnded: sessions };
      });
    });

    admin.delete<Params>('/api/admin/users/:id/sessions', async (req) => {
      notSelf(req, 'end the sessions of');
      return db.$transaction(async (tx) => {
        const row = await user(tx, req);
        const sessions = await endUserSessions(tx, row.id);
        await appendAudit(tx, [{ type: 'user.sessions_ended', actor: adminActor(req), data: { userId: row.id, sessionsEnded: sessions } }]);
        return { sessionsEnded: sessions };
      });
    });
  });
}
