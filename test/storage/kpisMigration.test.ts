import { describe, expect, it } from 'vitest';
import { migrateOverRows } from '../helpers/migrateOverRows.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/kpisMigration');

// The KPIs count a creditor's conversations by Conversation.creditorId: the migration that adds it
// must give existing conversations theirs, also those where the debtor never proved who it was.
const ROWS = (creditors: string[]) => `
${creditors.map((c, i) => `INSERT INTO "Creditor"(id,name,cnpj,"pixKey","pixMerchantName","pixCity") VALUES ('${c}','n','${i}','k','N','C');`).join('\n')}
INSERT INTO "Debtor"(id,"creditorId",cnpj,"companyName","updatedAt") VALUES ('d1','${creditors.at(-1)}','x','y',now());
INSERT INTO "Conversation"(id,channel,"chatId","debtorId","flowId","flowVersion",snapshot,"updatedAt") VALUES
  ('verified','webchat','a','d1','negotiation',1,'{}',now()), ('anonymous','webchat','b',NULL,'negotiation',1,'{}',now());`;
const AFTER = [`SELECT id,"creditorId" FROM "Conversation" ORDER BY id`];

describe.each(DATABASES)('KPI migration over existing conversations ($kind)', ({ kind, enabled }) => {
  it.skipIf(!enabled)('gives each its debtor’s creditor, or the only creditor there is', async () => {
    expect(await migrateOverRows(kind, 'kpis', ROWS(['c1']), AFTER)).toEqual([[{ id: 'anonymous', creditorId: 'c1' }, { id: 'verified', creditorId: 'c1' }]]);
  });

  it.skipIf(!enabled)('leaves a conversation without debtor unassigned when there are several creditors', async () => {
    expect(await migrateOverRows(kind, 'kpis', ROWS(['c1', 'c2']), AFTER)).toEqual([[{ id: 'anonymous', creditorId: null }, { id: 'verified', creditorId: 'c2' }]]);
  });
});
