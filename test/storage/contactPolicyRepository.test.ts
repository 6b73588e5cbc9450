import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_POLICY, type ContactPolicy } from '../../src/domain/contactPolicy.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import { CONTACT_POLICY_KIND, currentContactPolicy, saveContactPolicy } from '../../src/storage/contactPolicyRepository.js';
import { type Database } from '../../src/storage/database.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/contactPolicyRepository');

const STRICT: ContactPolicy = { ...structuredClone(DEFAULT_CONTACT_POLICY), caps: { perDay: 1, perWeek: 2 }, minIntervalMinutes: 1440 };
const WITH_LOCAL: ContactPolicy = {
  ...structuredClone(STRICT),
  holidays: { national: true, local: [{ date: '2027-01-25', name: 'Aniversário de São Paulo', recurring: true }] },
};

describe.each(DATABASES)('contact policy repository ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
  }, 120_000);
  afterAll(async () => opened?.close());

  it.skipIf(!enabled)('answers the São Paulo preset before anything was saved', async () => {
    expect(await currentContactPolicy(database.prisma, 'creditor-a')).toEqual(DEFAULT_CONTACT_POLICY);
  });

  it.skipIf(!enabled)('keeps every save as a new version of its own kind and answers the latest', async () => {
    const db = database.prisma;
    // Another kind of setting for the same creditor must not be mistaken for the contact policy.
    await db.settingVersion.create({ data: { creditorId: 'creditor-a', kind: 'policyBuckets', version: 7, data: { buckets: [] }, createdBy: 'admin' } });
    expect(await saveContactPolicy(db, 'creditor-a', STRICT, 'admin')).toEqual(STRICT);
    expect(await currentContactPolicy(db, 'creditor-a')).toEqual(STRICT);
    await saveContactPolicy(db, 'creditor-a', WITH_LOCAL, 'user:u1');
    expect(await currentContactPolicy(db, 'creditor-a')).toEqual(WITH_LOCAL);
    const versions = await db.settingVersion.findMany({ where: { creditorId: 'creditor-a', kind: CONTACT_POLICY_KIND }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => [v.version, v.createdBy])).toEqual([
      [1, 'admin'],
      [2, 'user:u1'],
    ]);
    expect(versions[0]!.data).toEqual(STRICT);
  });

  it.skipIf(!enabled)('keeps creditors apart', async () => {
    expect(await currentContactPolicy(database.prisma, 'creditor-b')).toEqual(DEFAULT_CONTACT_POLICY);
  });

  it.skipIf(!enabled)('audits each change with who, the version, and the policy before and after', async () => {
    const db = database.prisma;
    const events = await db.auditEvent.findMany({ where: { type: 'contact_policy.changed' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.actor)).toEqual(['admin', 'user:u1']);
    expect(events[0]!.data).toEqual({ creditorId: 'creditor-a', version: 1, before: DEFAULT_CONTACT_POLICY, after: STRICT });
    expect(events[1]!.data).toEqual({ creditorId: 'creditor-a', version: 2, before: STRICT, after: WITH_LOCAL });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
