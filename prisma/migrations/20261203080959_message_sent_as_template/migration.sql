-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "sentAsTemplate" TEXT;

-- CreateIndex
CREATE INDEX "Message_channel_sentAsTemplate_sentAt_idx" ON "Message"("channel", "sentAsTemplate", "sentAt");
