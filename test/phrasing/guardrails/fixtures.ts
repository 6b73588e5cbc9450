/**
 * Realistic facts and the real templates (prompts/templates), rendered with renderTemplate: the
 * reference texts of the guardrail tests are exactly what the bot would send.
 */

import { formatCnpj } from '../../../src/domain/cnpj.js';
import { formatDate } from '../../../src/domain/dates.js';
import { formatMoney } from '../../../src/domain/money.js';
import { buildPixBrCode } from '../../../src/domain/pixBrCode.js';
import { renderTemplate } from '../../../src/phrasing/renderTemplate.js';
import { loadTemplates } from '../../../src/phrasing/templates.js';
import type { CheckInput, Locale } from '../../../src/phrasing/guardrails/checkText.js';

export const TEMPLATES = loadTemplates();

export const CREDITOR = { name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', lateFeePercent: 2, monthlyInterestPercent: 1 };

/** R$ 12.340,56 over two invoices. */
export const DEBT = {
  companyName: 'Padaria Pão Quente Ltda',
  totalCents: 1_234_056,
  invoiceCount: 2,
  invoices: [
    { number: '10234', amountCents: 734_056, dueDate: '2026-08-10' },
    { number: '10251', amountCents: 500_000, dueDate: '2026-09-10' },
  ],
};

/** 10 % off for cash: R$ 11.106,50 until 15/12/2026. */
export const OFFER_CASH = { kind: 'cash', totalCents: 1_110_650, discountPercent: 10, installments: 1, installmentCents: 1_110_650, firstDueDate: '2026-12-15' };

/** 6 × R$ 2.056,76 = R$ 12.340,56, first on 15/12/2026. */
export const OFFER_INSTALLMENTS = { kind: 'installments', totalCents: 1_234_056, discountPercent: 0, installments: 6, installmentCents: 205_676, firstDueDate: '2026-12-15' };

const AGREEMENT_ID = 'ACK7M2P9QX4TZ8W3';
const SCHEDULE = [
  { n: 1, dueDate: '2026-12-15', amountCents: 411_352 },
  { n: 2, dueDate: '2027-01-15', amountCents: 411_352 },
  { n: 3, dueDate: '2027-02-15', amountCents: 411_352 },
];
/** R$ 5.000,00 received: instalment 1 paid, R$ 886,48 of instalment 2. */
export const RECEIPT = {
  amountCents: 512_340,
  installments: [
    { n: 1, cents: 411_352, paidCents: 411_352, amountCents: 411_352 },
    { n: 2, cents: 88_648, paidCents: 88_648, amountCents: 411_352 },
  ],
  paidCents: 500_000,
  remainingCents: 734_056,
  overpaidCents: 0,
  // Paid with a late PIX charge: its fee + interest part.
  chargesCents: 12_340,
  lateCharges: [{ cents: 12_340 }],
  next: { n: 2, dueDate: '2027-01-15', amountCents: 322_704 },
};

export const AGREEMENT = {
  id: AGREEMENT_ID,
  totalCents: 1_234_056,
  count: SCHEDULE.length,
  receipt: RECEIPT,
  installments: SCHEDULE.map((s) => ({
    ...s,
    pix: buildPixBrCode({ key: 'financeiro@exemplo.com.br', merchantName: CREDITOR.name, merchantCity: 'SAO PAULO', amountCents: s.amountCents, txid: `${AGREEMENT_ID}P${s.n}` }),
  })),
};

/** What a reminder says of the creditor (name and CNPJ only). */
const CREDITOR_NAME = { name: CREDITOR.name, cnpj: CREDITOR.cnpj };
/** The late note's new code: R$ 4.113,52 + 2 % fee + 1 day of 1 %/month = R$ 4.197,16, its own txid. */
const LATE_PIX = buildPixBrCode({ key: 'financeiro@exemplo.com.br', merchantName: CREDITOR.name, merchantCity: 'SAO PAULO', amountCents: 419_716, txid: 'Lt7Qx2Mz9Pk4Wn8Rb3Vc6Hd5J' });

/** The late note's agreement facts: instalment 1 one day late, its updated amount and new code. */
export const LATE_NOTE = {
  lateFeePercent: 2,
  monthlyInterestPercent: 1,
  remainingCents: 1_234_056,
  installment: { n: 1, dueDate: '2026-12-15', amountCents: 411_352, balanceCents: 411_352, feeCents: 8_227, interestCents: 137, totalCents: 419_716, daysLate: 1, forDate: '2026-12-16', pix: LATE_PIX },
};

const item = (n: number) => AGREEMENT.installments[n - 1]!;
/** The agreement in force as a debtor who writes again reads it: instalment 1 paid, 2 late, 3 next. */
export const AGREEMENT_STANDING = {
  ...AGREEMENT,
  installments: AGREEMENT.installments.map((i) => ({ ...i, status: i.n === 1 ? 'paid' : i.n === 2 ? 'late' : 'open', paidCents: i.n === 1 ? i.amountCents : 0 })),
  status: 'active',
  standing: 'late',
  paidCents: 411_352,
  remainingCents: 822_704,
  next: [{ ...item(2), dueCents: 411_352 }],
  late: [{ n: 2, dueDate: '2027-01-15', dueCents: 411_352 }],
  paid: [{ n: 1, amountCents: 411_352, dueDate: '2026-12-15' }],
  pixFor: [{ ...item(2), dueCents: 411_352 }],
  askedPaid: [{ n: 1 }],
};

/** 18:30 UTC = 15:30 in São Paulo, on 23/11/2026. */
export const LOCK = { until: '2026-11-23T18:30:00.000Z' };

/** 11:00 UTC = 08:00 in São Paulo, on Monday 23/11/2026: when the agents' hours next open. */
export const ANSWER_BY = '2026-11-23T11:00:00.000Z';

/** The facts each template is said with (flows/negotiation.json), plus the creditor for context. */
export function factsFor(key: string): Record<string, unknown> {
  switch (key) {
    case 'welcome':
    case 'welcome.signedLink':
    case 'noDebt':
      return { creditor: CREDITOR };
    case 'notice.first':
    case 'notice.first.email':
      return { creditor: CREDITOR, notice: { accessCode: 'K7M2P9', linkDays: 7 } };
    case 'contact.preferenceSaved':
      return { preference: { channel: 'email', channelName: 'e-mail' } };
    case 'debt.summary':
      return { creditor: CREDITOR, debt: DEBT };
    case 'offer.cash':
      return { offer: OFFER_CASH };
    case 'offer.installments':
      return { offer: OFFER_INSTALLMENTS };
    case 'agreement.term':
      return { creditor: CREDITOR, agreement: AGREEMENT };
    // An agreement in force, as it stands (issue 12): status, segunda via, renegotiation.
    case 'agreement.existing':
    case 'agreement.status.onTrack':
    case 'agreement.status.late':
    case 'renegotiation.offer':
      return { creditor: CREDITOR, agreement: AGREEMENT_STANDING };
    case 'agreement.status.broken':
      return { creditor: CREDITOR, agreement: { ...AGREEMENT_STANDING, status: 'broken', standing: 'broken' } };
    case 'agreement.pixCopy':
    case 'agreement.installmentPaid':
      return { agreement: AGREEMENT_STANDING };
    case 'agreement.followUp':
    case 'agreement.receipt':
    case 'agreement.settled':
      return { agreement: AGREEMENT };
    case 'identify.locked':
    case 'identify.stillLocked':
      return { lock: LOCK, creditor: CREDITOR };
    case 'handoff.notice':
      return { handoff: { reason: 'asked_for_person' } };
    case 'handoff.resumed':
      return { creditor: CREDITOR, debt: DEBT };
    case 'handoff.waitingUntil':
      return { handoff: { answerBy: ANSWER_BY } };
    // Reminders (src/jobs/reminderPass.ts): the facts each kind is queued with.
    case 'reminder.before':
    case 'reminder.due':
      return { creditor: CREDITOR_NAME, agreement: { id: AGREEMENT_ID, installment: { n: 1, dueDate: '2026-12-15', amountCents: 411_352, pix: pix(1) } } };
    case 'reminder.late':
      return { creditor: CREDITOR_NAME, agreement: { id: AGREEMENT_ID, ...LATE_NOTE } };
    case 'agreement.broken':
      return { creditor: CREDITOR_NAME, agreement: { id: AGREEMENT_ID, status: 'broken', remainingCents: 1_234_056, installment: { n: 1, dueDate: '2026-12-15' } } };
    default:
      return {};
  }
}

export function templateText(key: string, locale: Locale): string {
  const t = TEMPLATES[locale][key];
  if (t === undefined) throw new Error(`no template ${key} in ${locale}`);
  return renderTemplate(t, factsFor(key), locale);
}

/** The CheckInput of a candidate text for a template key. */
export function inputFor(key: string, locale: Locale, text: string): CheckInput {
  return { text, templateText: templateText(key, locale), facts: factsFor(key), locale };
}

// Formatting helpers for writing corpus texts from the facts.
export const brl = (cents: number, locale: Locale = 'pt-BR'): string => formatMoney(cents, locale);
export const date = (iso: string, locale: Locale = 'pt-BR'): string => formatDate(iso, locale);
export const cnpj = (s: string): string => formatCnpj(s);
export const pix = (n: 1 | 2 | 3): string => AGREEMENT.installments[n - 1]!.pix;
