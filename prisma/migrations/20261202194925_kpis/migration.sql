-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "creditorId" TEXT;

-- CreateIndex
CREATE INDEX "Agreement_creditorId_createdAt_idx" ON "Agreement"("creditorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_type_at_idx" ON "AuditEvent"("type", "at");

-- CreateIndex
CREATE INDEX "Conversation_creditorId_createdAt_idx" ON "Conversation"("creditorId", "createdAt");

-- CreateIndex
CREATE INDEX "Handoff_createdAt_idx" ON "Handoff"("createdAt");

-- CreateIndex
CREATE INDEX "Payment_creditorId_paidAt_idx" ON "Payment"("creditorId", "paidAt");

-- Backfill: a conversation's creditor is its debtor's; one without a debtor belongs to the only
-- creditor when there is exactly one (every deployment so far), and stays null otherwise.
UPDATE "Conversation" c SET "creditorId" = d."creditorId" FROM "Debtor" d WHERE d."id" = c."debtorId" AND c."creditorId" IS NULL;
UPDATE "Conversation" SET "creditorId" = (SELECT "id" FROM "Creditor" LIMIT 1)
  WHERE "creditorId" IS NULL AND (SELECT count(*) FROM "Creditor") = 1;
