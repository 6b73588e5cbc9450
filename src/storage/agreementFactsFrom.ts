import type { LedgerAgreement } from '../domain/agreementLedger.js';
import { agreementStanding } from '../domain/agreementStanding.js';
import type { IsoDate } from '../domain/dates.js';
import type { AgreementFacts } from '../engine/flowContext.js';

/**
 * An agreement in force as the flow and the debtor read it: the ledger's standing on `today`
 * (src/domain/agreementStanding.ts) with each instalment's PIX code. Shared by the database and
 * the in-memory books, so both say the same.
 */
export function agreementFactsFrom(ledger: LedgerAgreement, pixByN: ReadonlyMap<number, string>, today: IsoDate): AgreementFacts {
  const s = agreementStanding(ledger, today);
  const pix = (n: number) => pixByN.get(n) ?? '';
  return {
    id: ledger.id,
    totalCents: s.totals.totalCents,
    installments: s.installments.map((i) => ({ n: i.n, dueDate: i.dueDate, amountCents: i.amountCents, pix: pix(i.n), status: i.status, paidCents: i.paidCents })),
    status: ledger.status,
    standing: s.standing,
    paidCents: s.totals.paidCents,
    remainingCents: s.totals.remainingCents,
    next: s.next ? [{ n: s.next.n, dueDate: s.next.dueDate, amountCents: s.next.amountCents, dueCents: s.next.dueCents, pix: pix(s.next.n) }] : [],
    late: s.late.map((i) => ({ n: i.n, dueDate: i.dueDate, dueCents: i.dueCents })),
    paid: s.installments.filter((i) => i.status === 'paid').map((i) => ({ n: i.n, amountCents: i.amountCents, dueDate: i.dueDate })),
  };
}
