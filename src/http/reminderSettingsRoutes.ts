import type { FastifyInstance } from 'fastify';
import { parseReminderSettings } from '../domain/reminderSettings.js';
import type { Db } from '../storage/database.js';
import { currentReminderSettings, saveReminderSettings } from '../storage/reminderSettingsRepository.js';
import { adminActor, adminAuth } from './adminAuth.js';

/**
 * GET|PUT /api/admin/reminders: when debtors are reminded of their agreements' instalments, the
 * grace before an agreement breaks, and the renegotiation limit (issue 12). Same admin guard
 * (token, or an admin's session with its CSRF token) and field-error shape as the contact policy.
 */
export function registerReminderSettingsRoutes(app: FastifyInstance, deps: { db: Db; creditorId: string; adminToken: string }) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));
    admin.get('/api/admin/reminders', async () => currentReminderSettings(db, creditorId));
    admin.put('/api/admin/reminders', async (req, reply) => {
      const parsed = parseReminderSettings(req.body);
      if (!parsed.ok) return reply.status(422).send({ error: 'invalid_body', message: 'the reminder settings are not valid', errors: parsed.errors });
      return saveReminderSettings(db, creditorId, parsed.settings, adminActor(req));
    });
  });
}
