import type { AppendedRow } from '../engine/conversationWrites.js';
import type { Tx } from './database.js';

/**
 * Appends a row to a conversation's transcript outside a bot turn (an agent's reply or note, a
 * waiting notice), taking the next sequence number atomically.
 */
export async function appendMessage(
  tx: Tx,
  conversationId: string,
  data: AppendedRow,
) {
  const c = await tx.conversation.update({ where: { id: conversationId }, data: { lastSeq: { increment: 1 } }, select: { lastSeq: true, channel: true, debtorId: true } });
  const message = await tx.message.create({ data: { conversationId, seq: c.lastSeq, channel: c.channel, options: [], ...data } });
  return { message, debtorId: c.debtorId };
}
