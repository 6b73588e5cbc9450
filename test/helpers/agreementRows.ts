import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/storage/database.js';
import { agreementNumber, installmentsWithPix } from '../../src/storage/agreementTerms.js';

export interface SeededAgreement {
  id: string;
  debtorId: string;
  conversationId: string;
  installments: { n: number; dueDate: string; amountCents: number; txid: string; pixCode: string }[];
}

/**
 * An agreement as a negotiation leaves it (debtor, conversation, accepted offer, agreement,
 * instalments with real PIX codes, invoices in agreement), written straight to the database for
 * storage and route tests that start after the promise. The creditor row must exist.
 */
export async function seedAgreement(
  db: Db,
  o: { creditorId: string; schedule: { dueDate: string; amountCents: number }[]; agreedOn?: string; status?: string; channel?: string; debtCents?: number },
): Promise<SeededAgreement> {
  const creditor = await db.creditor.findUniqueOrThrow({ where: { id: o.creditorId } });
  const tag = randomBytes(4).toString('hex');
  const cnpj = `${String(parseInt(tag, 16) % 100_000_000).padStart(8, '0')}000100`;
  const debtor = await db.debtor.create({ data: { creditorId: o.creditorId, cnpj, companyName: `Empresa ${tag} Ltda` } });
  const totalCents = o.schedule.reduce((s, i) => s + i.amountCents, 0);
  await db.invoice.create({ data: { debtorId: debtor.id, number: `NF-${tag}`, amountCents: BigInt(o.debtCents ?? totalCents), dueDate: '2026-08-01', status: 'in_agreement' } });
  const conv = await db.conversation.create({ data: { creditorId: o.creditorId, channel: o.channel ?? 'webchat', chatId: `chat-${tag}`, debtorId: debtor.id, flowId: 'negotiation', flowVersion: 1, snapshot: {}, state: 'agreed' } });
  const schedule = o.schedule.map((s, k) => ({ n: k + 1, dueDate: s.dueDate, amountCents: s.amountCents }));
  const offer = await db.offer.create({
    data: {
      conversationId: conv.id,
      debtorId: debtor.id,
      kind: schedule.length > 1 ? 'installments' : 'cash',
      totalCents: BigInt(totalCents),
      discountBasisPoints: 0,
      installments: schedule.length,
      installmentCents: BigInt(schedule[0]!.amountCents),
      firstDueDate: schedule[0]!.dueDate,
      schedule,
      round: 1,
      source: 'ladder',
      status: 'accepted',
    },
  });
  const id = agreementNumber();
  const installments = installmentsWithPix(id, { schedule } as never, creditor);
  await db.agreement.create({
    data: {
      id,
      creditorId: o.creditorId,
      debtorId: debtor.id,
      conversationId: conv.id,
      offerId: offer.id,
      kind: offer.kind,
      totalCents: BigInt(totalCents),
      debtCents: BigInt(o.debtCents ?? totalCents),
      acceptedMessageId: '',
      status: o.status ?? 'active',
      agreedOn: o.agreedOn ?? '2026-11-30',
      lateFeeBasisPoints: creditor.lateFeeBasisPoints,
      monthlyInterestBasisPoints: creditor.monthlyInterestBasisPoints,
      installments: { create: installments.map((i) => ({ creditorId: o.creditorId, n: i.n, dueDate: i.dueDate, amountCents: BigInt(i.amountCents), txid: i.txid, pixCode: i.pix })) },
    },
  });
  await db.invoice.updateMany({ where: { debtorId: debtor.id }, data: { agreementId: id } });
  return { id, debtorId: debtor.id, conversationId: conv.id, installments: installments.map((i) => ({ n: i.n, dueDate: i.dueDate, amountCents: i.amountCents, txid: i.txid, pixCode: i.pix })) };
}
