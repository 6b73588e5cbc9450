import type { AgreementFacts, PixFacts } from './flowContext.js';

/**
 * Which PIX code a "segunda via" sends: the instalment the debtor named when it is still open,
 * else the next one not fully paid. A named instalment already paid is reported (askedPaid) so the
 * flow can say so instead of sending a code for something settled.
 */
export function pixChoice(agreement: AgreementFacts, askedN?: number): { pixFor: PixFacts[]; askedPaid: { n: number }[] } {
  const open = (i: AgreementFacts['installments'][number]) => (i.paidCents ?? 0) < i.amountCents && i.status !== 'paid';
  const asked = askedN === undefined ? undefined : agreement.installments.find((i) => i.n === askedN);
  if (asked && !open(asked)) return { pixFor: [], askedPaid: [{ n: asked.n }] };
  const chosen = asked ?? agreement.installments.find(open);
  if (!chosen) return { pixFor: [], askedPaid: [] };
  return { pixFor: [{ n: chosen.n, dueDate: chosen.dueDate, amountCents: chosen.amountCents, dueCents: chosen.amountCents - (chosen.paidCents ?? 0), pix: chosen.pix }], askedPaid: [] };
}
