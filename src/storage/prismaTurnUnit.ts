import { normalizeCnpj } from '../domain/cnpj.js';
import { brazilianPhoneVariants, normalizePhone } from '../domain/phone.js';
import { agreementNumber, installmentsWithPix } from './agreementTerms.js';
import { isLocked } from '../domain/identity.js';
import { percentToBasisPoints } from '../domain/money.js';
import type { ConversationRecord, IdentityResult, RenegotiationTerms, TurnUnit } from '../engine/ports.js';
import type { AgreementFacts } from '../engine/flowContext.js';
import { agreementInForce } from './agreementInForce.js';
import { queueTermByEmail } from './termByEmail.js';
import { lockForRenegotiation, renegotiationTerms, replaceAgreement } from './renegotiationRepository.js';
import type { AuditInput } from './auditLog.js';
import type { CreditorRow } from './creditorRepository.js';
import type { Tx } from './database.js';
import { policyForDebt } from './policyRepository.js';
import { todayIn, type IsoDate } from '../domain/dates.js';
import { loadDebtorFacts } from './debtorFacts.js';
import { factorMatcher, firstTryPasses, lockEnd, testFactors, throttleRef, withLinkFactor } from './identityCheck.js';
import { clearThrottle, lockThrottle, peekThrottle, saveThrottle } from './identityThrottleRepository.js';


/** Storage effects of one turn, all inside the turn's transaction; audit events are queued for the commit. */
export class PrismaTurnUnit implements TurnUnit {
  status: ConversationRecord['status'] | undefined;
  /** Other conversations this turn queued messages in (TurnCommit.alsoQueuedIn). */
  readonly alsoQueuedIn: string[] = [];

  constructor(
    private tx: Tx,
    private conv: ConversationRecord,
    private creditor: CreditorRow,
    readonly auditQueue: AuditInput[],
    /** E-mail runs: an agreement made in the web chat, or by a contact who prefers e-mail, gets its term e-mailed. */
    private readonly emailTerms = false,
  ) {}

  async audit(type: string, data: Record<string, unknown>): Promise<void> {
    this.auditQueue.push({ type, actor: 'bot', conversationId: this.conv.id, debtorId: this.conv.debtorId, data });
  }

  /** The address identity attempts are counted against: the web chat's client IP, else the chat itself. */
  private clientAddress(): string {
    return this.conv.clientAddress || `${this.conv.channel}:${this.conv.chatId}`;
  }

  async verifyIdentity(cnpjInput: string, typedFactors: string[], now: Date): Promise<IdentityResult> {
    const cnpj = normalizeCnpj(cnpjInput);
    const creditorId = this.creditor.id;
    // Row locks, CNPJ first then address (one order everywhere): concurrent sessions and processes
    // checking the same CNPJ or from the same address take turns and each sees the other's failures.
    const byCnpj = await lockThrottle(this.tx, creditorId, 'cnpj', cnpj);
    const [debtor] = await this.tx.$queryRawUnsafe<{ id: string; accessCode: string | null; invoiceNumbers: string[] }[]>(
      `SELECT d.id, d."accessCode", ARRAY(SELECT i.number FROM "Invoice" i WHERE i."debtorId" = d.id) AS "invoiceNumbers"
         FROM "Debtor" d WHERE d."creditorId" = $1 AND d.cnpj = $2`,
      creditorId,
      cnpj,
    );
    const typed = factorMatcher(debtor ? { invoiceNumbers: debtor.invoiceNumbers, accessCode: debtor.accessCode } : null);
    const { factors, matches, method } = withLinkFactor(debtor?.id, this.conv.linkedDebtorId, typedFactors, typed);
    // A right first answer changes no counter: the address's is only read (see firstTryPasses).
    if (firstTryPasses(byCnpj, await peekThrottle(this.tx, creditorId, 'address', this.clientAddress()), factors, matches, now)) {
      await clearThrottle(this.tx, byCnpj.id);
      return this.verified(debtor!.id, null, method, now);
    }
    const byAddress = await lockThrottle(this.tx, creditorId, 'address', this.clientAddress());
    const audit = (type: string, data: Record<string, unknown>) => this.auditFor(debtor?.id, type, data);
    if (isLocked(byCnpj, now) || isLocked(byAddress, now)) {
      // Not evaluated at all: a locked CNPJ says nothing, not even whether this answer was right.
      audit('identity.refused_locked', { cnpj: throttleRef(byCnpj), address: throttleRef(byAddress), candidates: typedFactors.length });
      return { ok: false, locked: true, lockedUntil: lockEnd([byCnpj, byAddress], now) };
    }
    if (testFactors(byCnpj, byAddress, factors, matches, now, audit)) {
      // The address keeps the failures this message made before the right number.
      await saveThrottle(this.tx, byAddress);
      await clearThrottle(this.tx, byCnpj.id);
      return this.verified(debtor!.id, null, method, now);
    }
    await saveThrottle(this.tx, byCnpj);
    await saveThrottle(this.tx, byAddress);
    const locked = isLocked(byCnpj, now) || isLocked(byAddress, now);
    return { ok: false, locked, lockedUntil: locked ? lockEnd([byCnpj, byAddress], now) : undefined };
  }

  async identityLock(cnpjInput: string, now: Date): Promise<{ locked: boolean; lockedUntil?: string }> {
    const rows = await this.tx.identityThrottle.findMany({
      where: {
        creditorId: this.creditor.id,
        OR: [
          { kind: 'cnpj', key: normalizeCnpj(cnpjInput) },
          { kind: 'address', key: this.clientAddress() },
        ],
      },
      select: { lockedUntil: true },
    });
    const locked = rows.some((r) => r.lockedUntil && r.lockedUntil > now);
    return locked ? { locked, lockedUntil: lockEnd(rows, now) } : { locked };
  }

  /** An identity event about a CNPJ: on the debtor's record when the CNPJ is one on file. */
  private auditFor(debtorId: string | undefined, type: string, data: Record<string, unknown>): void {
    this.auditQueue.push({ type, actor: 'bot', conversationId: this.conv.id, debtorId: debtorId ?? this.conv.debtorId, data });
  }

  async verifyPhone(phone: string, now: Date): Promise<IdentityResult | { ok: false; unknown: true }> {
    const e164 = normalizePhone(phone);
    const variants = e164 ? brazilianPhoneVariants(e164) : [];
    const contacts = variants.length
      ? await this.tx.contact.findMany({ where: { phone: { in: variants }, debtor: { creditorId: this.creditor.id } }, select: { id: true, debtorId: true } })
      : [];
    // Exactly one company: a number shared by two debtors proves nothing about which one is writing.
    const debtorIds = [...new Set(contacts.map((c) => c.debtorId))];
    if (debtorIds.length !== 1) {
      await this.audit('identity.phone_unknown', { matches: debtorIds.length });
      return { ok: false, unknown: true };
    }
    const contact = contacts.find((c) => c.debtorId === debtorIds[0])!;
    await this.tx.channelIdentity.upsert({
      where: { channel_externalId: { channel: this.conv.channel, externalId: this.conv.chatId } },
      create: { channel: this.conv.channel, externalId: this.conv.chatId, contactId: contact.id },
      update: { contactId: contact.id },
    });
    return this.verified(contact.debtorId, contact.id, 'phone', now);
  }

  /** Links the conversation to the verified debtor and says what it owes: open invoices, or an agreement in force. */
  private async verified(debtorId: string, contactId: string | null, method: string, now: Date): Promise<IdentityResult> {
    // An erased contact (LGPD) is nobody's any more: a new conversation is not linked to it.
    const [linked] = await this.tx.$queryRawUnsafe<{ contactId: string | null }[]>(
      `UPDATE "Conversation"
          SET "debtorId" = $2, "identityFailures" = 0, "lockedUntil" = NULL, "updatedAt" = $4,
              "contactId" = COALESCE($3, (SELECT c.id FROM "Contact" c WHERE c."debtorId" = $2 AND c."erasedAt" IS NULL ORDER BY c."createdAt" LIMIT 1))
        WHERE id = $1 RETURNING "contactId"`,
      this.conv.id,
      debtorId,
      contactId,
      new Date(),
    );
    const linkedContact = linked?.contactId ?? null;
    this.conv.debtorId = debtorId;
    await this.audit('identity.verified', { debtorId, method });
    const today = todayIn(this.conv.timeZone, now);
    const { debt, agreement } = await loadDebtorFacts(this.tx, debtorId, linkedContact, today);
    // Nothing open: an agreement in force is what the debtor owes now (and may need the PIX codes of).
    if (!debt) return { ok: false, noDebt: true, debtorId, agreement };
    return { ok: true, policy: await policyForDebt(this.tx, this.creditor.id, debt.invoices.map((i) => i.dueDate), today), debt };
  }

  async recordOffer(debtorId: string, offer: import('../domain/offer.js').Offer, round: number): Promise<void> {
    await this.tx.offer.updateMany({ where: { conversationId: this.conv.id, status: 'proposed' }, data: { status: 'superseded' } });
    const row = await this.tx.offer.create({
      data: {
        conversationId: this.conv.id,
        debtorId,
        kind: offer.kind,
        totalCents: BigInt(offer.totalCents),
        discountBasisPoints: percentToBasisPoints(offer.discountPercent),
        installments: offer.installments,
        installmentCents: BigInt(offer.installmentCents),
        firstDueDate: offer.firstDueDate,
        schedule: offer.schedule as object,
        round,
        source: 'bot',
      },
    });
    await this.audit('offer.made', { offerId: row.id, round, offer });
  }

  async createAgreement(args: Parameters<TurnUnit['createAgreement']>[0]) {
    const { offer } = args;
    const proposed = await this.tx.offer.findFirst({ where: { conversationId: this.conv.id, status: 'proposed' }, orderBy: { createdAt: 'desc' } });
    if (!proposed || Number(proposed.totalCents) !== offer.totalCents || proposed.installments !== offer.installments) {
      throw new Error('the accepted offer is not the one on record');
    }
    const id = agreementNumber();
    const installments = installmentsWithPix(id, offer, this.creditor);
    // A simulator run shows the whole term but commits the creditor to nothing.
    const simulated = this.conv.simulation;
    // A renegotiation: the old agreement is locked and must still owe exactly what was negotiated.
    const old = args.renegotiates && !simulated ? await lockForRenegotiation(this.tx, this.creditor.id, args.debtorId, args.renegotiates, args.debtCents) : null;
    await this.tx.offer.update({ where: { id: proposed.id }, data: { status: 'accepted' } });
    await this.tx.agreement.create({
      data: {
        id,
        creditorId: this.creditor.id,
        debtorId: args.debtorId,
        conversationId: this.conv.id,
        offerId: proposed.id,
        kind: offer.kind,
        totalCents: BigInt(offer.totalCents),
        debtCents: BigInt(args.debtCents),
        acceptedMessageId: args.acceptedMessageId ?? '',
        status: simulated ? 'simulated' : 'active',
        // The term states these rates; later changes to the creditor's settings do not touch it.
        lateFeeBasisPoints: this.creditor.lateFeeBasisPoints,
        monthlyInterestBasisPoints: this.creditor.monthlyInterestBasisPoints,
        agreedOn: args.today,
        renegotiatesId: old ? old.ledger.id : null,
        installments: {
          create: installments.map((i) => ({ creditorId: this.creditor.id, n: i.n, dueDate: i.dueDate, amountCents: BigInt(i.amountCents), txid: i.txid, pixCode: i.pix })),
        },
      },
    });
    if (old) await replaceAgreement(this.tx, old, id, args.now ?? new Date());
    else if (!simulated) await this.tx.invoice.updateMany({ where: { debtorId: args.debtorId, status: 'open' }, data: { status: 'in_agreement', agreementId: id } });
    await this.audit('agreement.created', { agreementId: id, offerId: proposed.id, acceptedMessageId: args.acceptedMessageId, offer, installments, ...(old ? { renegotiates: old.ledger.id } : {}) });
    const facts = { id, totalCents: offer.totalCents, installments: installments.map(({ n, dueDate, amountCents, pix }) => ({ n, dueDate, amountCents, pix })) };
    if (this.emailTerms && !simulated && this.conv.channel !== 'email') {
      const emailed = await queueTermByEmail(this.tx, this.creditor, this.conv, args.debtorId, facts);
      if (emailed) this.alsoQueuedIn.push(emailed);
    }
    return facts;
  }

  async agreementInForce(today: IsoDate): Promise<AgreementFacts | undefined> {
    return this.conv.debtorId ? agreementInForce(this.tx, this.conv.debtorId, today) : undefined;
  }

  async renegotiationTerms(agreementId: string, today: IsoDate): Promise<RenegotiationTerms> {
    if (!this.conv.debtorId) return { ok: false, reason: 'not_in_force' };
    return renegotiationTerms(this.tx, this.creditor.id, this.conv.debtorId, agreementId, today, (type, data) => this.audit(type, data));
  }

  async escalate(reason: string, detail: Record<string, unknown>, now: Date): Promise<void> {
    const open = await this.tx.handoff.findFirst({ where: { conversationId: this.conv.id, status: { in: ['pending', 'open'] } } });
    // createdAt from the app's clock: the waiting message counts from it.
    // A simulator run never reaches the agents' queue.
    if (!open && !this.conv.simulation) await this.tx.handoff.create({ data: { conversationId: this.conv.id, reason, detail: JSON.stringify(detail), createdAt: now } });
    this.status = 'human';
    await this.audit('handoff.created', { reason, ...detail });
  }

  async savePreferredChannel(channel: 'email' | 'whatsapp' | 'telegram'): Promise<void> {
    const row = await this.tx.conversation.findUniqueOrThrow({ where: { id: this.conv.id }, select: { contactId: true } });
    if (row.contactId) await this.tx.contact.update({ where: { id: row.contactId }, data: { preferredChannel: channel } });
    await this.audit('contact.preferred_channel', { contactId: row.contactId, channel, by: 'debtor', from: this.conv.channel });
  }

  async optOut(): Promise<void> {
    const row = await this.tx.conversation.findUniqueOrThrow({ where: { id: this.conv.id }, select: { contactId: true } });
    if (row.contactId) await this.tx.contact.update({ where: { id: row.contactId }, data: { optedOutAt: new Date() } });
    await this.audit('contact.opted_out', { channel: this.conv.channel });
  }
}
