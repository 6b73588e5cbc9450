import { hasError, parsePix } from 'pix-utils';
import { expect } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates.js';
import type { OfferPolicy } from '../../src/domain/policy.js';
import { TEST_ADMIN_TOKEN, type TestApp } from './testApp.js';

export type Reply = { seq: number; from: string; text: string; options: { id: string; label: string }[]; key: string | null; facts: Record<string, any> };

/** A debtor on the web chat, using only the public contract. */
export class WebchatDebtor {
  sessionId = '';
  transcript: Reply[] = [];
  constructor(private t: TestApp) {}

  /** A new session; `token` is an e-mail link's (`?t=`), the second identity factor. */
  async open(locale?: 'pt-BR' | 'en', token?: string): Promise<Reply[]> {
    const r = await this.t.api('POST', '/api/webchat/sessions', { ...(locale ? { locale } : {}), ...(token ? { token } : {}) });
    expect(r.status).toBe(201);
    this.sessionId = r.body.sessionId;
    this.transcript.push(...r.body.replies);
    return r.body.replies;
  }

  async say(text: string, clientMessageId?: string): Promise<Reply[]> {
    const r = await this.t.api('POST', `/api/webchat/sessions/${this.sessionId}/messages`, { text, ...(clientMessageId ? { clientMessageId } : {}) });
    if (r.status !== 200) throw new Error(`message "${text}" answered ${r.status}: ${JSON.stringify(r.body)}`);
    this.transcript.push(...r.body.replies);
    return r.body.replies;
  }

  async status(): Promise<{ status: string; state: string }> {
    return (await this.t.api('GET', `/api/webchat/sessions/${this.sessionId}`)).body;
  }

  last(): Reply {
    return this.transcript[this.transcript.length - 1]!;
  }
}

const DEBT_KEYS = ['debt', 'offer', 'agreement', 'counter'];
/** No reply before verification may carry a debt fact, nor an amount in its text. */
export function expectNoDisclosure(replies: Reply[]): void {
  for (const r of replies) {
    for (const k of DEBT_KEYS) expect(r.facts, `reply ${r.key} must not carry ${k}`).not.toHaveProperty(k);
    expect(r.text).not.toMatch(/R\$\s?\d/);
  }
}

/** The offer facts of a reply are inside the policy's limits (src/domain/policy.ts). */
export function expectOfferWithinPolicy(offer: any, debtCents: number, policy: OfferPolicy, timeZone = 'America/Sao_Paulo'): void {
  const today = todayIn(timeZone, new Date());
  expect(Number.isInteger(offer.totalCents)).toBe(true);
  expect(offer.firstDueDate >= today).toBe(true);
  expect(offer.firstDueDate <= addDays(today, policy.firstDueInDays.max)).toBe(true);
  if (offer.kind === 'cash') {
    expect(offer.discountPercent).toBeLessThanOrEqual(policy.cash.maxDiscountPercent);
    expect(offer.totalCents).toBeGreaterThanOrEqual(Math.floor(debtCents * (1 - policy.cash.maxDiscountPercent / 100)));
    expect(offer.totalCents).toBeLessThanOrEqual(debtCents);
  } else {
    expect(offer.installments).toBeLessThanOrEqual(policy.installments.max);
    expect(offer.installmentCents).toBeGreaterThanOrEqual(policy.installments.minAmountCents);
    expect(offer.totalCents).toBeGreaterThanOrEqual(debtCents);
  }
}

/** Every instalment's PIX code parses with an independent library and carries the right amount. */
export function expectValidPix(agreement: any): void {
  let sum = 0;
  for (const i of agreement.installments) {
    const p = parsePix(i.pix) as any;
    expect(hasError(p), `PIX code of instalment ${i.n} must parse: ${JSON.stringify(p)}`).toBe(false);
    expect(Math.round(p.transactionAmount * 100)).toBe(i.amountCents);
    sum += i.amountCents;
  }
  expect(sum).toBe(agreement.totalCents);
}

let debtorCounter = 0;
/** Imports a fresh debtor through the admin API; returns its CNPJ and invoice number. */
export async function seedDebtor(t: TestApp, amount = '15980.50'): Promise<{ cnpj: string; invoice: string; debtCents: number }> {
  const { cnpjCheckDigits } = await import('../../src/domain/cnpj.js');
  const base = `${String(20_000_000 + process.pid * 100 + ++debtorCounter).slice(-8)}0001`;
  const cnpj = base + cnpjCheckDigits(base);
  const invoice = `T${debtorCounter}${process.pid}`;
  const csv = `cnpj,company_name,invoice,amount,due_date\n${cnpj},Empresa Teste ${debtorCounter} Ltda,${invoice},${amount},2026-08-01\n`;
  const r = await t.api('POST', '/api/admin/portfolio/import', csv, { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' });
  expect(r.status).toBe(200);
  const [reais, cents = '00'] = amount.split('.');
  return { cnpj, invoice, debtCents: Number(reais) * 100 + Number(cents.padEnd(2, '0')) };
}
