import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { Prisma } from '../generated/prisma/client.js';
import type { Db, Tx } from './database.js';

export interface ConversationErasure {
  conversationId: string;
  debtorId: string | null;
  /** Messages of the conversation (all of them lose their text; the rows stay). */
  messages: number;
  /** Attachment files the messages referred to, relative to DATA_DIR; deleted after the commit. */
  attachmentPaths: string[];
}

type StoredAttachment = { media?: { stored?: { path?: unknown } } } | null;

/**
 * Removes a person's data from one conversation, inside the caller's transaction: message texts,
 * attachment metadata, the channel address (a WhatsApp number, a Telegram user id) and the key
 * of the audit trail's text hashes. What stays is the record of what happened and for how much:
 * message rows (seq, author, time, template key, facts), offers, agreements, the audit chain.
 * The conversation is closed: with its address gone it can no longer reach anyone.
 */
export async function eraseConversationIn(tx: Tx, conversationId: string, now: Date): Promise<ConversationErasure> {
  // The turn pipeline locks the same row: an erasure never interleaves with a turn's commit.
  await tx.$queryRawUnsafe('SELECT id FROM "Conversation" WHERE id = $1 FOR UPDATE', conversationId);
  const withFiles = await tx.message.findMany({ where: { conversationId, attachment: { not: Prisma.AnyNull } }, select: { attachment: true } });
  const attachmentPaths = [
    ...new Set(withFiles.map((m) => (m.attachment as StoredAttachment)?.media?.stored?.path).filter((p): p is string => typeof p === 'string' && p !== '')),
  ];
  // A message never handled (a crash mid-turn) must not be picked up again with its text gone.
  await tx.message.updateMany({ where: { conversationId, direction: 'in', processedAt: null }, data: { processedAt: now } });
  // Telegram's message ids embed the chat id, and lastError texts may quote the address.
  const messages = await tx.message.updateMany({ where: { conversationId }, data: { text: null, attachment: Prisma.DbNull, channelMessageId: null, lastError: null } });
  await tx.message.updateMany({ where: { conversationId, direction: 'out', delivery: 'pending' }, data: { delivery: 'blocked', lastError: 'erased' } });
  await tx.handoff.updateMany({ where: { conversationId, status: { in: ['pending', 'open'] } }, data: { status: 'closed', closedAt: now, resolution: 'erased' } });
  const conv = await tx.conversation.update({
    where: { id: conversationId },
    data: {
      piiKey: null,
      erasedAt: now,
      // Unique per channel and meaningless: a later message from the same address opens a new conversation.
      chatId: `erased:${randomUUID()}`,
      // The flow's context holds the contact's first name; a closed conversation restarts from scratch anyway.
      snapshot: {},
      state: '',
      status: 'closed',
      identityFailures: 0,
      lockedUntil: null,
      clientAddress: null,
      rev: { increment: 1 },
    },
    select: { debtorId: true },
  });
  return { conversationId, debtorId: conv.debtorId, messages: messages.count, attachmentPaths };
}

/**
 * Deletes stored attachment files no message refers to any more. Runs after the erasure commits:
 * a rolled-back erasure must not have lost the files. Files are shared by content (SHA-256 names),
 * so one still referenced by another conversation stays. A file that cannot be deleted is counted
 * in `failed` rather than thrown: the erasure itself has committed and must be reported as done.
 */
export async function deleteUnreferencedAttachments(db: Db | Tx, dataDir: string, relPaths: string[]): Promise<{ deleted: number; failed: number }> {
  const root = path.resolve(dataDir, 'attachments');
  let deleted = 0;
  let failed = 0;
  for (const rel of new Set(relPaths)) {
    const abs = path.resolve(dataDir, rel);
    // The path comes from a JSON column: never follow it out of the attachments directory.
    if (!abs.startsWith(root + path.sep)) continue;
    const refs = await db.message.count({ where: { attachment: { path: ['media', 'stored', 'path'], equals: rel } } });
    if (refs > 0) continue;
    try {
      await unlink(abs);
      deleted++;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') failed++;
    }
  }
  return { deleted, failed };
}
