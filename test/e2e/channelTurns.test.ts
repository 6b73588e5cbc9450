import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSendError } from '../../src/channels/channelPort.js';
import { FakeChannelAdapter } from '../helpers/fakeChannelAdapter.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

// Inside São Paulo's weekday window, so proactive notices are not deferred unless a test says so.
const MONDAY_10H = new Date('2026-11-23T13:00:00Z');

describe('conversations on messaging channels (core, fake adapters)', () => {
  let t: TestApp;
  const wa = new FakeChannelAdapter('whatsapp');
  const tg = new FakeChannelAdapter('telegram');
  let now = MONDAY_10H;
  beforeAll(async () => {
    t = await startTestApp({ adapters: [wa, tg], clock: () => now });
  }, 120_000);
  afterAll(async () => t?.close());

  const keysTo = async (channel: string, chatId: string) => {
    const conv = await t.app.store.find(channel, chatId);
    return (await t.app.store.messagesAfter(conv!.id, 0)).filter((m) => m.from === 'bot').map((m) => m.key);
  };

  it('identifies a WhatsApp sender by the number on file, even without the ninth digit', async () => {
    // The demo contact is +55 11 98765-4321; old WhatsApp ids drop the 9.
    await wa.deliver({ chatId: '551187654321@s.whatsapp.net', text: 'Oi, bom dia', senderPhone: '+551187654321' });
    expect(await keysTo('whatsapp', '551187654321@s.whatsapp.net')).toEqual(['welcome', 'debt.summary', 'offer.cash']);
    expect(wa.textsTo('551187654321@s.whatsapp.net')).toHaveLength(3);
  });

  it('asks an unknown WhatsApp number for the CNPJ, and answers an opening that says more', async () => {
    await wa.deliver({ chatId: '5511911112222@s.whatsapp.net', text: 'oi', senderPhone: '+5511911112222' });
    expect(await keysTo('whatsapp', '5511911112222@s.whatsapp.net')).toEqual(['welcome', 'identify.phoneUnknown']);
    await wa.deliver({ chatId: '5521933334444@s.whatsapp.net', text: 'já paguei isso', senderPhone: '+5521933334444' });
    expect(await keysTo('whatsapp', '5521933334444@s.whatsapp.net')).toEqual(['welcome', 'identify.phoneUnknown', 'handoff.notice']);
    // A preference as the very first words is answered too (it cannot be kept before identity).
    await wa.deliver({ chatId: '5531955556666@s.whatsapp.net', text: 'prefiro e-mail', senderPhone: '+5531955556666' });
    expect(await keysTo('whatsapp', '5531955556666@s.whatsapp.net')).toEqual(['welcome', 'identify.phoneUnknown', 'contact.preferenceNeedsIdentity']);
  });

  it('on Telegram, offers the contact button and verifies by the shared own contact', async () => {
    await tg.deliver({ chatId: '1001', text: '/start', from: { firstName: 'Marina' } });
    expect(tg.sent.at(-1)!.message.requestContact).toBe(true);
    await tg.deliver({ chatId: '1001', kind: 'contact', contact: { phone: '+5511999990000', own: false } });
    expect(tg.sent.at(-1)!.message.text).toMatch(/seu próprio número/);
    await tg.deliver({ chatId: '1001', kind: 'contact', contact: { phone: '+5511987654321', own: true } });
    expect(await keysTo('telegram', '1001')).toEqual(['welcome', 'identify.contactNotOwn', 'debt.summary', 'offer.cash']);
    // A button press carries the option id: it wins over any reading of the label.
    await tg.deliver({ chatId: '1001', kind: 'choice', choiceId: 'accept', text: '1. Aceitar' });
    expect((await keysTo('telegram', '1001')).at(-1)).toBe('agreement.term');
    expect(tg.sent.at(-1)!.message.text).toMatch(/000201/);
  });

  it('answers media courteously, and hands a verified debtor’s receipt to a person', async () => {
    await tg.deliver({ chatId: '2002', text: '/start' });
    await tg.deliver({ chatId: '2002', kind: 'media', media: { type: 'sticker', fileId: 's1' } });
    expect((await keysTo('telegram', '2002')).at(-1)).toBe('media.unsupported');
    await tg.deliver({ chatId: '2002', text: '11.444.777/0001-61' });
    await tg.deliver({ chatId: '2002', text: 'NF-1002' });
    tg.files.set('f1', Buffer.from('%PDF-1.4 comprovante de pagamento'));
    await tg.deliver({ chatId: '2002', kind: 'media', media: { type: 'document', fileId: 'f1', fileName: 'comprovante.pdf', mimeType: 'application/pdf' } });
    expect((await keysTo('telegram', '2002')).at(-1)).toBe('handoff.notice');
    const conv = await t.app.store.find('telegram', '2002');
    expect(conv!.status).toBe('human');
    const h = await t.app.database.prisma.handoff.findFirst({ where: { conversationId: conv!.id } });
    expect(h!.reason).toBe('payment_proof');
    const stored = await t.app.database.prisma.message.findFirst({ where: { conversationId: conv!.id, direction: 'in', text: { contains: 'comprovante.pdf' } } });
    expect(stored!.attachment).toMatchObject({ kind: 'media', media: { fileId: 'f1', stored: { bytes: 33 } } });
    // The receipt's bytes are kept for the person who checks it.
    const rel = (stored!.attachment as any).media.stored.path as string;
    expect(readFileSync(path.join(t.dataDir, rel), 'utf8')).toBe('%PDF-1.4 comprovante de pagamento');
  });

  it('gives a redelivered platform message no second reply', async () => {
    await tg.deliver({ chatId: '3003', text: '/start', messageId: 'u-1' });
    const before = tg.sent.length;
    await tg.deliver({ chatId: '3003', text: '/start', messageId: 'u-1' });
    expect(tg.sent.length).toBe(before);
  });

  it('retries a rate-limited send after the platform’s delay, without loss or duplicates', async () => {
    tg.failNext(new ChannelSendError('telegram', 'rate_limited', 'Too Many Requests', { retryAfterMs: 300 }), '4004');
    await tg.deliver({ chatId: '4004', text: '/start' });
    for (let i = 0; i < 100 && tg.textsTo('4004').length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      await t.app.pipeline.recover();
    }
    await t.app.pipeline.recover();
    expect(tg.textsTo('4004')).toHaveLength(1);
    const attempts = tg.attempts.filter((a) => a.chatId === '4004');
    expect(attempts.map((a) => a.ok)).toEqual([false, true]);
    // The retry honoured the platform's retry_after.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it('queues first notices that name the creditor, disclose no amount, and wait for business hours', async () => {
    const api = (b: unknown) => t.api('POST', '/api/admin/notices', b, { authorization: `Bearer ${TEST_ADMIN_TOKEN}` });
    now = new Date('2026-11-29T15:00:00Z'); // a Sunday
    const r = await api({ cnpjs: ['11.444.777/0001-61'] });
    expect(r.status).toBe(200);
    expect(r.body.queued).toBeGreaterThanOrEqual(1);
    await t.app.pipeline.recover();
    const notice = await t.app.database.prisma.message.findFirstOrThrow({ where: { templateKey: 'notice.first', channel: 'whatsapp' } });
    expect(notice.delivery).toBe('pending');
    expect(notice.notBefore!.toISOString()).toBe('2026-11-30T11:00:00.000Z');
    const decisions = await t.app.database.prisma.auditEvent.findMany({ where: { type: 'proactive.decision' }, orderBy: { id: 'asc' } });
    // Which channel and why (WhatsApp first in the default order), then the hold for quiet hours.
    expect(decisions.map((d) => d.data).slice(0, 2)).toEqual([
      expect.objectContaining({ status: 'routed', channel: 'whatsapp', reason: 'whatsapp: first in the creditor’s order' }),
      expect.objectContaining({ status: 'deferred', reason: 'quiet_hours' }),
    ]);
    // A second request the same week is refused for that debtor: no over-contact.
    expect((await api({ cnpjs: ['11.444.777/0001-61'] })).body.skipped).toEqual([{ cnpj: '11444777000161', reason: 'noticed recently' }]);
    expect((await api({ cnpjs: ['123'] })).status).toBe(422);

    now = MONDAY_10H;
    await t.app.database.prisma.message.update({ where: { id: notice.id }, data: { notBefore: null } });
    await t.app.pipeline.recover();
    const text = wa.sent.at(-1)!.message.text;
    expect(text).toContain('Distribuidora Exemplo Ltda');
    expect(text).toContain('11.222.333/0001-81');
    expect(text).not.toMatch(/R\$|\d+,\d{2}/);
    const code = (notice.facts as any).notice.accessCode;
    expect(text).toContain(code);
  });

  it('never sends a proactive message to a contact who opted out', async () => {
    const db = t.app.database.prisma;
    const contact = await db.contact.findFirstOrThrow({ where: { phone: '+5511987654321' } });
    await db.contact.update({ where: { id: contact.id }, data: { optedOutAt: new Date() } });
    const c = await db.conversation.upsert({
      where: { channel_chatId: { channel: 'whatsapp', chatId: '5511987654321@s.whatsapp.net' } },
      create: { channel: 'whatsapp', chatId: '5511987654321@s.whatsapp.net', contactId: contact.id, flowId: 'negotiation', flowVersion: 1, snapshot: {} },
      update: { contactId: contact.id },
    });
    await db.message.create({ data: { conversationId: c.id, seq: 999, direction: 'out', author: 'bot', channel: 'whatsapp', templateKey: 'notice.first', facts: { creditor: { name: 'x', cnpj: '11222333000181' }, notice: { accessCode: 'AAAA' } }, delivery: 'pending', proactive: true } });
    const before = wa.sent.length;
    await t.app.pipeline.recover();
    expect(wa.sent.length).toBe(before);
    const m = await db.message.findFirstOrThrow({ where: { conversationId: c.id, seq: 999 } });
    expect(m.delivery).toBe('blocked');
  });
});
