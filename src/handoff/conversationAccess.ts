import type { AuthUser } from '../users/authUser.js';
import type { Tx } from '../storage/database.js';

/**
 * Whether `user` may see a conversation of `creditorId`. Admins see every conversation; agents
 * only those that have (or had) a handoff: a conversation the bot holds on its own is nobody's
 * business at the desk. A conversation of another creditor (its debtor's) is not there for anyone.
 */
export async function canSeeConversation(db: Tx, user: Pick<AuthUser, 'role'>, conversationId: string, creditorId: string): Promise<boolean> {
  const conv = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { debtor: { select: { creditorId: true } }, handoffs: { select: { id: true }, take: 1 } },
  });
  if (!conv) return false;
  if (conv.debtor && conv.debtor.creditorId !== creditorId) return false;
  return user.role === 'admin' || conv.handoffs.length > 0;
}
