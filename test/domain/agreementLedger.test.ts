import { describe, expect, it } from 'vitest';
import {
  ledgerTotals,
  nextDueInstallment,
  normaliseInstant,
  openLedger,
  type NewLedgerAgreement,
} from '../../src/domain/agreementLedger.js';
import { ledgerErrorReason } from './ledgerFixtures.js';

const three: NewLedgerAgreement = {
  id: 'A1',
  installments: [
    { n: 1, dueDate: '2026-12-05', amountCents: 10_000, txid: 'A1P1' },
    { n: 2, dueDate: '2027-01-05', amountCents: 10_000, txid: 'A1P2' },
    { n: 3, dueDate: '2027-02-05', amountCents: 10_001, txid: 'A1P3' },
  ],
};


describe('openLedger', () => {
  it('opens an active agreement with nothing paid', () => {
    const a = openLedger(three);
    expect(a.status).toBe('active');
    expect(a.payments).toEqual([]);
    expect(a.overpaidCents).toBe(0);
    expect(a.renegotiates).toBeNull();
    expect(a.installments.map((i) => [i.n, i.status, i.paidCents, i.paidAt])).toEqual([
      [1, 'open', 0, null],
      [2, 'open', 0, null],
      [3, 'open', 0, null],
    ]);
    expect(ledgerTotals(a)).toEqual({ totalCents: 30_001, paidCents: 0, remainingCents: 30_001, overpaidCents: 0, heldCents: 0, chargesCents: 0 });
    expect(nextDueInstallment(a)?.n).toBe(1);
  });

  it('keeps the agreement it renegotiates', () => {
    expect(openLedger({ ...three, id: 'A2', renegotiates: 'A1' }).renegotiates).toBe('A1');
  });

  it('refuses instalments that are not a clean schedule', () => {
    const with1 = (patch: object) => ({ ...three, installments: [{ ...three.installments[0]!, ...patch }, ...three.installments.slice(1)] });
    expect(ledgerErrorReason(() => openLedger({ ...three, installments: [] }))).toBe('invalid_installments');
    expect(ledgerErrorReason(() => openLedger(with1({ n: 2 })))).toBe('invalid_installments');
    expect(ledgerErrorReason(() => openLedger(with1({ dueDate: '2027-03-01' })))).toBe('invalid_installments');
    expect(ledgerErrorReason(() => openLedger(with1({ dueDate: '2026-02-30' })))).toBe('invalid_date');
    expect(ledgerErrorReason(() => openLedger(with1({ amountCents: 0 })))).toBe('invalid_amount');
    expect(ledgerErrorReason(() => openLedger(with1({ amountCents: -5 })))).toBe('invalid_amount');
    expect(ledgerErrorReason(() => openLedger(with1({ amountCents: 10.5 })))).toBe('invalid_amount');
    expect(ledgerErrorReason(() => openLedger(with1({ amountCents: 2 ** 53 })))).toBe('invalid_amount');
    expect(ledgerErrorReason(() => openLedger(with1({ txid: 'A1P2' })))).toBe('invalid_txid');
    expect(ledgerErrorReason(() => openLedger(with1({ txid: 'has space' })))).toBe('invalid_txid');
    expect(ledgerErrorReason(() => openLedger({ ...three, id: ' ' }))).toBe('invalid_id');
  });

  it('refuses a total that is not a safe integer', () => {
    const big = Number.MAX_SAFE_INTEGER - 1;
    const input = {
      id: 'B',
      installments: [
        { n: 1, dueDate: '2026-12-05', amountCents: big, txid: 'BP1' },
        { n: 2, dueDate: '2026-12-05', amountCents: big, txid: 'BP2' },
      ],
    };
    expect(ledgerErrorReason(() => openLedger(input))).toBe('invalid_amount');
  });
});

describe('normaliseInstant', () => {
  it('keeps one form for one instant', () => {
    expect(normaliseInstant('2026-12-05T13:00:00Z')).toBe('2026-12-05T13:00:00.000Z');
    expect(normaliseInstant('2026-12-05T10:00:00-03:00')).toBe('2026-12-05T13:00:00.000Z');
    expect(normaliseInstant('2026-12-05T13:00:00.123456Z')).toBe('2026-12-05T13:00:00.123Z');
  });

  it('refuses what does not say when', () => {
    for (const bad of ['2026-12-05', '2026-12-05T13:00:00', 'yesterday', '', '2026-13-05T13:00:00Z']) {
      expect(ledgerErrorReason(() => normaliseInstant(bad))).toBe('invalid_instant');
    }
  });
});
