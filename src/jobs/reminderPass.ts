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

import type { Logger } from 'pino';
import type { AgreementStatus } from '../domain/agreementLedger.js';
import { statusOn } from '../domain/agreementStatus.js';
import { addDays, compareDates, todayIn, type IsoDate } from '../domain/dates.js';
import { lateCharges } from '../domain/lateCharges.js';
import { BROKEN_NOTICE_DAYS, dueReminders, type PlannedReminder, type ReminderKind } from '../domain/reminderSchedule.js';
import type { ReminderSettings } from '../domain/reminderSettings.js';
import type { ConversationWrites } from '../engine/conversationWrites.js';
import { loadLedger, saveLedger } from '../storage/agreementLedgerRepository.js';
import { queueAgreementMessage } from '../storage/agreementNotices.js';
import { appendAudit } from '../storage/auditLog.js';
import type { Db, Tx } from '../storage/database.js';
import { issuePixCharge } from '../storage/pixCharges.js';
import { currentReminderSettings } from '../storage/reminderSettingsRepository.js';
import { agreementsForStatusPass, claimedNoticeKeys, installmentsInWindow, lockReminderRow, pendingReminders, type PendingReminder, type WindowInstallment } from '../storage/reminderQueries.js';

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

/** Raised inside a reminder's transaction when its key was taken meanwhile: the charge issued is rolled back. */
class KeyTaken extends Error {}

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
      const taken = await claimedNoticeKeys(db, creditorId, [...owed.keys()]);
      for (const [key, w] of owed) {
        if (taken.has(key)) continue;
        try {
          if (await queueReminder(o, creditor, settings, w.i, w.r, w.today)) result.queued++;
        } catch (err) {
          result.failed++;
          o.logger?.error({ err, agreementId: w.i.agreementId, kind: w.r.kind }, 'reminder not queued; the next pass tries again');
        }
      }
      if (batch.length < limit) break;
      const last = batch[batch.length - 1]!;
      after = { dueDate: last.dueDate, id: last.id };
    }
  }
  return result;
}

/** Marks late and broken agreements, one transaction per agreement under its row lock. */
async function statusPass(o: ReminderPassOptions, settings: ReminderSettings, today: IsoDate, limit: number, result: ReminderPassResult): Promise<void> {
  const { db, creditorId, now } = o;
  const graceLimit = addDays(today, -settings.graceDays);
  let after = '';
  for (;;) {
    const ids = await agreementsForStatusPass(db, { creditorId, today, graceLimit, after, limit });
    for (const id of ids) {
      try {
        await db.$transaction(async (tx) => {
          const stored = await loadLedger(tx, creditorId, id, { lock: true });
          if (!stored) return;
          const change = statusOn(stored.ledger, today, settings.graceDays);
          if (!change.events.length) return;
          await saveLedger(tx, stored, change.agreement, change.events, { actor: 'system', now });
          result.statusChanged++;
          if (change.agreement.status === 'broken' && stored.ledger.status !== 'broken') result.broken++;
        });
      } catch (err) {
        result.failed++;
        o.logger?.error({ err, agreementId: id }, 'agreement status not updated; the next pass tries again');
      }
    }
    if (ids.length < limit) return;
    after = ids[ids.length - 1]!;
  }
}

/**
 * Takes out of the outbox the reminders the contact policy held back until they stopped making
 * sense: past their last day on the debtor's calendar, or about an instalment paid meanwhile or
 * an agreement that moved on. Runs every pass, so a held "due in 3 days" is gone soon after the
 * debtor's midnight, hours before any sending window opens.
 */
async function dropStale(o: ReminderPassOptions, settings: ReminderSettings, result: ReminderPassResult): Promise<void> {
  const { db, creditorId, now } = o;
  for (const p of await pendingReminders(db, creditorId, TEMPLATE_KEYS)) {
    const meta = p.reminder as ReminderMeta | null;
    if (!meta?.key) continue;
    const why = staleReason(meta, p, settings, now);
    if (!why) continue;
    await db.$transaction(async (tx) => {
      const done = await tx.message.updateMany({
        where: { id: p.messageId, delivery: 'pending', OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        data: { delivery: 'dropped', lastError: `reminder dropped: ${why}`, claimedBy: null, claimedUntil: null },
      });
      if (!done.count) return;
      result.dropped++;
      await appendAudit(tx, [{ type: 'agreement.message_dropped', actor: 'system', conversationId: p.conversationId, data: { agreementId: meta.agreementId, installmentN: meta.installmentN, kind: meta.kind, key: meta.key, messageId: p.messageId, reason: why } }]);
    });
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

/**
 * Queues one reminder in its own transaction, under the agreement's row lock: the instalment is
 * read afresh (a payment or the status pass may have moved it since the batch was read), the
 * amounts come from its rows (kept by the ledger) and lateCharges, and a new PIX code is issued when the amount is
 * not the instalment's own. Returns false when nothing was owed after all or the key was taken.
 */
async function queueReminder(
  o: ReminderPassOptions,
  creditor: { name: string; cnpj: string; pixKey: string; pixMerchantName: string; pixCity: string },
  settings: ReminderSettings,
  i: WindowInstallment,
  planned: PlannedReminder,
  today: IsoDate,
): Promise<boolean> {
  const { db, creditorId } = o;
  try {
    return await db.$transaction(async (tx) => {
      const row = await lockReminderRow(tx, creditorId, i.agreementId, i.n);
      if (!row || (row.agreementStatus !== 'active' && row.agreementStatus !== 'broken')) return false;
      const fresh = { id: i.id, agreementId: i.agreementId, dueDate: row.dueDate, status: row.status, agreementStatus: row.agreementStatus as AgreementStatus, agreedOn: row.agreedOn };
      if (!dueReminders(fresh, settings, today).some((r) => r.key === planned.key)) return false;

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
      const id = await queueAgreementMessage(tx, o.conversations, {
        creditorId,
        agreementId: i.agreementId,
        conversationId: row.conversationId,
        installmentN: i.n,
        kind: planned.kind,
        key: planned.key,
        forDate: planned.date,
        row: { templateKey: templateOf(planned.kind), facts: { creditor: creditorFacts, agreement, reminder }, proactive: true, countsTowardCaps: true },
      });
      if (!id) throw new KeyTaken();
      return true;
    });
  } catch (err) {
    if (err instanceof KeyTaken) return false;
    throw err;
  }
}
