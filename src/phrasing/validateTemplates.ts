import { inLocales, type InLocales } from '../language/inLocales.js';
import { LOCALES } from '../language/locale.js';
import { checkTemplate } from './checkTemplate.js';
import type { TemplateSet } from './templates.js';

export interface TemplateIssue {
  path: string;
  message: string;
  messages?: InLocales;
}

const said = (path: string, en: string, pt: string): TemplateIssue => ({ path, message: en, messages: inLocales(en, pt) });

/**
 * Templates as an admin may publish them: both locales, strings, and each text as checkTemplate
 * judges it (valid placeholders, and the guardrails every outgoing text must pass: no threats,
 * promises, links, the locale's language). Paths name the template: "templates.pt-BR.offer.cash".
 */
export function validateTemplates(input: unknown, opts: { allowedLinks?: string[] } = {}): { ok: true; templates: TemplateSet } | { ok: false; errors: TemplateIssue[] } {
  const errors: TemplateIssue[] = [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { ok: false, errors: [said('templates', 'must be an object with one entry per locale', 'deve ser um objeto com uma entrada por idioma')] };
  const obj = input as Record<string, unknown>;
  for (const extra of Object.keys(obj).filter((k) => !(LOCALES as string[]).includes(k))) errors.push(said(`templates.${extra}`, `unknown locale (locales: ${LOCALES.join(', ')})`, `idioma desconhecido (idiomas: ${LOCALES.join(', ')})`));
  for (const locale of LOCALES) {
    const set = obj[locale];
    if (!set || typeof set !== 'object' || Array.isArray(set)) {
      errors.push(said(`templates.${locale}`, 'required: an object of key -> text', 'obrigatório: um objeto de chave -> texto'));
      continue;
    }
    for (const [key, text] of Object.entries(set as Record<string, unknown>)) {
      const path = `templates.${locale}.${key}`;
      if (typeof text !== 'string') {
        errors.push(said(path, 'must be text', 'deve ser um texto'));
        continue;
      }
      for (const messages of checkTemplate(locale, key, text, opts).messages) errors.push({ path, message: messages.en, messages });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, templates: obj as TemplateSet };
}
