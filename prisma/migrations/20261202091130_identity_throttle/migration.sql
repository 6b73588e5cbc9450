-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "clientAddress" TEXT;

-- CreateTable
CREATE TABLE "IdentityThrottle" (
    "id" TEXT NOT NULL,
    "creditorId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lockouts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdentityThrottle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "IdentityThrottle_creditorId_lockedUntil_idx" ON "IdentityThrottle"("creditorId", "lockedUntil");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityThrottle_creditorId_kind_key_key" ON "IdentityThrottle"("creditorId", "kind", "key");
