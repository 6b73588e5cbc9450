import type { ConversationRecord, InboundAttachment } from '../engine/ports.js';

/**
 * A conversation without a flow state (a notice opened it, an agent closed it) starts with the
 * message being stored: it is marked as the opening one, and the welcome answers it. So is a
 * message that found its chat without a conversation and lost the race to open one: the other
 * message's welcome answers it.
 */
export function openingOf(conv: ConversationRecord, attachment: InboundAttachment | undefined, openedForIt = false): { needsStart: boolean; attachment: InboundAttachment | undefined } {
  const needsStart = !conv.snapshot;
  return { needsStart, attachment: needsStart || openedForIt ? { kind: 'text', ...attachment, opening: true } : attachment };
}
