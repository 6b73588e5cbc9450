-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "emailUnusableAt" TIMESTAMP(3),
ADD COLUMN     "emailUnusableReason" TEXT,
ADD COLUMN     "preferredChannel" TEXT;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "linkedDebtorId" TEXT;
