-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "erasedAt" TIMESTAMP(3),
ADD COLUMN     "piiKey" TEXT,
ADD COLUMN     "simulation" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "FlowVersion" ADD COLUMN     "note" TEXT,
ADD COLUMN     "templates" JSONB;

-- CreateTable
CREATE TABLE "FlowDraft" (
    "flowId" TEXT NOT NULL,
    "definitionText" TEXT NOT NULL,
    "templates" JSONB NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowDraft_pkey" PRIMARY KEY ("flowId")
);

-- CreateTable
CREATE TABLE "SettingVersion" (
    "id" TEXT NOT NULL,
    "creditorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "data" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SettingVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactDecision" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "messageId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "debtorId" TEXT,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "until" TIMESTAMP(3),

    CONSTRAINT "ContactDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SettingVersion_creditorId_kind_version_key" ON "SettingVersion"("creditorId", "kind", "version");

-- CreateIndex
CREATE INDEX "ContactDecision_debtorId_at_idx" ON "ContactDecision"("debtorId", "at");

-- CreateIndex
CREATE INDEX "ContactDecision_at_idx" ON "ContactDecision"("at");
