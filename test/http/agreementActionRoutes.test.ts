import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDITOR_ID } from '../../src/storage/creditorRepository.js';
import { seedAgreement } from '../helpers/agreementRows.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/agreementActionRoutes');

// 12:00 in São Paulo on 2026-12-20. Grace: the default 5 days.
const NOW = new Date('2026-12-20T15:00:00Z');
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe.each(DATABASES)('cancel and reinstate an agreement ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  beforeAll(async () => {
    // No background chores: the reminder pass on this clock would move the seeded agreements itself.
    if (enabled) t = await startTestApp({ db: kind, clock: () => NOW, env: { JOBS_INTERVAL_MS: '3600000' } });
  }, 120_000);
  afterAll(async () => t?.close());
  const db = () => t.app.database.prisma;

  it.skipIf(!enabled)('cancels an active agreement: its invoices are owed again, audited; a second cancel is refused', async () => {
    const a = await seedAgreement(db(), { creditorId: DEFAULT_CREDITOR_ID, schedule: [{ dueDate: '2027-01-10', amountCents: 50_000 }] });
    const bad = await t.api('POST', `/api/admin/agreements/${a.id}/cancel`, { reason: 'Cliente pediu, ver e-mail da Ana' }, auth);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('reason');
    expect((await db().agreement.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('active');

    const agent = await ConsoleAgent.create(t, 'Agente Cancelamento');
    expect((await agent.api('POST', `/api/admin/agreements/${a.id}/cancel`, { reason: 'made_in_error' })).status).toBe(403);

    const r = await t.api('POST', `/api/admin/agreements/${a.id}/cancel`, { reason: 'made_in_error' }, auth);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ agreement: { id: a.id, status: 'cancelled' } });
    expect(await db().invoice.findMany({ where: { debtorId: a.debtorId }, select: { status: true, agreementId: true } })).toEqual([{ status: 'open', agreementId: null }]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { type: 'agreement.cancelled', debtorId: a.debtorId } });
    expect(event.data).toMatchObject({ agreementId: a.id, reason: 'made_in_error', fromStatus: 'active', remainingCents: 50_000 });
    expect(event.actor).toMatch(/^admin/);

    const again = await t.api('POST', `/api/admin/agreements/${a.id}/cancel`, { reason: 'made_in_error' }, auth);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'agreement_state' });
    expect((await t.api('POST', `/api/admin/agreements/NOPE/cancel`, { reason: 'made_in_error' }, auth)).status).toBe(404);
  });

  it.skipIf(!enabled)('reinstates a broken agreement once nothing is unpaid beyond the grace period, and refuses while something is', async () => {
    // Broke on an instalment since paid; the next one is not yet due: back in force.
    const caughtUp = await seedAgreement(db(), {
      creditorId: DEFAULT_CREDITOR_ID,
      status: 'broken',
      schedule: [{ dueDate: '2026-12-01', amountCents: 10_000 }, { dueDate: '2027-01-01', amountCents: 10_000 }],
    });
    await db().installment.update({ where: { agreementId_n: { agreementId: caughtUp.id, n: 1 } }, data: { paidCents: 10_000n, status: 'paid', paidAt: NOW } });
    const ok = await t.api('POST', `/api/admin/agreements/${caughtUp.id}/reinstate`, { reason: 'debtor_caught_up' }, auth);
    expect(ok.status).toBe(200);
    expect(ok.body.agreement.status).toBe('active');
    expect(await db().auditEvent.count({ where: { type: 'agreement.reinstated', debtorId: caughtUp.debtorId } })).toBe(1);

    // Still unpaid 19 days after its due date: a renegotiation, not a reinstatement.
    const behind = await seedAgreement(db(), { creditorId: DEFAULT_CREDITOR_ID, status: 'broken', schedule: [{ dueDate: '2026-12-01', amountCents: 10_000 }] });
    const refused = await t.api('POST', `/api/admin/agreements/${behind.id}/reinstate`, { reason: 'debtor_caught_up' }, auth);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/renegotiate/);
    expect((await db().agreement.findUniqueOrThrow({ where: { id: behind.id } })).status).toBe('broken');
    // An active agreement is not "reinstated".
    expect((await t.api('POST', `/api/admin/agreements/${caughtUp.id}/reinstate`, { reason: 'debtor_caught_up' }, auth)).status).toBe(409);
  });
});
