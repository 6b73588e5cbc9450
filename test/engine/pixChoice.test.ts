import { describe, expect, it } from 'vitest';
import type { AgreementFacts } from '../../src/engine/flowContext.js';
import { pixChoice } from '../../src/engine/pixChoice.js';
import { findInstallmentNumber } from '../../src/engine/understanding/installmentNumber.js';
import { understand } from '../../src/engine/understanding/understand.js';

const agreement: AgreementFacts = {
  id: 'AC1',
  totalCents: 300_000,
  installments: [
    { n: 1, dueDate: '2026-11-10', amountCents: 100_000, pix: 'PIX1', status: 'paid', paidCents: 100_000 },
    { n: 2, dueDate: '2026-12-10', amountCents: 100_000, pix: 'PIX2', status: 'late', paidCents: 30_000 },
    { n: 3, dueDate: '2027-01-10', amountCents: 100_000, pix: 'PIX3', status: 'open', paidCents: 0 },
  ],
};

describe('pixChoice (segunda via)', () => {
  it('sends the next unpaid instalment unless the debtor names one', () => {
    expect(pixChoice(agreement)).toEqual({ pixFor: [{ n: 2, dueDate: '2026-12-10', amountCents: 100_000, dueCents: 70_000, pix: 'PIX2' }], askedPaid: [] });
    expect(pixChoice(agreement, 3).pixFor.map((p) => p.pix)).toEqual(['PIX3']);
  });

  it('says a named instalment is already paid, and falls back to the next one for a number that does not exist', () => {
    expect(pixChoice(agreement, 1)).toEqual({ pixFor: [], askedPaid: [{ n: 1 }] });
    expect(pixChoice(agreement, 9).pixFor.map((p) => p.n)).toEqual([2]);
  });
});

describe('asking for a copy of a PIX code, and for renegotiation', () => {
  const u = (text: string, locale: 'pt-BR' | 'en' = 'pt-BR') => understand(text, { locale, today: '2026-12-20' });

  it.each([
    ['me manda o pix de novo', undefined],
    ['segunda via', undefined],
    ['2ª via do boleto por favor', undefined],
    ['manda o código pix', undefined],
    ['pix da parcela 2', 2],
    ['pode mandar o pix da 3ª parcela?', 3],
    ['segunda via da segunda parcela', 2],
    ['Send me the PIX code again', undefined],
    ['pix code for installment 2', 2],
  ])('"%s" asks for a PIX copy (instalment %s)', (text, n) => {
    const r = u(text);
    expect(r.intents).toContain('pixCopy');
    expect(r.installmentNumber).toBe(n);
  });

  it.each(['quero renegociar', 'preciso renegociar o acordo', 'dá pra fazer um novo acordo?', 'I need to renegotiate', 'can we make a new payment plan'])('"%s" asks to renegotiate', (text) => {
    expect(u(text).intents).toContain('renegotiate');
  });

  it('leaves other messages alone: no intent, no instalment number', () => {
    expect(u('não quero renegociar').intents).not.toContain('renegotiate');
    expect(u('pode ser em 3 parcelas')).not.toHaveProperty('installmentNumber');
    expect(u('aceito').intents).toEqual([]);
    // "3 parcelas" is a count, not the third one.
    expect(findInstallmentNumber('3 parcelas de 500')).toBeUndefined();
    expect(findInstallmentNumber('a parcela 2 de 3')).toBeUndefined();
  });
});
