import type { Offer } from '../domain/offer.js';
import type { FlowContext } from './flowContext.js';
import type { CreditorFacts } from './ports.js';
import { DEBT_FACTS, type FactName } from './registry.js';
import { CordialError } from '../domain/errors.js';

export class DisclosureError extends CordialError<'DISCLOSURE_BEFORE_VERIFICATION'> {
  constructor(message: string) {
    super('DISCLOSURE_BEFORE_VERIFICATION', message);
  }
}

/** An offer as the debtor reads it (the schedule stays out of chat facts). */
export function offerFacts(o: Offer): Record<string, unknown> {
  return { kind: o.kind, totalCents: o.totalCents, discountPercent: o.discountPercent, installments: o.installments, installmentCents: o.installmentCents, firstDueDate: o.firstDueDate };
}

/**
 * The structured facts behind one bot message, in the web chat contract's shapes. A flow that
 * asks for debt facts before identity is verified is refused here, whatever the flow says.
 */
const CHANNEL_NAMES: Record<FlowContext['locale'], Record<NonNullable<FlowContext['preferredChannel']>, string>> = {
  'pt-BR': { email: 'e-mail', whatsapp: 'WhatsApp', telegram: 'Telegram' },
  en: { email: 'e-mail', whatsapp: 'WhatsApp', telegram: 'Telegram' },
};

export function buildFacts(names: readonly FactName[], ctx: FlowContext, creditor: CreditorFacts): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const name of names) {
    if (DEBT_FACTS.includes(name) && !ctx.verified) throw new DisclosureError(`fact "${name}" requested before identity verification`);
    switch (name) {
      case 'creditor':
        facts.creditor = { ...creditor };
        break;
      case 'debt':
        if (ctx.debt) {
          facts.debt = {
            companyName: ctx.debt.companyName,
            totalCents: ctx.debt.totalCents,
            invoiceCount: ctx.debt.invoices.length,
            invoices: ctx.debt.invoices,
          };
        }
        break;
      case 'offer':
        if (ctx.offer) facts.offer = offerFacts(ctx.offer);
        break;
      case 'counter':
        if (ctx.counter) facts.counter = { ...ctx.counter };
        break;
      case 'agreement':
        if (ctx.agreement) facts.agreement = { ...ctx.agreement, count: ctx.agreement.installments.length };
        break;
      case 'handoff':
        facts.handoff = { reason: ctx.escalation?.reason ?? 'asked_for_person' };
        break;
      case 'lock':
        facts.lock = { until: ctx.lockedUntil };
        if (!facts.creditor) facts.creditor = { ...creditor };
        break;
      case 'preference':
        // The channel's name in the conversation's language: the template says it as a word.
        if (ctx.preferredChannel) facts.preference = { channel: ctx.preferredChannel, channelName: CHANNEL_NAMES[ctx.locale][ctx.preferredChannel] };
        break;
    }
  }
  return facts;
}
