import { randomUUID } from 'node:crypto';
import type { AppendedRow } from '../engine/conversationWrites.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Tx } from './database.js';

/**
 * appendMessage for a batch (the reminder pass): the conversations are locked in id order, each
 * one's lastSeq moves on by the number of its rows in one UPDATE, and the rows are inserted in one
 * statement with the seqs that range gives them, in the order given — two rows for one
 * conversation take consecutive seqs. Returns each row's message id and debtor, in input order.
 */
export async function appendMessages(tx: Tx, rows: readonly { conversationId: string; row: AppendedRow }[]): Promise<{ messageId: string; debtorId: string | null }[]> {
  if (!rows.length) return [];
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.conversationId, (counts.get(r.conversationId) ?? 0) + 1);
  const ids = [...counts.keys()].sort();
  // Locks in a fixed order first: two batches sharing conversations never wait on each other in a circle.
  await tx.$queryRaw`SELECT "id" FROM "Conversation" WHERE "id" = ANY(${ids}) ORDER BY "id" FOR UPDATE`;
  const values = Prisma.join(ids.map((id) => Prisma.sql`(${id}, ${counts.get(id)!}::int)`));
  const updated = await tx.$queryRaw<{ id: string; lastSeq: number; channel: string; debtorId: string | null }[]>`
    UPDATE "Conversation" c SET "lastSeq" = c."lastSeq" + v.k FROM (VALUES ${values}) AS v(id, k)
    WHERE c."id" = v.id RETURNING c."id", c."lastSeq", c."channel", c."debtorId"`;
  const next = new Map(updated.map((c) => [c.id, { seq: c.lastSeq - counts.get(c.id)! + 1, channel: c.channel, debtorId: c.debtorId }]));
  const out: { messageId: string; debtorId: string | null }[] = [];
  const data = rows.map(({ conversationId, row }) => {
    const c = next.get(conversationId);
    if (!c) throw new Error(`conversation ${conversationId} not found`);
    const id = randomUUID();
    out.push({ messageId: id, debtorId: c.debtorId });
    return { id, conversationId, seq: c.seq++, channel: c.channel, options: [], ...row };
  });
  await tx.message.createMany({ data });
  return out;
}
