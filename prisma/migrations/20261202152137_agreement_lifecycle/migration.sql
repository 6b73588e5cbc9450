-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN     "agreedOn" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "brokenOn" TEXT,
ADD COLUMN     "creditorId" TEXT,
ADD COLUMN     "lateFeeBasisPoints" INTEGER NOT NULL DEFAULT 200,
ADD COLUMN     "monthlyInterestBasisPoints" INTEGER NOT NULL DEFAULT 100,
ADD COLUMN     "overpaidCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "renegotiatedById" TEXT,
ADD COLUMN     "renegotiatesId" TEXT,
ADD COLUMN     "settledAt" TIMESTAMP(3),
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Installment" ADD COLUMN     "creditorId" TEXT,
ADD COLUMN     "paidAt" TIMESTAMP(3),
ADD COLUMN     "paidCents" BIGINT NOT NULL DEFAULT 0;

-- Agreements made before this migration: the creditor, the term's late rates and the day of
-- acceptance come from what was true then (Brazil has kept UTC-3 all year since 2019).
UPDATE "Agreement" a SET "creditorId" = d."creditorId",
  "lateFeeBasisPoints" = c."lateFeeBasisPoints",
  "monthlyInterestBasisPoints" = c."monthlyInterestBasisPoints",
  "agreedOn" = to_char(a."createdAt" - interval '3 hours', 'YYYY-MM-DD')
FROM "Debtor" d JOIN "Creditor" c ON c."id" = d."creditorId"
WHERE d."id" = a."debtorId";
UPDATE "Installment" i SET "creditorId" = a."creditorId" FROM "Agreement" a WHERE a."id" = i."agreementId";
ALTER TABLE "Agreement" ALTER COLUMN "creditorId" SET NOT NULL;
ALTER TABLE "Installment" ALTER COLUMN "creditorId" SET NOT NULL;

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
    "creditorId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "endToEndId" TEXT,
    "txid" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "paidAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "agreementId" TEXT,
    "installmentN" INTEGER,
    "assignedByHand" BOOLEAN NOT NULL DEFAULT false,
    "allocations" JSONB NOT NULL DEFAULT '[]',
    "overpaidCents" BIGINT NOT NULL DEFAULT 0,
    "held" TEXT,
    "note" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementNotice" (
    "id" TEXT NOT NULL,
    "creditorId" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "installmentN" INTEGER,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "messageId" TEXT,
    "forDate" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgreementNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Payment_creditorId_status_createdAt_idx" ON "Payment"("creditorId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Payment_agreementId_idx" ON "Payment"("agreementId");

-- CreateIndex
CREATE INDEX "Payment_txid_idx" ON "Payment"("txid");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_creditorId_key_key" ON "Payment"("creditorId", "key");

-- CreateIndex
CREATE INDEX "AgreementNotice_agreementId_idx" ON "AgreementNotice"("agreementId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementNotice_creditorId_key_key" ON "AgreementNotice"("creditorId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_renegotiatesId_key" ON "Agreement"("renegotiatesId");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_renegotiatedById_key" ON "Agreement"("renegotiatedById");

-- CreateIndex
CREATE INDEX "Agreement_creditorId_status_createdAt_idx" ON "Agreement"("creditorId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Installment_creditorId_status_dueDate_idx" ON "Installment"("creditorId", "status", "dueDate");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Invoices know the agreement that settles them.
ALTER TABLE "Invoice" ADD COLUMN     "agreementId" TEXT;
CREATE INDEX "Invoice_agreementId_idx" ON "Invoice"("agreementId");
-- Invoices already in an agreement belong to their debtor's latest active one.
UPDATE "Invoice" i SET "agreementId" = (
  SELECT a."id" FROM "Agreement" a WHERE a."debtorId" = i."debtorId" AND a."status" = 'active' ORDER BY a."createdAt" DESC LIMIT 1
) WHERE i."status" = 'in_agreement';

-- Receipts are proactive (sending window, opt-out) without counting toward the contact caps.
ALTER TABLE "Message" ADD COLUMN     "countsTowardCaps" BOOLEAN NOT NULL DEFAULT true;

-- PIX codes issued after the term (the late note's updated amount).
-- CreateTable
CREATE TABLE "PixCharge" (
    "id" TEXT NOT NULL,
    "creditorId" TEXT NOT NULL,
    "txid" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "installmentN" INTEGER NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "pixCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "forDate" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PixCharge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PixCharge_txid_key" ON "PixCharge"("txid");

-- CreateIndex
CREATE INDEX "PixCharge_agreementId_idx" ON "PixCharge"("agreementId");

-- The late fee + interest part of a late PIX charge, and what of a payment was counted as such.
ALTER TABLE "PixCharge" ADD COLUMN     "chargesCents" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "Payment" ADD COLUMN     "chargesCents" BIGINT NOT NULL DEFAULT 0;
