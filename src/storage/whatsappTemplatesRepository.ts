import { NO_WHATSAPP_TEMPLATES, WhatsAppTemplatesSchema, type WhatsAppTemplates } from '../domain/whatsappTemplates.js';
import type { SettingKind } from './settingVersions.js';

/** The creditor's WhatsApp template mapping, versioned and audited like its other settings. */
export const WHATSAPP_TEMPLATES: SettingKind<WhatsAppTemplates> = {
  kind: 'whatsappTemplates',
  schema: WhatsAppTemplatesSchema,
  fallback: NO_WHATSAPP_TEMPLATES,
  auditType: 'whatsapp_templates.changed',
};
