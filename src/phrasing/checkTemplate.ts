import type { Locale } from '../language/locale.js';
import { auditTemplate } from './guardrails/checkText.js';
import { renderTemplate } from './renderTemplate.js';
import { SAMPLE_FACTS } from './sampleFacts.js';

export interface TemplateCheck {
  /** The text rendered with SAMPLE_FACTS; null when it could not be (empty, too long, bad syntax, a missing fact). */
  rendered: string | null;
  /** Every reason an admin may not publish it; empty when it may. */
  problems: string[];
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
 * One template as publishing judges it (validateTemplates runs this on each): not empty, at most
 * 4000 characters, valid placeholders, rendered with SAMPLE_FACTS, and the guardrails every
 * outgoing text must pass (no threats, promises, links outside `allowedLinks`, the locale's
 * language). The editor's live preview asks the same question, so the two cannot disagree.
 */
export function checkTemplate(locale: Locale, key: string, text: string, opts: { allowedLinks?: string[] } = {}): TemplateCheck {
  const problems: string[] = [];
  if (!text.trim()) problems.push('must not be empty');
  else if (text.length > MAX_TEMPLATE_CHARS) problems.push(`at most ${MAX_TEMPLATE_CHARS} characters`);
  problems.push(...syntaxIssues(text));
  if (problems.length) return { rendered: null, problems };
  let rendered: string;
  try {
    rendered = renderTemplate(text, SAMPLE_FACTS, locale);
  } catch (err) {
    return { rendered: null, problems: [(err as Error).message] };
  }
  // Option labels are a word or two: the language check cannot judge them.
  if (key.startsWith('option.')) return { rendered, problems };
  const audit = auditTemplate({ text: rendered, facts: SAMPLE_FACTS, locale, allowedLinks: opts.allowedLinks ?? [] });
  return { rendered, problems: audit.failures.map((f) => `${f.check}: ${f.detail}`) };
}
