import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ChannelOrderSchema, PROACTIVE_CHANNELS } from '../domain/channelRouting.js';
import { appendAudit } from '../storage/auditLog.js';
import { CHANNEL_ORDER } from '../storage/channelOrderRepository.js';
import type { Db } from '../storage/database.js';
import { currentSetting, saveSetting } from '../storage/settingVersions.js';
import { REPORT_INPUT } from '../language/inLocales.js';
import { fieldErrors } from '../users/newUserSchema.js';
import { adminActor, adminAuth } from './adminAuth.js';
import { HttpError } from './errors.js';

const PreferredChannelBody = z.object({ channel: z.enum(PROACTIVE_CHANNELS, { error: `must be one of: ${PROACTIVE_CHANNELS.join(', ')}, or null` }).nullable() }).strict();

/**
 * Where proactive messages go: GET|PUT /api/admin/channel-order (the creditor's order, versioned
 * and audited) and PUT /api/admin/contacts/:id/preferred-channel (a contact's own choice, as the
 * debtor told the team; null goes back to the creditor's order).
 */
export function registerChannelPreferenceRoutes(app: FastifyInstance, deps: { db: Db; creditorId: string; adminToken: string }) {
  const { db, creditorId } = deps;
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));
    admin.get('/api/admin/channel-order', async () => currentSetting(db, creditorId, CHANNEL_ORDER));
    admin.put('/api/admin/channel-order', async (req) => {
      const parsed = ChannelOrderSchema.safeParse(req.body, REPORT_INPUT);
      if (!parsed.success) throw new HttpError(422, 'invalid_body', 'the channel order is not valid', { errors: fieldErrors(parsed.error) });
      return saveSetting(db, creditorId, CHANNEL_ORDER, parsed.data, adminActor(req));
    });
    admin.put<{ Params: { id: string } }>('/api/admin/contacts/:id/preferred-channel', async (req) => {
      const parsed = PreferredChannelBody.safeParse(req.body, REPORT_INPUT);
      if (!parsed.success) throw new HttpError(422, 'invalid_body', 'the preferred channel is not valid', { errors: fieldErrors(parsed.error) });
      const channel = parsed.data.channel;
      return db.$transaction(async (tx) => {
        const contact = await tx.contact.findFirst({ where: { id: req.params.id, erasedAt: null, debtor: { creditorId } }, select: { id: true, debtorId: true, preferredChannel: true } });
        if (!contact) throw new HttpError(404, 'not_found', 'no such contact');
        if (contact.preferredChannel !== channel) {
          await tx.contact.update({ where: { id: contact.id }, data: { preferredChannel: channel } });
          await appendAudit(tx, [{ type: 'contact.preferred_channel', actor: adminActor(req), debtorId: contact.debtorId, data: { contactId: contact.id, channel, previous: contact.preferredChannel, by: 'admin' } }]);
        }
        return { id: contact.id, preferredChannel: channel };
      });
    });
  });
}
