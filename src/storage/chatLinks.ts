import { checkLink } from '../domain/signedLink.js';
import { appendAudit } from './auditLog.js';
import type { Db } from './database.js';

/**
 * The debtor an e-mail's chat link names, when the link is ours, still valid, and names a debtor
 * of this creditor; null otherwise, with the refusal audited (why, never whose). The session
 * then opens as any other: a wrong or expired link discloses nothing.
 */
export async function debtorOfChatLink(db: Db, creditorId: string, key: Buffer, token: string, now: Date): Promise<string | null> {
  const check = checkLink(token, 'chat', key, now);
  const debtor = check.ok ? await db.debtor.findFirst({ where: { id: check.claims.debtorId, creditorId }, select: { id: true } }) : null;
  if (debtor) return debtor.id;
  const reason = check.ok ? 'unknown_debtor' : check.reason;
  await db.$transaction((tx) => appendAudit(tx, [{ type: 'identity.link_refused', actor: 'debtor', data: { purpose: 'chat', reason } }]));
  return null;
}
