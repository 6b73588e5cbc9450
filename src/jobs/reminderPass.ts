// The reminder pass (issue 12, "Messages the debtor gets"): run by the chore scheduler under the
// 'reminders' lease, a few times an hour. Each run
//   1. the daily status: agreements with an open instalment past due, or a late one past the grace,
//      are reloaded under their row lock and moved on by statusOn (late; broken after graceDays);
//   2. drops reminders still waiting in the outbox that no longer make sense (their window is over,
//      the instalment was paid, the agreement moved on): "due in 3 days" is never sent after the
//      due date, whatever held it back;
//   3. queues the reminder whose window holds the debtor's today for each unpaid instalment due in
//      the reminder window: before:N and due (the amount still owed and its PIX code), after:N (the
//      gentle late note with the updated amount and a new PIX code), broken (one courteous offer to
//      renegotiate per agreement). Each key goes out at most once, also with several processes.
// The rules of which reminder, when, are src/domain/reminderSchedule.ts; the hour, holidays and
// caps are the outbox's contact policy gate (reminders are proactive and count toward the caps).
// Reads are indexed range scans over the creditor's unpaid instalments, in batches: a pass never
// holds the portfolio in memory, and a quiet pass writes nothing.
// Writes are one transaction per batch (not per agreement): per-agreement transactions each paid a
// commit (and, before the audit trail had a chain per stream, queued on its one global lock:
// minutes for 100 000 agreements). A batch transaction first locks all its agreement
// rows in id order with SKIP LOCKED — an agreement a payment holds is left for the next pass, a
// few minutes later, instead of waited on — then reads them in one or two queries, lets the domain
// decide, writes, and appends the batch's audit events in one call, last. If a batch fails, its
// agreements are retried one by one, so one bad agreement never holds back the others.

import type { Logger } from 'pino';
import type { AgreementStatus } from '../domain/agreementLedger.js';
import { statusOn } from '../domain/agreementStatus.js';
import { addDays, compareDates, todayIn, type IsoDate } from '../domain/dates.js';
import { lateCharges } from '../domain/lateCharges.js';
import { BROKEN_NOTICE_DAYS, dueReminders, type PlannedReminder, type ReminderKind } from '../domain/reminderSchedule.js';
import type { ReminderSettings } from '../domain/reminderSettings.js';
import type { AppendedRow, ConversationWrites } from '../engine/conversationWrites.js';
import { loadLedgers, writeLedgerRows } from '../storage/agreementLedgerRepository.js';
import { attachNoticeMessages, claimNotices, messageQueuedEvent } from '../storage/agreementNotices.js';
import { appendAudit, type AuditInput } from '../storage/auditLog.js';
import type { Db, Tx } from '../storage/database.js';
import { issuePixCharge } from '../storage/pixCharges.js';
import { currentReminderSettings } from '../storage/reminderSettingsRepository.js';
import { agreementsForStatusPass, claimedNoticeKeys, dropPendingMessages, installmentsInWindow, lockAgreements, pendingReminders, reminderAgreements, type PendingReminder, type WindowInstallment } from '../storage/reminderQueries.js';

/** The template of each kind of reminder (prompts/templates/*.json). */
export const REMINDER_TEMPLATES = { before: 'reminder.before', due: 'reminder.due', after: 'reminder.late', broken: 'agreement.broken' } as const;
const TEMPLATE_KEYS = Object.values(REMINDER_TEMPLATES);

/** The creditor's calendar (agreement status days). Debtors' own zones decide their reminders' days. */
export const CREDITOR_TIME_ZONE = 'America/Sao_Paulo';
export const DEFAULT_REMINDER_BATCH = 500;

export interface ReminderPassOptions {
  db: Db;
  /** Where the messages are written (the store: the one writer of conversation rows). */
  conversations: ConversationWrites<Tx>;
  creditorId: string;
  now: Date;
  batchSize?: number;
  logger?: Logger;
}

export interface ReminderPassResult {
  /** Agreements the status pass changed, and how many of them broke. */
  statusChanged: number;
  broken: number;
  /** Unpaid instalments read in the reminder window. */
  scanned: number;
  queued: number;
  /** Reminders taken out of the outbox because they no longer made sense. */
  dropped: number;
  /** Agreements whose status or reminder failed (logged; the next pass tries again). */
  failed: number;
}

/** What a reminder message carries besides the template's facts: enough to drop it when stale. */
interface ReminderMeta {
  kind: ReminderKind;
  key: string;
  lastDay: IsoDate;
  agreementId: string;
  installmentN: number;
}

function templateOf(kind: ReminderKind): string {
  if (kind === 'due') return REMINDER_TEMPLATES.due;
  if (kind === 'broken') return REMINDER_TEMPLATES.broken;
  return kind.startsWith('before:') ? REMINDER_TEMPLATES.before : REMINDER_TEMPLATES.after;
}

export async function runReminderPass(o: ReminderPassOptions): Promise<ReminderPassResult> {
  const { db, creditorId, now } = o;
  const limit = o.batchSize ?? DEFAULT_REMINDER_BATCH;
  const settings = await currentReminderSettings(db, creditorId);
  const result: ReminderPassResult = { statusChanged: 0, broken: 0, scanned: 0, queued: 0, dropped: 0, failed: 0 };
  const today = todayIn(CREDITOR_TIME_ZONE, now);

  await statusPass(o, settings, today, limit, result);
  await dropStale(o, settings, result);

  const creditor = await db.creditor.findUniqueOrThrow({ where: { id: creditorId }, select: { name: true, cnpj: true, pixKey: true, pixMerchantName: true, pixCity: true } });
  // The debtors' days are at most a day either side of the creditor's: the window is a day wider.
  const from = addDays(today, -(settings.graceDays + BROKEN_NOTICE_DAYS + 1));
  const to = addDays(today, Math.max(0, ...settings.beforeDueDays) + 1);
  for (const status of ['open', 'late'] as const) {
    let after: { dueDate: IsoDate; id: string } | undefined;
    for (;;) {
      const batch = await installmentsInWindow(db, { creditorId, status, from, to, after, limit });
      result.scanned += batch.length;
      const owed = new Map<string, { i: WindowInstallment; r: PlannedReminder; today: IsoDate }>();
      for (const i of batch) {
        let debtorToday: IsoDate;
        try {
          debtorToday = todayIn(i.timeZone, now);
        } catch {
          // A time zone the runtime does not know (a bad import): the creditor's calendar rather than no reminder.
          debtorToday = today;
        }
        // One broken notice per agreement, whichever of its instalments broke it.
        for (const r of dueReminders(i, settings, debtorToday)) if (!owed.has(r.key)) owed.set(r.key, { i, r, today: debtorToday });
      }
      // A cheap look first (no lock): keys sent on earlier passes are most of them on a repeat pass.
      const taken = await claimedNoticeKeys(db, creditorId, [...owed.keys()]);
      const wanted = [...owed.values()].filter((w) => !taken.has(w.r.key));
      await inBatchOrOneByOne(o, result, wanted, (w) => w.i.agreementId, (ws) => queueReminders(o, creditor, settings, ws, result), 'reminder not queued; the next pass tries again');
      if (batch.length < limit) break;
      const last = batch[batch.length - 1]!;
      after = { dueDate: last.dueDate, id: last.id };
    }
  }
  return result;
}

/**
 * Runs `work` on the whole batch in one transaction; if that fails, on each agreement's items in
 * a transaction of their own, counting and logging the ones that still fail (the next pass tries
 * them again). Results are counted by `work` only once its transaction committed.
 */
async function inBatchOrOneByOne<T>(o: ReminderPassOptions, result: ReminderPassResult, items: readonly T[], agreementOf: (t: T) => string, work: (items: readonly T[]) => Promise<void>, failure: string): Promise<void> {
  if (!items.length) return;
  const failed = (err: unknown, agreementId: string) => {
    result.failed++;
    o.logger?.error({ err, agreementId }, failure);
  };
  try {
    await work(items);
    return;
  } catch (err) {
    if (items.length === 1) {
      failed(err, agreementOf(items[0]!));
      return;
    }
  }
  const byAgreement = new Map<string, T[]>();
  for (const t of items) byAgreement.set(agreementOf(t), [...(byAgreement.get(agreementOf(t)) ?? []), t]);
  for (const [agreementId, some] of byAgreement) {
    try {
      await work(some);
    } catch (err) {
      failed(err, agreementId);
    }
  }
}

/** Marks late and broken agreements: candidates by an indexed query, then one transaction per batch. */
async function statusPass(o: ReminderPassOptions, settings: ReminderSettings, today: IsoDate, limit: number, result: ReminderPassResult): Promise<void> {
  const { db, creditorId } = o;
  const graceLimit = addDays(today, -settings.graceDays);
  let after = '';
  for (;;) {
    const ids = await agreementsForStatusPass(db, { creditorId, today, graceLimit, after, limit });
    await inBatchOrOneByOne(o, result, ids, (id) => id, (batch) => statusBatch(o, settings, today, batch, result), 'agreement status not updated; the next pass tries again');
    if (ids.length < limit) return;
    after = ids[ids.length - 1]!;
  }
}

/** One transaction: lock the batch's agreements, load their ledgers in one query, statusOn each, write, one audit append. */
async function statusBatch(o: ReminderPassOptions, settings: ReminderSettings, today: IsoDate, ids: readonly string[], result: ReminderPassResult): Promise<void> {
  const { db, creditorId, now } = o;
  const counts = await db.$transaction(
    async (tx) => {
      const locked = await lockAgreements(tx, creditorId, ids);
      const ledgers = await loadLedgers(tx, creditorId, [...locked]);
      const audit: AuditInput[] = [];
      let changed = 0;
      let broken = 0;
      for (const id of [...locked].sort()) {
        const stored = ledgers.get(id);
        if (!stored) continue;
        const change = statusOn(stored.ledger, today, settings.graceDays);
        if (!change.events.length) continue;
        audit.push(...(await writeLedgerRows(tx, stored, change.agreement, change.events, { actor: 'system', now })));
        changed++;
        if (change.agreement.status === 'broken' && stored.ledger.status !== 'broken') broken++;
      }
      await appendAudit(tx, audit);
      return { changed, broken };
    },
    { timeout: 60_000 },
  );
  result.statusChanged += counts.changed;
  result.broken += counts.broken;
}

/**
 * Takes out of the outbox the reminders the contact policy held back until they stopped making
 * sense: past their last day on the debtor's calendar, or about an instalment paid meanwhile or
 * an agreement that moved on. Runs every pass, so a held "due in 3 days" is gone soon after the
 * debtor's midnight, hours before any sending window opens.
 */
async function dropStale(o: ReminderPassOptions, settings: ReminderSettings, result: ReminderPassResult): Promise<void> {
  const { db, creditorId, now } = o;
  const stale: { p: PendingReminder; meta: ReminderMeta; why: string }[] = [];
  for (const p of await pendingReminders(db, creditorId, TEMPLATE_KEYS)) {
    const meta = p.reminder as ReminderMeta | null;
    if (!meta?.key) continue;
    const why = staleReason(meta, p, settings, now);
    if (why) stale.push({ p, meta, why });
  }
  // One transaction per batch: one UPDATE … RETURNING of the messages still droppable, one audit append.
  const size = o.batchSize ?? DEFAULT_REMINDER_BATCH;
  for (let k = 0; k < stale.length; k += size) {
    const batch = stale.slice(k, k + size);
    const dropped = await db.$transaction(async (tx) => {
      const done = await dropPendingMessages(tx, now, batch.map((s) => ({ messageId: s.p.messageId, reason: `reminder dropped: ${s.why}` })));
      const audit: AuditInput[] = batch
        .filter((s) => done.has(s.p.messageId))
        .map(({ p, meta, why }) => ({ type: 'agreement.message_dropped', actor: 'system', conversationId: p.conversationId, data: { agreementId: meta.agreementId, installmentN: meta.installmentN, kind: meta.kind, key: meta.key, messageId: p.messageId, reason: why } }));
      await appendAudit(tx, audit);
      return audit.length;
    });
    result.dropped += dropped;
  }
}

function staleReason(meta: ReminderMeta, p: PendingReminder, settings: ReminderSettings, now: Date): string | null {
  if (!p.installmentId || !p.dueDate || !p.status || !p.agreedOn) return 'the agreement is gone';
  let today: IsoDate;
  try {
    today = todayIn(p.timeZone ?? CREDITOR_TIME_ZONE, now);
  } catch {
    today = todayIn(CREDITOR_TIME_ZONE, now);
  }
  if (compareDates(today, meta.lastDay) > 0) return `its last day (${meta.lastDay}) has passed`;
  if (p.status === 'paid') return 'the instalment was paid';
  const wanted = meta.kind === 'broken' ? 'broken' : 'active';
  if (p.agreementStatus !== wanted) return `the agreement is ${p.agreementStatus}`;
  // Settings changed meanwhile (a reminder day removed): the plan no longer holds this reminder today.
  const still = dueReminders({ id: p.installmentId, agreementId: meta.agreementId, dueDate: p.dueDate, status: p.status, agreementStatus: wanted, agreedOn: p.agreedOn }, settings, today);
  return still.some((r) => r.key === meta.key) ? null : 'the reminder settings no longer call for it';
}

type Owed = { i: WindowInstallment; r: PlannedReminder; today: IsoDate };

/**
 * Queues a batch of reminders in one transaction, under their agreements' row locks: the
 * instalments are read afresh (a payment or the status pass may have moved them since the batch
 * was read), the amounts come from their rows (kept by the ledger) and lateCharges. The keys are
 * claimed first, in one statement; only the reminders whose key this transaction took get a PIX
 * code (a new one when the amount is not the instalment's own) and a message. Agreements another
 * transaction holds, and reminders no longer owed, are left out.
 */
async function queueReminders(
  o: ReminderPassOptions,
  creditor: { name: string; cnpj: string; pixKey: string; pixMerchantName: string; pixCity: string },
  settings: ReminderSettings,
  owed: readonly Owed[],
  result: ReminderPassResult,
): Promise<void> {
  const { db, creditorId } = o;
  const queued = await db.$transaction(
    async (tx) => {
      const locked = await lockAgreements(tx, creditorId, [...new Set(owed.map((w) => w.i.agreementId))]);
      const rows = await reminderAgreements(tx, creditorId, [...locked]);
      const still: { w: Owed; a: NonNullable<ReturnType<typeof rows.get>> }[] = [];
      for (const w of owed) {
        const a = rows.get(w.i.agreementId);
        const inst = a?.installments.get(w.i.n);
        if (!a || !inst || (a.agreementStatus !== 'active' && a.agreementStatus !== 'broken')) continue;
        const fresh = { id: w.i.id, agreementId: w.i.agreementId, dueDate: inst.dueDate, status: inst.status, agreementStatus: a.agreementStatus as AgreementStatus, agreedOn: a.agreedOn };
        if (dueReminders(fresh, settings, w.today).some((r) => r.key === w.r.key)) still.push({ w, a });
      }
      const claimed = await claimNotices(
        tx,
        still.map(({ w }) => ({ creditorId, agreementId: w.i.agreementId, installmentN: w.i.n, kind: w.r.kind, key: w.r.key, forDate: w.r.date })),
      );
      const toQueue: { conversationId: string; row: AppendedRow; notice: Parameters<typeof messageQueuedEvent>[0] }[] = [];
      // In the batch's order: two reminders to one conversation take consecutive seqs from its lastSeq.
      for (const { w, a } of still) {
        if (!claimed.has(w.r.key)) continue;
        const i = w.i;
        const planned = w.r;
        const today = w.today;
        const row = { ...a.installments.get(i.n)!, remainingCents: a.remainingCents, lateFeeBasisPoints: a.lateFeeBasisPoints, monthlyInterestBasisPoints: a.monthlyInterestBasisPoints };
        const balanceCents = row.amountCents - row.paidCents;
        const charge = (amountCents: number, kind: 'late' | 'balance') =>
          issuePixCharge(tx, creditor, { creditorId, agreementId: i.agreementId, installmentN: i.n, amountCents, kind, forDate: today });
        const creditorFacts = { name: creditor.name, cnpj: creditor.cnpj };
        let agreement: Record<string, unknown>;
        if (planned.kind === 'broken') {
          agreement = { id: i.agreementId, status: 'broken', remainingCents: row.remainingCents, installment: { n: i.n, dueDate: row.dueDate } };
        } else if (planned.kind.startsWith('after:')) {
          const terms = { lateFeeBasisPoints: row.lateFeeBasisPoints, monthlyInterestBasisPoints: row.monthlyInterestBasisPoints };
          const late = lateCharges({ balanceCents, dueDate: row.dueDate }, terms, today);
          // The fee and interest part is recorded with the code: a payment of it counts that part as charges.
          const { pixCode } = await issuePixCharge(tx, creditor, { creditorId, agreementId: i.agreementId, installmentN: i.n, amountCents: late.totalCents, kind: 'late', forDate: today, chargesCents: late.feeCents + late.interestCents });
          agreement = {
            id: i.agreementId,
            lateFeePercent: terms.lateFeeBasisPoints / 100,
            monthlyInterestPercent: terms.monthlyInterestBasisPoints / 100,
            installment: { n: i.n, dueDate: row.dueDate, balanceCents, feeCents: late.feeCents, interestCents: late.interestCents, totalCents: late.totalCents, daysLate: late.daysLate, forDate: today, pix: pixCode },
          };
        } else {
          // The instalment's own code while nothing was paid; a code for what remains after a partial payment.
          const pix = balanceCents === row.amountCents ? row.pixCode : (await charge(balanceCents, 'balance')).pixCode;
          agreement = { id: i.agreementId, installment: { n: i.n, dueDate: row.dueDate, amountCents: balanceCents, pix } };
        }
        const reminder: ReminderMeta = { kind: planned.kind, key: planned.key, lastDay: planned.lastDay, agreementId: i.agreementId, installmentN: i.n };
        const templateKey = templateOf(planned.kind);
        toQueue.push({
          conversationId: a.conversationId,
          row: { templateKey, facts: { creditor: creditorFacts, agreement, reminder }, proactive: true, countsTowardCaps: true, author: 'bot', direction: 'out', delivery: 'pending' },
          notice: { creditorId, agreementId: i.agreementId, conversationId: a.conversationId, agreementConversationId: a.agreementConversationId, installmentN: i.n, kind: planned.kind, key: planned.key, forDate: planned.date, templateKey },
        });
      }
      // One statement for the seqs and one for the rows when the writer can batch; one by one otherwise.
      const appended = o.conversations.appendMany
        ? await o.conversations.appendMany(tx, toQueue)
        : await (async () => {
            const out: { messageId: string; debtorId: string | null }[] = [];
            for (const q of toQueue) {
              const { message, debtorId } = await o.conversations.append(tx, q.conversationId, q.row);
              out.push({ messageId: message.id, debtorId });
            }
            return out;
          })();
      const attached = toQueue.map((q, k) => ({ key: q.notice.key, messageId: appended[k]!.messageId }));
      const audit = toQueue.map((q, k) => messageQueuedEvent(q.notice, appended[k]!.messageId, appended[k]!.debtorId));
      await attachNoticeMessages(tx, creditorId, attached);
      await appendAudit(tx, audit);
      return attached.length;
    },
    { timeout: 120_000 },
  );
  result.queued += queued;
}
