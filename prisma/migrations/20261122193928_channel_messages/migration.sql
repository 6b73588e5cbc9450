-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "attachment" JSONB,
ADD COLUMN     "proactive" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requestContact" BOOLEAN NOT NULL DEFAULT false;
