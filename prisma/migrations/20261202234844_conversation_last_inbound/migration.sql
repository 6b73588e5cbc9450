-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "lastInboundAt" TIMESTAMP(3);

-- Each inbound message from the debtor moves its conversation's lastInboundAt forward, in the
-- transaction that stores it. Only those rows fire the trigger (WHEN), so the bot's and agents'
-- messages cost nothing more.
CREATE FUNCTION "Message_note_inbound"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Conversation" SET "lastInboundAt" = NEW."createdAt"
    WHERE "id" = NEW."conversationId" AND ("lastInboundAt" IS NULL OR "lastInboundAt" < NEW."createdAt");
  RETURN NULL;
END
$$;

CREATE TRIGGER "Message_inbound" AFTER INSERT ON "Message"
  FOR EACH ROW WHEN (NEW."direction" = 'in' AND NEW."author" = 'debtor') EXECUTE FUNCTION "Message_note_inbound"();

-- The conversations already there.
UPDATE "Conversation" c SET "lastInboundAt" = m."lastAt"
  FROM (SELECT "conversationId", max("createdAt") AS "lastAt" FROM "Message"
        WHERE "direction" = 'in' AND "author" = 'debtor' GROUP BY "conversationId") m
  WHERE c."id" = m."conversationId";
