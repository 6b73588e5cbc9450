import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isFullyPaid, ledgerTotals, openLedger, type LedgerAgreement } from '../../src/domain/agreementLedger.js';
import { applyPayment, type IncomingPayment } from '../../src/domain/applyPayment.js';
import { renegotiate, statusOn } from '../../src/domain/agreementStatus.js';
import { addDays, addMonths } from '../../src/domain/dates.js';
import { arbToday } from './arbitraries.js';

/** 1–6 instalments a month apart, small and large amounts well represented. */
const arbAgreement: fc.Arbitrary<LedgerAgreement> = fc
  .tuple(
    arbToday,
    fc.array(fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1e12 })), { minLength: 1, maxLength: 6 }),
  )
  .map(([first, amounts]) =>
    openLedger({ id: 'A1', installments: amounts.map((amountCents, k) => ({ n: k + 1, dueDate: addMonths(first, k), amountCents, txid: `A1P${k + 1}` })) }),
  );

const BASE_MS = Date.parse('2026-12-01T00:00:00Z');

/**
 * Distinct payments for an agreement: each pays some instalment's txid (or is assigned to one by
 * hand, or pays a late PIX charge issued for it, carrying its fee + interest part), with or
 * without endToEndId; instants from a small range, so ties happen. Amounts are scaled to the
 * instalments, so partial, exact and excess payments all occur, and a late charge is often paid
 * exactly (instalment + charges).
 */
function arbPayments(a: LedgerAgreement): fc.Arbitrary<IncomingPayment[]> {
  const total = ledgerTotals(a).totalCents;
  const one = fc.record({
    n: fc.integer({ min: 1, max: a.installments.length }),
    amountCents: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: Math.max(1, total) }), fc.constantFrom(...a.installments.map((i) => i.amountCents))),
    secondsAfter: fc.integer({ min: 0, max: 20 }),
    withEndToEnd: fc.boolean(),
    byHand: fc.boolean(),
    source: fc.constantFrom('pix' as const, 'manual' as const, 'import' as const),
    lateCharges: fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: Math.max(1, total) })), { nil: undefined }),
    exact: fc.boolean(),
  });
  return fc.array(one, { maxLength: 8 }).map((list) => {
    const seen = new Set<string>();
    const payments: IncomingPayment[] = [];
    list.forEach((p, k) => {
      const late = !p.byHand && p.lateCharges !== undefined;
      const txid = p.byHand ? `BANK${k}` : late ? `LATE${k}` : `A1P${p.n}`;
      const paidAt = new Date(BASE_MS + p.secondsAfter * 1000).toISOString();
      const amountCents = late && p.exact ? a.installments[p.n - 1]!.amountCents + p.lateCharges! : p.amountCents;
      // Distinct: a payment without endToEndId repeating another's facts *is* that payment.
      const facts = `${txid}|${amountCents}|${paidAt}`;
      if (seen.has(facts)) return;
      seen.add(facts);
      payments.push({
        txid,
        amountCents,
        paidAt,
        source: p.source,
        ...(p.withEndToEnd ? { endToEndId: `E${k}` } : {}),
        ...(p.byHand ? { assignTo: p.n } : {}),
        ...(late ? { chargeFor: p.n, lateChargesCents: p.lateCharges } : {}),
      });
    });
    return payments;
  });
}

const scenario = arbAgreement.chain((a) => fc.tuple(fc.constant(a), arbPayments(a)));

/**
 * The scenario with, after each payment, how many days pass before the daily pass runs; a grace
 * period; and maybe the step at which the agreement is renegotiated.
 */
const withDays = (maxGap: number) =>
  scenario.chain(([a, payments]) =>
    fc.tuple(
      fc.constant(a),
      fc.constant(payments),
      fc.array(fc.integer({ min: 0, max: maxGap }), { minLength: payments.length, maxLength: payments.length }),
      fc.integer({ min: 0, max: 10 }),
      fc.option(fc.nat(), { nil: undefined }),
    ),
  );

function applyAll(a: LedgerAgreement, payments: readonly IncomingPayment[]): LedgerAgreement {
  return payments.reduce((acc, p) => applyPayment(acc, p).agreement, a);
}

/** What the ledger concluded, without the arrival-ordered history. */
function outcome(a: LedgerAgreement) {
  return {
    status: a.status,
    installments: a.installments,
    overpaidCents: a.overpaidCents,
    payments: [...a.payments].map((p) => JSON.stringify(p)).sort(),
  };
}

/** The same instant written in São Paulo time, as another PSP (or a bank export) might. */
function inSaoPaulo(iso: string): string {
  const local = new Date(Date.parse(iso) - 3 * 3_600_000).toISOString().slice(0, 23);
  return `${local}-03:00`;
}

const REDELIVERY_KINDS = ['same', 'saoPauloTime', 'bankLine', 'webhookAfterBankLine'] as const;

/**
 * The same payment again: redelivered as is; with its instant in another notation; as a line of a
 * bank export (no endToEndId); or, for a payment first known without one, as the webhook that
 * carries its endToEndId.
 */
function redeliver(p: IncomingPayment, kind: (typeof REDELIVERY_KINDS)[number]): IncomingPayment {
  if (kind === 'saoPauloTime') return { ...p, paidAt: inSaoPaulo(p.paidAt) };
  if (kind === 'bankLine') return { ...p, endToEndId: null, source: 'import' };
  if (kind === 'webhookAfterBankLine' && !p.endToEndId) return { ...p, endToEndId: `LATE${p.txid}${p.amountCents}`, source: 'pix' };
  return { ...p };
}

function checkInvariants(a: LedgerAgreement): void {
  const t = ledgerTotals(a);
  expect(t.paidCents + t.remainingCents).toBe(t.totalCents);
  expect(t.paidCents).toBeLessThanOrEqual(t.totalCents);
  for (const i of a.installments) {
    expect(Number.isSafeInteger(i.paidCents)).toBe(true);
    expect(i.paidCents).toBeGreaterThanOrEqual(0);
    expect(i.paidCents).toBeLessThanOrEqual(i.amountCents);
    expect(i.status === 'paid').toBe(i.paidCents === i.amountCents);
    expect(i.paidAt !== null).toBe(i.paidCents === i.amountCents);
  }
  // Every cent received is accounted for once: on an instalment, as late charges, as overpayment, or held.
  let counted = 0;
  for (const p of a.payments) {
    const spread = p.allocations.reduce((s, x) => s + x.cents, 0) + p.chargesCents + p.overpaidCents;
    expect(spread).toBe(p.held ? 0 : p.amountCents);
    if (!p.held) counted += p.amountCents;
    // Never more than its charge's fee + interest; and only once its own instalment is paid (principal first).
    expect(p.chargesCents).toBeGreaterThanOrEqual(0);
    expect(p.chargesCents).toBeLessThanOrEqual(p.held ? 0 : p.lateChargesCents);
    if (p.chargesCents > 0) expect(a.installments.find((i) => i.n === p.installmentN)?.status).toBe('paid');
  }
  expect(counted).toBe(t.paidCents + t.chargesCents + t.overpaidCents);
  expect(new Set(a.payments.map((p) => p.key)).size).toBe(a.payments.length);
}

describe('agreement ledger (properties)', () => {
  it('a payment is never counted twice: redeliveries, from any source, in any place and time notation, change nothing', () => {
    fc.assert(
      fc.property(
        scenario.chain(([a, payments]) =>
          fc.tuple(
            fc.constant(a),
            fc.constant(payments),
            // Each redelivery: which payment, where it lands (after its first delivery), and how it comes again.
            fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...REDELIVERY_KINDS)), { maxLength: 10 }),
          ),
        ),
        ([a, payments, redeliveries]) => {
          const sequence: IncomingPayment[] = [...payments];
          if (payments.length > 0) {
            for (const [which, where, kind] of redeliveries) {
              const p = payments[which % payments.length]!;
              const first = sequence.indexOf(p);
              const at = first + 1 + (where % (sequence.length - first));
              sequence.splice(at, 0, redeliver(p, kind));
            }
          }
          let acc = a;
          let duplicates = 0;
          for (const p of sequence) {
            const r = applyPayment(acc, p);
            if (r.outcome === 'duplicate') {
              duplicates++;
              expect(r.agreement).toBe(acc);
              expect(r.events).toEqual([]);
            }
            acc = r.agreement;
          }
          expect(duplicates).toBe(sequence.length - payments.length);
          expect(acc).toEqual(applyAll(a, payments));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('paid + remaining = total at every step, every cent is accounted for once, and nothing paid is ever taken back', () => {
    fc.assert(
      fc.property(withDays(120), ([a, payments, days, graceDays, renegotiateAt]) => {
        let acc = a;
        let today = a.installments[0]!.dueDate;
        checkInvariants(acc);
        payments.forEach((p, k) => {
          if (renegotiateAt !== undefined && renegotiateAt % (payments.length + 1) === k && (acc.status === 'active' || acc.status === 'broken')) {
            const r = renegotiate(acc, 'A2');
            expect(r.balance.paidCents + r.balance.remainingCents).toBe(r.balance.totalCents);
            expect(r.balance.paidCents).toBe(ledgerTotals(acc).paidCents);
            acc = r.agreement;
          }
          const before = acc;
          const r = applyPayment(acc, p);
          acc = r.agreement;
          checkInvariants(acc);
          // Per instalment, paid never goes down, even when an earlier payment arrives later.
          acc.installments.forEach((i, n) => expect(i.paidCents).toBeGreaterThanOrEqual(before.installments[n]!.paidCents));
          // The instalments gain what the payment could pay, less what counts as late charges; without
          // late charges in the ledger, exactly what it could pay. Charges already counted stay counted.
          const [t0, t1] = [ledgerTotals(before), ledgerTotals(acc)];
          const gained = t1.paidCents - t0.paidCents;
          expect(t1.chargesCents).toBeGreaterThanOrEqual(t0.chargesCents);
          if (r.outcome === 'applied') {
            expect(gained + (t1.chargesCents - t0.chargesCents) + (t1.overpaidCents - t0.overpaidCents)).toBe(p.amountCents);
            expect(gained).toBeLessThanOrEqual(Math.min(p.amountCents, t0.remainingCents));
            if (acc.payments.every((x) => x.lateChargesCents === 0)) expect(gained).toBe(Math.min(p.amountCents, t0.remainingCents));
          } else expect(gained).toBe(0);
          today = addDays(today, days[k]!);
          acc = statusOn(acc, today, graceDays).agreement;
          checkInvariants(acc);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('late charges are never counted as principal, nor twice: the instalments lose to them at most what they count', () => {
    fc.assert(
      fc.property(scenario, ([a, payments]) => {
        const withCharges = applyAll(a, payments);
        // The same payments as if their codes carried no fee or interest: all principal.
        const without = applyAll(a, payments.map((p) => ({ ...p, lateChargesCents: 0 })));
        const [t, t0] = [ledgerTotals(withCharges), ledgerTotals(without)];
        expect(t0.chargesCents).toBe(0);
        expect(t.chargesCents).toBe(withCharges.payments.reduce((s, p) => s + p.chargesCents, 0));
        // Each payment's charges at most once and at most its code's fee + interest.
        const claimed = payments.reduce((s, p) => s + (p.lateChargesCents ?? 0), 0);
        expect(t.chargesCents).toBeLessThanOrEqual(claimed);
        // Charges take from the instalments no more than they count, and count nothing as paid principal.
        expect(t.paidCents).toBeLessThanOrEqual(t0.paidCents);
        expect(t0.paidCents - t.paidCents).toBeLessThanOrEqual(t.chargesCents);
        expect(t.paidCents + t.chargesCents + t.overpaidCents).toBe(t0.paidCents + t0.overpaidCents);
        expect(t.paidCents + t.remainingCents).toBe(t.totalCents);
        // A late charge paid at least in full (instalment balance + fee + interest) pays its instalment.
        for (const p of withCharges.payments) {
          if (p.lateChargesCents > 0 && p.chargesCents === p.lateChargesCents) expect(withCharges.installments[p.installmentN - 1]!.status).toBe('paid');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the order distinct payments arrive in changes nothing: instalments, paidAt, overpayment, status', () => {
    const shuffled = scenario.chain(([a, payments]) =>
      fc.tuple(fc.constant(a), fc.constant(payments), fc.shuffledSubarray(payments, { minLength: payments.length, maxLength: payments.length })),
    );
    fc.assert(
      fc.property(shuffled, ([a, payments, reordered]) => {
        expect(outcome(applyAll(a, reordered))).toEqual(outcome(applyAll(a, payments)));
      }),
      { numRuns: 300 },
    );
  });

  it('settled iff every instalment is paid, whatever the days and payments in between', () => {
    fc.assert(
      fc.property(withDays(60), ([a, payments, days, graceDays]) => {
        let acc = a;
        let today = addDays(a.installments[0]!.dueDate, -5);
        let wasBroken = false;
        payments.forEach((p, k) => {
          acc = applyPayment(acc, p).agreement;
          expect(acc.status === 'settled').toBe(isFullyPaid(acc));
          today = addDays(today, days[k]!);
          acc = statusOn(acc, today, graceDays).agreement;
          expect(acc.status === 'settled').toBe(isFullyPaid(acc));
          // Broken stays broken until settled (no renegotiation or person in this run).
          if (wasBroken) expect(['broken', 'settled']).toContain(acc.status);
          wasBroken = acc.status === 'broken';
        });
      }),
      { numRuns: 300 },
    );
  });

  it('statusOn: late iff unpaid and past due; broken iff some instalment was unpaid beyond grace on a day the pass ran', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: -10, max: 400 }), fc.integer({ min: 0, max: 30 }), ([a, payments], offset, graceDays) => {
        const paid = applyAll(a, payments);
        if (paid.status === 'settled') return;
        const today = addDays(a.installments[0]!.dueDate, offset);
        const { agreement: after, events } = statusOn(paid, today, graceDays);
        for (const i of after.installments) {
          const pastDue = i.dueDate < today;
          expect(i.status).toBe(i.paidCents === i.amountCents ? 'paid' : pastDue ? 'late' : 'open');
        }
        const beyond = after.installments.some((i) => i.paidCents < i.amountCents && addDays(i.dueDate, graceDays) < today);
        expect(after.status).toBe(beyond ? 'broken' : 'active');
        // Running the pass again the same day changes nothing.
        expect(statusOn(after, today, graceDays)).toEqual({ agreement: after, events: [] });
        // Every event is about this agreement and names no one.
        for (const e of events) expect(e.data.agreementId).toBe('A1');
      }),
      { numRuns: 300 },
    );
  });
});
