import type { FastifyInstance } from 'fastify';
import { PROACTIVE_TEMPLATE_KEYS, parseWhatsAppTemplates, placeholdersOf } from '../domain/whatsappTemplates.js';
import { loadTemplates } from '../phrasing/templates.js';
import type { Db } from '../storage/database.js';
import { currentSetting, saveSetting } from '../storage/settingVersions.js';
import { WHATSAPP_TEMPLATES } from '../storage/whatsappTemplatesRepository.js';
import { adminActor, adminAuth } from './adminAuth.js';

/**
 * GET|PUT /api/admin/whatsapp/templates: which approved WhatsApp template each proactive message
 * goes as outside the 24-hour window. GET also lists the messages that can be mapped, with the
 * facts (placeholders) each one's text uses, the only values its parameters may take.
 */
export function registerWhatsAppTemplateRoutes(app: FastifyInstance, deps: { db: Db; creditorId: string; adminToken: string }) {
  const { db, creditorId } = deps;
  const texts = loadTemplates();
  const messages = PROACTIVE_TEMPLATE_KEYS.map((key) => ({ key, facts: [...new Set(Object.values(texts).flatMap((l) => (l[key] ? placeholdersOf(l[key]) : [])))] }));
  app.register(async (admin) => {
    admin.addHook('onRequest', adminAuth(deps.adminToken, db));
    admin.get('/api/admin/whatsapp/templates', async () => ({ ...(await currentSetting(db, creditorId, WHATSAPP_TEMPLATES)), messages }));
    admin.put('/api/admin/whatsapp/templates', async (req, reply) => {
      const parsed = parseWhatsAppTemplates(req.body, texts);
      if (!parsed.ok) return reply.status(422).send({ error: 'invalid_body', message: 'the template mapping is not valid', errors: parsed.errors });
      return saveSetting(db, creditorId, WHATSAPP_TEMPLATES, parsed.value, adminActor(req));
    });
  });
}
