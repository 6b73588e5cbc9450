/**
 * Deterministic natural-language understanding: a debtor's message -> typed facts.
 *
 * No model decides anything here. The message is normalised (normalize.ts), CNPJs are taken out
 * first (cnpj.ts), written numbers become digits (numbers.ts), and then extractors run in a fixed
 * order, each claiming the characters it explained (spans.ts) so one number is read once:
 *
 *   times & phones -> choice by number/ordinal -> dates -> percent -> instalments
 *   -> invoice codes after a keyword -> money -> bare invoice numbers
 *
 * Words are read independently of numbers: cash, yes/no, intents.
 *
 * Choice, when options were offered, is tried in this order (options.ts): the number or
 * "opção N"; an ordinal ("a segunda"); the label, a synonym or its distinctive words; the
 * instalment count of a plan label ("3x" picks "3x de R$ 1.000"); and finally a yes/no answer
 * picks the one option whose label is itself a yes/no ("ok" picks "Sim").
 *
 * Every field is optional except `intents` and `invoiceCandidates`; absent means "not said".
 * The result only carries keys that were found (no `undefined` values), so it serialises cleanly
 * into audit records.
 */

import type { Locale } from '../../language/locale.js';
import { numberize } from '../../language/numberize.js';
import { findCnpj } from './cnpj.js';
import { findDate, parseYmd } from './dates.js';
import { findCash, findInstallments } from './installments.js';
import { findInstallmentNumber } from './installmentNumber.js';
import { detectIntents, type Intent } from './intents.js';
import { detectChannelPreference, type PreferredChannel } from './channelPreference.js';
import { claimTimesAndPhones, findBareInvoices, findPrefixedInvoices } from './invoices.js';
import { findMoney, findPercent } from './money.js';
import { normalize } from './normalize.js';
import { choiceByInstallments, choiceByNumber, choiceByOrdinal, choiceByWords, type OptionSpec } from './options.js';
import { Spans } from './spans.js';
import { detectYesNo } from './yesno.js';

export type { Intent } from './intents.js';
export { INTENT_PRIORITY } from './intents.js';
export type { OptionSpec } from './options.js';
export { MAX_ANALYSED_CHARS } from './normalize.js';

export interface UnderstandContext {
  locale: Locale;
  /** 'YYYY-MM-DD' in the debtor's time zone, to resolve relative dates. */
  today: string;
  /** The options the bot just offered, in order (numbers are 1-based). */
  options?: OptionSpec[];
}

export interface Understanding {
  /** All detected, most important first (see INTENT_PRIORITY). */
  intents: Intent[];
  /** Option id, by number, ordinal, label or the words of it. */
  choice?: string;
  yes?: boolean;
  /** 14 characters, digits / upper-case letters, valid check digits. */
  cnpj?: string;
  /** Something CNPJ-shaped whose check digits fail (and no valid CNPJ in the message). */
  cnpjInvalid?: boolean;
  /** Possible invoice numbers, upper case, no spaces, in order of appearance, no duplicates. */
  invoiceCandidates: string[];
  amountCents?: number;
  installments?: number;
  /** The amount is per instalment / per month. Only present when amountCents is. */
  perInstallment?: boolean;
  /** true: one payment now; false: explicitly not ("não consigo à vista"). */
  cash?: boolean;
  /** 'YYYY-MM-DD'. */
  date?: string;
  percent?: number;
  /** The instalment of an agreement the message names ("pix da parcela 2"): 1-based. */
  installmentNumber?: number;
  /** The channel the debtor asks to be reached on ("prefiro e-mail"). */
  preferredChannel?: PreferredChannel;
}

export function understand(text: string, ctx: UnderstandContext): Understanding {
  const today = parseYmd(ctx.today);
  if (!today) throw new RangeError(`understand: ctx.today must be a valid 'YYYY-MM-DD' date, got ${JSON.stringify(ctx.today)}`);
  const options = ctx.options ?? [];

  const norm = normalize(typeof text === 'string' ? text : '');

  // CNPJ first, on the text before numberizing, then blanked so its digits feed nothing else.
  const cnpj = findCnpj(norm);
  let blanked = norm;
  for (const [s, e] of cnpj.spans) blanked = blanked.slice(0, s) + ' '.repeat(e - s) + blanked.slice(e);

  const { text: num, written } = numberize(blanked);
  const spans = new Spans();
  claimTimesAndPhones(num, spans);

  let choiceIndex: number | undefined;
  let ordinalChoice = false;
  if (options.length > 0) {
    const byNumber = choiceByNumber(num, options.length);
    if (byNumber) {
      choiceIndex = byNumber.index;
      spans.add(byNumber.start, byNumber.end);
    } else {
      choiceIndex = choiceByOrdinal(norm, options.length);
      ordinalChoice = choiceIndex !== undefined;
    }
  }

  const date = findDate(num, today, ctx.locale, spans, { skipWeekdays: ordinalChoice });
  const percent = findPercent(num, spans);
  let installments = findInstallments(num, spans);
  const invoices = findPrefixedInvoices(num, spans);
  const money = findMoney(num, spans, written);
  invoices.push(...findBareInvoices(num, spans, written));

  const cash = findCash(norm);
  // "de uma vez" is numberized to "de 1 vez": that is cash, not a plan of one instalment.
  if (cash === true && installments === 1) installments = undefined;

  if (choiceIndex === undefined && options.length > 0) choiceIndex = choiceByWords(norm, options);
  if (choiceIndex === undefined && options.length > 0 && installments !== undefined) {
    choiceIndex = choiceByInstallments(installments, options);
  }

  const yes = detectYesNo(norm);
  // Yes/no buttons answered in other words ("ok", "👍", "claro" for a "Sim" button).
  if (choiceIndex === undefined && yes !== undefined) {
    const matching = options.flatMap((o, i) => (detectYesNo(normalize(o.label)) === yes ? [i + 1] : []));
    if (matching.length === 1) choiceIndex = matching[0];
  }

  const result: Understanding = { intents: detectIntents(norm), invoiceCandidates: [...new Set(invoices)] };
  const choice = choiceIndex === undefined ? undefined : options[choiceIndex - 1]?.id;
  if (choice !== undefined) result.choice = choice;
  if (yes !== undefined) result.yes = yes;
  if (cnpj.cnpj) result.cnpj = cnpj.cnpj;
  if (cnpj.invalid) result.cnpjInvalid = true;
  if (money) {
    result.amountCents = money.cents;
    if (money.perInstallment) result.perInstallment = true;
  }
  if (installments !== undefined) result.installments = installments;
  if (cash !== undefined) result.cash = cash;
  if (date !== undefined) result.date = date;
  if (percent !== undefined) result.percent = percent;
  // Only asked about with a PIX copy: other messages keep their shape (audit records, tests).
  const installmentNumber = result.intents.includes('pixCopy') ? findInstallmentNumber(norm) : undefined;
  if (installmentNumber !== undefined) result.installmentNumber = installmentNumber;
  const preferredChannel = detectChannelPreference(norm);
  if (preferredChannel) result.preferredChannel = preferredChannel;
  return result;
}
