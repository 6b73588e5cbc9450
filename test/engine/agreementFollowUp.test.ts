import { beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { offerLadder } from '../../src/domain/offerLadder.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { DEFAULT_REMINDER_SETTINGS } from '../../src/domain/reminderSettings.js';
import { renegotiationPolicy } from '../../src/domain/renegotiationPolicy.js';
import { agreementNumber, installmentsWithPix } from '../../src/storage/agreementTerms.js';
import type { MemoryAgreement, MemoryInstallment } from '../../src/storage/memory/memoryBook.js';
import { memoryPipeline } from '../helpers/memoryPipeline.js';

// Issue 12, section 4, through the turn pipeline on the in-memory ports: a debtor with an agreement
// in force writes again — its status, a copy of a PIX code, renegotiating what remains, and the
// limits past which a person takes over. The same flow on PGlite and PostgreSQL: test/e2e/renegotiation.test.ts.

// 15:00 UTC = 12:00 in São Paulo on 2026-12-20.
const NOW = new Date('2026-12-20T15:00:00Z');
const TODAY = '2026-12-20';
const SCHEDULE = [
  { dueDate: '2026-11-10', amountCents: 100_000 },
  { dueDate: '2026-12-10', amountCents: 100_000 },
  { dueDate: '2027-01-10', amountCents: 100_000 },
];

let seq = 0;
function cnpj(): string {
  const base = `${String(30_000_000 + ++seq).slice(-8)}0001`;
  return base + cnpjCheckDigits(base);
}

describe('an agreement in force, when the debtor writes again (memory pipeline)', () => {
  let m: Awaited<ReturnType<typeof memoryPipeline>>;
  beforeAll(async () => {
    m = await memoryPipeline({ clock: () => NOW });
  });

  /** A debtor whose invoice is in an agreement on the books; `paid` sets each instalment's paid cents. */
  function debtorWithAgreement(o: { paid: number[]; schedule?: { dueDate: string; amountCents: number }[]; status?: MemoryAgreement['status']; renegotiates?: string | null }) {
    const doc = cnpj();
    const invoice = `NF-${70_000 + seq}`;
    const id = agreementNumber();
    const schedule = (o.schedule ?? SCHEDULE).map((s, k) => ({ n: k + 1, ...s }));
    const debtor = m.book.addDebtor({ cnpj: doc, companyName: `Empresa ${seq} Ltda`, invoices: [{ number: invoice, amountCents: 300_000, dueDate: '2026-08-01', status: 'in_agreement', agreementId: id }] });
    const installments: MemoryInstallment[] = installmentsWithPix(id, { schedule } as never, m.book.creditor).map((i, k) => {
      const paidCents = o.paid[k] ?? 0;
      const status = paidCents >= i.amountCents ? 'paid' : i.dueDate < TODAY ? 'late' : 'open';
      return { n: i.n, dueDate: i.dueDate, amountCents: i.amountCents, pix: i.pix, txid: i.txid, paidCents, paidAt: paidCents >= i.amountCents ? '2026-11-09T12:00:00.000Z' : null, status };
    });
    const agreement: MemoryAgreement = {
      id,
      totalCents: installments.reduce((s, i) => s + i.amountCents, 0),
      installments,
      debtorId: debtor.id,
      conversationId: 'earlier-conversation',
      offerId: `offer-${id}`,
      debtCents: 300_000,
      status: o.status ?? 'active',
      agreedOn: '2026-10-30',
      renegotiates: o.renegotiates ?? null,
      renegotiatedBy: null,
      brokenOn: o.status === 'broken' ? '2026-12-16' : null,
      createdAt: new Date('2026-10-30T12:00:00Z'),
    };
    m.book.agreements.push(agreement);
    return { doc, invoice, agreement, debtor };
  }

  async function identify(chatId: string, doc: string, invoice: string) {
    await m.pipeline.open({ channel: 'webchat', chatId });
    let n = 0;
    // Facts are read field by field below: typed loosely here, as the other engine tests do.
    const say = async (text: string): Promise<{ key: string | null; text: string; facts: any }[]> =>
      (await m.pipeline.handle({ channel: 'webchat', chatId, channelMessageId: `${chatId}-${++n}`, text })).replies;
    await say(doc);
    return { first: await say(invoice), say };
  }

  it('shows where the agreement stands and sends a copy of the next unpaid PIX code ("segunda via")', async () => {
    const { doc, invoice, agreement } = debtorWithAgreement({
      paid: [100_000],
      schedule: [
        { dueDate: '2026-12-10', amountCents: 100_000 },
        { dueDate: '2027-01-10', amountCents: 100_000 },
        { dueDate: '2027-02-10', amountCents: 100_000 },
      ],
    });
    const { first, say } = await identify('copy-chat', doc, invoice);
    expect(first.map((r) => r.key)).toEqual(['agreement.existing', 'agreement.status.onTrack']);
    expect(first[0]!.text).not.toMatch(/em dia/);
    const status = first[1]!;
    expect(status.facts.agreement).toMatchObject({ id: agreement.id, status: 'active', standing: 'onTrack', paidCents: 100_000, remainingCents: 200_000, late: [] });
    expect(status.facts.agreement.next).toEqual([{ n: 2, dueDate: '2027-01-10', amountCents: 100_000, dueCents: 100_000, pix: agreement.installments[1]!.pix }]);
    expect(status.text).toContain('em dia');
    expect(status.text).toContain(agreement.installments[1]!.pix);

    const copy = await say('me manda o pix de novo');
    expect(copy.map((r) => r.key)).toEqual(['agreement.pixCopy']);
    expect(copy[0]!.facts.agreement.pixFor).toEqual([{ n: 2, dueDate: '2027-01-10', amountCents: 100_000, dueCents: 100_000, pix: agreement.installments[1]!.pix }]);
    expect(copy[0]!.text).toContain(agreement.installments[1]!.pix);

    const third = await say('pode mandar o pix da parcela 3?');
    expect(third.map((r) => r.key)).toEqual(['agreement.pixCopy']);
    expect(third[0]!.text).toContain(agreement.installments[2]!.pix);
    expect(third[0]!.text).not.toContain(agreement.installments[1]!.pix);

    const paid = await say('segunda via da parcela 1');
    expect(paid.map((r) => r.key)).toEqual(['agreement.installmentPaid']);
    expect(paid[0]!.text).toContain('já está paga');

    const en = await say('Send me the PIX code again');
    expect(en.map((r) => r.key)).toEqual(['agreement.pixCopy']);

    // Anything else: where it stands again (read fresh, so a payment since then shows).
    agreement.installments[1]!.paidCents = 100_000;
    agreement.installments[1]!.status = 'paid';
    const again = await say('ok, obrigado');
    expect(again.map((r) => r.key)).toEqual(['agreement.status.onTrack']);
    expect(again[0]!.facts.agreement).toMatchObject({ paidCents: 200_000, remainingCents: 100_000 });
    expect(again[0]!.facts.agreement.next[0].n).toBe(3);
  });

  it('renegotiates the remaining balance of a late agreement, paid instalments credited, and the new agreement replaces the old', async () => {
    // Instalment 1 paid, 2 partly paid (R$ 300,00 of R$ 1.000,00) and late, 3 open: R$ 1.700,00 remain.
    const { doc, invoice, agreement, debtor } = debtorWithAgreement({ paid: [100_000, 30_000] });
    const { first, say } = await identify('late-chat', doc, invoice);
    expect(first.map((r) => r.key)).toEqual(['agreement.existing', 'agreement.status.late']);
    expect(first[1]!.facts.agreement).toMatchObject({ standing: 'late', paidCents: 130_000, remainingCents: 170_000, late: [{ n: 2, dueDate: '2026-12-10', dueCents: 70_000 }] });
    expect(first[1]!.text).not.toMatch(/em dia/);

    const reneg = await say('não vou conseguir pagar a parcela');
    expect(reneg.map((r) => r.key)).toEqual(['renegotiation.offer', 'offer.installments']);
    expect(reneg[0]!.facts.agreement).toMatchObject({ id: agreement.id, totalCents: 300_000, paidCents: 130_000, remainingCents: 170_000 });
    // The ladder of any negotiation, on the remaining balance, with the renegotiation limits (no
    // discount without a renegotiation block in the policy); hardship: instalments first.
    const expected = offerLadder(170_000, renegotiationPolicy(DEFAULT_POLICY), TODAY, { hardship: true })[0]!;
    const offer = reneg[1]!.facts.offer;
    expect(offer).toMatchObject({ kind: 'installments', totalCents: expected.totalCents, installments: expected.installments, installmentCents: expected.installmentCents, discountPercent: 0 });
    expect(offer.totalCents).toBeGreaterThanOrEqual(170_000);

    const done = await say('aceito');
    expect(done.map((r) => r.key)).toEqual(['agreement.term']);
    const created = done[0]!.facts.agreement;
    expect(created.totalCents).toBe(expected.totalCents);
    const renewed = m.book.agreements.find((a) => a.id === created.id)!;
    expect(renewed).toMatchObject({ renegotiates: agreement.id, status: 'active', debtCents: 170_000, agreedOn: TODAY });
    expect(agreement).toMatchObject({ status: 'renegotiated', renegotiatedBy: created.id });
    expect(debtor.invoices).toEqual([expect.objectContaining({ status: 'in_agreement', agreementId: created.id })]);
    const events = m.book.audit.filter((e) => e.debtorId === debtor.id).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['renegotiation.started', 'agreement.renegotiated', 'agreement.created']));
    const renegotiated = m.book.audit.find((e) => e.type === 'agreement.renegotiated' && e.data.agreementId === agreement.id)!;
    expect(renegotiated.data).toMatchObject({ renegotiatedBy: created.id, fromStatus: 'active', totalCents: 300_000, paidCents: 130_000, remainingCents: 170_000 });

    // Writing again: the new agreement is the one in force.
    const after = await say('qual o status do acordo?');
    expect(after.map((r) => r.key)).toEqual(['agreement.status.onTrack']);
    expect(after[0]!.facts.agreement).toMatchObject({ id: created.id, paidCents: 0, remainingCents: expected.totalCents });
  });

  it('offers to renegotiate a broken agreement at any answer', async () => {
    const { doc, invoice, agreement } = debtorWithAgreement({ paid: [100_000], status: 'broken' });
    const { first, say } = await identify('broken-chat', doc, invoice);
    expect(first.map((r) => r.key)).toEqual(['agreement.existing', 'agreement.status.broken']);
    const reneg = await say('ok');
    expect(reneg.map((r) => r.key)).toEqual(['renegotiation.offer', 'offer.cash']);
    expect(reneg[0]!.facts.agreement).toMatchObject({ id: agreement.id, paidCents: 100_000, remainingCents: 200_000 });
    // No discount for a renegotiation unless the policy allows one: the cash offer is the balance.
    expect(reneg[1]!.facts.offer).toMatchObject({ kind: 'cash', totalCents: 200_000, discountPercent: 0 });
  });

  it('hands a second break to a person, courteously', async () => {
    const { doc, invoice, agreement } = debtorWithAgreement({ paid: [100_000], status: 'broken', renegotiates: 'ACOLDER00000000001' });
    const { say } = await identify('second-break-chat', doc, invoice);
    const r = await say('quero renegociar');
    expect(r.map((x) => x.key)).toEqual(['renegotiation.limit', 'handoff.notice']);
    const conv = (await m.store.get(m.book.handoffs.at(-1)!.conversationId))!;
    expect(conv.status).toBe('human');
    expect(m.book.handoffs.at(-1)).toMatchObject({ reason: 'renegotiation_limit' });
    expect(m.book.audit.find((e) => e.type === 'renegotiation.refused' && e.data.agreementId === agreement.id)?.data).toMatchObject({ reason: 'second_break' });
    expect(agreement.status).toBe('broken');
  });

  it('hands a renegotiation past the yearly limit to a person', async () => {
    m.book.reminderSettings = { ...DEFAULT_REMINDER_SETTINGS, renegotiation: { maxPerDebtorPerYear: 1 } };
    try {
      // The debtor renegotiated once this year already: the agreement in force came from it.
      const { doc, invoice, agreement, debtor } = debtorWithAgreement({ paid: [100_000] });
      m.book.agreements.push({ ...agreement, id: agreementNumber(), status: 'renegotiated', renegotiates: 'ACOLDER00000000002', agreedOn: '2026-03-01', installments: [] });
      const { say } = await identify('limit-chat', doc, invoice);
      const r = await say('I need to renegotiate');
      expect(r.map((x) => x.key)).toEqual(['renegotiation.limit', 'handoff.notice']);
      expect(m.book.audit.find((e) => e.type === 'renegotiation.refused' && e.data.agreementId === agreement.id)?.data).toMatchObject({ reason: 'yearly_limit', renegotiationsInLastYear: 1, maxPerDebtorPerYear: 1 });
      expect(m.book.agreements.filter((a) => a.debtorId === debtor.id && a.status === 'active')).toHaveLength(1);
    } finally {
      m.book.reminderSettings = DEFAULT_REMINDER_SETTINGS;
    }
  });
});
