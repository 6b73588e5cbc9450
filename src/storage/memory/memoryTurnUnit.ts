import { randomUUID } from 'node:crypto';
import { normalizeCnpj } from '../../domain/cnpj.js';
import { isLocked } from '../../domain/identity.js';
import type { Offer } from '../../domain/offer.js';
import { brazilianPhoneVariants, normalizePhone } from '../../domain/phone.js';
import type { ConversationRecord, IdentityResult, RenegotiationTerms, TurnUnit } from '../../engine/ports.js';
import type { AgreementFacts } from '../../engine/flowContext.js';
import { ledgerTotals } from '../../domain/agreementLedger.js';
import { renegotiate } from '../../domain/agreementStatus.js';
import { addDays, todayIn, type IsoDate } from '../../domain/dates.js';
import { renegotiationPolicy } from '../../domain/renegotiationPolicy.js';
import { renegotiationRefusal } from '../../domain/renegotiationRefusal.js';
import { agreementFactsFrom } from '../agreementFactsFrom.js';
import { agreementNumber, installmentsWithPix } from '../agreementTerms.js';
import type { AuditInput } from '../auditLog.js';
import { factorMatcher, lockEnd, testFactors, throttleRef, withLinkFactor, type ThrottleRow } from '../identityCheck.js';
import type { Journal } from './journal.js';
import { memoryLedger, type MemoryAgreement, type MemoryBook } from './memoryBook.js';

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

  async verifyIdentity(cnpjInput: string, typedFactors: string[], now: Date): Promise<IdentityResult> {
    const cnpj = normalizeCnpj(cnpjInput);
    const byCnpj = this.book.throttle('cnpj', cnpj);
    const byAddress = this.book.throttle('address', this.clientAddress());
    const debtor = this.book.debtors.find((d) => d.cnpj === cnpj);
    const audit = (type: string, data: Record<string, unknown>) => this.auditQueue.push({ type, actor: 'bot', conversationId: this.conv.id, debtorId: debtor?.id ?? this.conv.debtorId, data });
    if (isLocked(byCnpj, now) || isLocked(byAddress, now)) {
      audit('identity.refused_locked', { cnpj: throttleRef(byCnpj), address: throttleRef(byAddress), candidates: typedFactors.length });
      return { ok: false, locked: true, lockedUntil: lockEnd([byCnpj, byAddress], now) };
    }
    const typed = factorMatcher(debtor ? { invoiceNumbers: debtor.invoices.map((i) => i.number), accessCode: debtor.accessCode } : null);
    const { factors, matches, method } = withLinkFactor(debtor?.id, this.conv.linkedDebtorId, typedFactors, typed);
    if (testFactors(byCnpj, byAddress, factors, matches, now, audit)) {
      this.save(byAddress);
      this.journal.delete(this.book.throttles, `cnpj:${cnpj}`);
      return this.verified(debtor!.id, null, method, now);
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

  async verifyPhone(phone: string, now: Date): Promise<IdentityResult | { ok: false; unknown: true }> {
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
    return this.verified(contact.debtorId, contact.contactId, 'phone', now);
  }

  private async verified(debtorId: string, contactId: string | null, method: string, now: Date): Promise<IdentityResult> {
    const debtor = this.book.debtors.find((d) => d.id === debtorId)!;
    // An erased contact (LGPD) is nobody's any more: a new conversation is not linked to it.
    const linked = contactId ?? debtor.contacts.find((c) => !c.erasedAt)?.id ?? null;
    this.journal.assign(this.row, { debtorId, contactId: linked });
    this.conv.debtorId = debtorId;
    await this.audit('identity.verified', { debtorId, method });
    const { debt, agreement } = this.book.debtorFacts(debtorId, linked, todayIn(this.conv.timeZone, now));
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
    // A simulator run shows the whole term but commits the creditor to nothing.
    const simulated = this.conv.simulation;
    const old = args.renegotiates && !simulated ? this.lockForRenegotiation(args.debtorId, args.renegotiates, args.debtCents) : null;
    this.journal.assign(proposed, { status: 'accepted' });
    const terms = installments.map(({ n, dueDate, amountCents, pix }) => ({ n, dueDate, amountCents, pix }));
    this.journal.push(this.book.agreements, {
      id,
      totalCents: offer.totalCents,
      installments: installments.map(({ n, dueDate, amountCents, pix, txid }) => ({ n, dueDate, amountCents, pix, txid, paidCents: 0, paidAt: null, status: 'open' as const })),
      debtorId: args.debtorId,
      conversationId: this.conv.id,
      offerId: proposed.id,
      debtCents: args.debtCents,
      status: simulated ? 'simulated' : 'active',
      agreedOn: args.today,
      renegotiates: old ? old.id : null,
      renegotiatedBy: null,
      brokenOn: null,
      createdAt: args.now ?? new Date(),
    });
    const invoices = this.book.debtors.find((d) => d.id === args.debtorId)?.invoices ?? [];
    if (old) {
      const r = renegotiate(memoryLedger(old), id);
      this.journal.assign(old, { status: r.agreement.status, renegotiatedBy: id });
      for (const e of r.events) await this.audit('agreement.renegotiated', e.data as unknown as Record<string, unknown>);
      for (const i of invoices) if (i.agreementId === old.id && i.status === 'in_agreement') this.journal.assign(i, { agreementId: id });
    } else if (!simulated) {
      for (const i of invoices) if (i.status === 'open') this.journal.assign(i, { status: 'in_agreement', agreementId: id });
    }
    await this.audit('agreement.created', { agreementId: id, offerId: proposed.id, acceptedMessageId: args.acceptedMessageId, offer, installments, ...(old ? { renegotiates: old.id } : {}) });
    return { id, totalCents: offer.totalCents, installments: terms };
  }

  private lockForRenegotiation(debtorId: string, agreementId: string, debtCents: number): MemoryAgreement {
    const old = this.book.agreements.find((a) => a.id === agreementId && a.debtorId === debtorId && a.status !== 'simulated');
    if (!old) throw new Error(`agreement ${agreementId} is not this debtor's to renegotiate`);
    const remaining = ledgerTotals(memoryLedger(old)).remainingCents;
    if (remaining !== debtCents) throw new Error(`agreement ${agreementId} now has ${remaining} cents remaining, not the ${debtCents} the offer was made for`);
    return old;
  }

  async agreementInForce(today: IsoDate): Promise<AgreementFacts | undefined> {
    const a = this.conv.debtorId ? this.book.inForce(this.conv.debtorId) : undefined;
    return a ? agreementFactsFrom(memoryLedger(a), new Map(a.installments.map((i) => [i.n, i.pix])), today) : undefined;
  }

  async renegotiationTerms(agreementId: string, today: IsoDate): Promise<RenegotiationTerms> {
    const debtorId = this.conv.debtorId;
    const old = this.book.agreements.find((a) => a.id === agreementId && a.debtorId === debtorId && (a.status === 'active' || a.status === 'broken'));
    if (!old || !debtorId) return { ok: false, reason: 'not_in_force' };
    const ledger = memoryLedger(old);
    const totals = ledgerTotals(ledger);
    if (totals.remainingCents <= 0) return { ok: false, reason: 'not_in_force' };
    const since = addDays(today, -365);
    const count = this.book.agreements.filter((a) => a.debtorId === debtorId && a.renegotiates && a.status !== 'simulated' && a.agreedOn > since).length;
    const max = this.book.reminderSettings.renegotiation.maxPerDebtorPerYear;
    const refusal = renegotiationRefusal(ledger, count, max);
    if (refusal) {
      await this.audit('renegotiation.refused', { agreementId, reason: refusal, renegotiationsInLastYear: count, maxPerDebtorPerYear: max, remainingCents: totals.remainingCents });
      return { ok: false, reason: refusal };
    }
    const debtor = this.book.debtors.find((d) => d.id === debtorId)!;
    const invoices = debtor.invoices
      .filter((i) => i.agreementId === agreementId && i.status === 'in_agreement')
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .map(({ number, amountCents, dueDate }) => ({ number, amountCents, dueDate }));
    await this.audit('renegotiation.started', { agreementId, totalCents: totals.totalCents, paidCents: totals.paidCents, remainingCents: totals.remainingCents });
    // One policy for every debt here (the database's buckets by days overdue are not modelled).
    return { ok: true, debt: { debtorId, companyName: debtor.companyName, totalCents: totals.remainingCents, invoices }, policy: renegotiationPolicy(this.book.policy) };
  }

  async escalate(reason: string, detail: Record<string, unknown>, now: Date): Promise<void> {
    // A simulator run never reaches the agents' queue.
    if (!this.book.openHandoff(this.conv.id) && !this.conv.simulation) {
      this.journal.push(this.book.handoffs, { id: randomUUID(), conversationId: this.conv.id, reason, detail: JSON.stringify(detail), status: 'pending', createdAt: now });
    }
    this.status = 'human';
    await this.audit('handoff.created', { reason, ...detail });
  }

  async savePreferredChannel(channel: 'email' | 'whatsapp' | 'telegram'): Promise<void> {
    const contact = this.row.contactId ? this.book.debtors.flatMap((d) => d.contacts).find((c) => c.id === this.row.contactId) : undefined;
    if (contact) this.journal.assign(contact, { preferredChannel: channel });
    await this.audit('contact.preferred_channel', { contactId: this.row.contactId, channel, by: 'debtor', from: this.conv.channel });
  }

  async optOut(): Promise<void> {
    const contact = this.row.contactId ? this.book.debtors.flatMap((d) => d.contacts).find((c) => c.id === this.row.contactId) : undefined;
    if (contact) this.journal.assign(contact, { optedOutAt: new Date() });
    await this.audit('contact.opted_out', { channel: this.conv.channel });
  }
}
