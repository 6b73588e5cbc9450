import { z } from 'zod';

// Messages the bot sends on its own initiative (notices, reminders, receipts) outside WhatsApp's
// 24-hour customer-service window may only go as templates Meta approved. An admin maps each such
// message to its approved template: the template's name and language, and which of the message's
// facts fill its parameters {{1}}, {{2}}… in order. A parameter is written as a placeholder of the
// message's own text ("agreement.installment.amountCents|money"), so it is formatted exactly as
// the debtor reads it in the text, by the same domain code.

/** The bot's proactive messages, the ones that can fall outside the window. */
export const PROACTIVE_TEMPLATE_KEYS = ['notice.first', 'reminder.before', 'reminder.due', 'reminder.late', 'agreement.broken', 'agreement.receipt', 'agreement.settled'] as const;
export type ProactiveTemplateKey = (typeof PROACTIVE_TEMPLATE_KEYS)[number];

export const WhatsAppTemplateSchema = z.object({
  /** Meta's template names: lower-case letters, digits and underscores. */
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'lower-case letters, digits and _ (the name approved in WhatsApp Manager)'),
  /** The approved translation: pt_BR, en_US, en… */
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a WhatsApp language code such as pt_BR or en_US'),
  parameters: z.array(z.string()).max(20),
});
export type WhatsAppTemplate = z.infer<typeof WhatsAppTemplateSchema>;

export const WhatsAppTemplatesSchema = z.object({ templates: z.partialRecord(z.enum(PROACTIVE_TEMPLATE_KEYS), WhatsAppTemplateSchema) }).strict();
export type WhatsAppTemplates = z.infer<typeof WhatsAppTemplatesSchema>;

export const NO_WHATSAPP_TEMPLATES: WhatsAppTemplates = { templates: {} };

const PLACEHOLDER = /\{([a-zA-Z][\w.]*(?:\|\w+)?)\}/g;

/** A message text's placeholders outside its {#each} blocks: what can fill a template parameter. */
export function placeholdersOf(text: string): string[] {
  const top = text.replace(/\{#each [\w.]+\}[\s\S]*?\{\/each\}/g, '');
  return [...new Set([...top.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/**
 * The mapping checked against the messages' texts (every locale's): each parameter must be one of
 * the placeholders its message's text uses, so it names a fact that message carries.
 */
export function parseWhatsAppTemplates(body: unknown, texts: Record<string, Record<string, string>>): { ok: true; value: WhatsAppTemplates } | { ok: false; errors: string[] } {
  const parsed = WhatsAppTemplatesSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const errors: string[] = [];
  for (const [key, t] of Object.entries(parsed.data.templates)) {
    const allowed = new Set(Object.values(texts).flatMap((locale) => (locale[key] ? placeholdersOf(locale[key]) : [])));
    t!.parameters.forEach((p, i) => {
      if (!allowed.has(p)) errors.push(`templates.${key}.parameters.${i}: "${p}" is not a fact of ${key}; its text uses ${[...allowed].join(', ') || 'none'}`);
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}
