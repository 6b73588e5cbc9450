import { describe, expect, it } from 'vitest';
import { openLedger, type LedgerAgreement } from '../../src/domain/agreementLedger.js';
import { agreementStanding } from '../../src/domain/agreementStanding.js';
import { renegotiationRefusal } from '../../src/domain/renegotiationRefusal.js';

const ledger = (paid: number[], status: LedgerAgreement['status'] = 'active'): LedgerAgreement => {
  const l = openLedger({
    id: 'AC1',
    installments: [
      { n: 1, dueDate: '2026-11-10', amountCents: 100_000, txid: 'AC1P1' },
      { n: 2, dueDate: '2026-12-10', amountCents: 100_000, txid: 'AC1P2' },
      { n: 3, dueDate: '2027-01-10', amountCents: 100_000, txid: 'AC1P3' },
    ],
  });
  return { ...l, status, installments: l.installments.map((i, k) => ({ ...i, paidCents: paid[k] ?? 0, status: (paid[k] ?? 0) >= i.amountCents ? 'paid' : 'open' })) };
};

describe('agreementStanding', () => {
  it('is on track while nothing unpaid is past due (paying on the due date is on time)', () => {
    const s = agreementStanding(ledger([100_000]), '2026-12-10');
    expect(s.standing).toBe('onTrack');
    expect(s.totals).toMatchObject({ totalCents: 300_000, paidCents: 100_000, remainingCents: 200_000 });
    expect(s.next).toMatchObject({ n: 2, dueCents: 100_000, status: 'open' });
    expect(s.late).toEqual([]);
  });

  it('is late from the day after an unpaid due date, even before the daily pass marks it, and a partial payment does not stop it', () => {
    const s = agreementStanding(ledger([100_000, 30_000]), '2026-12-11');
    expect(s.standing).toBe('late');
    expect(s.late).toEqual([{ n: 2, dueDate: '2026-12-10', amountCents: 100_000, paidCents: 30_000, dueCents: 70_000, status: 'late' }]);
    expect(s.totals.paidCents + s.totals.remainingCents).toBe(s.totals.totalCents);
    expect(s.installments.map((i) => i.status)).toEqual(['paid', 'late', 'open']);
  });

  it('says broken when the ledger does, and has no next instalment when all is paid', () => {
    expect(agreementStanding(ledger([100_000], 'broken'), '2026-12-20').standing).toBe('broken');
    expect(agreementStanding(ledger([100_000, 100_000, 100_000]), '2027-02-01').next).toBeNull();
  });
});

describe('renegotiationRefusal', () => {
  it('sends a second break to a person, and anything past the yearly limit', () => {
    expect(renegotiationRefusal({ status: 'broken', renegotiates: 'AC0' }, 0, 2)).toBe('second_break');
    // Late but not broken, after one renegotiation: the bot may still renegotiate within the limit.
    expect(renegotiationRefusal({ status: 'active', renegotiates: 'AC0' }, 1, 2)).toBeNull();
    expect(renegotiationRefusal({ status: 'broken', renegotiates: null }, 2, 2)).toBe('yearly_limit');
    expect(renegotiationRefusal({ status: 'active', renegotiates: null }, 0, 0)).toBe('yearly_limit');
    expect(renegotiationRefusal({ status: 'broken', renegotiates: null }, 1, 2)).toBeNull();
  });
});
