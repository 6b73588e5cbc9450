import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ESCALATION_RULES, type EscalationRules } from '../../src/domain/escalationRules.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import { type Database } from '../../src/storage/database.js';
import { currentEscalationRules, saveEscalationRules } from '../../src/storage/escalationRulesRepository.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/escalationRulesRepository');

const PATIENT: EscalationRules = {
  ...structuredClone(DEFAULT_ESCALATION_RULES),
  insultsBeforeHandoff: 0,
  misunderstandingsBeforeHandoff: 5,
  waitingMessageAfterMinutes: 30,
};
const LISBON: EscalationRules = {
  ...structuredClone(PATIENT),
  agentHours: { timeZone: 'Europe/Lisbon', week: { mon: [{ from: '08:30', to: '12:00' }, { from: '13:00', to: '17:30' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } },
};

describe.each(DATABASES)('escalation rules repository ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
  }, 120_000);
  afterAll(async () => opened?.close());

  it.skipIf(!enabled)('answers the default before anything was saved', async () => {
    expect(await currentEscalationRules(database.prisma, 'creditor-a')).toEqual(DEFAULT_ESCALATION_RULES);
  });

  it.skipIf(!enabled)('keeps every save as a new version and answers the latest', async () => {
    const db = database.prisma;
    expect(await saveEscalationRules(db, 'creditor-a', PATIENT, 'admin')).toEqual(PATIENT);
    expect(await currentEscalationRules(db, 'creditor-a')).toEqual(PATIENT);
    await saveEscalationRules(db, 'creditor-a', LISBON, 'user:u1');
    expect(await currentEscalationRules(db, 'creditor-a')).toEqual(LISBON);

    const versions = await db.escalationRulesVersion.findMany({ where: { creditorId: 'creditor-a' }, orderBy: { version: 'asc' } });
    expect(versions.map((v) => [v.version, v.createdBy])).toEqual([
      [1, 'admin'],
      [2, 'user:u1'],
    ]);
    expect(versions[0]!.data).toEqual(PATIENT);
  });

  it.skipIf(!enabled)('keeps creditors apart', async () => {
    expect(await currentEscalationRules(database.prisma, 'creditor-b')).toEqual(DEFAULT_ESCALATION_RULES);
  });

  it.skipIf(!enabled)('audits each change with who, the version, and the rules before and after', async () => {
    const db = database.prisma;
    const events = await db.auditEvent.findMany({ where: { type: 'escalation_rules.changed' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.actor)).toEqual(['admin', 'user:u1']);
    expect(events[0]!.data).toEqual({ creditorId: 'creditor-a', version: 1, before: DEFAULT_ESCALATION_RULES, after: PATIENT });
    expect(events[1]!.data).toEqual({ creditorId: 'creditor-a', version: 2, before: PATIENT, after: LISBON });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
