-- AlterTable
-- The events written before streams are one chain in id order: they become the stream "legacy",
-- numbered in that order, their hashes untouched (verified with the formula they were written
-- with; heads printed in earlier evidence files still name them). Nothing appends to it again.
ALTER TABLE "AuditEvent" ADD COLUMN     "seq" BIGINT,
ADD COLUMN     "stream" TEXT;
UPDATE "AuditEvent" e SET "stream" = 'legacy', "seq" = n.seq
FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM "AuditEvent") n WHERE n.id = e.id;
ALTER TABLE "AuditEvent" ALTER COLUMN "seq" SET NOT NULL, ALTER COLUMN "stream" SET NOT NULL;

-- CreateTable
CREATE TABLE "AuditStream" (
    "stream" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditStream_pkey" PRIMARY KEY ("stream")
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "streams" INTEGER NOT NULL,
    "events" BIGINT NOT NULL,
    "digest" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditCheckpointHead" (
    "checkpointId" BIGINT NOT NULL,
    "stream" TEXT NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpointHead_pkey" PRIMARY KEY ("stream","checkpointId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_stream_seq_key" ON "AuditEvent"("stream", "seq");

-- The legacy chain's head, so the first checkpoint covers it: a later cut of its tail shows.
INSERT INTO "AuditStream" ("stream", "seq", "hash")
SELECT 'legacy', "seq", "hash" FROM "AuditEvent" WHERE "stream" = 'legacy' ORDER BY "seq" DESC LIMIT 1;
