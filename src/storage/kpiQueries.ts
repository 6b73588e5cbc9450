// The KPIs of src/domain/kpis.ts as SQL aggregates: a handful of statements, each one indexed
// range scan or one GROUP BY, returning a few rows of counts and sums — never the rows themselves
// (issue 13: 100,000 debtors and 300,000 messages must not reach this process's memory).
//
// Conventions shared by every statement:
// - A creditor's conversations are Conversation.creditorId (set when they open, before the debtor
//   is known); simulator runs are left out (Conversation.simulation, Agreement 'simulated').
// - Instants are stored as UTC `timestamp`; the period's bounds are the creditor's midnights as
//   UTC instants, and "the day of" an instant is its calendar day in the creditor's time zone.
// - Filters: channel and flow version are the conversation's; the ageing bucket is how late the
//   debtor's oldest invoice (not cancelled) was on the day the counted thing happened.

import { Prisma } from '../generated/prisma/client.js';
import { diffDays, todayIn, type IsoDate } from '../domain/dates.js';
import { AGEING_BUCKETS, ageingBucketOf, periodDays, rate, type AgeingBucketId, type BucketFigures, type KpiQuery, type Kpis } from '../domain/kpis.js';
import { periodInstants } from '../domain/zonedTime.js';
import type { Db } from './database.js';
import { currentReminderSettings } from './reminderSettingsRepository.js';

export interface KpiArgs {
  creditorId: string;
  query: KpiQuery;
  /** The creditor's time zone: the period's days and the series' days are its calendar days. */
  timeZone: string;
  now: Date;
}

type Sql = Prisma.Sql;
const sql = Prisma.sql;

/** What every statement needs: the bounds, the filters as SQL fragments. */
interface Scope {
  creditorId: string;
  from: IsoDate;
  to: IsoDate;
  /** A channel, flow version or bucket filter is set: rows with no conversation are left out. */
  filtered: boolean;
  start: string;
  end: string;
  today: IsoDate;
  tz: string;
  /** Conditions on a Conversation aliased `c` (creditor, not simulated, channel, flow version). */
  conv: Sql;
  /**
   * The row's conversation (id expression) meets `conv`. Written as "no such conversation fails
   * it": the database then hashes the few conversations left out (simulations) instead of the
   * 100,000 let in, which halved each event statement's time at 100,000 debtors.
   */
  of: (conversationId: Sql) => Sql;
  /** The debtor of a conversation (id expression), for the bucket filter of rows that have none. */
  debtorOf: (conversationId: Sql) => Sql;
  /** The ageing-bucket condition for a debtor id expression on a day expression (or TRUE). */
  bucket: (debtorId: Sql, day: Sql) => Sql;
}

/** The calendar day, in the creditor's time zone, of a UTC timestamp column. */
function dayOf(col: Sql, tz: string): Sql {
  return sql`((${col} AT TIME ZONE 'UTC') AT TIME ZONE ${tz}::text)::date`;
}

function scopeOf(args: KpiArgs): Scope {
  const { query: q, timeZone: tz } = args;
  const convOn = (alias: string): Sql => {
    const c = Prisma.raw(alias);
    return Prisma.join(
      [
        sql`${c}."creditorId" = ${args.creditorId}`,
        sql`${c}."simulation" = false`,
        q.channel ? sql`${c}."channel" = ${q.channel}` : null,
        q.flowVersion !== undefined ? sql`${c}."flowVersion" = ${q.flowVersion}` : null,
      ].filter((x): x is Sql => x !== null),
      ' AND ',
    );
  };
  const conv = convOn('c');
  const of = (id: Sql): Sql => sql`(${id} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Conversation" cx WHERE cx."id" = ${id} AND (${convOn('cx')}) IS NOT TRUE))`;
  const debtorOf = (id: Sql): Sql => sql`(SELECT co."debtorId" FROM "Conversation" co WHERE co."id" = ${id})`;
  const range = q.bucket ? AGEING_BUCKETS.find((b) => b.id === q.bucket) : undefined;
  const bucket = (debtorId: Sql, day: Sql): Sql => {
    if (!range) return sql`TRUE`;
    // The earliest due date of the debtor's invoices not cancelled, kept on Debtor by the database.
    const age = sql`(${day} - (SELECT db."firstDueDate" FROM "Debtor" db WHERE db."id" = ${debtorId})::date)`;
    const lo = range.fromDays === null ? sql`TRUE` : sql`${age} >= ${range.fromDays}::int`;
    const hi = range.toDays === null ? sql`TRUE` : sql`${age} <= ${range.toDays}::int`;
    return sql`(${lo} AND ${hi})`;
  };
  const { start, end } = periodInstants(q.from, q.to, tz);
  return {
    creditorId: args.creditorId,
    from: q.from,
    to: q.to,
    filtered: q.channel !== undefined || q.flowVersion !== undefined || q.bucket !== undefined,
    start: start.toISOString(),
    end: end.toISOString(),
    today: todayIn(tz, args.now),
    tz,
    conv,
    of,
    debtorOf,
    bucket,
  };
}

/** `col` within the period: [start of `from`, start of the day after `to`). */
function inPeriod(col: Sql, s: Scope): Sql {
  return sql`${col} >= ${s.start}::timestamp AND ${col} < ${s.end}::timestamp`;
}

const num = (v: bigint | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
const orNull = (v: number | null | undefined, places = 0): number | null => {
  if (v === null || v === undefined) return null;
  const f = 10 ** places;
  return Math.round(Number(v) * f) / f;
};

export async function computeKpis(db: Db, args: KpiArgs): Promise<Kpis> {
  const s = scopeOf(args);
  const { graceDays } = await currentReminderSettings(db, args.creditorId);
  const [portfolio, cohort, reach, negotiation, agreements, payments, promises, handoffs, reasons, quality, checks, series] = await Promise.all([
    portfolioFigures(db, s, args.query.bucket ?? null),
    cohortFigures(db, s),
    reachFigures(db, s),
    offerFigures(db, s),
    agreementFigures(db, s),
    paymentFigures(db, s),
    promiseFigures(db, s, graceDays),
    handoffFigures(db, s),
    handoffReasons(db, s),
    qualityFigures(db, s),
    failedChecks(db, s),
    dailySeries(db, s),
  ]);
  const q = args.query;
  return {
    period: { from: q.from, to: q.to, timeZone: args.timeZone, days: diffDays(q.from, q.to) + 1 },
    filters: { channel: q.channel ?? null, flowVersion: q.flowVersion ?? null, bucket: q.bucket ?? null },
    portfolio,
    reach: { ...reach, contactRate: rate(reach.debtorsAnswered, reach.debtorsNotified), rightPartyRate: rate(reach.debtorsVerified, reach.debtorsNotified) },
    conversations: { ...cohort, handoffRate: rate(cohort.handedOff, cohort.started), verifiedToAgreementRate: rate(cohort.agreed, cohort.verified) },
    negotiation: { offers: negotiation, medianSecondsToAgreement: agreements.medianSecondsToAgreement },
    agreements: agreements.figures,
    payments,
    promises: { ...promises, keptRate: rate(promises.kept, promises.due) },
    handoffs: { ...handoffs, byReason: reasons },
    quality: { ...quality, fallbackByCheck: checks },
    funnel: [
      { step: 'started', count: cohort.started },
      { step: 'verified', count: cohort.verified },
      { step: 'offered', count: cohort.offered },
      { step: 'agreed', count: cohort.agreed },
      { step: 'paid', count: cohort.paid },
    ],
    series: periodDays(q.from, q.to).map((date) => ({ date, agreements: 0, agreedCents: 0, payments: 0, recoveredCents: 0, ...series.get(date) })),
  };
}

/**
 * What is owed now, by ageing bucket: debtors with an invoice open or in an agreement, aged by the
 * oldest such invoice. One pass over the creditor's debtors: each one's balance and oldest unpaid
 * due date are kept on Debtor by the database as its invoices change (migration debtor_balances),
 * so no invoice is read here (summing 180,000 invoices took 250-320 ms at 100,000 debtors).
 */
async function portfolioFigures(db: Db, s: Scope, only: AgeingBucketId | null): Promise<Kpis['portfolio']> {
  const rows = await db.$queryRaw<{ age: number; debtors: number; openCents: bigint; inAgreementCents: bigint }[]>`
    SELECT (${s.today}::date - d."oldestUnpaidDueDate"::date) AS "age", count(*)::int AS "debtors",
      sum(d."openCents")::bigint AS "openCents", sum(d."inAgreementCents")::bigint AS "inAgreementCents"
    FROM "Debtor" d
    WHERE d."creditorId" = ${s.creditorId} AND d."oldestUnpaidDueDate" IS NOT NULL
    GROUP BY 1`;
  const byBucket = new Map<AgeingBucketId, BucketFigures & { inAgreementCents: number }>(AGEING_BUCKETS.map((b) => [b.id, { bucket: b.id, debtors: 0, openCents: 0, inAgreementCents: 0 }]));
  for (const r of rows) {
    const b = byBucket.get(ageingBucketOf(Number(r.age)))!;
    b.debtors += num(r.debtors);
    b.openCents += num(r.openCents);
    b.inAgreementCents += num(r.inAgreementCents);
  }
  const kept = [...byBucket.values()].filter((b) => only === null || b.bucket === only);
  const sum = (k: 'debtors' | 'openCents' | 'inAgreementCents') => kept.reduce((t, b) => t + b[k], 0);
  return {
    asOf: s.today,
    debtors: sum('debtors'),
    openCents: sum('openCents'),
    inAgreementCents: sum('inAgreementCents'),
    // Every bucket is listed (a chart keeps its axis); under a bucket filter the others are zero,
    // so the list always adds up to the totals.
    byBucket: [...byBucket.values()].map(({ bucket, debtors, openCents }) => (only === null || bucket === only ? { bucket, debtors, openCents } : { bucket, debtors: 0, openCents: 0 })),
  };
}

/**
 * The cohort: conversations opened in the period where the debtor wrote, and how far each got.
 * Each step is a set of conversation ids read once and hashed (not a probe per conversation: a
 * year's cohort is ~90,000 conversations), bounded below by the period's start — nothing of a
 * conversation comes before it opened.
 */
async function cohortFigures(db: Db, s: Scope): Promise<Omit<Kpis['conversations'], 'handoffRate' | 'verifiedToAgreementRate'>> {
  const since = sql`${s.start}::timestamp`;
  const audited = (type: string) => sql`c."id" IN (SELECT e."conversationId" FROM "AuditEvent" e WHERE e."type" = ${type} AND e."at" >= ${since})`;
  const [r] = await db.$queryRaw<Record<'started' | 'verified' | 'offered' | 'agreed' | 'paid' | 'handedOff' | 'optedOut', number>[]>`
    SELECT count(*)::int AS "started",
      count(*) FILTER (WHERE ${audited('identity.verified')})::int AS "verified",
      count(*) FILTER (WHERE c."id" IN (SELECT o."conversationId" FROM "Offer" o WHERE o."createdAt" >= ${since}))::int AS "offered",
      count(*) FILTER (WHERE c."id" IN (SELECT a."conversationId" FROM "Agreement" a WHERE a."createdAt" >= ${since} AND a."status" <> 'simulated'))::int AS "agreed",
      count(*) FILTER (WHERE c."id" IN (SELECT a."conversationId" FROM "Agreement" a JOIN "Payment" p ON p."agreementId" = a."id"
        WHERE a."createdAt" >= ${since} AND a."status" <> 'simulated' AND p."status" = 'applied'))::int AS "paid",
      count(*) FILTER (WHERE c."id" IN (SELECT h."conversationId" FROM "Handoff" h WHERE h."createdAt" >= ${since}))::int AS "handedOff",
      count(*) FILTER (WHERE ${audited('contact.opted_out')})::int AS "optedOut"
    FROM "Conversation" c
    WHERE ${s.conv} AND ${inPeriod(sql`c."createdAt"`, s)}
      AND c."lastInboundAt" IS NOT NULL
      AND ${s.bucket(sql`c."debtorId"`, dayOf(sql`c."createdAt"`, s.tz))}`;
  return { started: num(r?.started), verified: num(r?.verified), offered: num(r?.offered), agreed: num(r?.agreed), paid: num(r?.paid), handedOff: num(r?.handedOff), optedOut: num(r?.optedOut) };
}

/**
 * Proactive messages decided in the period (each message once per outcome, however often it was
 * deferred), and the debtors they reached: who wrote back, and who proved identity, after the
 * first one sent to them in the period.
 */
async function reachFigures(db: Db, s: Scope): Promise<Omit<Kpis['reach'], 'contactRate' | 'rightPartyRate'>> {
  const [r] = await db.$queryRaw<Record<'noticesSent' | 'noticesDeferred' | 'noticesBlocked', number>[]>`
    SELECT count(DISTINCT cd."messageId") FILTER (WHERE cd."status" = 'sent')::int AS "noticesSent",
      count(DISTINCT cd."messageId") FILTER (WHERE cd."status" = 'deferred')::int AS "noticesDeferred",
      count(DISTINCT cd."messageId") FILTER (WHERE cd."status" = 'blocked')::int AS "noticesBlocked"
    FROM "ContactDecision" cd
    WHERE ${s.of(sql`cd."conversationId"`)} AND ${inPeriod(sql`cd."at"`, s)} AND ${s.bucket(s.debtorOf(sql`cd."conversationId"`), dayOf(sql`cd."at"`, s.tz))}`;
  // Who wrote back, and who proved identity, after their first notice: each debtor's latest inbound
  // message (Conversation.lastInboundAt, kept by the database) and latest verification since the
  // period began, read once and joined (a probe per notified debtor cost ~40,000 index lookups a
  // year, 0.8 s; reading the messages themselves, 0.2 s).
  const since = sql`${s.start}::timestamp`;
  const [d] = await db.$queryRaw<Record<'debtorsNotified' | 'debtorsAnswered' | 'debtorsVerified', number>[]>`
    WITH notified AS (
      SELECT c."debtorId", min(cd."at") AS "firstAt"
      FROM "ContactDecision" cd JOIN "Conversation" c ON c."id" = cd."conversationId"
      WHERE ${s.conv} AND cd."status" = 'sent' AND c."debtorId" IS NOT NULL AND ${inPeriod(sql`cd."at"`, s)}
        AND ${s.bucket(sql`c."debtorId"`, dayOf(sql`cd."at"`, s.tz))}
      GROUP BY c."debtorId"),
    answered AS (
      SELECT c2."debtorId", max(c2."lastInboundAt") AS "lastAt"
      FROM "Conversation" c2
      WHERE c2."creditorId" = ${s.creditorId} AND c2."simulation" = false AND c2."debtorId" IS NOT NULL AND c2."lastInboundAt" > ${since}
      GROUP BY c2."debtorId"),
    verified AS (
      SELECT e."debtorId", max(e."at") AS "lastAt"
      FROM "AuditEvent" e
      WHERE e."type" = 'identity.verified' AND e."at" > ${since} AND e."debtorId" IS NOT NULL AND e."conversationId" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "Conversation" c3 WHERE c3."id" = e."conversationId" AND c3."simulation")
      GROUP BY e."debtorId")
    SELECT count(*)::int AS "debtorsNotified",
      count(*) FILTER (WHERE a."lastAt" > n."firstAt")::int AS "debtorsAnswered",
      count(*) FILTER (WHERE v."lastAt" > n."firstAt")::int AS "debtorsVerified"
    FROM notified n LEFT JOIN answered a ON a."debtorId" = n."debtorId" LEFT JOIN verified v ON v."debtorId" = n."debtorId"`;
  return {
    noticesSent: num(r?.noticesSent),
    noticesDeferred: num(r?.noticesDeferred),
    noticesBlocked: num(r?.noticesBlocked),
    debtorsNotified: num(d?.debtorsNotified),
    debtorsAnswered: num(d?.debtorsAnswered),
    debtorsVerified: num(d?.debtorsVerified),
  };
}

/** Offers made in the period (every round counts: the ladder's steps, counter-proposals, agents'). */
async function offerFigures(db: Db, s: Scope): Promise<number> {
  const [r] = await db.$queryRaw<{ offers: number }[]>`
    SELECT count(*)::int AS "offers"
    FROM "Offer" o
    WHERE ${s.of(sql`o."conversationId"`)} AND ${inPeriod(sql`o."createdAt"`, s)} AND ${s.bucket(sql`o."debtorId"`, dayOf(sql`o."createdAt"`, s.tz))}`;
  return num(r?.offers);
}

/** Agreements made in the period, their terms, and the agreements that broke in it. */
async function agreementFigures(db: Db, s: Scope): Promise<{ figures: Kpis['agreements']; medianSecondsToAgreement: number | null }> {
  const [r] = await db.$queryRaw<
    {
      count: number;
      totalCents: bigint | null;
      cash: number;
      installments: number;
      cashCents: bigint | null;
      installmentsCents: bigint | null;
      averageDiscount: number | null;
      averageInstallments: number | null;
      renegotiations: number;
      medianSeconds: number | null;
    }[]
  >`
    SELECT count(*)::int AS "count", sum(a."totalCents")::bigint AS "totalCents",
      count(*) FILTER (WHERE a."kind" = 'cash')::int AS "cash",
      count(*) FILTER (WHERE a."kind" = 'installments')::int AS "installments",
      sum(a."totalCents") FILTER (WHERE a."kind" = 'cash')::bigint AS "cashCents",
      sum(a."totalCents") FILTER (WHERE a."kind" = 'installments')::bigint AS "installmentsCents",
      avg(o."discountBasisPoints") FILTER (WHERE a."kind" = 'cash')::float8 AS "averageDiscount",
      avg(o."installments") FILTER (WHERE a."kind" = 'installments')::float8 AS "averageInstallments",
      count(*) FILTER (WHERE a."renegotiatesId" IS NOT NULL)::int AS "renegotiations",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a."createdAt" - c."createdAt"))::float8 AS "medianSeconds"
    FROM "Agreement" a JOIN "Conversation" c ON c."id" = a."conversationId" JOIN "Offer" o ON o."id" = a."offerId"
    WHERE a."creditorId" = ${s.creditorId} AND a."status" <> 'simulated' AND ${s.conv}
      AND ${inPeriod(sql`a."createdAt"`, s)} AND ${s.bucket(sql`a."debtorId"`, dayOf(sql`a."createdAt"`, s.tz))}`;
  const [b] = await db.$queryRaw<{ broken: number }[]>`
    SELECT count(*)::int AS "broken"
    FROM "Agreement" a
    WHERE a."creditorId" = ${s.creditorId} AND a."status" <> 'simulated' AND ${s.of(sql`a."conversationId"`)}
      AND a."brokenOn" >= ${s.from} AND a."brokenOn" <= ${s.to}
      AND ${s.bucket(sql`a."debtorId"`, sql`a."brokenOn"::date`)}`;
  return {
    figures: {
      count: num(r?.count),
      totalCents: num(r?.totalCents),
      cash: num(r?.cash),
      installments: num(r?.installments),
      cashCents: num(r?.cashCents),
      installmentsCents: num(r?.installmentsCents),
      averageDiscountBasisPoints: orNull(r?.averageDiscount),
      averageInstallments: orNull(r?.averageInstallments, 2),
      renegotiations: num(r?.renegotiations),
      broken: num(b?.broken),
    },
    medianSecondsToAgreement: orNull(r?.medianSeconds),
  };
}

/**
 * Payments received in the period (by the instant paid). Recovered is what was applied to
 * agreements (charges and any overpayment included, and given apart); unmatched payments wait
 * for a person and are counted apart (they carry no conversation, so a channel filter drops them).
 */
async function paymentFigures(db: Db, s: Scope): Promise<Kpis['payments']> {
  const [r] = await db.$queryRaw<
    { count: number; recoveredCents: bigint | null; chargesCents: bigint | null; overpaidCents: bigint | null; unmatched: number; unmatchedCents: bigint | null }[]
  >`
    SELECT count(*) FILTER (WHERE p."status" = 'applied')::int AS "count",
      sum(p."amountCents") FILTER (WHERE p."status" = 'applied')::bigint AS "recoveredCents",
      sum(p."chargesCents") FILTER (WHERE p."status" = 'applied')::bigint AS "chargesCents",
      sum(p."overpaidCents") FILTER (WHERE p."status" = 'applied')::bigint AS "overpaidCents",
      count(*) FILTER (WHERE p."status" = 'unmatched')::int AS "unmatched",
      sum(p."amountCents") FILTER (WHERE p."status" = 'unmatched')::bigint AS "unmatchedCents"
    FROM "Payment" p
      LEFT JOIN "Agreement" a ON a."id" = p."agreementId"
    WHERE p."creditorId" = ${s.creditorId} AND ${inPeriod(sql`p."paidAt"`, s)}
      AND ((p."agreementId" IS NULL AND ${s.filtered ? sql`FALSE` : sql`TRUE`})
        OR (a."status" <> 'simulated' AND ${s.of(sql`a."conversationId"`)} AND ${s.bucket(sql`a."debtorId"`, dayOf(sql`p."paidAt"`, s.tz))}))`;
  return {
    count: num(r?.count),
    recoveredCents: num(r?.recoveredCents),
    chargesCents: num(r?.chargesCents),
    overpaidCents: num(r?.overpaidCents),
    unmatched: num(r?.unmatched),
    unmatchedCents: num(r?.unmatchedCents),
  };
}

/**
 * Promises to pay: the instalments due in the period whose outcome is known by today — paid within
 * the grace (kept), or past the grace unpaid or paid late (broken). Instalments of agreements that
 * were cancelled (a person's correction) are not promises, nor those a renegotiation replaced
 * before they fell due (the debtor came to us in time; the new agreement's dates are the promise).
 */
async function promiseFigures(db: Db, s: Scope, graceDays: number): Promise<Omit<Kpis['promises'], 'keptRate'>> {
  const graceEnd = sql`(i."dueDate"::date + ${graceDays}::int)`;
  const keptCond = sql`i."paidAt" IS NOT NULL AND ${dayOf(sql`i."paidAt"`, s.tz)} <= ${graceEnd}`;
  const [r] = await db.$queryRaw<{ due: number; kept: number }[]>`
    SELECT count(*)::int AS "due", count(*) FILTER (WHERE ${keptCond})::int AS "kept"
    FROM "Installment" i JOIN "Agreement" a ON a."id" = i."agreementId"
    WHERE i."creditorId" = ${s.creditorId} AND i."dueDate" >= ${s.from} AND i."dueDate" <= ${s.to}
      AND a."status" IN ('active', 'settled', 'broken', 'renegotiated') AND ${s.of(sql`a."conversationId"`)}
      AND NOT (a."status" = 'renegotiated' AND i."paidAt" IS NULL
        AND i."dueDate" >= (SELECT r."agreedOn" FROM "Agreement" r WHERE r."id" = a."renegotiatedById"))
      AND (${graceEnd} < ${s.today}::date OR (${keptCond}))
      AND ${s.bucket(sql`a."debtorId"`, sql`i."dueDate"::date`)}`;
  const due = num(r?.due);
  const kept = num(r?.kept);
  return { due, kept, broken: due - kept };
}

/** Hand-offs opened in the period, how many a person claimed and how fast; opt-outs in the period. */
async function handoffFigures(db: Db, s: Scope): Promise<Omit<Kpis['handoffs'], 'byReason'>> {
  const [r] = await db.$queryRaw<{ count: number; claimed: number; medianSeconds: number | null }[]>`
    SELECT count(*)::int AS "count", count(h."claimedAt")::int AS "claimed",
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h."claimedAt" - h."createdAt")) FILTER (WHERE h."claimedAt" IS NOT NULL)::float8 AS "medianSeconds"
    FROM "Handoff" h
    WHERE ${s.of(sql`h."conversationId"`)} AND ${inPeriod(sql`h."createdAt"`, s)} AND ${s.bucket(s.debtorOf(sql`h."conversationId"`), dayOf(sql`h."createdAt"`, s.tz))}`;
  const [o] = await db.$queryRaw<{ optOuts: number }[]>`
    SELECT count(*)::int AS "optOuts"
    FROM "AuditEvent" e
    WHERE e."type" = 'contact.opted_out' AND ${inPeriod(sql`e."at"`, s)} AND ${s.of(sql`e."conversationId"`)}
      AND ${s.bucket(s.debtorOf(sql`e."conversationId"`), dayOf(sql`e."at"`, s.tz))}`;
  return { count: num(r?.count), claimed: num(r?.claimed), medianSecondsToClaim: orNull(r?.medianSeconds), optOuts: num(o?.optOuts) };
}

async function handoffReasons(db: Db, s: Scope): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ reason: string; n: number }[]>`
    SELECT h."reason", count(*)::int AS "n"
    FROM "Handoff" h
    WHERE ${s.of(sql`h."conversationId"`)} AND ${inPeriod(sql`h."createdAt"`, s)} AND ${s.bucket(s.debtorOf(sql`h."conversationId"`), dayOf(sql`h."createdAt"`, s.tz))}
    GROUP BY h."reason" ORDER BY h."reason"`;
  return Object.fromEntries(rows.map((r) => [r.reason, num(r.n)]));
}

/**
 * The LLM's share of the texts sent: each phrased message's source, and why the template was sent
 * instead — `fellBack` counts the attempts the guardrails refused or the API failed (not the
 * texts kept verbatim by design, nor a spent budget). Turns that failed, from the audit trail.
 */
async function qualityFigures(db: Db, s: Scope): Promise<Omit<Kpis['quality'], 'fallbackByCheck'>> {
  const [r] = await db.$queryRaw<Record<'phrased' | 'llm' | 'template' | 'fellBack' | 'turnsFailed', number>[]>`
    SELECT count(*) FILTER (WHERE e."type" = 'message.phrased')::int AS "phrased",
      count(*) FILTER (WHERE e."type" = 'message.phrased' AND e."data"->>'source' = 'llm')::int AS "llm",
      count(*) FILTER (WHERE e."type" = 'message.phrased' AND e."data"->>'source' = 'template')::int AS "template",
      count(*) FILTER (WHERE e."type" = 'message.phrased' AND e."data"->>'reason' IN ('guardrails', 'llm_error'))::int AS "fellBack",
      count(*) FILTER (WHERE e."type" = 'turn.failed')::int AS "turnsFailed"
    FROM "AuditEvent" e
    WHERE e."type" IN ('message.phrased', 'turn.failed') AND ${inPeriod(sql`e."at"`, s)} AND ${s.of(sql`e."conversationId"`)}
      AND ${s.bucket(s.debtorOf(sql`e."conversationId"`), dayOf(sql`e."at"`, s.tz))}`;
  return { phrased: num(r?.phrased), llm: num(r?.llm), template: num(r?.template), fellBack: num(r?.fellBack), turnsFailed: num(r?.turnsFailed) };
}

/** Which guardrail checks refused the LLM's texts, and how often (one text may fail several). */
async function failedChecks(db: Db, s: Scope): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ check: string; n: number }[]>`
    SELECT f->>'check' AS "check", count(*)::int AS "n"
    FROM "AuditEvent" e,
      jsonb_array_elements(CASE WHEN jsonb_typeof(e."data"->'failures') = 'array' THEN e."data"->'failures' ELSE '[]'::jsonb END) f
    WHERE e."type" = 'message.phrased' AND e."data"->>'reason' = 'guardrails' AND ${inPeriod(sql`e."at"`, s)} AND ${s.of(sql`e."conversationId"`)}
      AND ${s.bucket(s.debtorOf(sql`e."conversationId"`), dayOf(sql`e."at"`, s.tz))}
    GROUP BY 1 ORDER BY 1`;
  return Object.fromEntries(rows.filter((r) => r.check !== null).map((r) => [r.check, num(r.n)]));
}

type SeriesPoint = Omit<Kpis['series'][number], 'date'>;

/** Agreements made and payments applied per calendar day of the period. */
async function dailySeries(db: Db, s: Scope): Promise<Map<IsoDate, Partial<SeriesPoint>>> {
  const [agreed, paid] = await Promise.all([
    db.$queryRaw<{ day: string; n: number; cents: bigint }[]>`
      SELECT to_char(${dayOf(sql`a."createdAt"`, s.tz)}, 'YYYY-MM-DD') AS "day", count(*)::int AS "n", sum(a."totalCents")::bigint AS "cents"
      FROM "Agreement" a
      WHERE a."creditorId" = ${s.creditorId} AND a."status" <> 'simulated' AND ${s.of(sql`a."conversationId"`)}
        AND ${inPeriod(sql`a."createdAt"`, s)} AND ${s.bucket(sql`a."debtorId"`, dayOf(sql`a."createdAt"`, s.tz))}
      GROUP BY 1`,
    db.$queryRaw<{ day: string; n: number; cents: bigint }[]>`
      SELECT to_char(${dayOf(sql`p."paidAt"`, s.tz)}, 'YYYY-MM-DD') AS "day", count(*)::int AS "n", sum(p."amountCents")::bigint AS "cents"
      FROM "Payment" p JOIN "Agreement" a ON a."id" = p."agreementId"
      WHERE p."creditorId" = ${s.creditorId} AND p."status" = 'applied' AND a."status" <> 'simulated' AND ${s.of(sql`a."conversationId"`)}
        AND ${inPeriod(sql`p."paidAt"`, s)} AND ${s.bucket(sql`a."debtorId"`, dayOf(sql`p."paidAt"`, s.tz))}
      GROUP BY 1`,
  ]);
  const byDay = new Map<IsoDate, Partial<SeriesPoint>>();
  for (const r of agreed) byDay.set(r.day, { ...byDay.get(r.day), agreements: num(r.n), agreedCents: num(r.cents) });
  for (const r of paid) byDay.set(r.day, { ...byDay.get(r.day), payments: num(r.n), recoveredCents: num(r.cents) });
  return byDay;
}
