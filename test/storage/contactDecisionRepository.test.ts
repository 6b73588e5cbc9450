import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import { listDecisions, recordDecision, type ContactDecisionInput } from '../../src/storage/contactDecisionRepository.js';
import { type Database } from '../../src/storage/database.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/contactDecisionRepository');

const at = (iso: string) => new Date(iso);
const decision = (over: Partial<ContactDecisionInput>): ContactDecisionInput => ({
  at: at('2026-11-23T13:00:00Z'),
  messageId: 'm-1',
  conversationId: 'c-1',
  debtorId: null,
  channel: 'whatsapp',
  status: 'sent',
  reason: 'allowed',
  until: null,
  ...over,
});

describe.each(DATABASES)('contact decisions ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let debtorId = '';
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  beforeAll(async () => {
    if (!enabled) return;
    opened = await openTestDatabase(kind);
    database = opened.database;
    const db = database.prisma;
    await db.creditor.create({ data: { id: 'cred', name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181', pixKey: 'k', pixMerchantName: 'X', pixCity: 'SP' } });
    debtorId = (await db.debtor.create({ data: { creditorId: 'cred', cnpj: '11444777000161', companyName: 'Padaria Pão Quente Ltda' } })).id;
  }, 120_000);
  afterAll(async () => opened?.close());

  it.skipIf(!enabled)('writes the decision and its audit event together', async () => {
    const db = database.prisma;
    await db.$transaction((tx) =>
      recordDecision(tx, decision({ messageId: 'm-1', debtorId, status: 'deferred', reason: 'holiday', until: at('2026-11-03T11:00:00Z'), at: at('2026-11-02T13:00:00Z') })),
    );
    expect(await db.contactDecision.findMany({ where: { messageId: 'm-1' } })).toMatchObject([
      { status: 'deferred', reason: 'holiday', debtorId, channel: 'whatsapp', at: at('2026-11-02T13:00:00Z'), until: at('2026-11-03T11:00:00Z') },
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: 'proactive.decision' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ actor: 'system', conversationId: 'c-1', debtorId });
    expect(event.data).toEqual({ messageId: 'm-1', channel: 'whatsapp', status: 'deferred', reason: 'holiday', until: '2026-11-03T11:00:00.000Z', decidedAt: '2026-11-02T13:00:00.000Z' });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it.skipIf(!enabled)('leaves neither behind when the transaction fails', async () => {
    const db = database.prisma;
    const events = await db.auditEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await recordDecision(tx, decision({ messageId: 'm-rolled-back' }));
        throw new Error('the hold failed');
      }),
    ).rejects.toThrow('the hold failed');
    expect(await db.contactDecision.count({ where: { messageId: 'm-rolled-back' } })).toBe(0);
    expect(await db.auditEvent.count()).toBe(events);
  });

  it.skipIf(!enabled)('lists the latest first with the debtor’s name, filtered and paged', async () => {
    const db = database.prisma;
    await db.$transaction(async (tx) => {
      await recordDecision(tx, decision({ messageId: 'm-2', debtorId, status: 'sent', at: at('2026-11-03T11:00:00Z') }));
      await recordDecision(tx, decision({ messageId: 'm-3', debtorId, channel: 'telegram', status: 'deferred', reason: 'daily_cap', until: at('2026-11-04T11:00:00Z'), at: at('2026-11-03T11:00:01Z') }));
      await recordDecision(tx, decision({ messageId: 'm-4', conversationId: 'c-9', status: 'blocked', reason: 'opted_out', at: at('2026-11-05T12:00:00Z') }));
    });
    const all = await listDecisions(db);
    expect(all.map((d) => d.messageId)).toEqual(['m-4', 'm-3', 'm-2', 'm-1']);
    expect(all[1]).toEqual({
      at: at('2026-11-03T11:00:01Z'),
      messageId: 'm-3',
      conversationId: 'c-1',
      debtor: { id: debtorId, name: 'Padaria Pão Quente Ltda' },
      channel: 'telegram',
      status: 'deferred',
      reason: 'daily_cap',
      until: at('2026-11-04T11:00:00Z'),
    });
    expect(all[0]!.debtor).toBeNull();
    expect((await listDecisions(db, { debtorId })).map((d) => d.messageId)).toEqual(['m-3', 'm-2', 'm-1']);
    expect((await listDecisions(db, { status: 'deferred' })).map((d) => d.messageId)).toEqual(['m-3', 'm-1']);
    const page1 = await listDecisions(db, { limit: 2 });
    expect(page1.map((d) => d.messageId)).toEqual(['m-4', 'm-3']);
    expect((await listDecisions(db, { limit: 2, before: page1.at(-1)!.at })).map((d) => d.messageId)).toEqual(['m-2', 'm-1']);
  });
});
