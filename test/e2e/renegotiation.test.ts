import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPayment } from '../../src/domain/applyPayment.js';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { offerLadder } from '../../src/domain/offerLadder.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminderSettings.js';
import { renegotiationPolicy } from '../../src/domain/renegotiationPolicy.js';
import { loadLedger, saveLedger } from '../../src/storage/agreementLedgerRepository.js';
import { DEFAULT_CREDITOR_ID } from '../../src/storage/creditorRepository.js';
import { seedAgreement } from '../helpers/agreementRows.js';
import { WebchatDebtor, expectNoDisclosure } from '../helpers/chat.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

// Issue 12, section 4, over the web chat contract and the real pipeline, on PGlite and PostgreSQL:
// a debtor with an agreement in force writes again — its status from the ledger, a copy of a PIX
// code, renegotiating what remains (paid instalments credited), and the limits past which a
// person takes over. The memory pipeline runs the same flow in test/engine/agreementFollowUp.test.ts.

notePostgresSkipped('e2e/renegotiation');

// 15:00 UTC = 12:00 in São Paulo on 2026-12-20.
const NOW = new Date('2026-12-20T15:00:00Z');
const TODAY = '2026-12-20';
// Instalment 2 is three days late on TODAY: within the default grace (5 days), so the app's daily
// reminder pass, which runs on the same clock, keeps the agreement active (late, not broken).
const SCHEDULE = [
  { dueDate: '2026-11-17', amountCents: 100_000 },
  { dueDate: '2026-12-17', amountCents: 100_000 },
  { dueDate: '2027-01-17', amountCents: 100_000 },
];

let seq = 0;

describe.each(DATABASES)('renegotiation and agreement status over the web chat ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  beforeAll(async () => {
    // No background chores: on a clock weeks ahead of the rows' wall-clock timestamps, the retention
    // pass would take a fresh web chat session for an abandoned one and erase it mid-test.
    if (enabled) t = await startTestApp({ db: kind, clock: () => NOW, env: { JOBS_INTERVAL_MS: '3600000' } });
  }, 120_000);
  afterAll(async () => t?.close());

  /** An agreement as a negotiation leaves it, with a CNPJ and invoice number a debtor can type. */
  async function agreementOnFile(o: { schedule?: typeof SCHEDULE; status?: string } = {}) {
    const db = t.app.database.prisma;
    const a = await seedAgreement(db, { creditorId: DEFAULT_CREDITOR_ID, schedule: o.schedule ?? SCHEDULE, status: o.status, debtCents: 300_000, agreedOn: '2026-10-30' });
    const base = `${String(40_000_000 + process.pid * 10 + ++seq).slice(-8)}0001`;
    const cnpj = base + cnpjCheckDigits(base);
    const invoice = `NF-${80_000 + seq}`;
    await db.debtor.update({ where: { id: a.debtorId }, data: { cnpj } });
    await db.invoice.updateMany({ where: { debtorId: a.debtorId }, data: { number: invoice } });
    return { ...a, cnpj, invoice };
  }

  /** A PIX payment of instalment n through the ledger's own functions (as the webhook applies it). */
  async function pay(agreementId: string, txid: string, amountCents: number, endToEndId: string) {
    await t.app.database.prisma.$transaction(async (tx) => {
      const stored = (await loadLedger(tx, DEFAULT_CREDITOR_ID, agreementId, { lock: true }))!;
      const r = applyPayment(stored.ledger, { endToEndId, txid, amountCents, paidAt: '2026-12-01T13:00:00Z', source: 'pix' });
      await saveLedger(tx, stored, r.agreement, r.events, { actor: 'pix', now: NOW });
    });
  }

  async function identify(cnpj: string, invoice: string) {
    const d = new WebchatDebtor(t);
    await d.open();
    expectNoDisclosure(await d.say(cnpj));
    return { d, first: await d.say(invoice) };
  }

  it.skipIf(!enabled)('sends the PIX code of the next unpaid instalment when the debtor asks for a "segunda via"', async () => {
    const a = await agreementOnFile({
      schedule: [
        { dueDate: '2026-12-10', amountCents: 100_000 },
        { dueDate: '2027-01-10', amountCents: 100_000 },
        { dueDate: '2027-02-10', amountCents: 100_000 },
      ],
    });
    await pay(a.id, a.installments[0]!.txid, 100_000, `E1${a.id}`);
    const { d, first } = await identify(a.cnpj, a.invoice);
    expect(first.map((r) => r.key)).toEqual(['agreement.existing', 'agreement.status.onTrack']);
    expect(first[1]!.facts.agreement).toMatchObject({ id: a.id, status: 'active', standing: 'onTrack', paidCents: 100_000, remainingCents: 200_000 });
    expect(first[1]!.facts.agreement.installments.map((i: any) => [i.n, i.status, i.paidCents])).toEqual([
      [1, 'paid', 100_000],
      [2, 'open', 0],
      [3, 'open', 0],
    ]);

    const copy = await d.say('me manda o pix de novo');
    expect(copy.map((r) => r.key)).toEqual(['agreement.pixCopy']);
    expect(copy[0]!.facts.agreement.pixFor).toEqual([{ n: 2, dueDate: '2027-01-10', amountCents: 100_000, dueCents: 100_000, pix: a.installments[1]!.pixCode }]);
    expect(copy[0]!.text).toContain(a.installments[1]!.pixCode);

    const third = await d.say('manda o código pix da parcela 3');
    expect(third[0]!.text).toContain(a.installments[2]!.pixCode);
    expect(await d.status()).toEqual({ status: 'bot', state: 'followingAgreement' });
  });

  it.skipIf(!enabled)('renegotiates what remains of a late agreement: paid instalments credited, the old one renegotiated, invoices moved', async () => {
    const a = await agreementOnFile();
    await pay(a.id, a.installments[0]!.txid, 100_000, `E2${a.id}`);
    await pay(a.id, a.installments[1]!.txid, 30_000, `E3${a.id}`);
    const { d, first } = await identify(a.cnpj, a.invoice);
    expect(first.map((r) => r.key)).toEqual(['agreement.existing', 'agreement.status.late']);
    expect(first[1]!.facts.agreement).toMatchObject({ standing: 'late', paidCents: 130_000, remainingCents: 170_000, late: [{ n: 2, dueDate: '2026-12-17', dueCents: 70_000 }] });
    expect(first[1]!.text).not.toMatch(/em dia/);

    const reneg = await d.say('não vou conseguir pagar a parcela');
    expect(reneg.map((r) => r.key)).toEqual(['renegotiation.offer', 'offer.installments']);
    expect(reneg[0]!.facts.agreement).toMatchObject({ id: a.id, totalCents: 300_000, paidCents: 130_000, remainingCents: 170_000 });
    expect(reneg[0]!.text).toContain('R$ 1.700,00');
    const expected = offerLadder(170_000, renegotiationPolicy(DEFAULT_POLICY), TODAY, { hardship: true })[0]!;
    expect(reneg[1]!.facts.offer).toMatchObject({ kind: 'installments', totalCents: expected.totalCents, installments: expected.installments, installmentCents: expected.installmentCents, discountPercent: 0 });

    const done = await d.say('aceito');
    expect(done.map((r) => r.key)).toEqual(['agreement.term']);
    const newId = done[0]!.facts.agreement.id as string;
    const db = t.app.database.prisma;
    const renewed = await db.agreement.findUniqueOrThrow({ where: { id: newId } });
    expect(renewed).toMatchObject({ renegotiatesId: a.id, status: 'active', agreedOn: TODAY, creditorId: DEFAULT_CREDITOR_ID });
    expect(Number(renewed.debtCents)).toBe(170_000);
    expect(Number(renewed.totalCents)).toBe(expected.totalCents);
    const old = await db.agreement.findUniqueOrThrow({ where: { id: a.id } });
    expect(old).toMatchObject({ status: 'renegotiated', renegotiatedById: newId });
    expect(await db.invoice.findMany({ where: { debtorId: a.debtorId }, select: { status: true, agreementId: true } })).toEqual([{ status: 'in_agreement', agreementId: newId }]);

    const events = await db.auditEvent.findMany({ where: { debtorId: a.debtorId }, orderBy: { id: 'asc' } });
    const renegotiated = events.find((e) => e.type === 'agreement.renegotiated')!;
    expect(renegotiated.data).toMatchObject({ agreementId: a.id, renegotiatedBy: newId, fromStatus: 'active', totalCents: 300_000, paidCents: 130_000, remainingCents: 170_000 });
    expect(events.find((e) => e.type === 'agreement.created')!.data).toMatchObject({ agreementId: newId, renegotiates: a.id });
    expect(events.some((e) => e.type === 'renegotiation.started')).toBe(true);

    // The paid instalments of the old agreement stay as they were: history, not rewritten.
    const oldInstallments = await db.installment.findMany({ where: { agreementId: a.id }, orderBy: { n: 'asc' } });
    expect(oldInstallments.map((i) => Number(i.paidCents))).toEqual([100_000, 30_000, 0]);

    // Writing again: the new agreement is the one in force.
    const after = await d.say('e agora?');
    expect(after.map((r) => r.key)).toEqual(['agreement.status.onTrack']);
    expect(after[0]!.facts.agreement).toMatchObject({ id: newId, paidCents: 0, remainingCents: expected.totalCents });
  });

  it.skipIf(!enabled)('offers to renegotiate a broken agreement at the first answer, and hands a second break to a person', async () => {
    const a = await agreementOnFile({ status: 'broken' });
    await pay(a.id, a.installments[0]!.txid, 100_000, `E4${a.id}`);
    const { d, first } = await identify(a.cnpj, a.invoice);
    expect(first.map((r) => r.key)).toEqual(['agreement.existing', 'agreement.status.broken']);
    const reneg = await d.say('ok');
    expect(reneg.map((r) => r.key)).toEqual(['renegotiation.offer', 'offer.cash']);
    expect(reneg[1]!.facts.offer).toMatchObject({ kind: 'cash', totalCents: 200_000, discountPercent: 0 });
    const done = await d.say('aceito');
    const newId = done[0]!.facts.agreement.id as string;

    // The renegotiated agreement breaks too: the next renegotiation is a person's.
    const db = t.app.database.prisma;
    await db.agreement.update({ where: { id: newId }, data: { status: 'broken', brokenOn: TODAY } });
    const again = await identify(a.cnpj, a.invoice);
    expect(again.first.map((r) => r.key)).toEqual(['agreement.existing', 'agreement.status.broken']);
    const r = await again.d.say('quero renegociar');
    expect(r.map((x) => x.key)).toEqual(['renegotiation.limit', 'handoff.notice']);
    expect(await again.d.status()).toMatchObject({ status: 'human' });
    const handoff = await db.handoff.findFirstOrThrow({ where: { conversation: { debtorId: a.debtorId } }, orderBy: { createdAt: 'desc' } });
    expect(handoff.reason).toBe('renegotiation_limit');
    const refused = await db.auditEvent.findFirstOrThrow({ where: { type: 'renegotiation.refused', debtorId: a.debtorId } });
    expect(refused.data).toMatchObject({ agreementId: newId, reason: 'second_break' });
    expect((await db.agreement.findUniqueOrThrow({ where: { id: newId } })).status).toBe('broken');
  });

  it.skipIf(!enabled)('hands a renegotiation past the yearly limit (the reminder settings) to a person', async () => {
    const db = t.app.database.prisma;
    await db.settingVersion.create({ data: { creditorId: DEFAULT_CREDITOR_ID, kind: 'reminders', version: 1, data: { ...DEFAULT_REMINDER_SETTINGS, renegotiation: { maxPerDebtorPerYear: 0 } }, createdBy: 'test' } });
    const a = await agreementOnFile();
    const { d } = await identify(a.cnpj, a.invoice);
    const r = await d.say('I need to renegotiate');
    expect(r.map((x) => x.key)).toEqual(['renegotiation.limit', 'handoff.notice']);
    const refused = await db.auditEvent.findFirstOrThrow({ where: { type: 'renegotiation.refused', debtorId: a.debtorId } });
    expect(refused.data).toMatchObject({ agreementId: a.id, reason: 'yearly_limit', renegotiationsInLastYear: 0, maxPerDebtorPerYear: 0 });
    expect((await db.agreement.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('active');
  });
});
