// Shared fixtures for the agreement-ledger tests (agreementLedger, applyPayment, agreementStatus).
import { expect } from 'vitest';
import { CordialError } from '../../src/domain/errors.js';
import { LedgerError, openLedger, type LedgerAgreement } from '../../src/domain/agreementLedger.js';

/** A1: 3 instalments of 100,00, the last 100,01 (30.001 cents), due on the 5th from 2026-12-05. */
export function threeInstalments(): LedgerAgreement {
  return openLedger({
    id: 'A1',
    installments: [
      { n: 1, dueDate: '2026-12-05', amountCents: 10_000, txid: 'A1P1' },
      { n: 2, dueDate: '2027-01-05', amountCents: 10_000, txid: 'A1P2' },
      { n: 3, dueDate: '2027-02-05', amountCents: 10_001, txid: 'A1P3' },
    ],
  });
}

/** The reason of the LedgerError fn throws (failing the test when it throws anything else, or nothing). */
export function ledgerErrorReason(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LedgerError);
    expect(err).toBeInstanceOf(CordialError);
    return (err as LedgerError).reason;
  }
  throw new Error('expected a LedgerError');
}

export const eventTypes = (events: readonly { type: string }[]): string[] => events.map((e) => e.type);
