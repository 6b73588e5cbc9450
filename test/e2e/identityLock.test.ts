import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cnpjCheckDigits, formatCnpj } from '../../src/domain/cnpj.js';
import { WebchatDebtor, expectNoDisclosure } from '../helpers/chat.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('e2e/identityLock');
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const HOUR = 3_600_000;

let serial = 0;
function newCnpj(): string {
  const base = `${String(31_000_000 + (process.pid % 1000) * 1000 + ++serial).slice(-8)}0001`;
  return base + cnpjCheckDigits(base);
}

/** Imports one debtor with the given invoice numbers through the admin API. */
async function importDebtor(t: TestApp, invoices: string[], name = `Empresa ${serial} Ltda`): Promise<{ cnpj: string; name: string }> {
  const cnpj = newCnpj();
  const rows = invoices.map((n, i) => `${cnpj},${name},"${n}",${1000 + i}.50,2026-08-01`).join('\n');
  const r = await t.api('POST', '/api/admin/portfolio/import', `cnpj,company_name,invoice,amount,due_date\n${rows}\n`, { ...auth, 'content-type': 'text/csv' });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { cnpj, name };
}

describe.each(DATABASES)('identity check across sessions ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  let now = new Date('2026-12-02T12:00:00.000Z');
  const db = () => t.app.database.prisma;
  const identityEvents = async (conversationIds: string[]) =>
    db().auditEvent.findMany({ where: { type: { startsWith: 'identity.' }, conversationId: { in: conversationIds } }, orderBy: { id: 'asc' } });
  const conversationId = async (d: WebchatDebtor) => (await db().conversation.findFirstOrThrow({ where: { channel: 'webchat', chatId: d.sessionId } })).id;

  /** A new web chat session: CNPJ, then one message with the second factor. */
  async function attempt(cnpj: string, factor: string): Promise<{ d: WebchatDebtor; replies: Awaited<ReturnType<WebchatDebtor['say']>> }> {
    const d = new WebchatDebtor(t);
    await d.open();
    expect((await d.say(cnpj))[0]!.key).toBe('identify.askSecondFactor');
    return { d, replies: await d.say(factor) };
  }

  /** Three wrong invoices in one session: the CNPJ locks. */
  async function lockOut(cnpj: string): Promise<WebchatDebtor> {
    const d = new WebchatDebtor(t);
    await d.open();
    for (let i = 0; i < 3; i++) {
      await d.say(cnpj);
      await d.say(`NF ${990_000 + i}`);
    }
    expect(d.last().key).toBe('identify.locked');
    return d;
  }

  beforeAll(async () => {
    // This clock runs days ahead of the database's own: unverified sessions must not expire under it.
    if (enabled) t = await startTestApp({ db: kind, clock: () => now, env: { WEBCHAT_SESSIONS_PER_MINUTE: '1000', WEBCHAT_MESSAGES_PER_MINUTE: '1000', WEBCHAT_UNVERIFIED_RETENTION_HOURS: '100000' } });
  }, 120_000);
  afterAll(async () => t?.close());
  // Every test starts after a quiet week: the counters of the client address (all tests write
  // from 127.0.0.1) and of earlier CNPJs are forgotten.
  beforeEach(() => {
    now = new Date(now.getTime() + 7 * 24 * HOUR);
  });

  it.skipIf(!enabled)('keeps a CNPJ locked for a second session after three failures in the first, and still lets the debtor ask for a person', async () => {
    const debtor = await importDebtor(t, ['77001']);
    const first = await lockOut(debtor.cnpj);
    expectNoDisclosure(first.transcript);

    // A new session with the right invoice learns nothing: the lock is the CNPJ's, not the session's.
    const second = await attempt(formatCnpj(debtor.cnpj), 'NF 77001');
    expect(second.replies.map((r) => r.key)).toEqual(['identify.locked']);
    expect(second.replies[0]!.facts).not.toHaveProperty('debt');
    expect(second.replies[0]!.text).not.toContain(debtor.name);
    expect(second.replies[0]!.facts.lock.until).toBe(new Date(now.getTime() + HOUR).toISOString());
    expect(await second.d.status()).toMatchObject({ state: 'locked' });
    expect((await second.d.say('NF 77001'))[0]!.key).toBe('identify.stillLocked');

    // The locked debtor may still ask for a person; nothing about the debt is said.
    const handoff = await second.d.say('quero falar com uma pessoa');
    expect(handoff.map((r) => r.key)).toEqual(['handoff.notice']);
    expect(await second.d.status()).toMatchObject({ status: 'human', state: 'escalated' });
    expectNoDisclosure(second.d.transcript);
    const queue = await t.api('GET', '/api/admin/handoffs', undefined, auth);
    const secondId = await conversationId(second.d);
    expect(queue.body.handoffs.find((h: any) => h.conversationId === secondId)).toMatchObject({ reason: 'asked_for_person' });

    // Every failed attempt, the lockout and the refused attempt are in the trail, without the CNPJ.
    const events = await identityEvents([await conversationId(first), secondId]);
    expect(events.map((e) => e.type)).toEqual(['identity.failed', 'identity.failed', 'identity.failed', 'identity.locked', 'identity.refused_locked']);
    expect(events.map((e) => (e.data as any).attempt ?? null)).toEqual([1, 1, 1, null, null]);
    expect(events.slice(0, 3).map((e) => (e.data as any).failures)).toEqual([1, 2, 0]);
    expect(events[3]!.data).toMatchObject({ kind: 'cnpj', masked: formatCnpj(debtor.cnpj).replace(/^(\d\d)\.\d{3}\.\d{3}\/\d{4}/, '$1.***.***/****'), lockouts: 1 });
    for (const e of events) {
      const json = JSON.stringify(e.data);
      expect(json).not.toContain(debtor.cnpj);
      expect(json).not.toContain(formatCnpj(debtor.cnpj));
      expect(json).not.toContain('127.0.0.1');
    }
    // The events land on the debtor's record, so an admin sees the attempts on its page.
    expect(events.every((e) => e.debtorId !== null)).toBe(true);
  });

  it.skipIf(!enabled)('tests no more than the attempts left when one message lists 200 invoice numbers', async () => {
    const debtor = await importDebtor(t, ['500150']);
    const numbers = Array.from({ length: 200 }, (_, i) => String(500_050 + i));
    expect(numbers).toContain('500150');
    const { d, replies } = await attempt(debtor.cnpj, `NF ${numbers.join(', ')}`);
    expect(replies.map((r) => r.key)).toEqual(['identify.locked']);
    expectNoDisclosure(d.transcript);
    expect(JSON.stringify(d.transcript)).not.toContain(debtor.name);

    const events = await identityEvents([await conversationId(d)]);
    expect(events.map((e) => e.type)).toEqual(['identity.failed', 'identity.failed', 'identity.failed', 'identity.locked']);
    expect(events.slice(0, 3).map((e) => (e.data as any).attempt)).toEqual([1, 2, 3]);
    expect(events.slice(0, 3).every((e) => (e.data as any).candidates === 200)).toBe(true);

    // The right number, alone, is refused too while the lock lasts.
    expect((await attempt(debtor.cnpj, '500150')).replies.map((r) => r.key)).toEqual(['identify.locked']);
  });

  it.skipIf(!enabled)('lifts the lock after an hour by the app clock, and locks for longer after a second lockout', async () => {
    const debtor = await importDebtor(t, ['88100']);
    const first = await lockOut(debtor.cnpj);
    const lockedAt = now;

    now = new Date(lockedAt.getTime() + HOUR - 60_000);
    expect((await attempt(debtor.cnpj, '88100')).replies.map((r) => r.key)).toEqual(['identify.locked']);
    expect((await first.say('oi'))[0]!.key).toBe('identify.stillLocked');

    // One hour after the lockout: the locked session may try again.
    now = new Date(lockedAt.getTime() + HOUR);
    expect((await first.say('oi'))[0]!.key).toBe('identify.unlocked');

    // A second lockout in a row lasts two hours.
    const second = await lockOut(debtor.cnpj);
    const relockedAt = now;
    expect(second.last().facts.lock.until).toBe(new Date(relockedAt.getTime() + 2 * HOUR).toISOString());
    now = new Date(relockedAt.getTime() + HOUR + 60_000);
    expect((await attempt(debtor.cnpj, '88100')).replies.map((r) => r.key)).toEqual(['identify.locked']);
    now = new Date(relockedAt.getTime() + 2 * HOUR);
    const through = await attempt(debtor.cnpj, 'NF 88100');
    expect(through.replies[0]!.key).toBe('debt.summary');
    expect(through.replies[0]!.facts.debt.companyName).toBe(debtor.name);

    // Success starts the CNPJ over: one failure later does not lock it.
    const after = await attempt(debtor.cnpj, 'NF 1');
    expect(after.replies.map((r) => r.key)).toEqual(['identify.failed']);
  });

  it.skipIf(!enabled)('lets an admin see and lift a lock, audited with the actor, and the debtor then gets through', async () => {
    const debtor = await importDebtor(t, ['66200']);
    const d = await lockOut(debtor.cnpj);

    expect((await t.api('GET', '/api/admin/identity-locks')).status).toBe(401);
    const list = await t.api('GET', '/api/admin/identity-locks', undefined, auth);
    expect(list.status).toBe(200);
    const lock = list.body.locks.find((l: any) => l.kind === 'cnpj' && l.key === formatCnpj(debtor.cnpj));
    expect(lock).toMatchObject({ lockedUntil: new Date(now.getTime() + HOUR).toISOString(), lockouts: 1, debtor: { name: debtor.name } });

    expect((await t.api('DELETE', '/api/admin/identity-locks/123', undefined, auth)).status).toBe(422);
    const lifted = await t.api('DELETE', `/api/admin/identity-locks/${encodeURIComponent(formatCnpj(debtor.cnpj))}`, undefined, auth);
    expect(lifted.status).toBe(200);
    expect(lifted.body.lifted).toMatchObject({ kind: 'cnpj', key: formatCnpj(debtor.cnpj) });
    expect((await t.api('DELETE', `/api/admin/identity-locks/${debtor.cnpj}`, undefined, auth)).status).toBe(404);
    const listed = await t.api('GET', '/api/admin/identity-locks', undefined, auth);
    expect(listed.body.locks.some((l: any) => l.key === formatCnpj(debtor.cnpj))).toBe(false);

    const unlocked = await db().auditEvent.findFirstOrThrow({ where: { type: 'identity.unlocked' }, orderBy: { id: 'desc' } });
    expect(unlocked.actor).toBe('admin');
    expect(JSON.stringify(unlocked.data)).not.toContain(debtor.cnpj);

    // The session that was locked learns it at its next message, and the debtor gets through.
    expect((await d.say('oi'))[0]!.key).toBe('identify.unlocked');
    await d.say(debtor.cnpj);
    const verified = await d.say('a nota é a 66200');
    expect(verified[0]!.key).toBe('debt.summary');
    expect(verified[0]!.facts.debt.companyName).toBe(debtor.name);
  });

  it.skipIf(!enabled)('locks a client address that sprays guesses over many CNPJs', async () => {
    const target = await importDebtor(t, ['44300']);
    // Five CNPJs (on file or not: the count is the same) × two wrong guesses = ten failures.
    for (let i = 0; i < 5; i++) {
      const d = new WebchatDebtor(t);
      await d.open();
      const cnpj = newCnpj();
      for (const guess of ['NF 1', 'NF 2']) {
        await d.say(cnpj);
        await d.say(guess);
      }
    }
    const refused = await attempt(target.cnpj, 'NF 44300');
    expect(refused.replies.map((r) => r.key)).toEqual(['identify.locked']);
    expectNoDisclosure(refused.d.transcript);

    const list = await t.api('GET', '/api/admin/identity-locks', undefined, auth);
    const byAddress = list.body.locks.find((l: any) => l.kind === 'address');
    expect(byAddress).toMatchObject({ key: '127.0.0.1', debtor: null });
    expect((await t.api('DELETE', `/api/admin/identity-locks/${byAddress.id}`, undefined, auth)).status).toBe(200);
    expect((await attempt(target.cnpj, 'NF 44300')).replies[0]!.key).toBe('debt.summary');
  });

  it.skipIf(!enabled)('verifies a debtor who types the invoice number as it is printed', async () => {
    const cases: [stored: string, typed: string][] = [
      ['452100', 'nota fiscal nº 452.100'],
      ['R7310', 'a fatura é a R7310'],
      ['NF-123456', 'NF 123.456'],
      ['INV1-203-0', 'INV1-203-0'],
      ['2026/0042', 'Fatura 2026/0042'],
    ];
    for (const [stored, typed] of cases) {
      // A decoy debtor holds a look-alike number: only the CNPJ's own invoices count.
      await importDebtor(t, [`${stored}9`]);
      const debtor = await importDebtor(t, ['ZZ-1', stored]);
      const { replies } = await attempt(debtor.cnpj, typed);
      expect(replies[0]?.key, `"${typed}" for invoice ${stored}`).toBe('debt.summary');
      expect(replies[0]!.facts.debt.companyName).toBe(debtor.name);
    }
  });

  it.skipIf(!enabled)("verifies a debtor who types the access code of a notice alone, as it is printed", async () => {
    const debtor = await importDebtor(t, ['ZZ-2']);
    // Codes come from the notice's alphabet; this one has letter runs the spelling fixer used to rewrite ("hj", "n").
    await db().debtor.update({ where: { creditorId_cnpj: { creditorId: (await db().creditor.findFirstOrThrow()).id, cnpj: debtor.cnpj } }, data: { accessCode: 'HJ4N7Q2X' } });
    const { replies } = await attempt(debtor.cnpj, 'HJ4N7Q2X');
    expect(replies[0]?.key).toBe('debt.summary');
    expect(replies[0]!.facts.debt.companyName).toBe(debtor.name);
  });
});
