import { randomUUID } from 'node:crypto';
import { normalizeCnpj } from '../../domain/cnpj.js';
import { isLocked } from '../../domain/identity.js';
import type { Offer } from '../../domain/offer.js';
import { brazilianPhoneVariants, normalizePhone } from '../../domain/phone.js';
import type { ConversationRecord, IdentityResult, TurnUnit } from '../../engine/ports.js';
import { agreementNumber, installmentsWithPix } from '../agreementTerms.js';
import type { AuditInput } from '../auditLog.js';
import { factorMatcher, lockEnd, testFactors, throttleRef, type ThrottleRow } from '../identityCheck.js';
import type { Journal } from './journal.js';
import type { MemoryBook } from './memoryBook.js';

/** A conversation as the in-memory store keeps it. */
export interface MemoryConversation extends ConversationRecord {
  state: string;
  lastSeq: number;
  contactId: string | null;
}

/**
 * One turn's effects on the in-memory books, with the rules of PrismaTurnUnit (the identity check
 * is the same code, src/storage/identityCheck.ts). Every change goes through the journal, so a turn
 * that throws is rolled back; audit events wait in `auditQueue` for the commit.
 */
export class MemoryTurnUnit implements TurnUnit {
  status: ConversationRecord['status'] | undefined;

  constructor(
    private book: MemoryBook,
    private row: MemoryConversation,
    private conv: ConversationRecord,
    private journal: Journal,
    readonly auditQueue: AuditInput[],
  ) {}

  async audit(type: string, data: Record<string, unknown>): Promise<void> {
    this.auditQueue.push({ type, actor: 'bot', conversationId: this.conv.id, debtorId: this.conv.debtorId, data });
  }

  private clientAddress(): string {
    return this.conv.clientAddress || `${this.conv.channel}:${this.conv.chatId}`;
  }

  private save(row: ThrottleRow): void {
    this.journal.set(this.book.throttles, `${row.kind}:${row.key}`, { ...row });
  }

  async verifyIdentity(cnpjInput: string, factors: string[], now: Date): Promise<IdentityResult> {
    const cnpj = normalizeCnpj(cnpjInput);
    const byCnpj = this.book.throttle('cnpj', cnpj);
    const byAddress = this.book.throttle('address', this.clientAddress());
    const debtor = this.book.debtors.find((d) => d.cnpj === cnpj);
    const audit = (type: string, data: Record<string, unknown>) => this.auditQueue.push({ type, actor: 'bot', conversationId: this.conv.id, debtorId: debtor?.id ?? this.conv.debtorId, data });
    if (isLocked(byCnpj, now) || isLocked(byAddress, now)) {
      audit('identity.refused_locked', { cnpj: throttleRef(byCnpj), address: throttleRef(byAddress), candidates: factors.length });
      return { ok: false, locked: true, lockedUntil: lockEnd([byCnpj, byAddress], now) };
    }
    const matches = factorMatcher(debtor ? { invoiceNumbers: debtor.invoices.map((i) => i.number), accessCode: debtor.accessCode } : null);
    if (testFactors(byCnpj, byAddress, factors, matches, now, audit)) {
      this.save(byAddress);
      this.journal.delete(this.book.throttles, `cnpj:${cnpj}`);
      return this.verified(debtor!.id, null, 'cnpj_and_invoice');
    }
    this.save(byCnpj);
    this.save(byAddress);
    const locked = isLocked(byCnpj, now) || isLocked(byAddress, now);
    return { ok: false, locked, lockedUntil: locked ? lockEnd([byCnpj, byAddress], now) : undefined };
  }

  async identityLock(cnpjInput: string, now: Date): Promise<{ locked: boolean; lockedUntil?: string }> {
    const rows = [this.book.throttles.get(`cnpj:${normalizeCnpj(cnpjInput)}`), this.book.throttles.get(`address:${this.clientAddress()}`)].filter((r) => !!r);
    const locked = rows.some((r) => isLocked(r, now));
    return locked ? { locked, lockedUntil: lockEnd(rows, now) } : { locked };
  }

  async verifyPhone(phone: string): Promise<IdentityResult | { ok: false; unknown: true }> {
    const e164 = normalizePhone(phone);
    const variants = new Set(e164 ? brazilianPhoneVariants(e164) : []);
    const found = this.book.debtors.flatMap((d) => d.contacts.filter((c) => c.phone && variants.has(c.phone)).map((c) => ({ debtorId: d.id, contactId: c.id })));
    // Exactly one company: a number shared by two debtors proves nothing about which one is writing.
    const debtorIds = [...new Set(found.map((c) => c.debtorId))];
    if (debtorIds.length !== 1) {
      await this.audit('identity.phone_unknown', { matches: debtorIds.length });
      return { ok: false, unknown: true };
    }
    const contact = found[0]!;
    this.journal.set(this.book.channelIdentities, `${this.conv.channel}:${this.conv.chatId}`, contact.contactId);
    return this.verified(contact.debtorId, contact.contactId, 'phone');
  }

  private async verified(debtorId: string, contactId: string | null, method: string): Promise<IdentityResult> {
    const debtor = this.book.debtors.find((d) => d.id === debtorId)!;
    // An erased contact (LGPD) is nobody's any more: a new conversation is not linked to it.
    const linked = contactId ?? debtor.contacts.find((c) => !c.erasedAt)?.id ?? null;
    this.journal.assign(this.row, { debtorId, contactId: linked });
    this.conv.debtorId = debtorId;
    await this.audit('identity.verified', { debtorId, method });
    const { debt, agreement } = this.book.debtorFacts(debtorId, linked);
    if (!debt) return { ok: false, noDebt: true, debtorId, agreement };
    // One policy for every debt here (the database's buckets by days overdue are not modelled).
    return { ok: true, policy: this.book.policy, debt };
  }

  async recordOffer(debtorId: string, offer: Offer, round: number): Promise<void> {
    for (const o of this.book.offers) if (o.conversationId === this.conv.id && o.status === 'proposed') this.journal.assign(o, { status: 'superseded' });
    const id = randomUUID();
    this.journal.push(this.book.offers, { id, conversationId: this.conv.id, debtorId, offer, round, source: 'bot', status: 'proposed', createdAt: new Date() });
    await this.audit('offer.made', { offerId: id, round, offer });
  }

  async createAgreement(args: Parameters<TurnUnit['createAgreement']>[0]) {
    const { offer } = args;
    const proposed = this.book.offers.filter((o) => o.conversationId === this.conv.id && o.status === 'proposed').at(-1);
    if (!proposed || proposed.offer.totalCents !== offer.totalCents || proposed.offer.installments !== offer.installments) {
      throw new Error('the accepted offer is not the one on record');
    }
    const id = agreementNumber();
    const installments = installmentsWithPix(id, offer, this.book.creditor);
    this.journal.assign(proposed, { status: 'accepted' });
    // A simulator run shows the whole term but commits the creditor to nothing.
    const simulated = this.conv.simulation;
    const terms = installments.map(({ n, dueDate, amountCents, pix }) => ({ n, dueDate, amountCents, pix }));
    this.journal.push(this.book.agreements, {
      id,
      totalCents: offer.totalCents,
      installments: terms,
      debtorId: args.debtorId,
      conversationId: this.conv.id,
      offerId: proposed.id,
      debtCents: args.debtCents,
      status: simulated ? 'simulated' : 'active',
      createdAt: new Date(),
    });
    if (!simulated) {
      for (const i of this.book.debtors.find((d) => d.id === args.debtorId)?.invoices ?? []) if (i.status === 'open') this.journal.assign(i, { status: 'in_agreement' });
    }
    await this.audit('agreement.created', { agreementId: id, offerId: proposed.id, acceptedMessageId: args.acceptedMessageId, offer, installments });
    return { id, totalCents: offer.totalCents, installments: terms };
  }

  async escalate(reason: string, detail: Record<string, unknown>, now: Date): Promise<void> {
    // A simulator run never reaches the agents' queue.
    if (!this.book.openHandoff(this.conv.id) && !this.conv.simulation) {
      this.journal.push(this.book.handoffs, { id: randomUUID(), conversationId: this.conv.id, reason, detail: JSON.stringify(detail), status: 'pending', createdAt: now });
    }
    this.status = 'human';
    await this.audit('handoff.created', { reason, ...detail });
  }

  async optOut(): Promise<void> {
    const contact = this.row.contactId ? this.book.debtors.flatMap((d) => d.contacts).find((c) => c.id === this.row.contactId) : undefined;
    if (contact) this.journal.assign(contact, { optedOutAt: new Date() });
    await this.audit('contact.opted_out', { channel: this.conv.channel });
  }
}
