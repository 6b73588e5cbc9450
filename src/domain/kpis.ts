// The figures a collection manager steers by (issue 13): the public shape of GET /api/admin/kpis,
// the query that selects them, and the few rules that are arithmetic rather than SQL (rates,
// ageing buckets). The figures themselves are SQL aggregates (src/storage/kpiQueries.ts).
//
// What each figure counts, where the issue is silent:
// - The period is a range of calendar days [from, to] in the creditor's time zone, both included.
// - `conversations` and `funnel` follow a cohort: the conversations OPENED in the period in which
//   the debtor wrote at least once ("started"), and how far each of them got by now (verified,
//   offered, agreed, paid, handed off, opted out). A cohort keeps the funnel monotone: every step
//   is a subset of the one before.
// - Everything else counts events IN the period: notices decided, offers made, agreements made,
//   payments received (by the instant paid), instalments due, hand-offs opened, texts phrased.
// - Simulator runs never count (Conversation.simulation, Agreement.status 'simulated').
// - Rates are fractions 0..1 rounded to 4 places, and 0 when nothing was there to count (the
//   page shows "—" when the denominator is 0; the denominators are in the payload).
// - The portfolio is the state now (`asOf`), not the period: what is owed today, by how late.
//   Ageing is by the debtor's oldest unpaid invoice (open or in an agreement).

import { z } from 'zod';
import { addDays, diffDays, isValidIsoDate, type IsoDate } from './dates.js';

export const KPI_CHANNELS = ['webchat', 'telegram', 'whatsapp'] as const;
/** The longest period one request may ask for: the daily series stays small. */
export const MAX_PERIOD_DAYS = 366;

/** Ageing buckets, in days overdue of the oldest unpaid invoice. `current` is not yet due. */
export const AGEING_BUCKETS = [
  { id: 'current', fromDays: null, toDays: 0 },
  { id: '1-30', fromDays: 1, toDays: 30 },
  { id: '31-60', fromDays: 31, toDays: 60 },
  { id: '61-90', fromDays: 61, toDays: 90 },
  { id: '91-180', fromDays: 91, toDays: 180 },
  { id: '181-360', fromDays: 181, toDays: 360 },
  { id: '361+', fromDays: 361, toDays: null },
] as const satisfies readonly { id: string; fromDays: number | null; toDays: number | null }[];
export type AgeingBucketId = (typeof AGEING_BUCKETS)[number]['id'];
export const AGEING_BUCKET_IDS = AGEING_BUCKETS.map((b) => b.id) as [AgeingBucketId, ...AgeingBucketId[]];

const day = (what: string) => z.string({ error: 'required' }).refine(isValidIsoDate, `${what} must be a calendar date YYYY-MM-DD`);

// Unknown parameters are ignored, as a query string's usually are.
export const KpiQuerySchema = z
  .object({
    from: day('from'),
    to: day('to'),
    channel: z.enum(KPI_CHANNELS, { message: `must be one of ${KPI_CHANNELS.join(', ')}` }).optional(),
    flowVersion: z.coerce.number().int('must be a whole number').min(1, 'must be a whole number from 1').optional(),
    bucket: z.enum(AGEING_BUCKET_IDS, { message: `must be one of ${AGEING_BUCKET_IDS.join(', ')}` }).optional(),
  })
  .superRefine((q, ctx) => {
    if (!isValidIsoDate(q.from) || !isValidIsoDate(q.to)) return;
    const days = diffDays(q.from, q.to) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period is at most ${MAX_PERIOD_DAYS} days` });
  });
export type KpiQuery = z.infer<typeof KpiQuerySchema>;

export interface BucketFigures {
  bucket: AgeingBucketId;
  debtors: number;
  openCents: number;
}

export interface Kpis {
  period: { from: IsoDate; to: IsoDate; timeZone: string; days: number };
  filters: { channel: string | null; flowVersion: number | null; bucket: AgeingBucketId | null };
  portfolio: { asOf: IsoDate; debtors: number; openCents: number; inAgreementCents: number; byBucket: BucketFigures[] };
  reach: {
    noticesSent: number;
    noticesDeferred: number;
    noticesBlocked: number;
    /** Debtors sent at least one proactive message in the period. */
    debtorsNotified: number;
    /** Of those, the ones who wrote back after it (contact rate = answered / notified). */
    debtorsAnswered: number;
    /** Of those notified, the ones whose identity was verified after it (right-party contact). */
    debtorsVerified: number;
    contactRate: number;
    rightPartyRate: number;
  };
  conversations: { started: number; verified: number; offered: number; agreed: number; paid: number; handedOff: number; optedOut: number; handoffRate: number; verifiedToAgreementRate: number };
  negotiation: { offers: number; medianSecondsToAgreement: number | null };
  agreements: {
    count: number;
    totalCents: number;
    cash: number;
    installments: number;
    cashCents: number;
    installmentsCents: number;
    /** Mean discount of the cash agreements, in basis points (1000 = 10 %). */
    averageDiscountBasisPoints: number | null;
    /** Mean number of instalments of the instalment agreements. */
    averageInstallments: number | null;
    renegotiations: number;
    broken: number;
  };
  payments: { count: number; recoveredCents: number; chargesCents: number; overpaidCents: number; unmatched: number; unmatchedCents: number };
  promises: { due: number; kept: number; broken: number; keptRate: number };
  handoffs: { count: number; byReason: Record<string, number>; claimed: number; medianSecondsToClaim: number | null; optOuts: number };
  quality: { phrased: number; llm: number; template: number; fellBack: number; fallbackByCheck: Record<string, number>; turnsFailed: number };
  funnel: { step: 'started' | 'verified' | 'offered' | 'agreed' | 'paid'; count: number }[];
  series: { date: IsoDate; agreements: number; agreedCents: number; payments: number; recoveredCents: number }[];
}

/** A fraction 0..1 rounded to 4 places; 0 when there was nothing to count. */
export function rate(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/** Every day of the period, in order (the series has a point per day, zero or not). */
export function periodDays(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = from; diffDays(d, to) >= 0; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The ageing bucket of a debt whose oldest unpaid invoice is `daysOverdue` days late. */
export function ageingBucketOf(daysOverdue: number): AgeingBucketId {
  for (const b of AGEING_BUCKETS) {
    if ((b.fromDays === null || daysOverdue >= b.fromDays) && (b.toDays === null || daysOverdue <= b.toDays)) return b.id;
  }
  return '361+';
}
