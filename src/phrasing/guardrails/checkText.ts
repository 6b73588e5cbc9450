/**
 * The phrasing guardrails: every outgoing text — LLM-written or the template itself — passes
 * these checks before it is sent; any failure means the template text is sent instead.
 * Facts are the only truth; the template text (rendered from the same facts) is the reference.
 *
 * One file per check:
 *   numbers.ts      amounts, percentages, dates, times, counts, codes (extractNumbers.ts, allowedNumbers.ts)
 *   promises.ts     discounts, waivers, deadlines, guarantees, credit, legal claims, contact, perks
 *   status.ts       "dívida quitada", "acordo cancelado", "desconsidere esta mensagem" against the facts
 *   hostility.ts    threats, credit-bureau talk, shaming, insults, pressure (lexicons.ts)
 *   creditor.ts     creditor name and CNPJ kept (CDC art. 42-A)
 *   language.ts     pt-BR vs en (vs es) by function words
 *   length.ts       not empty, bounded by the template's length, ≤ 4000
 *   links.ts        URLs, domains, e-mails only from the template or the allow-list
 *   foreignData.ts  CNPJ, CPF, phone, e-mail, bank details, company and person names of others,
 *                   mentions of other debtors
 *   injection.ts    AI self-reference, obeyed/echoed instructions, prompt leakage, markdown, JSON
 *
 * Pure and fast (about a millisecond for a 600-character text). A check that throws is reported
 * as a failure of that check: the guardrails fail closed.
 */

import { checkCreditor } from './creditor.js';
import { checkForeignData } from './foreignData.js';
import { checkHostility } from './hostility.js';
import { checkInjection } from './injection.js';
import { checkLanguage } from './language.js';
import { checkLength, HARD_MAX_CHARS } from './length.js';
import { checkLinks } from './links.js';
import { checkNumbers } from './numbers.js';
import { checkPromises } from './promises.js';
import { checkStatus } from './status.js';
import { charLength } from './text.js';
import type { CheckInput, CheckResult, Failure, GuardrailCheck } from './types.js';

export type { Locale } from '../../language/locale.js';
export type { CheckInput, CheckResult, Failure, GuardrailCheck } from './types.js';
export { ALL_CHECKS } from './types.js';

/**
 * Texts longer than this are analysed on their first ANALYSED_CHARS characters only: they fail
 * the length check anyway, and this keeps a 100 KB answer from costing more than a normal one.
 */
export const ANALYSED_CHARS = 3 * HARD_MAX_CHARS;

type Runner = (x: CheckInput) => Failure[];

const RUNNERS: ReadonlyArray<[GuardrailCheck, Runner]> = [
  ['length', (x) => checkLength(x.text, x.templateText)],
  ['numbers', (x) => checkNumbers(x)],
  ['promises', (x) => checkPromises(x.text, x.templateText, x.facts)],
  ['status', (x) => checkStatus(x.text, x.templateText, x.facts)],
  ['hostility', (x) => checkHostility(x.text, x.templateText, x.facts)],
  ['creditor', (x) => checkCreditor(x.text, x.templateText, x.facts)],
  ['language', (x) => checkLanguage(x.text, x.locale, x.facts)],
  ['links', (x) => checkLinks(x.text, x.templateText, x.facts, x.allowedLinks)],
  ['foreignData', (x) => checkForeignData(x.text, x.templateText, x.facts)],
  ['injection', (x) => checkInjection(x.text, x.templateText, x.facts, x.systemPrompt)],
];

/**
 * A template on its own (no reference to compare with): the lexicon and structure checks with an
 * empty reference — no hostility, no unsupported promise, no injection markers, no links outside
 * `allowedLinks`, no foreign data, the locale's language, not empty and ≤ 4000 characters.
 * For CI over prompts/templates and for templates edited by admins. checkText(template against
 * itself) is not this: every relative check passes trivially there.
 */
export function auditTemplate(input: Omit<CheckInput, 'templateText'>): CheckResult {
  const x: CheckInput = { ...input, templateText: '' };
  const failures: Failure[] = [];
  const runners: ReadonlyArray<[GuardrailCheck, Runner]> = [
    ['length', (i) => (i.text.trim() === '' || charLength(i.text) > HARD_MAX_CHARS ? [{ check: 'length', detail: 'empty or longer than 4000 characters' }] : [])],
    ['promises', (i) => checkPromises(i.text, '', i.facts)],
    // A template is said in the state where its claim is true (noDebt after a verification that
    // found nothing open): on its own, only a message taking itself back is wrong.
    ['status', (i) => checkStatus(i.text, '', i.facts, ['disregard'])],
    ['hostility', (i) => checkHostility(i.text, '', i.facts)],
    ['language', (i) => checkLanguage(i.text, i.locale, i.facts)],
    ['links', (i) => checkLinks(i.text, '', i.facts, i.allowedLinks)],
    ['foreignData', (i) => checkForeignData(i.text, '', i.facts)],
    ['injection', (i) => checkInjection(i.text, '', i.facts)],
  ];
  for (const [check, run] of runners) {
    try {
      failures.push(...run(x));
    } catch (err) {
      failures.push({ check, detail: `check failed to run: ${(err as Error).message}` });
    }
  }
  return { ok: failures.length === 0, failures };
}

export function checkText(input: CheckInput): CheckResult {
  const failures: Failure[] = [];
  const text = typeof input.text === 'string' ? input.text : '';
  const analysed: CheckInput = {
    ...input,
    text: text.length > ANALYSED_CHARS ? text.slice(0, ANALYSED_CHARS) : text,
    templateText: typeof input.templateText === 'string' ? input.templateText : '',
    facts: input.facts && typeof input.facts === 'object' ? input.facts : {},
  };
  for (const [check, run] of RUNNERS) {
    try {
      // length judges the whole text; the others read at most ANALYSED_CHARS of it.
      failures.push(...run(check === 'length' ? { ...analysed, text } : analysed));
    } catch (err) {
      failures.push({ check, detail: `check failed to run: ${(err as Error).message}` });
    }
  }
  return { ok: failures.length === 0, failures };
}
