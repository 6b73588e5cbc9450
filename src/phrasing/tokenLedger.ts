/**
 * Tokens spent on rephrasing, per conversation per day (UTC), in memory and bounded: the map is
 * emptied when the day changes, and within a day it holds at most `maxConversations` entries,
 * the least recently used going first. Before, one entry per conversation ever phrased stayed
 * for the life of the process. An evicted conversation starts the day's count again: the cost of
 * that is at most one more budget for a conversation idle while `maxConversations` others spoke.
 */
export class TokenLedger {
  private day = '';
  private spentToday = new Map<string, number>();

  constructor(private readonly maxConversations = 10_000) {}

  spent(conversationId: string, now: Date): number {
    this.roll(now);
    return this.spentToday.get(conversationId) ?? 0;
  }

  add(conversationId: string, tokens: number, now: Date): void {
    this.roll(now);
    const total = (this.spentToday.get(conversationId) ?? 0) + tokens;
    // Re-inserted last: Map order is the recency order the eviction reads.
    this.spentToday.delete(conversationId);
    this.spentToday.set(conversationId, total);
    while (this.spentToday.size > this.maxConversations) this.spentToday.delete(this.spentToday.keys().next().value!);
  }

  /** Conversations counted today (what the ledger holds in memory). */
  get size(): number {
    return this.spentToday.size;
  }

  private roll(now: Date): void {
    const day = now.toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.spentToday.clear();
    }
  }
}
