import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/config/logger.js';
import { registerAuditRoutes } from '../../src/http/auditRoutes.js';
import { buildServer } from '../../src/http/buildServer.js';
import { writeAuditCheckpoint } from '../../src/storage/auditCheckpoint.js';
import { WebchatDebtor } from '../helpers/chat.js';
import { ConsoleAgent } from '../helpers/consoleAgent.js';
import { seedDebtorWithContact } from '../helpers/debtorWithContact.js';
import { pdfPageCount } from '../helpers/pdfText.js';
import { TEST_ADMIN_TOKEN, TEST_AUDIT_CHECKPOINT_SECRET, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/auditRoutes');
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const AGENT_TEXT = 'Olá, aqui é a Ana; posso ajudar com o parcelamento.';

describe.each(DATABASES)('audit verification and evidence exports ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  let admin: FastifyInstance;
  let seeded: Awaited<ReturnType<typeof seedDebtorWithContact>>;
  let conversationId: string;
  let agreementId: string;

  beforeAll(async () => {
    if (!enabled) return;
    // A checkpoint at every chore tick: the one the test asks for covers the streams as they are
    // then, not as they were when a background tick of a slow machine wrote one during the seeding.
    t = await startTestApp({ db: kind, env: { AUDIT_CHECKPOINT_INTERVAL_MS: '1' } });
    admin = await buildServer(createLogger('silent'));
    registerAuditRoutes(admin, { db: t.app.database.prisma, adminToken: TEST_ADMIN_TOKEN, checkpointKey: TEST_AUDIT_CHECKPOINT_SECRET });
    await admin.ready();

    // A negotiation with a person in the middle: the debtor asks for one, the agent answers and
    // makes an offer, hands back, and the debtor accepts it.
    seeded = await seedDebtorWithContact(t);
    const ana = await ConsoleAgent.create(t, 'Ana Evidência');
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say(seeded.cnpj);
    await d.say(seeded.invoice);
    await d.say('quero falar com uma pessoa');
    conversationId = (await t.app.store.find('webchat', d.sessionId))!.id;
    expect((await ana.claim(conversationId)).status).toBe(200);
    expect((await ana.reply(conversationId, AGENT_TEXT)).status).toBeLessThan(300);
    expect((await ana.api('POST', `/api/agent/conversations/${conversationId}/offers`, { kind: 'installments', installments: 3 })).status).toBe(201);
    expect((await ana.api('POST', `/api/agent/conversations/${conversationId}/handback`)).status).toBe(200);
    const done = await d.say('aceito');
    expect(done.map((r) => r.key)).toEqual(['agreement.term']);
    agreementId = done[0]!.facts.agreement.id;
  }, 180_000);
  afterAll(async () => {
    await admin?.close();
    await t?.close();
  });

  it.skipIf(!enabled)('refuses without admin credentials', async () => {
    for (const url of ['/api/admin/audit/verify', `/api/admin/debtors/${seeded.debtorId}/evidence.json`, `/api/admin/debtors/${seeded.debtorId}/evidence.pdf`]) {
      expect((await admin.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });

  it.skipIf(!enabled)('verifies the whole chain and reports its head', async () => {
    const r = await admin.inject({ method: 'GET', url: '/api/admin/audit/verify', headers: auth });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const last = await t.app.database.prisma.auditEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    // Extended with the streams and the checkpoint (issue 14: one chain per stream, signed checkpoints).
    const streams = await t.app.database.prisma.auditStream.count();
    expect(body).toEqual({
      ok: true,
      events: await t.app.database.prisma.auditEvent.count(),
      firstBroken: null,
      head: { id: last.id.toString(), at: last.at.toISOString(), hash: last.hash },
      streams,
      brokenStreams: 0,
      checkpoint: body.checkpoint,
    });
    // The app's chores write the checkpoints, signed with the key the verification checks them with.
    await t.app.chores();
    const checked = (await admin.inject({ method: 'GET', url: '/api/admin/audit/verify', headers: auth })).json();
    expect(checked).toMatchObject({ ok: true, checkpoint: { streams, signatureChecked: true } });
    const anchored = await admin.inject({ method: 'GET', url: `/api/admin/audit/verify?anchorId=${body.head.id}&anchorHash=${body.head.hash}`, headers: auth });
    expect(anchored.json()).toMatchObject({ ok: true });
    const bad = await admin.inject({ method: 'GET', url: '/api/admin/audit/verify?anchorId=12x', headers: auth });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: 'invalid_query', errors: expect.any(Array) });
  });

  it.skipIf(!enabled)('exports the debtor’s events in chain order with hashes, texts checked against the trail', async () => {
    const r = await admin.inject({ method: 'GET', url: `/api/admin/debtors/${seeded.debtorId}/evidence.json`, headers: auth });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(r.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="evidencias-${seeded.cnpj}-\\d{4}-\\d{2}-\\d{2}\\.json"$`));
    const ev = r.json();
    expect(ev.creditor).toMatchObject({ name: 'Distribuidora Exemplo Ltda', cnpj: '11222333000181' });
    expect(ev.debtor).toEqual({ id: seeded.debtorId, companyName: expect.stringMatching(/^Empresa Privada/), cnpj: seeded.cnpj });
    const ids = ev.events.map((e: any) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    for (const e of ev.events) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['id', 'at', 'type', 'actor', 'data', 'prevHash', 'hash']));
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(ev.period).toEqual({ from: ev.events[0].at, to: ev.events.at(-1).at });
    const types = ev.events.map((e: any) => e.type);
    // Events from before identification (no debtorId on them) are in too, through the conversation.
    expect(types[0]).toBe('conversation.opened');
    for (const ty of ['identity.verified', 'handoff.created', 'handoff.claimed', 'agent.message', 'offer.made', 'handoff.handback', 'agreement.created']) expect(types, ty).toContain(ty);
    const agentMsg = ev.events.find((e: any) => e.type === 'agent.message');
    expect(agentMsg).toMatchObject({ actorName: 'Ana Evidência', message: { text: AGENT_TEXT, textVerified: true } });
    expect(agentMsg.data).not.toHaveProperty('text');
    const inbound = ev.events.filter((e: any) => e.type === 'message.in');
    expect(inbound.map((e: any) => e.message.text)).toEqual(expect.arrayContaining([seeded.cnpj, seeded.invoice, 'quero falar com uma pessoa', 'aceito']));
    for (const e of inbound) expect(e.message.textVerified).toBe(true);
    expect(ev.events.find((e: any) => e.type === 'agreement.created').data).toMatchObject({ agreementId, offer: { kind: 'installments', installments: 3 } });
    expect(ev.chain).toMatchObject({ ok: true, firstBroken: null, head: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // The export is on record.
    expect(await t.app.database.prisma.auditEvent.count({ where: { type: 'evidence.exported', debtorId: seeded.debtorId } })).toBe(1);
  });

  it.skipIf(!enabled)('exports the same evidence as an A4 PDF attachment', async () => {
    const r = await admin.inject({ method: 'GET', url: `/api/admin/debtors/${seeded.debtorId}/evidence.pdf`, headers: auth });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="evidencias-\w+-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const pdf = r.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(!enabled)('answers 404 for an unknown debtor', async () => {
    const r = await admin.inject({ method: 'GET', url: '/api/admin/debtors/00000000-0000-0000-0000-000000000000/evidence.json', headers: auth });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'not_found' });
  });

  // Last two: they break the trail for good.
  it.skipIf(!enabled)('reports a conversation’s newest events cut after a checkpoint, in verify and in the evidence', async () => {
    const db = t.app.database.prisma;
    await writeAuditCheckpoint(db, TEST_AUDIT_CHECKPOINT_SECRET, new Date());
    const newest = await db.auditEvent.findFirstOrThrow({ where: { conversationId }, orderBy: { seq: 'desc' } });
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE id = ${newest.id}`);
    const v = (await admin.inject({ method: 'GET', url: '/api/admin/audit/verify', headers: auth })).json();
    expect(v).toMatchObject({ ok: false, brokenStreams: 1, firstBroken: { id: `${newest.stream}#${newest.seq}`, at: null, expected: newest.hash, found: null, problem: 'tail_missing' } });
    const ev = (await admin.inject({ method: 'GET', url: `/api/admin/debtors/${seeded.debtorId}/evidence.json`, headers: auth })).json();
    expect(ev.chain).toMatchObject({ ok: false, firstBroken: { problem: 'tail_missing' } });
  });

  it.skipIf(!enabled)('reports the first broken link once a row is tampered with, in verify and in the evidence', async () => {
    const db = t.app.database.prisma;
    const victim = await db.auditEvent.findFirstOrThrow({ where: { conversationId, type: 'agreement.created' } });
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET data = jsonb_set(data, '{offer,totalCents}', '1') WHERE id = ${victim.id}`);
    const v = (await admin.inject({ method: 'GET', url: '/api/admin/audit/verify', headers: auth })).json();
    expect(v).toMatchObject({ ok: false, firstBroken: { id: victim.id.toString(), at: victim.at.toISOString(), type: 'agreement.created', found: victim.hash } });
    expect(v.firstBroken.expected).not.toBe(victim.hash);
    const ev = (await admin.inject({ method: 'GET', url: `/api/admin/debtors/${seeded.debtorId}/evidence.json`, headers: auth })).json();
    expect(ev.chain).toMatchObject({ ok: false, firstBroken: { id: victim.id.toString() } });
    expect((await admin.inject({ method: 'GET', url: `/api/admin/debtors/${seeded.debtorId}/evidence.pdf`, headers: auth })).statusCode).toBe(200);
  });
});
