import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAgreementTerm } from '../../src/storage/agreementTermReader.js';
import { seedDebtor, WebchatDebtor } from '../helpers/chat.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/agreementTermReader');

describe.each(DATABASES)('readAgreementTerm ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (enabled) t = await startTestApp({ db: kind });
  }, 120_000);
  afterAll(async () => t?.close());

  async function agree(locale: 'pt-BR' | 'en') {
    const seeded = await seedDebtor(t, '3980.50');
    const d = new WebchatDebtor(t);
    await d.open(locale);
    await d.say(seeded.cnpj);
    await d.say(seeded.invoice);
    const done = await d.say(locale === 'en' ? 'accept' : 'aceito');
    const facts = done.find((r) => r.key === 'agreement.term')!.facts;
    return { seeded, agreement: facts.agreement as { id: string; totalCents: number; installments: { n: number; dueDate: string; amountCents: number; pix: string }[] }, sessionId: d.sessionId };
  }

  it.skipIf(!enabled)('reads the term as stored, in the conversation’s language, with the hash of its audit record', async () => {
    const { seeded, agreement, sessionId } = await agree('pt-BR');
    const stored = (await readAgreementTerm(t.app.database.prisma, agreement.id))!;
    const db = t.app.database.prisma;
    const conv = (await t.app.store.find('webchat', sessionId))!;
    const row = await db.agreement.findUniqueOrThrow({ where: { id: agreement.id } });
    const events = await db.auditEvent.findMany({ where: { conversationId: conv.id, type: 'agreement.created' } });
    expect(events).toHaveLength(1);
    expect(stored.conversationId).toBe(conv.id);
    expect(stored.debtorId).toBe(row.debtorId);
    expect(stored.term).toMatchObject({
      id: agreement.id,
      locale: 'pt-BR',
      timeZone: 'America/Sao_Paulo',
      debtor: { cnpj: seeded.cnpj },
      debtCents: seeded.debtCents,
      totalCents: agreement.totalCents,
      lateFeeBasisPoints: row.lateFeeBasisPoints,
      monthlyInterestBasisPoints: row.monthlyInterestBasisPoints,
      acceptedMessageId: row.acceptedMessageId,
      auditHash: events[0]!.hash,
      simulated: false,
    });
    expect(stored.term.acceptedMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(stored.term.installments.map(({ n, dueDate, amountCents, pixCode }) => ({ n, dueDate, amountCents, pix: pixCode }))).toEqual(agreement.installments);
  }, 60_000);

  it.skipIf(!enabled)('speaks English for an English conversation; an unknown or malformed id is nobody’s', async () => {
    const { agreement } = await agree('en');
    expect((await readAgreementTerm(t.app.database.prisma, agreement.id))?.term.locale).toBe('en');
    expect(await readAgreementTerm(t.app.database.prisma, 'ACNOSUCHAGREEMENT')).toBeNull();
    expect(await readAgreementTerm(t.app.database.prisma, 'AC\u0000X')).toBeNull();
    expect(await readAgreementTerm(t.app.database.prisma, '')).toBeNull();
  }, 60_000);
});
