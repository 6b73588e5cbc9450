-- DropIndex
DROP INDEX "AuditEvent_conversationId_idx";

-- DropIndex
DROP INDEX "AuditEvent_debtorId_idx";

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "creditorId" TEXT;

-- CreateIndex
CREATE INDEX "Agreement_creditorId_createdAt_idx" ON "Agreement"("creditorId", "createdAt");

-- CreateIndex
CREATE INDEX "Agreement_conversationId_idx" ON "Agreement"("conversationId");

-- CreateIndex
CREATE INDEX "Agreement_creditorId_brokenOn_idx" ON "Agreement"("creditorId", "brokenOn");

-- CreateIndex
CREATE INDEX "AuditEvent_conversationId_type_idx" ON "AuditEvent"("conversationId", "type");

-- CreateIndex
CREATE INDEX "AuditEvent_debtorId_type_at_idx" ON "AuditEvent"("debtorId", "type", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_type_at_idx" ON "AuditEvent"("type", "at");

-- CreateIndex
CREATE INDEX "Conversation_creditorId_createdAt_idx" ON "Conversation"("creditorId", "createdAt");

-- CreateIndex
CREATE INDEX "Handoff_createdAt_idx" ON "Handoff"("createdAt");

-- CreateIndex
CREATE INDEX "Invoice_debtorId_dueDate_idx" ON "Invoice"("debtorId", "dueDate");

-- CreateIndex
CREATE INDEX "Offer_createdAt_idx" ON "Offer"("createdAt");

-- CreateIndex
CREATE INDEX "Payment_creditorId_paidAt_idx" ON "Payment"("creditorId", "paidAt");

-- Backfill: the creditor of a conversation is that of its debtor. Without a debtor, the only
-- creditor when there is exactly one (every deployment so far), and null otherwise.
-- (No semicolons nor apostrophes in these comments: the runner on PostgreSQL splits on them.)
UPDATE "Conversation" c SET "creditorId" = d."creditorId" FROM "Debtor" d WHERE d."id" = c."debtorId" AND c."creditorId" IS NULL;
UPDATE "Conversation" SET "creditorId" = (SELECT "id" FROM "Creditor" LIMIT 1)
  WHERE "creditorId" IS NULL AND (SELECT count(*) FROM "Creditor") = 1;
