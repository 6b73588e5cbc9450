// Shared types of the phrasing guardrails. checkText.ts re-exports the public ones.

import type { Locale } from '../../language/locale.js';

export type GuardrailCheck =
  | 'numbers' // every amount, percentage, date, count and code equals one in the facts or the template (and none of the template's is lost)
  | 'status' // no claim that the debt is settled, the agreement cancelled or the message void, unless the facts (or the template) say so
  | 'promises' // nothing promised that the facts (or the template) lack: discounts, waivers, deadlines, guarantees, credit, legal claims
  | 'hostility' // threatening, hostile, shaming or pressuring language (pt-BR and en lexicons)
  | 'creditor' // creditor name (and CNPJ) present whenever the template has them (CDC art. 42-A)
  | 'language' // same language as the conversation's locale
  | 'length' // not empty, not absurdly longer (or shorter) than the template, never above 4000 chars
  | 'links' // no URL, domain or e-mail that is not in the template or the allow-list
  | 'foreignData' // no CNPJ, CPF, phone, e-mail, company or person name that the facts/template lack
  | 'injection'; // the text obeys or echoes instructions instead of being a message

export const ALL_CHECKS: readonly GuardrailCheck[] = [
  'numbers',
  'promises',
  'status',
  'hostility',
  'creditor',
  'language',
  'length',
  'links',
  'foreignData',
  'injection',
];

export interface CheckInput {
  /** The candidate text (LLM output, or the template itself). */
  text: string;
  /** The rendered template text for the same message: the reference. */
  templateText: string;
  /** The MessageSpec facts (shapes in src/engine/buildFacts.ts). Facts are the only truth. */
  facts: Record<string, unknown>;
  locale: Locale;
  /** URLs, domains ("exemplo.com.br", any path and subdomain) or e-mails the text may contain. */
  allowedLinks?: string[];
  /** Time zone the template rendered `|time` facts in (lock.until). Default America/Sao_Paulo. */
  timeZone?: string;
  /**
   * The send time. Optional: when given, relative durations that follow from the facts become
   * allowed numbers ("em 22 dias" to a fact due date, "em 40 minutos" to the lock's end).
   */
  now?: Date | string;
  /** The LLM system prompt, when there is one: long verbatim runs of it in the text are leakage. */
  systemPrompt?: string;
}

export interface Failure {
  check: GuardrailCheck;
  detail: string;
}

export interface CheckResult {
  ok: boolean;
  failures: Failure[];
}
