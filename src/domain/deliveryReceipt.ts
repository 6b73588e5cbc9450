/**
 * A sent message's receipts as a platform reports them, in the order they can happen. Reports may
 * arrive out of order (Meta does not promise order between webhook calls): a receipt replaces the
 * one recorded only when it goes further. "failed" is final, whatever came before it.
 */
export const RECEIPT_RANK = { sent: 1, delivered: 2, read: 3, failed: 4 } as const;

export type ReceiptStatus = keyof typeof RECEIPT_RANK;

export interface ReceiptReport {
  channel: string;
  /** The id the platform gave the message when we sent it (the channel's send result). */
  platformMessageId: string;
  status: ReceiptStatus;
  at: Date;
  /** Why it failed, as the platform says it: "131047 Re-engagement message". */
  error?: string;
}

/** Whether a platform's status word is one of the receipts we record (not "deleted", say). */
export function isReceiptStatus(s: string): s is ReceiptStatus {
  return Object.prototype.hasOwnProperty.call(RECEIPT_RANK, s);
}

/** Whether `next` goes further than what is recorded (`current`, null for nothing yet). */
export function receiptAdvances(current: string | null, next: ReceiptStatus): boolean {
  return (RECEIPT_RANK[current as ReceiptStatus] ?? 0) < RECEIPT_RANK[next];
}

/** The same rule in SQL, for a conditional UPDATE: the rank of the receipt in `column`. */
export function receiptRankSql(column: string): string {
  return `CASE ${column} ${Object.entries(RECEIPT_RANK)
    .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
    .join(' ')} ELSE 0 END`;
}
