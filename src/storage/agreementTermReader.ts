import type { IsoDate } from '../domain/dates.js';
import type { Locale } from '../language/locale.js';
import type { AgreementTerm } from '../phrasing/agreementTermPdf.js';
import type { Db } from './database.js';

/** The term, and who may read it: the conversation it was made in, its debtor and creditor. */
export interface StoredAgreementTerm {
  term: AgreementTerm;
  conversationId: string;
  debtorId: string;
  creditorId: string;
}

/**
 * The agreement's term as stored: the rows it was made with (never the creditor's settings of
 * today: the rates are the agreement's own), in the language of the conversation it was made in,
 * with the hash its `agreement.created` audit event carries. Null when there is no such agreement.
 */
export async function readAgreementTerm(db: Db, agreementId: string): Promise<StoredAgreementTerm | null> {
  // An id with a NUL is nobody's, and PostgreSQL could not even compare it.
  if (!agreementId || /[\u0000-\u001f]/.test(agreementId) || agreementId.length > 100) return null;
  const a = await db.agreement.findUnique({
    where: { id: agreementId },
    include: { installments: { orderBy: { n: 'asc' } }, debtor: { include: { creditor: true } } },
  });
  if (!a) return null;
  const conv = await db.conversation.findUnique({ where: { id: a.conversationId }, select: { locale: true, timeZone: true } });
  // Narrowed by conversation (indexed), then by type and the agreement's id inside the event.
  const audit = await db.$queryRawUnsafe<{ hash: string }[]>(
    `SELECT hash FROM "AuditEvent" WHERE "conversationId" = $1 AND type = 'agreement.created' AND data->>'agreementId' = $2 ORDER BY id LIMIT 1`,
    a.conversationId,
    a.id,
  );
  const creditor = a.debtor.creditor;
  const term: AgreementTerm = {
    id: a.id,
    locale: (conv?.locale === 'en' ? 'en' : 'pt-BR') as Locale,
    timeZone: conv?.timeZone ?? a.debtor.timeZone,
    creditor: { name: creditor.name, cnpj: creditor.cnpj },
    debtor: { companyName: a.debtor.companyName, cnpj: a.debtor.cnpj },
    kind: a.kind === 'cash' ? 'cash' : 'installments',
    debtCents: Number(a.debtCents),
    totalCents: Number(a.totalCents),
    acceptedAt: a.createdAt.toISOString(),
    lateFeeBasisPoints: a.lateFeeBasisPoints,
    monthlyInterestBasisPoints: a.monthlyInterestBasisPoints,
    acceptedMessageId: a.acceptedMessageId,
    auditHash: audit[0]?.hash ?? null,
    simulated: a.status === 'simulated',
    installments: a.installments.map((i) => ({ n: i.n, dueDate: i.dueDate as IsoDate, amountCents: Number(i.amountCents), pixCode: i.pixCode, txid: i.txid })),
  };
  return { term, conversationId: a.conversationId, debtorId: a.debtorId, creditorId: a.creditorId };
}
