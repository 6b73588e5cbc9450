import { nextAgentOpening } from '../domain/agentHours.js';
import type { EscalationRules } from '../domain/escalationRules.js';
import { appendAudit } from '../storage/auditLog.js';
import type { ConversationWrites } from '../engine/conversationWrites.js';
import type { Db, Tx } from '../storage/database.js';

/**
 * Queues the one courteous "a person will answer at …" message for handoffs nobody has claimed:
 * at once outside the agents' hours, or after the configured wait inside them. The conditional
 * update on waitingNoticeAt makes it at most one per handoff, whatever runs this concurrently.
 * Returns the conversations that got a message (for the outbox to send).
 */
export async function queueWaitingNotices(
  { db, conversations }: { db: Db; conversations: ConversationWrites<Tx> },
  rules: Pick<EscalationRules, 'waitingMessageAfterMinutes' | 'agentHours'>, now: Date,
): Promise<string[]> {
  const pending = await db.handoff.findMany({ where: { status: 'pending', waitingNoticeAt: null }, select: { id: true, conversationId: true, createdAt: true }, take: 200 });
  if (!pending.length) return [];
  const opening = nextAgentOpening(now, rules.agentHours);
  const outsideHours = !opening || opening.getTime() > now.getTime();
  const waitMs = rules.waitingMessageAfterMinutes * 60_000;
  const queued: string[] = [];
  for (const h of pending) {
    if (!outsideHours && now.getTime() - h.createdAt.getTime() < waitMs) continue;
    const done = await db.$transaction(async (tx) => {
      const mine = await tx.handoff.updateMany({ where: { id: h.id, status: 'pending', waitingNoticeAt: null }, data: { waitingNoticeAt: now } });
      if (mine.count === 0) return false;
      // Outside hours the debtor learns when; inside them, only that a person is on the way.
      const facts = outsideHours && opening ? { handoff: { answerBy: opening.toISOString() } } : {};
      const templateKey = outsideHours && opening ? 'handoff.waitingUntil' : 'handoff.waitingSoon';
      const { message, debtorId } = await conversations.append(tx, h.conversationId, { author: 'bot', direction: 'out', templateKey, facts, delivery: 'pending' });
      await appendAudit(tx, [
        { type: 'handoff.waiting_notice', actor: 'system', conversationId: h.conversationId, debtorId, data: { handoffId: h.id, messageId: message.id, key: templateKey, answerBy: opening?.toISOString() ?? null } },
      ]);
      return true;
    });
    if (done) queued.push(h.conversationId);
  }
  return queued;
}
