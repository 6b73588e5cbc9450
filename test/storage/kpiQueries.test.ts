import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KpiQuerySchema, type KpiQuery } from '../../src/domain/kpis.js';
import type { Prisma } from '../../src/generated/prisma/client.js';
import type { Db } from '../../src/storage/database.js';
import { computeKpis } from '../../src/storage/kpiQueries.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/kpiQueries');

// Rows written straight to the tables, at instants chosen on both sides of the period's edges in
// São Paulo (UTC−3): 2026-11-01T03:00Z is the period's first instant, 2026-12-01T03:00Z the first after it.
const TZ = 'America/Sao_Paulo';
const NOW = new Date('2026-12-10T15:00:00Z'); // today is 2026-12-10 in São Paulo
const at = (s: string) => new Date(s);
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

async function seed(db: Db) {
  for (const id of ['c1', 'c2']) await db.creditor.create({ data: { id, name: id, cnpj: id === 'c1' ? '11222333000181' : '11444777000161', pixKey: 'k@example.com', pixMerchantName: 'N', pixCity: 'SAO PAULO' } });
  const debtor = (id: string, creditorId = 'c1') => db.debtor.create({ data: { id, creditorId, cnpj: `${id.padStart(12, '0')}01`.slice(-14), companyName: id } });
  await debtor('d1');
  await debtor('d2');
  await debtor('d3');
  await debtor('d9', 'c2');
  const invoice = (debtorId: string, number: string, amountCents: number, dueDate: string, status: string) => db.invoice.create({ data: { debtorId, number, amountCents: BigInt(amountCents), dueDate, status } });
  await invoice('d1', 'N1', 100_000, '2026-10-20', 'open'); // 51 days late today: 31-60
  await invoice('d2', 'N2', 50_000, '2026-06-01', 'in_agreement'); // 192 days: 181-360
  await invoice('d2', 'N3', 7_000, '2026-09-01', 'paid');
  await invoice('d3', 'N4', 9_000, '2026-01-01', 'cancelled');
  await invoice('d9', 'N9', 777, '2026-10-01', 'open');

  let seq = 0;
  const conversation = (id: string, o: { channel?: string; debtorId?: string | null; createdAt: string; creditorId?: string; simulation?: boolean; debtorWrote?: string }) =>
    db.conversation
      .create({ data: { id, creditorId: o.creditorId ?? 'c1', channel: o.channel ?? 'webchat', chatId: id, debtorId: o.debtorId ?? null, flowId: 'negotiation', flowVersion: id === 'C' ? 2 : 1, snapshot: {}, simulation: o.simulation ?? false, createdAt: at(o.createdAt) } })
      .then(() => (o.debtorWrote ? message(id, 'in', o.debtorWrote) : undefined));
  const message = (conversationId: string, direction: 'in' | 'out', createdAt: string) =>
    db.message.create({ data: { conversationId, seq: ++seq, direction, author: direction === 'in' ? 'debtor' : 'bot', channel: 'webchat', text: 'x', createdAt: at(createdAt) } });
  await conversation('A', { debtorId: 'd2', createdAt: '2026-11-01T02:30:00Z', debtorWrote: '2026-11-01T02:31:00Z' }); // Oct 31 in São Paulo
  await conversation('B', { debtorId: 'd2', createdAt: '2026-11-01T03:30:00Z', debtorWrote: '2026-11-01T03:31:00Z' });
  await conversation('C', { channel: 'telegram', debtorId: 'd1', createdAt: '2026-11-10T12:00:00Z', debtorWrote: '2026-11-10T12:01:00Z' });
  await conversation('E', { channel: 'telegram', debtorId: 'd1', createdAt: '2026-11-15T12:00:00Z' }); // a notice's conversation
  await message('E', 'out', '2026-11-15T12:00:00Z');
  await message('E', 'in', '2026-11-16T12:00:00Z'); // the debtor answers the notice the next day
  await conversation('F', { debtorId: 'd1', createdAt: '2026-11-05T12:00:00Z', simulation: true, debtorWrote: '2026-11-05T12:01:00Z' });
  await conversation('G', { creditorId: 'c2', debtorId: 'd9', createdAt: '2026-11-05T12:00:00Z', debtorWrote: '2026-11-05T12:01:00Z' });
  await conversation('H', { createdAt: '2026-12-01T02:00:00Z', debtorWrote: '2026-12-01T02:01:00Z' }); // Nov 30, 23:00 in São Paulo
  await conversation('Q', { createdAt: '2026-11-20T12:00:00Z' }); // opened, the debtor never wrote

  let ev = 0;
  const audit = (type: string, conversationId: string, when: string, data: Prisma.InputJsonObject = {}, debtorId: string | null = null) =>
    db.auditEvent.create({ data: { type, actor: 'system', conversationId, debtorId, data, at: at(when), prevHash: 'x', hash: `h${++ev}`, stream: `test:${ev}`, seq: 1 } });
  await audit('identity.verified', 'B', '2026-11-01T03:40:00Z', {}, 'd2');
  await audit('identity.verified', 'C', '2026-11-10T12:10:00Z', {}, 'd1');
  await audit('identity.verified', 'F', '2026-11-05T12:10:00Z', {}, 'd1');
  await audit('contact.opted_out', 'C', '2026-11-11T12:00:00Z');
  await audit('contact.opted_out', 'F', '2026-11-11T12:00:00Z');
  await audit('message.phrased', 'B', '2026-11-01T03:41:00Z', { source: 'llm', reason: null, failures: [] });
  await audit('message.phrased', 'B', '2026-11-01T03:42:00Z', { source: 'template', reason: 'guardrails', failures: [{ check: 'numbers' }, { check: 'links' }] });
  await audit('message.phrased', 'C', '2026-11-10T12:02:00Z', { source: 'template', reason: 'llm_error', failures: [] });
  await audit('message.phrased', 'C', '2026-11-10T12:03:00Z', { source: 'template', reason: 'verbatim', failures: [] });
  await audit('message.phrased', 'H', '2026-12-01T02:02:00Z', { source: 'template', reason: 'guardrails', failures: [{ check: 'numbers' }] });
  await audit('message.phrased', 'F', '2026-11-05T12:02:00Z', { source: 'llm', reason: null, failures: [] });
  await audit('message.phrased', 'A', '2026-11-01T02:32:00Z', { source: 'llm', reason: null, failures: [] });
  await audit('turn.failed', 'H', '2026-11-30T12:00:00Z');

  const decision = (messageId: string, conversationId: string, status: string, when: string, debtorId: string | null, channel = 'telegram') =>
    db.contactDecision.create({ data: { messageId, conversationId, debtorId, channel, status, reason: status === 'sent' ? 'allowed' : 'quiet_hours', at: at(when) } });
  await decision('n1', 'E', 'deferred', '2026-11-14T23:00:00Z', 'd1');
  await decision('n1', 'E', 'deferred', '2026-11-15T01:00:00Z', 'd1'); // deferred twice: one message
  await decision('n1', 'E', 'sent', '2026-11-15T13:00:00Z', 'd1');
  await decision('n2', 'C', 'blocked', '2026-11-20T13:00:00Z', 'd1');
  await decision('n3', 'F', 'sent', '2026-11-20T13:00:00Z', 'd1', 'webchat');
  await decision('n4', 'G', 'sent', '2026-11-20T13:00:00Z', 'd9', 'webchat');

  const offer = (id: string, conversationId: string, debtorId: string, kind: string, n: number, discountBasisPoints: number, createdAt: string) =>
    db.offer.create({ data: { id, conversationId, debtorId, kind, totalCents: 1n, discountBasisPoints, installments: n, installmentCents: 1n, firstDueDate: '2026-11-05', schedule: [], round: 1, source: 'ladder', createdAt: at(createdAt) } });
  await offer('oA', 'A', 'd2', 'cash', 1, 0, '2026-10-30T12:00:00Z');
  await offer('oY', 'A', 'd2', 'cash', 1, 0, '2026-10-30T12:00:00Z');
  await offer('oB', 'B', 'd2', 'cash', 1, 1000, '2026-11-01T04:00:00Z');
  await offer('oC1', 'C', 'd1', 'installments', 3, 0, '2026-11-10T13:30:00Z');
  await offer('oC2', 'C', 'd1', 'installments', 3, 0, '2026-11-10T13:50:00Z');
  await offer('oC3', 'C', 'd1', 'installments', 2, 0, '2026-12-01T03:00:00Z'); // December in São Paulo
  await offer('oC4', 'C', 'd1', 'installments', 2, 0, '2026-11-25T14:50:00Z');
  await offer('oF', 'F', 'd1', 'cash', 1, 0, '2026-11-05T12:20:00Z');

  const agreement = (
    id: string,
    o: { conversationId: string; debtorId: string; offerId: string; kind: string; totalCents: number; status: string; createdAt: string; brokenOn?: string; renegotiatesId?: string; renegotiatedById?: string; agreedOn?: string },
    installments: { dueDate: string; amountCents: number; paidAt?: string }[],
  ) =>
    db.agreement.create({
      data: {
        id,
        creditorId: 'c1',
        conversationId: o.conversationId,
        debtorId: o.debtorId,
        offerId: o.offerId,
        kind: o.kind,
        totalCents: BigInt(o.totalCents),
        debtCents: BigInt(o.totalCents),
        acceptedMessageId: '',
        status: o.status,
        brokenOn: o.brokenOn ?? null,
        agreedOn: o.agreedOn ?? o.createdAt.slice(0, 10),
        renegotiatesId: o.renegotiatesId ?? null,
        renegotiatedById: o.renegotiatedById ?? null,
        createdAt: at(o.createdAt),
        installments: {
          create: installments.map((i, k) => ({ creditorId: 'c1', n: k + 1, dueDate: i.dueDate, amountCents: BigInt(i.amountCents), txid: `${id}t${k + 1}`, pixCode: 'p', status: i.paidAt ? 'paid' : 'open', paidAt: i.paidAt ? at(i.paidAt) : null })),
        },
      },
    });
  await agreement('X', { conversationId: 'A', debtorId: 'd2', offerId: 'oA', kind: 'installments', totalCents: 30_000, status: 'broken', createdAt: '2026-10-31T12:00:00Z', brokenOn: '2026-11-20' }, [
    { dueDate: '2026-11-10', amountCents: 15_000, paidAt: '2026-11-16T12:00:00Z' }, // grace ended Nov 15: paid late
    { dueDate: '2026-11-29', amountCents: 15_000 },
  ]);
  await agreement('Y', { conversationId: 'A', debtorId: 'd2', offerId: 'oY', kind: 'cash', totalCents: 5_000, status: 'cancelled', createdAt: '2026-10-30T12:00:00Z' }, [{ dueDate: '2026-11-12', amountCents: 5_000 }]);
  await agreement('AB', { conversationId: 'B', debtorId: 'd2', offerId: 'oB', kind: 'cash', totalCents: 90_000, status: 'settled', createdAt: '2026-11-01T04:30:00Z' }, [{ dueDate: '2026-11-05', amountCents: 90_000, paidAt: '2026-11-02T15:00:00Z' }]);
  await agreement('AC', { conversationId: 'C', debtorId: 'd1', offerId: 'oC2', kind: 'installments', totalCents: 60_000, status: 'renegotiated', createdAt: '2026-11-10T14:00:00Z', renegotiatedById: 'AC2' }, [
    { dueDate: '2026-11-20', amountCents: 20_000 },
    { dueDate: '2026-12-20', amountCents: 20_000 },
    { dueDate: '2027-01-20', amountCents: 20_000 },
  ]);
  await agreement('AC2', { conversationId: 'C', debtorId: 'd1', offerId: 'oC4', kind: 'installments', totalCents: 60_000, status: 'active', createdAt: '2026-11-25T15:00:00Z', renegotiatesId: 'AC' }, [
    { dueDate: '2026-12-15', amountCents: 30_000 },
    { dueDate: '2027-01-15', amountCents: 30_000 },
  ]);
  await agreement('AF', { conversationId: 'F', debtorId: 'd1', offerId: 'oF', kind: 'cash', totalCents: 1_000, status: 'simulated', createdAt: '2026-11-05T12:30:00Z' }, [{ dueDate: '2026-11-03', amountCents: 1_000, paidAt: '2026-11-03T12:00:00Z' }]);

  const payment = (key: string, o: { agreementId: string | null; amountCents: number; paidAt: string; status: string; chargesCents?: number; overpaidCents?: number }) =>
    db.payment.create({ data: { creditorId: 'c1', key, txid: key, amountCents: BigInt(o.amountCents), paidAt: at(o.paidAt), source: 'pix', status: o.status, agreementId: o.agreementId, chargesCents: BigInt(o.chargesCents ?? 0), overpaidCents: BigInt(o.overpaidCents ?? 0), createdBy: 'pix' } });
  await payment('P1', { agreementId: 'AB', amountCents: 90_000, paidAt: '2026-11-02T15:00:00Z', status: 'applied' });
  await payment('P2', { agreementId: 'X', amountCents: 15_000, chargesCents: 500, paidAt: '2026-11-30T02:59:00Z', status: 'applied' }); // Nov 29, 23:59
  await payment('P3', { agreementId: null, amountCents: 1_234, paidAt: '2026-11-05T12:00:00Z', status: 'unmatched' });
  await payment('P4', { agreementId: 'AB', amountCents: 100, overpaidCents: 100, paidAt: '2026-12-01T03:00:00Z', status: 'applied' }); // Dec 1, 00:00
  await payment('P5', { agreementId: 'AF', amountCents: 1_000, paidAt: '2026-11-03T12:00:00Z', status: 'applied' });

  const handoff = (conversationId: string, reason: string, createdAt: string, claimedAt?: string) =>
    db.handoff.create({ data: { conversationId, reason, createdAt: at(createdAt), claimedAt: claimedAt ? at(claimedAt) : null, status: claimedAt ? 'open' : 'pending' } });
  await handoff('C', 'dispute', '2026-11-10T13:00:00Z', '2026-11-10T13:10:00Z');
  await handoff('H', 'asked_for_person', '2026-12-01T02:30:00Z');
  await handoff('F', 'dispute', '2026-11-05T12:40:00Z', '2026-11-05T12:41:00Z');
  await handoff('A', 'dispute', '2026-10-31T12:00:00Z');
}

const query = (q: Record<string, string>): KpiQuery => KpiQuerySchema.parse(q);

describe.each(DATABASES)('computeKpis ($kind)', ({ kind, enabled }) => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  const kpis = (q: Record<string, string>, now = NOW) => computeKpis(t.database.prisma, { creditorId: 'c1', query: query(q), timeZone: TZ, now });
  beforeAll(async () => {
    if (!enabled) return;
    t = await openTestDatabase(kind);
    await seed(t.database.prisma);
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('counts every figure of a month exactly, by São Paulo days, leaving out simulator runs and the other creditor', async () => {
    const k = await kpis(NOVEMBER);
    expect(k.period).toEqual({ from: '2026-11-01', to: '2026-11-30', timeZone: TZ, days: 30 });
    expect(k.filters).toEqual({ channel: null, flowVersion: null, bucket: null });
    expect(k.portfolio).toEqual({
      asOf: '2026-12-10',
      debtors: 2,
      openCents: 100_000,
      inAgreementCents: 50_000,
      byBucket: [
        { bucket: 'current', debtors: 0, openCents: 0 },
        { bucket: '1-30', debtors: 0, openCents: 0 },
        { bucket: '31-60', debtors: 1, openCents: 100_000 },
        { bucket: '61-90', debtors: 0, openCents: 0 },
        { bucket: '91-180', debtors: 0, openCents: 0 },
        { bucket: '181-360', debtors: 1, openCents: 0 },
        { bucket: '361+', debtors: 0, openCents: 0 },
      ],
    });
    expect(k.conversations).toEqual({ started: 4, verified: 2, offered: 2, agreed: 2, paid: 1, handedOff: 2, optedOut: 1, handoffRate: 0.5, verifiedToAgreementRate: 1 });
    expect(k.funnel).toEqual([
      { step: 'started', count: 4 },
      { step: 'verified', count: 2 },
      { step: 'offered', count: 2 },
      { step: 'agreed', count: 2 },
      { step: 'paid', count: 1 },
    ]);
    expect(k.reach).toEqual({ noticesSent: 1, noticesDeferred: 1, noticesBlocked: 1, debtorsNotified: 1, debtorsAnswered: 1, debtorsVerified: 0, contactRate: 1, rightPartyRate: 0 });
    // Agreements B (3,600 s after opening), C (7,200 s) and its renegotiation (15 days 3 h): the median is C's.
    expect(k.negotiation).toEqual({ offers: 4, medianSecondsToAgreement: 7_200 });
    expect(k.agreements).toEqual({
      count: 3,
      totalCents: 210_000,
      cash: 1,
      installments: 2,
      cashCents: 90_000,
      installmentsCents: 120_000,
      averageDiscountBasisPoints: 1_000,
      averageInstallments: 2.5,
      renegotiations: 1,
      broken: 1,
    });
    expect(k.payments).toEqual({ count: 2, recoveredCents: 105_000, chargesCents: 500, overpaidCents: 0, unmatched: 1, unmatchedCents: 1_234 });
    // Due in November with the 5-day grace over: B's (paid early: kept), C's first (missed, then
    // renegotiated on Nov 25), X's two (one paid the day after its grace, one never). The cancelled
    // and the simulated ones are no promises, nor C's later two (the renegotiation replaced them before they fell due).
    expect(k.promises).toEqual({ due: 4, kept: 1, broken: 3, keptRate: 0.25 });
    expect(k.handoffs).toEqual({ count: 2, byReason: { asked_for_person: 1, dispute: 1 }, claimed: 1, medianSecondsToClaim: 600, optOuts: 1 });
    expect(k.quality).toEqual({ phrased: 5, llm: 1, template: 4, fellBack: 3, fallbackByCheck: { links: 1, numbers: 2 }, turnsFailed: 1 });
    expect(k.series).toHaveLength(30);
    expect(k.series.filter((p) => p.agreements || p.payments)).toEqual([
      { date: '2026-11-01', agreements: 1, agreedCents: 90_000, payments: 0, recoveredCents: 0 },
      { date: '2026-11-02', agreements: 0, agreedCents: 0, payments: 1, recoveredCents: 90_000 },
      { date: '2026-11-10', agreements: 1, agreedCents: 60_000, payments: 0, recoveredCents: 0 },
      { date: '2026-11-25', agreements: 1, agreedCents: 60_000, payments: 0, recoveredCents: 0 },
      { date: '2026-11-29', agreements: 0, agreedCents: 0, payments: 1, recoveredCents: 15_000 },
    ]);
  });

  it.skipIf(!enabled)('a channel filter keeps its conversations and what came of them; payments without an agreement drop out', async () => {
    const k = await kpis({ ...NOVEMBER, channel: 'telegram' });
    expect(k.filters.channel).toBe('telegram');
    expect(k.conversations).toMatchObject({ started: 2, verified: 1, offered: 1, agreed: 1, paid: 0, handedOff: 1, optedOut: 1 });
    expect(k.agreements).toMatchObject({ count: 2, totalCents: 120_000, cash: 0, installments: 2 });
    expect(k.payments).toEqual({ count: 0, recoveredCents: 0, chargesCents: 0, overpaidCents: 0, unmatched: 0, unmatchedCents: 0 });
    expect(k.reach).toMatchObject({ noticesSent: 1, noticesDeferred: 1, noticesBlocked: 1 });
    expect(k.promises).toEqual({ due: 1, kept: 0, broken: 1, keptRate: 0 });
    expect(k.handoffs.byReason).toEqual({ dispute: 1 });
    expect(k.portfolio.debtors).toBe(2); // the portfolio is the creditor's, whatever the channel
  });

  it.skipIf(!enabled)('a flow version filter keeps the conversations pinned to it', async () => {
    const k = await kpis({ ...NOVEMBER, flowVersion: '2' });
    expect(k.conversations).toMatchObject({ started: 1, agreed: 1 });
    expect(k.agreements.count).toBe(2);
  });

  it.skipIf(!enabled)('an ageing bucket is how late the debtor was on the day: conversations, agreements and the portfolio', async () => {
    const early = await kpis({ ...NOVEMBER, bucket: '1-30' });
    expect(early.conversations).toMatchObject({ started: 2, verified: 1 }); // C (21 days) and E (26 days)
    expect(early.agreements).toMatchObject({ count: 1, totalCents: 60_000 }); // C's; its renegotiation was on day 36
    expect(early.portfolio).toMatchObject({ debtors: 0, openCents: 0 });
    const old = await kpis({ ...NOVEMBER, bucket: '91-180' });
    expect(old.conversations).toMatchObject({ started: 1, paid: 1 }); // B: d2 was 153 days late
    expect(old.payments).toMatchObject({ count: 1, recoveredCents: 90_000, unmatched: 0 }); // X's payment came on day 181
    const portfolio = await kpis({ ...NOVEMBER, bucket: '31-60' });
    expect(portfolio.portfolio).toMatchObject({ debtors: 1, openCents: 100_000, inAgreementCents: 0 });
  });

  it.skipIf(!enabled)('a promise is counted once its grace is over, or once it is kept', async () => {
    const december = { from: '2026-12-01', to: '2026-12-31' };
    expect((await kpis(december)).promises).toEqual({ due: 0, kept: 0, broken: 0, keptRate: 0 });
    // On Dec 21 AC2's first (due Dec 15) is past its grace; AC's second (due Dec 20) was replaced by AC2 before it fell due.
    expect((await kpis(december, new Date('2026-12-21T15:00:00Z'))).promises).toEqual({ due: 1, kept: 0, broken: 1, keptRate: 0 });
    // On Dec 27 AC's second (Dec 20) would be past its grace too, but it is no promise: still one.
    expect((await kpis(december, new Date('2026-12-27T15:00:00Z'))).promises).toEqual({ due: 1, kept: 0, broken: 1, keptRate: 0 });
  });

  it.skipIf(!enabled)('an empty period has zeros, no medians and a point for every day', async () => {
    const k = await kpis({ from: '2025-01-01', to: '2025-01-03' });
    expect(k.conversations.started).toBe(0);
    expect(k.negotiation.medianSecondsToAgreement).toBeNull();
    expect(k.agreements.averageDiscountBasisPoints).toBeNull();
    expect(k.handoffs).toEqual({ count: 0, byReason: {}, claimed: 0, medianSecondsToClaim: null, optOuts: 0 });
    expect(k.series.map((p) => p.date)).toEqual(['2025-01-01', '2025-01-02', '2025-01-03']);
  });
});
