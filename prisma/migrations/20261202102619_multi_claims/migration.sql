-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ChoreLease" (
    "creditorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),

    CONSTRAINT "ChoreLease_pkey" PRIMARY KEY ("creditorId","name")
);

-- CreateIndex
CREATE INDEX "Message_direction_processedAt_idx" ON "Message"("direction", "processedAt");
