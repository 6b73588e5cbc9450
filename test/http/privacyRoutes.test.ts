import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { buildServer } from '../../src/http/buildServer.js';
import { registerPrivacyRoutes } from '../../src/http/privacyRoutes.js';
import { verifyAuditChain } from '../../src/storage/verifyAuditChain.js';
import { textHmac } from '../../src/storage/auditText.js';
import { eraseContact } from '../../src/storage/contactPrivacy.js';
import { WebchatDebtor, expectValidPix } from '../helpers/chat.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { seedDebtorWithContact } from '../helpers/debtorWithContact.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/privacyRoutes');
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

// Words only the debtor and the agent wrote: they must live in Message rows and nowhere in the trail.
const DEBTOR_WORDS = 'Bom dia, aqui fala a Joana Quixabeira, do financeiro';
const NOTE = 'Cliente Quixabeira prefere contato à tarde';

describe.each(DATABASES)('LGPD export and erasure of a contact ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  let admin: FastifyInstance;
  let ana: ConsoleAgent;
  let seeded: Awaited<ReturnType<typeof seedDebtorWithContact>>;
  let d: WebchatDebtor;
  let conversationId: string;
  let agreement: any;

  beforeAll(async () => {
    if (!enabled) return;
    t = await startTestApp({ db: kind });
    // The routes on their own server over the app's database (the app's server is already listening).
    admin = await buildServer(createLogger('silent'));
    registerPrivacyRoutes(admin, { db: t.app.database.prisma, adminToken: TEST_ADMIN_TOKEN, dataDir: t.dataDir });
    await admin.ready();
    ana = await ConsoleAgent.create(t, 'Ana Privacidade');

    seeded = await seedDebtorWithContact(t);
    d = new WebchatDebtor(t);
    await d.open();
    await d.say(DEBTOR_WORDS);
    await d.say(seeded.cnpj);
    const verified = await d.say(seeded.invoice);
    expect(verified.map((r) => r.key)).toEqual(['debt.summary', 'offer.cash']);
    const done = await d.say('aceito');
    expect(done.map((r) => r.key)).toEqual(['agreement.term']);
    agreement = done[0]!.facts.agreement;
    conversationId = (await t.app.store.find('webchat', d.sessionId))!.id;
    // The bot holds this conversation (no handoff), so only an admin can add a note to it.
    const chefe = await ConsoleAgent.create(t, 'Chefe Privacidade', 'admin');
    expect((await chefe.api('POST', `/api/agent/conversations/${conversationId}/notes`, { text: NOTE })).status).toBeLessThan(300);
  }, 180_000);
  afterAll(async () => {
    await admin?.close();
    await t?.close();
  });

  it.skipIf(!enabled)('keeps no debtor or agent text in the audit trail, only keyed hashes of them', async () => {
    const db = t.app.database.prisma;
    const events = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });
    const all = JSON.stringify(events.map((e) => e.data));
    for (const words of ['Quixabeira', 'Bom dia, aqui fala', 'prefere contato', '"aceito"']) expect(all).not.toContain(words);
    const conv = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conv.piiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const inbound = events.filter((e) => e.conversationId === conversationId && e.type === 'message.in');
    expect(inbound.length).toBeGreaterThanOrEqual(4);
    for (const e of inbound) {
      const data = e.data as any;
      expect(data).not.toHaveProperty('text');
      const m = await db.message.findUniqueOrThrow({ where: { id: data.messageId } });
      expect(data).toMatchObject({ textHmac: textHmac(conv.piiKey!, m.text!), textLength: m.text!.length });
    }
    const note = events.find((e) => e.conversationId === conversationId && e.type === 'agent.note')!;
    expect(note.data).toMatchObject({ textHmac: textHmac(conv.piiKey!, NOTE), textLength: NOTE.length });
  });

  it.skipIf(!enabled)('refuses the privacy endpoints without admin credentials, and unknown contacts', async () => {
    expect((await admin.inject({ method: 'GET', url: `/api/admin/contacts/${seeded.contactId}/export` })).statusCode).toBe(401);
    expect((await admin.inject({ method: 'POST', url: `/api/admin/contacts/${seeded.contactId}/erase` })).statusCode).toBe(401);
    expect((await admin.inject({ method: 'POST', url: `/api/admin/contacts/${seeded.contactId}/erase`, headers: { cookie: ana.cookie, 'x-csrf-token': ana.csrf } })).statusCode).toBe(403);
    const unknown = await admin.inject({ method: 'GET', url: '/api/admin/contacts/00000000-0000-0000-0000-000000000000/export', headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });
  });

  it.skipIf(!enabled)('exports everything held about the contact as a JSON attachment', async () => {
    const r = await admin.inject({ method: 'GET', url: `/api/admin/contacts/${seeded.contactId}/export`, headers: auth });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="contato-[0-9a-f-]+-\d{4}-\d{2}-\d{2}\.json"$/);
    const x = r.json();
    expect(x.contact).toMatchObject({ id: seeded.contactId, name: seeded.contactName, phone: seeded.phone, email: seeded.email, erasedAt: null });
    expect(x.debtor).toMatchObject({ id: seeded.debtorId, cnpj: seeded.cnpj, companyName: expect.stringMatching(/^Empresa Privada/) });
    expect(x.conversations).toHaveLength(1);
    const c = x.conversations[0];
    expect(c).toMatchObject({ id: conversationId, channel: 'webchat', chatId: d.sessionId });
    expect(c.messages.map((m: any) => m.text)).toEqual(expect.arrayContaining([DEBTOR_WORDS, 'aceito', NOTE]));
    expect(c.offers.length).toBeGreaterThan(0);
    expect(c.agreements).toEqual([expect.objectContaining({ id: agreement.id, totalCents: agreement.totalCents })]);
    const texts = x.audit.filter((e: any) => ['message.in', 'agent.note'].includes(e.type));
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const e of texts) expect(e.textVerified, e.type).toBe(true);
    expect(x.audit.find((e: any) => e.type === 'agreement.created')).toBeTruthy();
    // The copy itself is on record, without personal data.
    const exported = await t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { type: 'contact.exported' }, orderBy: { id: 'desc' } });
    expect(exported).toMatchObject({ actor: 'admin', debtorId: seeded.debtorId, data: { contactId: seeded.contactId, conversations: 1 } });
  });

  it.skipIf(!enabled)('erases the contact: texts and contact fields gone, agreement and amounts kept, chain intact', async () => {
    const db = t.app.database.prisma;
    const messagesBefore = await db.message.count({ where: { conversationId } });
    const r = await admin.inject({ method: 'POST', url: `/api/admin/contacts/${seeded.contactId}/erase`, headers: auth });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ erased: { contact: seeded.contactId, conversations: 1, messages: messagesBefore, attachments: 0 } });

    const contact = await db.contact.findUniqueOrThrow({ where: { id: seeded.contactId } });
    expect(contact).toMatchObject({ name: null, phone: null, email: null, erasedAt: expect.any(Date) });
    expect(await db.channelIdentity.count({ where: { contactId: seeded.contactId } })).toBe(0);
    const msgs = await db.message.findMany({ where: { conversationId }, orderBy: { seq: 'asc' } });
    expect(msgs).toHaveLength(messagesBefore);
    expect(msgs.every((m) => m.text === null && m.attachment === null)).toBe(true);
    expect(msgs.map((m) => m.seq)).toEqual(msgs.map((_, i) => i + 1));
    expect(msgs.find((m) => m.templateKey === 'agreement.term')!.facts).toMatchObject({ agreement: { totalCents: agreement.totalCents } });
    const conv = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conv).toMatchObject({ piiKey: null, erasedAt: expect.any(Date), status: 'closed', snapshot: {} });
    expect(conv.chatId).toMatch(/^erased:/);
    expect(conv.chatId).not.toBe(d.sessionId);

    const kept = await db.agreement.findUniqueOrThrow({ where: { id: agreement.id }, include: { installments: { orderBy: { n: 'asc' } } } });
    expect(Number(kept.totalCents)).toBe(agreement.totalCents);
    expect(kept.installments.map((i) => Number(i.amountCents))).toEqual(agreement.installments.map((i: any) => i.amountCents));
    expect(await db.offer.count({ where: { conversationId } })).toBeGreaterThan(0);
    expect(await db.invoice.count({ where: { debtorId: seeded.debtorId, status: 'in_agreement' } })).toBe(1);

    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, firstBroken: null });
    const erased = await db.auditEvent.findFirstOrThrow({ where: { type: 'contact.erased' }, orderBy: { id: 'desc' } });
    expect(erased).toMatchObject({ actor: 'admin', debtorId: seeded.debtorId, data: { contactId: seeded.contactId, conversations: 1, messages: messagesBefore } });
    expect(await db.auditEvent.count({ where: { conversationId, type: 'conversation.erased' } })).toBe(1);
    const all = JSON.stringify(await db.auditEvent.findMany({ select: { data: true } }));
    for (const personal of ['Quixabeira', seeded.email, seeded.phone.slice(3)]) expect(all).not.toContain(personal);

    // Export after erasure: nothing personal left, and nothing left to check the hashes with.
    const x = (await admin.inject({ method: 'GET', url: `/api/admin/contacts/${seeded.contactId}/export`, headers: auth })).json();
    expect(x.contact).toMatchObject({ name: null, phone: null, email: null, erasedAt: expect.any(String) });
    expect(JSON.stringify(x)).not.toContain('Quixabeira');
    for (const e of x.audit.filter((a: any) => a.type === 'message.in')) expect(e.textVerified).toBeNull();
    expect(x.conversations[0].agreements[0].totalCents).toBe(agreement.totalCents);
  });

  it.skipIf(!enabled)('the old web chat session is gone; the debtor can still come back and see the agreement', async () => {
    expect((await t.api('GET', `/api/webchat/sessions/${d.sessionId}`)).status).toBe(404);
    const back = new WebchatDebtor(t);
    await back.open();
    await back.say(seeded.cnpj);
    const again = await back.say(seeded.invoice);
    expect(again.map((r) => r.key)).toEqual(['agreement.existing', 'agreement.status.onTrack']);
    expect(again[0]!.facts.agreement).toMatchObject({ id: agreement.id, totalCents: agreement.totalCents });
    expectValidPix(again[0]!.facts.agreement);
    // Whoever writes now is not the erased person: the new conversation is not linked to that contact.
    const conv = await t.app.database.prisma.conversation.findFirstOrThrow({ where: { channel: 'webchat', chatId: back.sessionId } });
    expect(conv).toMatchObject({ debtorId: seeded.debtorId, contactId: null });
    expect(await verifyAuditChain(t.app.database.prisma)).toMatchObject({ ok: true });
  });

  it.skipIf(!enabled)('erasing twice is harmless', async () => {
    const r = await admin.inject({ method: 'POST', url: `/api/admin/contacts/${seeded.contactId}/erase`, headers: auth });
    expect(r.statusCode).toBe(200);
    expect(r.json().erased).toMatchObject({ conversations: 0, messages: 0 });
  });

  it.skipIf(!enabled)('erases every conversation of the contact (also found by channel address), attachments only when unshared', async () => {
    const db = t.app.database.prisma;
    const other = await seedDebtorWithContact(t, 'Rui Barbalho');
    const tgChat = `tg-${Date.now()}`;
    await db.channelIdentity.create({ data: { contactId: other.contactId, channel: 'telegram', externalId: tgChat } });
    // Found by its address only: not (yet) linked to the contact.
    const tg = await db.conversation.create({ data: { channel: 'telegram', chatId: tgChat, flowId: 'negotiation', flowVersion: 1, snapshot: {}, debtorId: other.debtorId } });
    const unrelated = await db.conversation.create({ data: { channel: 'telegram', chatId: `${tgChat}-x`, flowId: 'negotiation', flowVersion: 1, snapshot: {} } });
    const file = (name: string) => {
      const rel = path.join('attachments', 'ab', name);
      mkdirSync(path.join(t.dataDir, 'attachments', 'ab'), { recursive: true });
      writeFileSync(path.join(t.dataDir, rel), 'receipt');
      return rel;
    };
    const own = file('abown.pdf');
    const shared = file('abshared.pdf');
    const media = (p: string) => ({ kind: 'media', media: { type: 'document', fileName: 'comprovante Rui.pdf', stored: { path: p, sha256: 'x', bytes: 7 } } });
    await db.message.createMany({
      data: [
        { conversationId: tg.id, seq: 1, direction: 'in', author: 'debtor', channel: 'telegram', channelMessageId: `${tgChat}:1`, text: 'segue o comprovante', attachment: media(own) },
        { conversationId: tg.id, seq: 2, direction: 'in', author: 'debtor', channel: 'telegram', channelMessageId: `${tgChat}:2`, text: 'e outro', attachment: media(shared) },
        { conversationId: tg.id, seq: 3, direction: 'out', author: 'bot', channel: 'telegram', templateKey: 'media.proofKept', facts: {}, delivery: 'pending' },
        { conversationId: unrelated.id, seq: 1, direction: 'in', author: 'debtor', channel: 'telegram', channelMessageId: `${tgChat}-x:1`, text: 'mesmo arquivo', attachment: media(shared) },
      ],
    });

    const erased = await eraseContact(db, other.contactId, 'user:someone', new Date(), { dataDir: t.dataDir });
    expect(erased).toEqual({ contact: other.contactId, conversations: 1, messages: 3, attachments: 1 });
    expect(existsSync(path.join(t.dataDir, own))).toBe(false);
    expect(existsSync(path.join(t.dataDir, shared))).toBe(true);
    const msgs = await db.message.findMany({ where: { conversationId: tg.id }, orderBy: { seq: 'asc' } });
    expect(msgs.map((m) => [m.text, m.attachment, m.channelMessageId])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    // A pending message must not go out to an address that is no longer there.
    expect(msgs[2]).toMatchObject({ delivery: 'blocked', lastError: 'erased' });
    expect(await db.message.findFirstOrThrow({ where: { conversationId: unrelated.id } })).toMatchObject({ text: 'mesmo arquivo' });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: tg.id } })).chatId).toMatch(/^erased:/);
    expect(await db.channelIdentity.count({ where: { externalId: tgChat } })).toBe(0);
    expect(await eraseContact(db, '00000000-0000-0000-0000-000000000000', 'admin', new Date())).toBeNull();
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});
