import { LOCALES, type Locale } from '../language/locale.js';
import { auditTemplate } from './guardrails/checkText.js';
import { renderTemplate } from './renderTemplate.js';
import { SAMPLE_FACTS } from './sampleFacts.js';
import type { TemplateSet } from './templates.js';

export interface TemplateIssue {
  path: string;
  message: string;
}

const FILTERS = new Set(['money', 'date', 'percent', 'cnpj', 'time']);
// The facts a message can carry (src/engine/buildFacts.ts, notices, hand-off chores) and `item` in loops.
const FACT_ROOTS = new Set(['creditor', 'debt', 'offer', 'counter', 'agreement', 'handoff', 'lock', 'notice', 'item', 'preference']);
const MAX_TEMPLATE_CHARS = 4000;

/** Placeholder and block syntax of one template: what renderTemplate would refuse at delivery. */
function syntaxIssues(text: string): string[] {
  const issues: string[] = [];
  let depth = 0;
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const inner = m[1]!;
    if (inner.startsWith('#each ')) {
      depth++;
      if (!/^#each [a-zA-Z][\w.]*$/.test(inner)) issues.push(`malformed loop "{${inner}}"`);
      continue;
    }
    if (inner === '/each') {
      depth--;
      if (depth < 0) issues.push('"{/each}" without its "{#each …}"');
      continue;
    }
    const p = /^([a-zA-Z][\w.]*)(?:\|(\w+))?$/.exec(inner);
    if (!p) {
      issues.push(`malformed placeholder "{${inner}}" (write {fact.path} or {fact.path|filter})`);
      continue;
    }
    const root = p[1]!.split('.')[0]!;
    if (!FACT_ROOTS.has(root)) issues.push(`unknown fact "${p[1]}" (facts: ${[...FACT_ROOTS].join(', ')})`);
    if (p[2] && !FILTERS.has(p[2])) issues.push(`unknown filter "${p[2]}" (filters: ${[...FILTERS].join(', ')})`);
  }
  if (depth > 0) issues.push('"{#each …}" without its "{/each}"');
  const stray = text.replace(/\{[^{}]*\}/g, '');
  if (/[{}]/.test(stray)) issues.push('a "{" or "}" that opens or closes nothing');
  return issues;
}

/**
 * Templates as an admin may publish them: both locales, strings, valid placeholders, and the
 * guardrails every outgoing text must pass (no threats, promises, links, the locale's language).
 * Paths name the template: "templates.pt-BR.offer.cash".
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
      if (!text.trim()) errors.push({ path, message: 'must not be empty' });
      else if (text.length > MAX_TEMPLATE_CHARS) errors.push({ path, message: `at most ${MAX_TEMPLATE_CHARS} characters` });
      for (const message of syntaxIssues(text)) errors.push({ path, message });
      if (errors.some((e) => e.path === path)) continue;
      let rendered: string;
      try {
        rendered = renderTemplate(text, SAMPLE_FACTS, locale as Locale);
      } catch (err) {
        errors.push({ path, message: (err as Error).message });
        continue;
      }
      // Option labels are a word or two: the language check cannot judge them.
      if (key.startsWith('option.')) continue;
      const audit = auditTemplate({ text: rendered, facts: SAMPLE_FACTS, locale: locale as Locale, allowedLinks: opts.allowedLinks ?? [] });
      for (const f of audit.failures) errors.push({ path, message: `${f.check}: ${f.detail}` });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, templates: obj as TemplateSet };
}
