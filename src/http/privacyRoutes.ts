import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../storage/auditLog.js';
import { eraseContact, exportContact } from '../storage/contactPrivacy.js';
import type { Db } from '../storage/database.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';

export interface PrivacyRoutesDeps {
  db: Db;
  adminToken: string;
  /** DATA_DIR: the erasure deletes the contact's stored attachments from it. */
  dataDir: string;
  clock?: () => Date;
}

/**
 * A contact person's LGPD rights, exercised by an admin on their request: a copy of everything
 * held about them (GET …/export) and erasure (POST …/erase). Both are audited, without personal data.
 */
export function registerPrivacyRoutes(app: FastifyInstance, deps: PrivacyRoutesDeps) {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));

    admin.get<{ Params: { id: string } }>('/api/admin/contacts/:id/export', async (req, reply) => {
      const data = await exportContact(db, req.params.id, clock());
      if (!data) throw new HttpError(404, 'not_found', 'no contact with this id');
      await db.$transaction((tx) =>
        appendAudit(tx, [{ type: 'contact.exported', actor: adminActor(req), debtorId: data.debtor.id, data: { contactId: data.contact.id, conversations: data.conversations.length } }]),
      );
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="contato-${data.contact.id}-${data.exportedAt.slice(0, 10)}.json"`)
        .send(JSON.stringify(data, null, 2));
    });

    admin.post<{ Params: { id: string } }>('/api/admin/contacts/:id/erase', async (req) => {
      const erased = await eraseContact(db, req.params.id, adminActor(req), clock(), { dataDir: deps.dataDir });
      if (!erased) throw new HttpError(404, 'not_found', 'no contact with this id');
      return { erased };
    });
  });
}
