import { z } from 'zod';
import type { Locale } from './locale.js';

/**
 * One message in each language the consoles speak. The API keeps `message` in English (clients and
 * logs read it); `messages` beside it lets the admin console show the admin's language.
 */
export type InLocales = Record<Locale, string>;

export const inLocales = (en: string, pt: string): InLocales => ({ 'pt-BR': pt, en });

const PT = z.locales.ptBR().localeError;

/**
 * A zod issue in both languages, from zod's own pt-BR locale. Undefined when the issue cannot be
 * said faithfully in Portuguese: a refinement's own (English) message, or a type error whose input
 * the parse did not report (zod would say "received undefined"); the console then shows `message`.
 */
export function zodIssueInLocales(issue: z.core.$ZodIssue): InLocales | undefined {
  if (issue.code === 'custom') return undefined;
  if (issue.code === 'invalid_type' && !('input' in issue)) return undefined;
  const pt = PT(issue as unknown as Parameters<typeof PT>[0]);
  let text = typeof pt === 'string' ? pt : pt?.message;
  // A missing field: zod says 'recebeu um valor "undefined"', which an admin cannot read.
  if (text && issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) {
    text = text.replace(/^[^:]+: (esperava .*), recebeu .*$/, 'Obrigatório: $1');
  }
  return text ? inLocales(issue.message, text) : undefined;
}

/** Parse options that keep each issue's input, so a type error can name what it received in pt-BR. */
export const REPORT_INPUT = { reportInput: true } as const;
