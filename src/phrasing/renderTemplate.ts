import { formatCnpj } from '../domain/cnpj.js';
import { formatDate } from '../domain/dates.js';
import { formatMoney } from '../domain/money.js';
import type { Locale } from '../language/locale.js';
import { CordialError } from '../domain/errors.js';

// Templates are plain text with `{path|filter}` placeholders and `{#each path}…{/each}` blocks
// (inside, `item.x` refers to the current element). Every amount, date and percentage the debtor
// reads is formatted here from facts, by domain code: nothing numeric is ever typed into a template.

export class TemplateError extends CordialError<'TEMPLATE_ERROR'> {
  constructor(message: string) {
    super('TEMPLATE_ERROR', message);
  }
}

function lookup(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** "1,99%" (pt-BR) or "1.99%" (en): a rate as the debtor reads it. */
export function formatPercent(n: number, locale: Locale): string {
  const s = Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
  return `${locale === 'pt-BR' ? s.replace('.', ',') : s}%`;
}

function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' }).format(new Date(iso));
}

function applyFilter(value: unknown, filter: string | undefined, locale: Locale, timeZone: string, path: string): string {
  if (value === undefined || value === null) throw new TemplateError(`missing fact "${path}"`);
  switch (filter) {
    case undefined:
      return String(value);
    case 'money':
      return formatMoney(Number(value), locale);
    case 'date':
      return formatDate(String(value), locale);
    case 'percent':
      return formatPercent(Number(value), locale);
    case 'cnpj':
      return formatCnpj(String(value));
    case 'time':
      return formatTime(String(value), locale, timeZone);
    default:
      throw new TemplateError(`unknown filter "${filter}"`);
  }
}

const PLACEHOLDER = /\{([a-zA-Z][\w.]*)(?:\|(\w+))?\}/g;

export function renderTemplate(template: string, facts: Record<string, unknown>, locale: Locale, timeZone = 'America/Sao_Paulo'): string {
  const withLoops = template.replace(/\{#each ([\w.]+)\}([\s\S]*?)\{\/each\}/g, (_, path: string, body: string) => {
    const list = lookup(facts, path);
    if (!Array.isArray(list)) throw new TemplateError(`"${path}" is not a list`);
    return list
      .map((item) => body.replace(PLACEHOLDER, (_m, p: string, f?: string) => applyFilter(lookup({ item }, p), f, locale, timeZone, p)))
      .join('');
  });
  return withLoops.replace(PLACEHOLDER, (_m, p: string, f?: string) => applyFilter(lookup(facts, p), f, locale, timeZone, p));
}
