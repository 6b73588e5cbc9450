import type { ConversationRecord, StoredReply } from './ports.js';

/** Read models of a conversation: what a channel shows the debtor (the web chat's transcript). */
export interface ConversationReads {
  find(channel: string, chatId: string): Promise<ConversationRecord | null>;
  /** The delivered replies to one inbound message, in order. */
  repliesTo(inboundMessageId: string): Promise<StoredReply[]>;
  /** Received and delivered messages after `afterSeq`, in order. */
  messagesAfter(conversationId: string, afterSeq: number): Promise<StoredReply[]>;
}
