-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "platformMessageId" TEXT,
ADD COLUMN     "receipt" TEXT,
ADD COLUMN     "receiptAt" TIMESTAMP(3),
ADD COLUMN     "receiptError" TEXT;

-- CreateIndex
CREATE INDEX "Message_channel_platformMessageId_idx" ON "Message"("channel", "platformMessageId");
