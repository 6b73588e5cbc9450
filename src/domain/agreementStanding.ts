// Where an agreement stands for the debtor reading it today (issue 12, "a debtor with an agreement
// in force who writes again sees its status"): what was paid, what remains, the next instalment
// and the late ones. Pure: the ledger's stored instalment status may lag a day behind (the daily
// pass writes it), so lateness is read from the due date here, as statusOn would set it.

import { ledgerTotals, type LedgerAgreement, type LedgerTotals } from './agreementLedger.js';
import { compareDates, type IsoDate } from './dates.js';

export type Standing = 'onTrack' | 'late' | 'broken';

export interface InstallmentStanding {
  n: number;
  dueDate: IsoDate;
  amountCents: number;
  paidCents: number;
  /** amountCents − paidCents: what is still open on it. */
  dueCents: number;
  status: 'open' | 'paid' | 'late';
}

export interface AgreementStanding {
  standing: Standing;
  totals: LedgerTotals;
  installments: InstallmentStanding[];
  /** The first instalment not fully paid; null when everything is paid. */
  next: InstallmentStanding | null;
  late: InstallmentStanding[];
}

export function agreementStanding(ledger: LedgerAgreement, today: IsoDate): AgreementStanding {
  const installments = ledger.installments.map((i): InstallmentStanding => {
    const dueCents = i.amountCents - i.paidCents;
    const status = dueCents <= 0 ? 'paid' : i.status === 'late' || compareDates(i.dueDate, today) < 0 ? 'late' : 'open';
    return { n: i.n, dueDate: i.dueDate, amountCents: i.amountCents, paidCents: i.paidCents, dueCents: Math.max(0, dueCents), status };
  });
  const late = installments.filter((i) => i.status === 'late');
  const standing: Standing = ledger.status === 'broken' ? 'broken' : late.length > 0 ? 'late' : 'onTrack';
  return { standing, totals: ledgerTotals(ledger), installments, next: installments.find((i) => i.status !== 'paid') ?? null, late };
}
