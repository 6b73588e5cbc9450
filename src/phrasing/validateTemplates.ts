import { LOCALES } from '../language/locale.js';
import { checkTemplate } from './checkTemplate.js';
import type { TemplateSet } from './templates.js';

export interface TemplateIssue {
  path: string;
  message: string;
}

/**
 * Templates as an admin may publish them: both locales, strings, and each text as checkTemplate
 * judges it (valid placeholders, and the guardrails every outgoing text must pass: no threats,
 * promises, links, the locale's language). Paths name the template: "templates.pt-BR.offer.cash".
 */
export function validateTemplates(input: unknown, opts: { allowedLinks?: string[] } = {}): { ok: true; templates: TemplateSet } | { ok: false; errors: TemplateIssue[] } {
  const errors: TemplateIssue[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: [{ path: 'templates', message: 'must be an object with one entry per locale' }] };
  const obj = input as Record<string, unknown>;
  for (const extra of Object.keys(obj).filter((k) => !(LOCALES as string[]).includes(k))) errors.push({ path: `templates.${extra}`, message: `unknown locale (locales: ${LOCALES.join(', ')})` });
  for (const locale of LOCALES) {
    const set = obj[locale];
    if (!set || typeof set !== 'object' || Array.isArray(set)) {
      errors.push({ path: `templates.${locale}`, message: 'required: an object of key -> text' });
      continue;
    }
    for (const [key, text] of Object.entries(set as Record<string, unknown>)) {
      const path = `templates.${locale}.${key}`;
      if (typeof text !== 'string') {
        errors.push({ path, message: 'must be text' });
        continue;
      }
      for (const message of checkTemplate(locale, key, text, opts).problems) errors.push({ path, message });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, templates: obj as TemplateSet };
}
