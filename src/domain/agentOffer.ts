import { inLocales, type InLocales } from '../language/inLocales.js';
import { formatDate, isValidIsoDate, type IsoDate } from './dates.js';
import { formatMoney } from './money.js';
import { allowedInstallmentAmounts, cashOffer, checkOffer, installmentOffer, latestFirstDueDate, type Offer } from './offer.js';
import { soonDueDate } from './offerLadder.js';
import type { OfferPolicy } from './policy.js';

/** What an agent asks for in the console; the amounts are always computed here, never typed. */
export interface AgentOfferRequest {
  kind: 'cash' | 'installments';
  discountPercent?: number;
  installments?: number;
  firstDueDate?: IsoDate;
}

/** `message` in the API's English; `messages` as the agent console shows it, amounts and dates written out. */
export type FieldError = { field: string; message: string; messages?: InLocales };

const fieldError = (field: string, message: string, en: string, pt: string): FieldError => ({ field, message, messages: inLocales(en, pt) });
/** 2.5 → "2,5 %" in pt-BR, "2.5%" in en. */
const percentIn = (p: number, locale: 'pt-BR' | 'en') => (locale === 'pt-BR' ? `${String(p).replace('.', ',')} %` : `${p}%`);

/**
 * An offer an agent makes by hand, held to the same policy as the bot's (checkOffer is the one
 * definition of "inside the limits"). Errors name the form field they concern.
 */
export function agentOffer(debtCents: number, req: AgentOfferRequest, policy: OfferPolicy, today: IsoDate): { ok: true; offer: Offer } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const first = req.firstDueDate ?? soonDueDate(policy, today);
  const latest = latestFirstDueDate(policy, today);
  const days = policy.firstDueInDays.max;
  if (!isValidIsoDate(first)) errors.push(fieldError('firstDueDate', 'must be a date (YYYY-MM-DD)', 'must be a date', 'deve ser uma data'));
  else if (first < today) errors.push(fieldError('firstDueDate', `must be today (${today}) or later`, `must be today (${formatDate(today, 'en')}) or later`, `deve ser hoje (${formatDate(today, 'pt-BR')}) ou depois`));
  else if (first > latest) {
    errors.push(fieldError('firstDueDate', `must be on or before ${latest} (the policy allows ${days} days)`, `must be on or before ${formatDate(latest, 'en')} (the policy allows ${days} days)`, `deve ser até ${formatDate(latest, 'pt-BR')} (a política permite ${days} dias)`));
  }

  let offer: Offer | undefined;
  if (req.kind === 'cash') {
    const d = req.discountPercent ?? 0;
    if (!Number.isFinite(d) || d < 0 || d > policy.cash.maxDiscountPercent) {
      const max = policy.cash.maxDiscountPercent;
      errors.push(fieldError('discountPercent', `must be between 0 and ${max} %`, `must be between 0 and ${percentIn(max, 'en')}`, `deve estar entre 0 e ${percentIn(max, 'pt-BR')}`));
    } else if (Math.round(d * 100) !== d * 100) {
      errors.push(fieldError('discountPercent', 'at most two decimals', 'at most two decimals', 'no máximo duas casas decimais'));
    }
    if (!errors.length) offer = cashOffer(debtCents, d, first);
  } else {
    const n = req.installments;
    if (n === undefined || !Number.isSafeInteger(n) || n < 2) {
      errors.push(fieldError('installments', 'must be a whole number of at least 2', 'must be a whole number of at least 2', 'deve ser um número inteiro de pelo menos 2'));
    } else if (allowedInstallmentAmounts(debtCents, n, policy) === null) {
      const { max, minAmountCents: min } = policy.installments;
      errors.push(
        fieldError(
          'installments',
          `not allowed for this debt: at most ${max} instalments, each at least ${min} cents`,
          `not allowed for this debt: at most ${max} instalments, each at least ${formatMoney(min, 'en')}`,
          `não é possível para esta dívida: no máximo ${max} parcelas, cada uma de pelo menos ${formatMoney(min, 'pt-BR')}`,
        ),
      );
    }
    if (req.discountPercent) errors.push(fieldError('discountPercent', 'instalments carry no discount', 'instalments carry no discount', 'parcelamento não tem desconto'));
    if (!errors.length) offer = installmentOffer(debtCents, n!, policy.installments.monthlyInterestPercent, first);
  }
  if (errors.length || !offer) return { ok: false, errors };
  const check = checkOffer(offer, debtCents, policy, today);
  if (!check.ok) return { ok: false, errors: check.violations.map((message) => ({ field: 'offer', message })) };
  return { ok: true, offer };
}
