import { describe, expect, it } from 'vitest';
import { ledgerTotals, type LedgerAgreement } from '../../src/domain/agreementLedger.js';
import { applyPayment } from '../../src/domain/applyPayment.js';
import { cancelAgreement, reinstate, renegotiate, statusOn } from '../../src/domain/agreementStatus.js';
import { eventTypes, ledgerErrorReason, threeInstalments } from './ledgerFixtures.js';

const agreement = threeInstalments;

const pay = (a: LedgerAgreement, txid: string, amountCents: number, e2e: string) =>
  applyPayment(a, { txid, amountCents, paidAt: '2026-12-05T13:00:00Z', source: 'pix', endToEndId: e2e }).agreement;

const statuses = (a: LedgerAgreement) => a.installments.map((i) => i.status);
const types = eventTypes;


describe('statusOn', () => {
  it('the due day is on time; the next day the instalment is late', () => {
    const fresh = agreement();
    const onDue = statusOn(fresh, '2026-12-05', 5);
    expect(onDue.events).toEqual([]);
    expect(onDue.agreement).toBe(fresh);
    expect(statuses(onDue.agreement)).toEqual(['open', 'open', 'open']);

    const next = statusOn(agreement(), '2026-12-06', 5);
    expect(statuses(next.agreement)).toEqual(['late', 'open', 'open']);
    expect(next.agreement.status).toBe('active');
    expect(next.events).toEqual([{ type: 'installment_late', data: { agreementId: 'A1', n: 1, dueDate: '2026-12-05', daysLate: 1, dueCents: 10_000 } }]);
  });

  it('a partial payment does not stop lateness; the event says what is still due', () => {
    const r = statusOn(pay(agreement(), 'A1P1', 4_000, 'E1'), '2026-12-06', 5);
    expect(r.events).toEqual([{ type: 'installment_late', data: { agreementId: 'A1', n: 1, dueDate: '2026-12-05', daysLate: 1, dueCents: 6_000 } }]);
  });

  it('a paid instalment is never late', () => {
    const r = statusOn(pay(agreement(), 'A1P1', 10_000, 'E1'), '2026-12-20', 5);
    expect(statuses(r.agreement)).toEqual(['paid', 'open', 'open']);
    expect(r.events).toEqual([]);
  });

  it('breaks the agreement after graceDays whole days unpaid', () => {
    // Due 12-05, grace 5: the debtor has until the end of 12-10.
    expect(statusOn(agreement(), '2026-12-10', 5).agreement.status).toBe('active');
    const r = statusOn(agreement(), '2026-12-11', 5);
    expect(r.agreement.status).toBe('broken');
    expect(r.agreement.brokenOn).toBe('2026-12-11');
    expect(types(r.events)).toEqual(['installment_late', 'agreement_broken']);
    expect(r.events[1]).toEqual({
      type: 'agreement_broken',
      data: { agreementId: 'A1', n: 1, dueDate: '2026-12-05', daysLate: 6, graceDays: 5, brokenOn: '2026-12-11', remainingCents: 30_001 },
    });
  });

  it('graceDays 0 breaks it the day after the due date', () => {
    expect(statusOn(agreement(), '2026-12-05', 0).agreement.status).toBe('active');
    expect(statusOn(agreement(), '2026-12-06', 0).agreement.status).toBe('broken');
  });

  it('records the day it really broke when the pass runs late', () => {
    const r = statusOn(agreement(), '2027-01-20', 5);
    expect(r.agreement.brokenOn).toBe('2026-12-11');
    expect(statuses(r.agreement)).toEqual(['late', 'late', 'open']);
  });

  it('is idempotent: the same day again says nothing', () => {
    const once = statusOn(agreement(), '2026-12-11', 5);
    const twice = statusOn(once.agreement, '2026-12-11', 5);
    expect(twice.events).toEqual([]);
    expect(twice.agreement).toBe(once.agreement);
  });

  it('a broken agreement stays broken, even when the debtor catches up', () => {
    const broken = statusOn(agreement(), '2026-12-11', 5).agreement;
    const caughtUp = pay(broken, 'A1P1', 10_000, 'E1');
    const later = statusOn(caughtUp, '2026-12-20', 5);
    expect(later.agreement.status).toBe('broken');
    expect(later.events).toEqual([]);
    // Still marks later instalments late, without breaking it again.
    const much = statusOn(caughtUp, '2027-01-30', 5);
    expect(types(much.events)).toEqual(['installment_late']);
  });

  it('leaves settled, renegotiated and cancelled agreements alone', () => {
    const settled = pay(agreement(), 'A1P1', 30_001, 'E1');
    expect(statusOn(settled, '2030-01-01', 5).agreement).toBe(settled);
    const renegotiated = renegotiate(agreement(), 'A2').agreement;
    expect(statusOn(renegotiated, '2030-01-01', 5)).toEqual({ agreement: renegotiated, events: [] });
    const cancelled = cancelAgreement(agreement(), 'creditor_request').agreement;
    expect(statusOn(cancelled, '2030-01-01', 5).events).toEqual([]);
  });

  it('refuses a bad day or grace period', () => {
    expect(ledgerErrorReason(() => statusOn(agreement(), '2026-12-32', 5))).toBe('invalid_date');
    expect(ledgerErrorReason(() => statusOn(agreement(), '11/12/2026', 5))).toBe('invalid_date');
    expect(ledgerErrorReason(() => statusOn(agreement(), '2026-12-11', -1))).toBe('invalid_grace_days');
    expect(ledgerErrorReason(() => statusOn(agreement(), '2026-12-11', 1.5))).toBe('invalid_grace_days');
    expect(ledgerErrorReason(() => statusOn(agreement(), '2026-12-11', 366))).toBe('invalid_grace_days');
  });
});

describe('renegotiate', () => {
  it('the old agreement becomes renegotiated; the balance credits what was paid', () => {
    let a = pay(agreement(), 'A1P1', 10_000, 'E1');
    a = pay(a, 'A1P2', 2_500, 'E2');
    const broken = statusOn(a, '2027-01-11', 5).agreement;
    expect(broken.status).toBe('broken');
    const r = renegotiate(broken, 'A2');
    expect(r.agreement.status).toBe('renegotiated');
    expect(r.agreement.renegotiatedBy).toBe('A2');
    expect(r.balance).toEqual({ totalCents: 30_001, paidCents: 12_500, remainingCents: 17_501, overpaidCents: 0, heldCents: 0, chargesCents: 0 });
    expect(r.events).toEqual([
      { type: 'agreement_renegotiated', data: { agreementId: 'A1', renegotiatedBy: 'A2', fromStatus: 'broken', totalCents: 30_001, paidCents: 12_500, remainingCents: 17_501 } },
    ]);
    // What was paid stays on the old agreement.
    expect(ledgerTotals(r.agreement).paidCents).toBe(12_500);
  });

  it('an active agreement can be renegotiated (a debtor who is late and asks)', () => {
    expect(renegotiate(agreement(), 'A2').balance.remainingCents).toBe(30_001);
  });

  it('refuses what cannot be renegotiated', () => {
    expect(ledgerErrorReason(() => renegotiate(pay(agreement(), 'A1P1', 30_001, 'E1'), 'A2'))).toBe('not_renegotiable');
    expect(ledgerErrorReason(() => renegotiate(renegotiate(agreement(), 'A2').agreement, 'A3'))).toBe('not_renegotiable');
    expect(ledgerErrorReason(() => renegotiate(cancelAgreement(agreement(), 'error').agreement, 'A3'))).toBe('not_renegotiable');
    expect(ledgerErrorReason(() => renegotiate(agreement(), 'A1'))).toBe('invalid_id');
    expect(ledgerErrorReason(() => renegotiate(agreement(), ''))).toBe('invalid_id');
  });
});

describe('cancelAgreement', () => {
  it('cancels an active or broken agreement, keeping what was paid', () => {
    const r = cancelAgreement(pay(agreement(), 'A1P1', 10_000, 'E1'), 'debt_disputed');
    expect(r.agreement.status).toBe('cancelled');
    expect(r.events).toEqual([
      { type: 'agreement_cancelled', data: { agreementId: 'A1', fromStatus: 'active', reason: 'debt_disputed', totalCents: 30_001, paidCents: 10_000, remainingCents: 20_001 } },
    ]);
    expect(cancelAgreement(statusOn(agreement(), '2026-12-11', 5).agreement, 'error').agreement.status).toBe('cancelled');
  });

  it('takes a reason code, not free text (the audit trail holds no personal data)', () => {
    expect(ledgerErrorReason(() => cancelAgreement(agreement(), 'João pediu'))).toBe('invalid_reason');
    expect(ledgerErrorReason(() => cancelAgreement(agreement(), ''))).toBe('invalid_reason');
  });

  it('refuses a settled or already closed agreement', () => {
    expect(ledgerErrorReason(() => cancelAgreement(pay(agreement(), 'A1P1', 30_001, 'E1'), 'error'))).toBe('not_cancellable');
    expect(ledgerErrorReason(() => cancelAgreement(cancelAgreement(agreement(), 'error').agreement, 'error'))).toBe('not_cancellable');
  });
});

describe('reinstate', () => {
  it('a person puts a broken agreement that caught up back in force', () => {
    const broken = statusOn(agreement(), '2026-12-11', 5).agreement;
    const caughtUp = pay(broken, 'A1P1', 10_000, 'E1');
    const r = reinstate(caughtUp, '2026-12-12', 5, 'caught_up');
    expect(r.agreement.status).toBe('active');
    expect(r.events).toEqual([{ type: 'agreement_reinstated', data: { agreementId: 'A1', brokenOn: '2026-12-11', reason: 'caught_up', remainingCents: 20_001 } }]);
    // In force again: it can break again later, on its own terms.
    expect(statusOn(r.agreement, '2027-01-11', 5).agreement.status).toBe('broken');
  });

  it('refuses while an instalment is still beyond grace, or when not broken', () => {
    const broken = statusOn(agreement(), '2026-12-11', 5).agreement;
    expect(ledgerErrorReason(() => reinstate(broken, '2026-12-12', 5, 'caught_up'))).toBe('not_reinstatable');
    expect(ledgerErrorReason(() => reinstate(agreement(), '2026-12-12', 5, 'caught_up'))).toBe('not_reinstatable');
  });
});
