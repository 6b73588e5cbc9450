import { inLocales, type InLocales } from '../language/inLocales.js';
import type { Locale } from '../language/locale.js';
import { auditTemplate } from './guardrails/checkText.js';
import { renderTemplate } from './renderTemplate.js';
import { SAMPLE_FACTS } from './sampleFacts.js';

export interface TemplateCheck {
  /** The text rendered with SAMPLE_FACTS; null when it could not be (empty, too long, bad syntax, a missing fact). */
  rendered: string | null;
  /** Every reason an admin may not publish it (English); empty when it may. */
  problems: string[];
  /** The same problems in each console language. A guardrail's detail stays English after its name. */
  messages: InLocales[];
}

const FILTERS = new Set(['money', 'date', 'percent', 'cnpj', 'time']);
// The facts a message can carry (src/engine/buildFacts.ts, notices, hand-off chores) and `item` in loops.
const FACT_ROOTS = new Set(['creditor', 'debt', 'offer', 'counter', 'agreement', 'handoff', 'lock', 'notice', 'item', 'preference']);
const MAX_TEMPLATE_CHARS = 4000;

/** Placeholder and block syntax of one template: what renderTemplate would refuse at delivery. */
function syntaxIssues(text: string): InLocales[] {
  const issues: InLocales[] = [];
  let depth = 0;
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const inner = m[1]!;
    if (inner.startsWith('#each ')) {
      depth++;
      if (!/^#each [a-zA-Z][\w.]*$/.test(inner)) issues.push(inLocales(`malformed loop "{${inner}}"`, `repetição mal escrita "{${inner}}"`));
      continue;
    }
    if (inner === '/each') {
      depth--;
      if (depth < 0) issues.push(inLocales('"{/each}" without its "{#each …}"', '"{/each}" sem o seu "{#each …}"'));
      continue;
    }
    const p = /^([a-zA-Z][\w.]*)(?:\|(\w+))?$/.exec(inner);
    if (!p) {
      issues.push(inLocales(`malformed placeholder "{${inner}}" (write {fact.path} or {fact.path|filter})`, `campo mal escrito "{${inner}}" (escreva {fato.caminho} ou {fato.caminho|filtro})`));
      continue;
    }
    const root = p[1]!.split('.')[0]!;
    if (!FACT_ROOTS.has(root)) issues.push(inLocales(`unknown fact "${p[1]}" (facts: ${[...FACT_ROOTS].join(', ')})`, `fato desconhecido "${p[1]}" (fatos: ${[...FACT_ROOTS].join(', ')})`));
    if (p[2] && !FILTERS.has(p[2])) issues.push(inLocales(`unknown filter "${p[2]}" (filters: ${[...FILTERS].join(', ')})`, `filtro desconhecido "${p[2]}" (filtros: ${[...FILTERS].join(', ')})`));
  }
  if (depth > 0) issues.push(inLocales('"{#each …}" without its "{/each}"', '"{#each …}" sem o seu "{/each}"'));
  const stray = text.replace(/\{[^{}]*\}/g, '');
  if (/[{}]/.test(stray)) issues.push(inLocales('a "{" or "}" that opens or closes nothing', 'um "{" ou "}" que não abre nem fecha nada'));
  return issues;
}

/** renderTemplate's refusals (src/phrasing/renderTemplate.ts) in Portuguese too; anything else as it is. */
function renderFailure(message: string): InLocales {
  const m = /^(missing fact|unknown filter) "(.+)"$/.exec(message) ?? /^"(.+)" (is not a list)$/.exec(message);
  if (!m) return inLocales(message, message);
  const pt = m[2] === 'is not a list' ? `"${m[1]}" não é uma lista` : m[1] === 'missing fact' ? `fato inexistente "${m[2]}"` : `filtro desconhecido "${m[2]}"`;
  return inLocales(message, pt);
}

const verdict = (rendered: string | null, found: InLocales[]): TemplateCheck => ({ rendered, problems: found.map((m) => m.en), messages: found });

/**
 * One template as publishing judges it (validateTemplates runs this on each): not empty, at most
 * 4000 characters, valid placeholders, rendered with SAMPLE_FACTS, and the guardrails every
 * outgoing text must pass (no threats, promises, links outside `allowedLinks`, the locale's
 * language). The editor's live preview asks the same question, so the two cannot disagree.
 */
export function checkTemplate(locale: Locale, key: string, text: string, opts: { allowedLinks?: string[] } = {}): TemplateCheck {
  const found: InLocales[] = [];
  if (!text.trim()) found.push(inLocales('must not be empty', 'não pode ficar vazio'));
  else if (text.length > MAX_TEMPLATE_CHARS) found.push(inLocales(`at most ${MAX_TEMPLATE_CHARS} characters`, `no máximo ${MAX_TEMPLATE_CHARS} caracteres`));
  found.push(...syntaxIssues(text));
  if (found.length) return verdict(null, found);
  let rendered: string;
  try {
    rendered = renderTemplate(text, SAMPLE_FACTS, locale);
  } catch (err) {
    return verdict(null, [renderFailure((err as Error).message)]);
  }
  // Option labels are a word or two: the language check cannot judge them.
  if (key.startsWith('option.')) return verdict(rendered, []);
  const audit = auditTemplate({ text: rendered, facts: SAMPLE_FACTS, locale, allowedLinks: opts.allowedLinks ?? [] });
  // "check: detail": the console says the check's name in its language (admin-template-field.js).
  return verdict(rendered, audit.failures.map((f) => inLocales(`${f.check}: ${f.detail}`, `${f.check}: ${f.detail}`)));
}
