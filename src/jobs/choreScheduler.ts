import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EscalationRules } from '../domain/escalationRules.js';
import type { ConversationWrites } from '../engine/conversationWrites.js';
import type { ConversationChange, TurnPipeline } from '../engine/turnPipeline.js';
import type { HandoffDesk } from '../handoff/handoffDesk.js';
import { queueWaitingNotices } from '../handoff/waitingNotices.js';
import { writeAuditCheckpoint } from '../storage/auditCheckpoint.js';
import { withChoreLease } from '../storage/choreLease.js';
import type { Db, Tx } from '../storage/database.js';
import type { OutboxSender } from './outboxSender.js';
import { runReminderPass } from './reminderPass.js';
import { retentionChore } from './retention.js';

/** How often the reminder pass runs across all processes: a reminder goes out within this of its day starting. */
export const REMINDER_PASS_EVERY_MS = 15 * 60_000;

export interface ChoreSchedulerOptions {
  db: Db;
  /** Where the waiting messages are written (the store: the one writer of conversation rows). */
  conversations: ConversationWrites<Tx>;
  creditorId: string;
  pipeline: Pick<TurnPipeline, 'recover'>;
  outbox: Pick<OutboxSender, 'flush' | 'flushStale'>;
  desk: Pick<HandoffDesk, 'resumeOrphans'>;
  /** The admin's current escalation rules (when a waiting message is due, agents' hours). */
  rules: () => Promise<EscalationRules>;
  /** Tells the agents' consoles about a waiting message queued. */
  publish: (change: ConversationChange) => void;
  retention: { days: number; unverifiedWebchatHours?: number; dataDir: string };
  /** LEASE_MS: how long a chore's lease, a stale turn's claim and a fresh outbound row hold. */
  leaseMs: number;
  /** The audit checkpoints: the key they are signed with and AUDIT_CHECKPOINT_INTERVAL_MS. */
  auditCheckpoint: { key: string; everyMs: number };
  /** JOBS_INTERVAL_MS: how often start() ticks. */
  intervalMs: number;
  clock?: () => Date;
  logger: Logger;
}

/**
 * The background chores: turns and sends a stopped or stalled process left unfinished, handoffs'
 * waiting messages, interrupted hand-backs, the retention pass, audit checkpoints, agreement statuses and reminders. Replicas on one database share
 * them: each runs under a lease only one process holds.
 */
export class ChoreScheduler {
  private readonly holder = `chores:${randomUUID()}`;
  private readonly clock: () => Date;
  private readonly retention: ReturnType<typeof retentionChore>;
  private timer?: NodeJS.Timeout;
  private ticking = false;

  constructor(private readonly o: ChoreSchedulerOptions) {
    this.clock = o.clock ?? (() => new Date());
    // Personal data of conversations inactive for RETENTION_DAYS (unverified web chat sessions:
    // WEBCHAT_UNVERIFIED_RETENTION_HOURS) is erased; paced by its lease (once an hour across all
    // processes), not per process.
    this.retention = retentionChore({ db: o.db, retentionDays: o.retention.days, unverifiedWebchatHours: o.retention.unverifiedWebchatHours, dataDir: o.retention.dataDir, clock: this.clock, intervalMs: 0 });
  }

  /** At start: finishes what a previous stop interrupted (turns, hand-backs) before anything new comes in. */
  async recoverAtStart(): Promise<void> {
    const { pipeline, desk, leaseMs, logger } = this.o;
    const recovered = await pipeline.recover({ leaseMs });
    if (recovered) logger.info({ recovered }, 'finished turns interrupted by a previous stop');
    const resumed = await this.withLease('handoffs', () => desk.resumeOrphans());
    if (resumed) logger.info({ resumed }, 'gave back to the bot conversations a stop left between a hand-back and its turn');
  }

  /** The chores of one tick. Retries of failed sends and anything left pending; the in-request flush covers the normal case. */
  async tick(): Promise<void> {
    const { pipeline, outbox, leaseMs, logger } = this.o;
    // Inbound messages another process stored but did not finish (it died or stalled): finished here.
    const finished = await pipeline.recover({ olderThanMs: leaseMs, leaseMs }).catch((err) => logger.error({ err }, 'recovery of stale turns failed'));
    if (finished) logger.info({ finished }, 'finished turns left unprocessed by a stopped or stalled process');
    await this.withLease('handoffs', () => this.handoffChores()).catch((err) => logger.error({ err }, 'handoff chores failed'));
    // A long pass keeps its lease for longer than a tick's chores would.
    const erased = await this.withLease('retention', this.retention, { leaseMs: Math.max(leaseMs, 15 * 60_000), everyMs: 3_600_000 }).catch((err) => logger.error({ err }, 'retention pass failed'));
    if (erased?.conversations) logger.info(erased, 'retention: personal data of inactive conversations erased');
    // A signed statement of every audit stream's head: from then on a cut of those events shows.
    const checkpoint = await this.withLease('audit-checkpoint', () => writeAuditCheckpoint(this.o.db, this.o.auditCheckpoint.key, this.clock()), {
      everyMs: this.o.auditCheckpoint.everyMs,
    }).catch((err) => logger.error({ err }, 'audit checkpoint failed'));
    if (checkpoint?.behind.length) logger.error({ streams: checkpoint.behind.length, checkpoint: checkpoint.id }, 'audit streams behind the previous checkpoint: events were removed (GET /api/admin/audit/verify names them)');
    // Agreement statuses (late, broken) and the reminders of the day.
    const reminded = await this.withLease('reminders', () => runReminderPass({ db: this.o.db, conversations: this.o.conversations, creditorId: this.o.creditorId, now: this.clock(), logger }), {
      leaseMs: Math.max(leaseMs, 15 * 60_000),
      everyMs: REMINDER_PASS_EVERY_MS,
    }).catch((err) => logger.error({ err }, 'reminder pass failed'));
    if (reminded && (reminded.statusChanged || reminded.queued || reminded.dropped || reminded.failed)) logger.info(reminded, 'reminder pass');
    // The pass's own reminders go out now (the contact policy gate still decides each), not a lease later.
    if (reminded?.queued) await outbox.flush().catch((err) => logger.error({ err }, 'outbox flush failed'));
    // Rows fresher than the lease are being sent by the process whose turn wrote them.
    await outbox.flushStale(leaseMs).catch((err) => logger.error({ err }, 'outbox flush failed'));
  }

  /** Ticks every intervalMs; a tick still running when the next is due makes that one skip. */
  start(): void {
    this.timer = setInterval(() => {
      if (this.ticking) return;
      this.ticking = true;
      void this.tick().finally(() => (this.ticking = false));
    }, this.o.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  // Handoffs nobody claimed get their one waiting message; hand-backs a stop interrupted are finished.
  private async handoffChores(): Promise<void> {
    for (const id of await queueWaitingNotices(this.o, await this.o.rules(), this.clock())) {
      this.o.publish({ conversationId: id, kind: 'message' });
      await this.o.outbox.flush(id);
    }
    await this.o.desk.resumeOrphans();
  }

  private withLease<T>(name: string, fn: () => Promise<T>, opts: { leaseMs?: number; everyMs?: number } = {}): Promise<T | null> {
    const { db, creditorId, leaseMs } = this.o;
    return withChoreLease(db, { creditorId, name, holder: this.holder, leaseMs: opts.leaseMs ?? leaseMs, everyMs: opts.everyMs, now: this.clock() }, fn);
  }
}
