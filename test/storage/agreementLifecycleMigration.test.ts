import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/storage/migrations.js';
import { createPgDatabase, TEST_DATABASE_URL, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/agreementLifecycleMigration');

// The lifecycle migration adds NOT NULL columns to tables that already hold agreements: it must
// fill them from what was true when those agreements were made, on a database with data in it.
const dirs = readdirSync(MIGRATIONS_DIR).filter((d) => /^\d/.test(d)).sort();
const lifecycle = dirs.findIndex((d) => d.endsWith('_agreement_lifecycle'));
const sql = (d: string) => readFileSync(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8');

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
  it('exists', () => expect(lifecycle).toBeGreaterThan(0));

  it('fills the creditor, the term rates, the day of acceptance and the invoices’ agreement (PGlite)', async () => {
    const db = new PGlite();
    try {
      for (const d of dirs.slice(0, lifecycle)) await db.exec(sql(d));
      await db.exec(BEFORE);
      for (const d of dirs.slice(lifecycle)) await db.exec(sql(d));
      expect(await Promise.all(AFTER.map(async (q) => (await db.query(q)).rows))).toEqual(EXPECTED);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!TEST_DATABASE_URL)('does the same on PostgreSQL', async () => {
    const target = await createPgDatabase();
    const c = new pg.Client({ connectionString: target.url });
    await c.connect();
    try {
      for (const d of dirs.slice(0, lifecycle)) await c.query(sql(d));
      await c.query(BEFORE);
      for (const d of dirs.slice(lifecycle)) await c.query(sql(d));
      expect(await Promise.all(AFTER.map(async (q) => (await c.query(q)).rows))).toEqual(EXPECTED);
    } finally {
      await c.end();
      await target.drop();
    }
  });
});
