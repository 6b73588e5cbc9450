import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentOffer } from '../../src/domain/agentOffer.js';
import { addDays } from '../../src/domain/dates.js';
import { checkOffer } from '../../src/domain/offer.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';

const TODAY = '2026-11-23';

describe('agentOffer', () => {
  it('computes a cash offer from the discount the agent chose', () => {
    const r = agentOffer(100_000, { kind: 'cash', discountPercent: 5, firstDueDate: '2026-11-30' }, DEFAULT_POLICY, TODAY);
    expect(r).toMatchObject({ ok: true, offer: { kind: 'cash', totalCents: 95_000, discountPercent: 5, installments: 1, firstDueDate: '2026-11-30' } });
  });

  it('computes Tabela Price instalments in integer cents', () => {
    const r = agentOffer(300_000, { kind: 'installments', installments: 6, firstDueDate: '2026-12-01' }, { ...DEFAULT_POLICY, installments: { ...DEFAULT_POLICY.installments, monthlyInterestPercent: 2 } }, TODAY);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.offer.installmentCents).toBe(53_558);
    expect(r.offer.schedule.reduce((s, e) => s + e.amountCents, 0)).toBe(r.offer.totalCents);
  });

  it('defaults the first due date to a few days ahead', () => {
    const r = agentOffer(100_000, { kind: 'cash' }, DEFAULT_POLICY, TODAY);
    expect(r.ok && r.offer.firstDueDate > TODAY).toBe(true);
  });

  it('says each broken limit to the agent in both languages, with money and dates written out', () => {
    const said = (req: Parameters<typeof agentOffer>[1], debt = 1_000_000) => {
      const r = agentOffer(debt, req, DEFAULT_POLICY, TODAY);
      return r.ok ? [] : r.errors;
    };
    const { max: days } = DEFAULT_POLICY.firstDueInDays;
    const latest = addDays(TODAY, days);
    const [y, m, d] = latest.split('-');
    expect(said({ kind: 'cash', firstDueDate: addDays(latest, 1) })).toEqual([
      {
        field: 'firstDueDate',
        message: `must be on or before ${latest} (the policy allows ${days} days)`,
        messages: { en: `must be on or before ${m}/${d}/${y} (the policy allows ${days} days)`, 'pt-BR': `deve ser até ${d}/${m}/${y} (a política permite ${days} dias)` },
      },
    ]);
    expect(said({ kind: 'cash', firstDueDate: '2026-11-22' })[0]!.messages!['pt-BR']).toBe('deve ser hoje (23/11/2026) ou depois');
    // A debt too small for two instalments of the policy's minimum: the minimum as money, not cents.
    const small = said({ kind: 'installments', installments: 2 }, DEFAULT_POLICY.installments.minAmountCents);
    expect(small[0]!.message).toMatch(/each at least \d+ cents$/);
    expect(small[0]!.messages!['pt-BR']).toMatch(/^não é possível para esta dívida: no máximo \d+ parcelas, cada uma de pelo menos R\$ \d{1,3}(\.\d{3})*,\d{2}$/);
    expect(said({ kind: 'installments', installments: 3, discountPercent: 5 })[0]!.messages!['pt-BR']).toBe('parcelamento não tem desconto');
    expect(said({ kind: 'cash', discountPercent: 1.234 })[0]!.messages!['pt-BR']).toBe('no máximo duas casas decimais');
  });

  it('names the field of every limit it breaks', () => {
    const errs = (req: Parameters<typeof agentOffer>[1]) => {
      const r = agentOffer(1_000_000, req, DEFAULT_POLICY, TODAY);
      return r.ok ? [] : r.errors.map((e) => e.field);
    };
    expect(errs({ kind: 'cash', discountPercent: DEFAULT_POLICY.cash.maxDiscountPercent + 0.01 })).toEqual(['discountPercent']);
    expect(errs({ kind: 'cash', discountPercent: 1.234 })).toEqual(['discountPercent']);
    expect(errs({ kind: 'cash', firstDueDate: '2026-11-22' })).toEqual(['firstDueDate']);
    expect(errs({ kind: 'cash', firstDueDate: addDays(TODAY, DEFAULT_POLICY.firstDueInDays.max + 1) })).toEqual(['firstDueDate']);
    expect(errs({ kind: 'cash', firstDueDate: '2026-02-30' })).toEqual(['firstDueDate']);
    expect(errs({ kind: 'installments' })).toEqual(['installments']);
    expect(errs({ kind: 'installments', installments: DEFAULT_POLICY.installments.max + 1 })).toEqual(['installments']);
    expect(errs({ kind: 'installments', installments: 3, discountPercent: 5 })).toEqual(['discountPercent']);
    // Three instalments of a debt worth two minimum instalments are each below the minimum.
    const tiny = agentOffer(DEFAULT_POLICY.installments.minAmountCents * 2, { kind: 'installments', installments: 3 }, DEFAULT_POLICY, TODAY);
    expect(tiny.ok).toBe(false);
  });

  it('never returns an offer outside the policy, whatever the agent types', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.constantFrom('cash' as const, 'installments' as const),
        fc.option(fc.double({ min: -10, max: 110, noNaN: true }), { nil: undefined }),
        fc.option(fc.integer({ min: -2, max: 200 }), { nil: undefined }),
        fc.option(fc.integer({ min: -5, max: 120 }), { nil: undefined }),
        (debt, kind, discountPercent, installments, days) => {
          const r = agentOffer(debt, { kind, discountPercent, installments, firstDueDate: days === undefined ? undefined : addDays(TODAY, days) }, DEFAULT_POLICY, TODAY);
          if (r.ok) expect(checkOffer(r.offer, debt, DEFAULT_POLICY, TODAY)).toEqual({ ok: true });
          else expect(r.errors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
