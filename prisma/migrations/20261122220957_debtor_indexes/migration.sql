-- CreateIndex
CREATE INDEX "Agreement_debtorId_idx" ON "Agreement"("debtorId");

-- CreateIndex
CREATE INDEX "Conversation_debtorId_idx" ON "Conversation"("debtorId");

-- CreateIndex
CREATE INDEX "Offer_debtorId_idx" ON "Offer"("debtorId");

-- CreateIndex
CREATE INDEX "Offer_conversationId_idx" ON "Offer"("conversationId");
