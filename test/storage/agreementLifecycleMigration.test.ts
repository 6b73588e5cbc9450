import { describe, expect, it } from 'vitest';
import { hasMigration, migrateOverRows } from '../helpers/migrateOverRows.js';
import { TEST_DATABASE_URL, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/agreementLifecycleMigration');

// The lifecycle migration adds NOT NULL columns to tables that already hold agreements: it must
// fill them from what was true when those agreements were made, on a database with data in it.
const BEFORE = `
INSERT INTO "Creditor"(id,name,cnpj,"pixKey","pixMerchantName","pixCity","lateFeeBasisPoints","monthlyInterestBasisPoints") VALUES ('c1','n','1','k','N','C',250,150);
INSERT INTO "Debtor"(id,"creditorId",cnpj,"companyName","updatedAt") VALUES ('d1','c1','x','y',now());
INSERT INTO "Invoice"(id,"debtorId",number,"amountCents","dueDate",status,"updatedAt") VALUES ('i1','d1','N1',100,'2026-01-01','in_agreement',now()),('i2','d1','N2',100,'2026-01-01','open',now());
INSERT INTO "Agreement"(id,"debtorId","conversationId","offerId","totalCents","debtCents",kind,"acceptedMessageId",status,"createdAt") VALUES ('a1','d1','cv','o1',100,100,'cash','m','active','2026-11-30T02:00:00Z');
INSERT INTO "Installment"(id,"agreementId",n,"dueDate","amountCents",txid,"pixCode") VALUES ('n1','a1',1,'2026-12-01',100,'T1','P');`;

const AFTER = [
  `SELECT "creditorId","agreedOn","lateFeeBasisPoints","monthlyInterestBasisPoints" FROM "Agreement"`,
  `SELECT "creditorId","paidCents"::int AS "paidCents",status FROM "Installment"`,
  `SELECT id,"agreementId" FROM "Invoice" ORDER BY id`,
];
const EXPECTED = [
  // Accepted 2026-11-29 23:00 in São Paulo: that is the debtor's day of acceptance.
  [{ creditorId: 'c1', agreedOn: '2026-11-29', lateFeeBasisPoints: 250, monthlyInterestBasisPoints: 150 }],
  [{ creditorId: 'c1', paidCents: 0, status: 'open' }],
  [{ id: 'i1', agreementId: 'a1' }, { id: 'i2', agreementId: null }],
];

describe('agreement lifecycle migration over existing agreements', () => {
  it('exists', () => expect(hasMigration('agreement_lifecycle')).toBe(true));

  it('fills the creditor, the term rates, the day of acceptance and the invoices’ agreement (PGlite)', async () => {
    expect(await migrateOverRows('pglite', 'agreement_lifecycle', BEFORE, AFTER)).toEqual(EXPECTED);
  });

  it.skipIf(!TEST_DATABASE_URL)('does the same on PostgreSQL', async () => {
    expect(await migrateOverRows('postgresql', 'agreement_lifecycle', BEFORE, AFTER)).toEqual(EXPECTED);
  });
});
