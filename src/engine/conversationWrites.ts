/** A row added to a conversation outside a bot turn: an agent's reply, note or offer, a waiting notice. */
export interface AppendedRow {
  author: 'agent' | 'bot';
  direction: 'out' | 'note';
  text?: string;
  templateKey?: string;
  facts?: object;
  /** 'pending' for rows the outbox sends; null for notes, which never leave. */
  delivery: 'pending' | null;
  /** Sent on our initiative (a reminder, a receipt): the outbox asks the contact policy first. */
  proactive?: boolean;
  /** With proactive: false for a message the contact caps do not count (a receipt). Default true. */
  countsTowardCaps?: boolean;
  /** A document that goes with the text (e.g. {kind: 'agreement_term', agreementId}). */
  attachment?: object;
}

export interface AppendedMessage {
  id: string;
  seq: number;
  direction: string;
  author: string;
  text: string | null;
  delivery: string | null;
  createdAt: Date;
}

/**
 * Conversation state changed by people rather than bot turns (the handoff desk), inside the caller's
 * transaction `T`, so the handoff row and the conversation change together. With TurnStore's
 * implementation, the only writer of conversation rows.
 */
export interface ConversationWrites<T> {
  /** Appends a row, taking the conversation's next sequence number. */
  append(tx: T, conversationId: string, row: AppendedRow): Promise<{ message: AppendedMessage; debtorId: string | null }>;
  /** Appends many rows in a few statements (the reminder pass's batches); without it, callers append one by one. */
  appendMany?(tx: T, rows: readonly { conversationId: string; row: AppendedRow }[]): Promise<{ messageId: string; debtorId: string | null }[]>;
  /** An agent ends the conversation: if the debtor writes again, the bot starts over (receiveOrOpen reopens it). */
  close(tx: T, conversationId: string): Promise<{ debtorId: string | null }>;
}
