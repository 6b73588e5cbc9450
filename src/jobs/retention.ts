import { appendAudit } from '../storage/auditLog.js';
import type { Db } from '../storage/database.js';
import { deleteUnreferencedAttachments, eraseConversationIn } from '../storage/eraseConversation.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TX = { timeout: 60_000, maxWait: 30_000 };

export interface RetentionOptions {
  /** Conversations whose last message is older than this are erased (RETENTION_DAYS). */
  retentionDays: number;
  /**
   * Web chat conversations nobody was identified in (no debtor), silent for this many hours, are
   * erased too (WEBCHAT_UNVERIFIED_RETENTION_HOURS): an abandoned session holds no one's debt,
   * only what an anonymous visitor typed. Omitted: they wait for `retentionDays` like the others.
   */
  unverifiedWebchatHours?: number;
  now: Date;
  /** DATA_DIR, to delete the stored attachments; omitted = files are left alone. */
  dataDir?: string;
  /** Conversations looked at per query. */
  batchSize?: number;
}

export interface RetentionResult {
  conversations: number;
  messages: number;
  attachments: number;
}

type ConversationWhere = NonNullable<Parameters<Db['conversation']['findMany']>[0]>['where'];

/** Not erased, not held by a person, opened before `cutoff` and silent since. */
function silentSince(cutoff: Date) {
  return { erasedAt: null, status: { not: 'human' }, createdAt: { lt: cutoff }, messages: { none: { createdAt: { gte: cutoff } } } };
}

/**
 * LGPD art. 15/16: personal data is kept while it serves its purpose. Conversations silent for
 * longer than the retention period lose their personal data (texts, attachments, address, text-hash
 * key) the same way as an erasure on request; the financial record and the audit chain stay. A
 * conversation a person holds (status human) waits until it is handed back or closed. This is also
 * how web chat conversations that no contact is linked to (identified by CNPJ only) get erased.
 * Unverified web chat sessions (no debtor) have their own, much shorter period.
 */
export async function eraseExpiredConversations(db: Db, opts: RetentionOptions): Promise<RetentionResult> {
  const result: RetentionResult = { conversations: 0, messages: 0, attachments: 0 };
  const add = (r: RetentionResult) => {
    result.conversations += r.conversations;
    result.messages += r.messages;
    result.attachments += r.attachments;
  };
  if (opts.unverifiedWebchatHours !== undefined) {
    const cutoff = new Date(opts.now.getTime() - opts.unverifiedWebchatHours * HOUR_MS);
    add(await eraseMatching(db, opts, { ...silentSince(cutoff), channel: 'webchat', debtorId: null }, { reason: 'unverified_webchat', retentionHours: opts.unverifiedWebchatHours }));
  }
  const cutoff = new Date(opts.now.getTime() - opts.retentionDays * DAY_MS);
  add(await eraseMatching(db, opts, silentSince(cutoff), { reason: 'retention', retentionDays: opts.retentionDays }));
  return result;
}

async function eraseMatching(db: Db, opts: RetentionOptions, expired: ConversationWhere, why: Record<string, unknown>): Promise<RetentionResult> {
  const batch = opts.batchSize ?? 100;
  const result: RetentionResult = { conversations: 0, messages: 0, attachments: 0 };
  // Ones found expired but changed before their turn (a message arrived): not looked at again in this run.
  const skipped: string[] = [];
  for (;;) {
    const found = await db.conversation.findMany({ where: { ...expired, id: { notIn: skipped } }, select: { id: true }, orderBy: { createdAt: 'asc' }, take: batch });
    for (const { id } of found) {
      const done = await db.$transaction(async (tx) => {
        await tx.$queryRawUnsafe('SELECT id FROM "Conversation" WHERE id = $1 FOR UPDATE', id);
        if ((await tx.conversation.count({ where: { id, ...expired } })) === 0) return null;
        const e = await eraseConversationIn(tx, id, opts.now);
        await appendAudit(tx, [
          {
            type: 'conversation.erased',
            actor: 'system',
            conversationId: id,
            debtorId: e.debtorId,
            data: { ...why, messages: e.messages, attachments: e.attachmentPaths.length },
          },
        ]);
        return e;
      }, TX);
      if (!done) {
        skipped.push(id);
        continue;
      }
      result.conversations++;
      result.messages += done.messages;
      if (opts.dataDir) result.attachments += (await deleteUnreferencedAttachments(db, opts.dataDir, done.attachmentPaths)).deleted;
    }
    if (found.length < batch) return result;
  }
}

/**
 * The retention pass as a background chore: the app's chore loop may call it every few seconds;
 * it runs at most once per `intervalMs` (default hourly), since the query scans conversations.
 */
export function retentionChore(deps: {
  db: Db;
  retentionDays: number;
  unverifiedWebchatHours?: number;
  dataDir?: string;
  intervalMs?: number;
  clock?: () => Date;
}): () => Promise<RetentionResult | null> {
  const every = deps.intervalMs ?? HOUR_MS;
  const clock = deps.clock ?? (() => new Date());
  let last = -Infinity;
  let running = false;
  return async () => {
    const now = clock();
    if (running || now.getTime() - last < every) return null;
    running = true;
    // Counted from the start: a pass that fails is retried after the interval, not at every tick.
    last = now.getTime();
    try {
      return await eraseExpiredConversations(deps.db, { retentionDays: deps.retentionDays, unverifiedWebchatHours: deps.unverifiedWebchatHours, now, dataDir: deps.dataDir });
    } finally {
      running = false;
    }
  };
}
