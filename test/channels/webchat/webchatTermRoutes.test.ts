import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pixQrPng } from '../../../src/phrasing/pixQrPng.js';
import { seedDebtor, WebchatDebtor } from '../../helpers/chat.js';
import { ConsoleAgent } from '../../helpers/consoleAgent.js';
import { pdfTextLines } from '../../helpers/pdfText.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../../helpers/testDatabase.js';

notePostgresSkipped('channels/webchat/webchatTermRoutes');

// The term PDF and the PIX QR codes on the web chat (the session that owns the conversation only),
// and the staff's copy of the term (admin token, an admin's or an agent's session).

type Agreement = { id: string; totalCents: number; installments: { n: number; dueDate: string; amountCents: number; pix: string }[] };

describe.each(DATABASES)('web chat and admin term routes ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  let owner: WebchatDebtor;
  let agreement: Agreement;
  let seeded: Awaited<ReturnType<typeof seedDebtor>>;

  const get = (path: string, headers: Record<string, string> = {}) => fetch(t.url + path, { headers });
  const termPath = (session: string, id = agreement.id) => `/api/webchat/sessions/${session}/agreements/${id}/term.pdf`;
  const qrPath = (session: string, n: number | string, id = agreement.id) => `/api/webchat/sessions/${session}/agreements/${id}/installments/${n}/qr.png`;

  beforeAll(async () => {
    if (!enabled) return;
    t = await startTestApp({ db: kind });
    seeded = await seedDebtor(t, '3980.50');
    owner = new WebchatDebtor(t);
    await owner.open();
    await owner.say(seeded.cnpj);
    await owner.say(seeded.invoice);
    // The third rung: instalments, so there are several QR codes.
    await owner.say('ver outra opção');
    await owner.say('ver outra opção');
    const done = await owner.say('aceito');
    agreement = done.find((r) => r.key === 'agreement.term')!.facts.agreement;
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!enabled)('gives the session that made the agreement its term as a PDF download', async () => {
    const res = await get(termPath(owner.sessionId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="termo-de-acordo-${agreement.id}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const text = pdfTextLines(Buffer.from(await res.arrayBuffer())).join('\n');
    expect(text).toContain(`Termo de acordo nº ${agreement.id}`);
    expect(text).toContain('R$ 3.980,50');
    for (const i of agreement.installments) expect(text.replace(/\s+/g, '')).toContain(i.pix.replace(/\s+/g, ''));
  });

  it.skipIf(!enabled)('gives each instalment’s PIX code as a QR code PNG', async () => {
    expect(agreement.installments.length).toBeGreaterThan(1);
    for (const i of agreement.installments) {
      const res = await get(qrPath(owner.sessionId, i.n));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await res.arrayBuffer());
      // The QR code of exactly this instalment's code (the renderer is deterministic).
      expect(bytes.equals(await pixQrPng(i.pix))).toBe(true);
      // PNG signature, then the IHDR chunk: a square image.
      expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      expect(bytes.readUInt32BE(16)).toBe(bytes.readUInt32BE(20));
    }
    expect((await get(qrPath(owner.sessionId, agreement.installments.length + 1))).status).toBe(404);
    expect((await get(qrPath(owner.sessionId, 'abc'))).status).toBe(404);
  });

  it.skipIf(!enabled)('refuses another session, a session that does not exist, and an unknown agreement, without telling them apart', async () => {
    const other = new WebchatDebtor(t);
    await other.open();
    for (const path of [termPath(other.sessionId), qrPath(other.sessionId, 1)]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'not_found' });
    }
    expect((await get(termPath('no-such-session'))).status).toBe(404);
    expect((await get(termPath(owner.sessionId, 'ACNOSUCHAGREEMENT'))).status).toBe(404);
    expect((await get(termPath(owner.sessionId, 'AC%00X'))).status).toBe(404);
  });

  it.skipIf(!enabled)('lets the same debtor, verified again in a new session, download the agreement in force', async () => {
    const back = new WebchatDebtor(t);
    await back.open();
    // Before identity: nothing.
    expect((await get(termPath(back.sessionId))).status).toBe(404);
    await back.say(seeded.cnpj);
    await back.say(seeded.invoice);
    expect((await get(termPath(back.sessionId))).status).toBe(200);
  });

  it.skipIf(!enabled)('gives the staff the term: admin token, admin and agent sessions; nobody else', async () => {
    const path = `/api/admin/agreements/${agreement.id}/term.pdf`;
    const byToken = await get(path, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    expect(byToken.status).toBe(200);
    expect(byToken.headers.get('content-type')).toBe('application/pdf');
    expect(pdfTextLines(Buffer.from(await byToken.arrayBuffer())).join('\n')).toContain(agreement.id);
    const agent = await ConsoleAgent.create(t, 'Ana Termo');
    expect((await get(path, { cookie: agent.cookie })).status).toBe(200);
    const admin = await ConsoleAgent.create(t, 'Bia Termo', 'admin');
    expect((await get(path, { cookie: admin.cookie })).status).toBe(200);
    expect((await get(path)).status).toBe(401);
    expect((await get(path, { authorization: 'Bearer wrong-token-wrong-token-wrong-token' })).status).toBe(401);
    expect((await get(`/api/admin/agreements/ACNOSUCHAGREEMENT/term.pdf`, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` })).status).toBe(404);
    // Who took a copy, and when, is in the audit trail.
    const exported = await t.app.database.prisma.auditEvent.findMany({ where: { type: 'agreement.term_exported' }, orderBy: { id: 'asc' } });
    expect(exported.map((e) => e.actor)).toEqual(['admin', `user:${agent.id}`, `user:${admin.id}`]);
    expect(exported.every((e) => (e.data as { agreementId: string }).agreementId === agreement.id)).toBe(true);
  });
});
