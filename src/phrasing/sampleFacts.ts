// Realistic facts of every kind a message can carry, to render an admin's template before it is
// published: a placeholder naming a fact that does not exist fails here, not in front of a debtor.
const INSTALLMENTS = [
  { n: 1, dueDate: '2026-12-15', amountCents: 411_352, pix: '00020101021226830014br.gov.bcb.pix2561exemplo5204000053039865406411352' },
  { n: 2, dueDate: '2027-01-15', amountCents: 411_352, pix: '00020101021226830014br.gov.bcb.pix2561exemplo5204000053039865406411352' },
];

export const SAMPLE_FACTS: Record<string, unknown> = {
  creditor: { name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', lateFeePercent: 2, monthlyInterestPercent: 1 },
  debt: {
    companyName: 'Padaria Pão Quente Ltda',
    totalCents: 1_234_056,
    invoiceCount: 2,
    invoices: [
      { number: '10234', amountCents: 734_056, dueDate: '2026-08-10' },
      { number: '10251', amountCents: 500_000, dueDate: '2026-09-10' },
    ],
  },
  offer: { kind: 'installments', totalCents: 1_234_056, discountPercent: 10, installments: 3, installmentCents: 411_352, firstDueDate: '2026-12-15' },
  counter: { decision: 'counter', why: 'below the minimum' },
  agreement: {
    id: 'ACK7M2P9QX4TZ8W3',
    totalCents: 822_704,
    count: INSTALLMENTS.length,
    installments: INSTALLMENTS,
    // Reminders (src/jobs/reminderPass.ts): one instalment, with the late note's updated amount.
    lateFeePercent: 2,
    monthlyInterestPercent: 1,
    remainingCents: 411_352,
    installment: {
      n: 1,
      dueDate: '2026-12-15',
      amountCents: 411_352,
      balanceCents: 411_352,
      feeCents: 8_227,
      interestCents: 137,
      totalCents: 419_716,
      daysLate: 1,
      forDate: '2026-12-16',
      pix: INSTALLMENTS[0]!.pix,
    },
    // A payment's receipt (src/domain/paymentReceipt.ts).
    receipt: {
      amountCents: 512_340,
      installments: [
        { n: 1, cents: 411_352, paidCents: 411_352, amountCents: 411_352 },
        { n: 2, cents: 88_648, paidCents: 88_648, amountCents: 411_352 },
      ],
      paidCents: 500_000,
      remainingCents: 322_704,
      overpaidCents: 0,
      // Paid with a late PIX charge: its fee + interest part (src/domain/applyPayment.ts).
      chargesCents: 12_340,
      lateCharges: [{ cents: 12_340 }],
      next: { n: 2, dueDate: '2027-01-15', amountCents: 322_704 },
    },
    // Where an agreement in force stands (src/storage/agreementFactsFrom.ts): one paid, one late.
    status: 'active',
    standing: 'late',
    paidCents: 411_352,
    next: [{ ...INSTALLMENTS[1]!, dueCents: 411_352 }],
    late: [{ n: 2, dueDate: '2027-01-15', dueCents: 411_352 }],
    paid: [{ n: 1, amountCents: 411_352, dueDate: '2026-12-15' }],
    pixFor: [{ ...INSTALLMENTS[1]!, dueCents: 411_352 }],
    askedPaid: [{ n: 1 }],
  },
  handoff: { reason: 'asked_for_person', answerBy: '2026-11-23T11:00:00.000Z' },
  lock: { until: '2026-11-23T18:30:00.000Z' },
  notice: { accessCode: 'K7M2P9', linkDays: 7 },
  preference: { channel: 'email', channelName: 'e-mail' },
};
