import type { ReceiptReport } from '../domain/deliveryReceipt.js';
import type { OutboundRow } from './ports.js';

/** How a row went out: phrasing (for the audit trail), the platform's id for it, the template it went as. */
export interface DeliveredAs {
  phrasing?: Record<string, unknown>;
  platformMessageId?: string;
  template?: string;
}

/** What the outbox sender needs: due rows claimed under a lease, delivery outcomes, phrasing context. */
export interface OutboxStore {
  /** Conversations with pending outbound rows due and not held by another holder's live claim (optionally only rows created before a time). */
  conversationsWithPendingOutbound(now: Date, holder: string, createdBefore?: Date): Promise<string[]>;
  /**
   * The conversation's due pending rows, in order, claimed by `holder` for `leaseMs` — or none when
   * nothing is due or another process holds the conversation's outbox (it sends them, in order).
   */
  claimOutbound(conversationId: string, holder: string, leaseMs: number, now: Date): Promise<OutboundRow[]>;
  /**
   * Whether claimOutbound would take anything now: a due pending row, and no live claim of another
   * holder. One read, where a claim is a transaction: the sender asks before claiming again.
   */
  hasDueOutbound(conversationId: string, holder: string, now: Date): Promise<boolean>;
  /** Extends the holder's claims in the row's conversation; false when the row's claim was lost (do not send it). */
  renewClaim(messageId: string, holder: string, leaseMs: number, now: Date): Promise<boolean>;
  /**
   * Marks a row sent with its final text and how it went (`phrasing`, the LLM attempt, fallback
   * and failed checks, goes to the audit trail).
   */
  markDelivered(messageId: string, text: string, sent?: DeliveredAs): Promise<void>;
  /**
   * The chats of `channel` this creditor sent a template to since `since` (business-initiated
   * conversations, which a WhatsApp number's daily tier counts): how many, whether `chatId` is one
   * of them, and when the oldest of those sends was.
   */
  templateChatsSince(channel: string, since: Date, chatId: string): Promise<{ chats: number; includesChat: boolean; oldestAt: Date | null }>;
  /**
   * A platform's report on a sent message, recorded when it goes further than the one recorded
   * (failures audited). Returns the message's conversation, or null when nothing changed (an
   * unknown id, a report older than the one recorded).
   */
  recordReceipt(r: ReceiptReport): Promise<{ conversationId: string } | null>;
  /** A failed send: pending again from `retryAt`, or failed for good when it is null. */
  markDeliveryFailed(messageId: string, error: string, retryAt: Date | null): Promise<void>;
  /** The last `n` delivered or received texts of a conversation, oldest first (context for phrasing). */
  recentMessages(conversationId: string, n: number): Promise<{ from: string; text: string }[]>;
  /** Whether the conversation's contact opted out of proactive messages. */
  isOptedOut(conversationId: string): Promise<boolean>;
}
