import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pacer } from '../../src/jobs/pacer.js';
import { FakeChannelAdapter } from '../helpers/fakeChannelAdapter.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';

// The demo debtor (Padaria Pão Quente, contact +55 11 98765-4321), reachable on WhatsApp by phone,
// and a second contact of it who prefers Telegram, where they have written before: one notice
// each, on two channels, and the caps count them together. São Paulo is UTC−3.
const CNPJ = '11.444.777/0001-61';
const WA_CHAT = '5511987654321@s.whatsapp.net';
const TG_CHAT = '7001';
const FINADOS_10H = new Date('2026-11-02T13:00:00Z'); // Monday 2 November 2026, a national holiday
const TUESDAY_08H = new Date('2026-11-03T11:00:00Z');
const SUNDAY_23H = new Date('2026-11-09T02:00:00Z'); // Sunday 8 November, 23:00 local

type Decision = { at: string; messageId: string; conversationId: string; debtor: { id: string; name: string } | null; channel: string; status: string; reason: string; until: string | null };

describe('contact policy through the app (fake channels, controlled clock)', () => {
  let t: TestApp;
  const wa = new FakeChannelAdapter('whatsapp');
  const tg = new FakeChannelAdapter('telegram');
  let now = FINADOS_10H;
  let debtorId = '';
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const decisions = async (query = ''): Promise<Decision[]> => {
    const r = await t.api('GET', `/api/admin/contact-decisions?debtorId=${debtorId}${query}`, undefined, admin);
    expect(r.status).toBe(200);
    return r.body.decisions;
  };
  const notices = () => t.app.database.prisma.message.findMany({ where: { templateKey: 'notice.first', conversation: { debtorId } } });

  beforeAll(async () => {
    // No pacing: this file is about the policy, not about platform rate limits.
    t = await startTestApp({ adapters: [wa, tg], clock: () => now, pacer: new Pacer({}) });
    const db = t.app.database.prisma;
    const contact = await db.contact.findFirstOrThrow({ where: { phone: '+5511987654321' }, include: { debtor: true } });
    debtorId = contact.debtorId;
    const second = await db.contact.create({ data: { debtorId: contact.debtorId, name: 'Sócio', preferredChannel: 'telegram' } });
    await db.channelIdentity.create({ data: { contactId: second.id, channel: 'telegram', externalId: TG_CHAT } });
  }, 120_000);
  afterAll(async () => t?.close());

  it('defers a notice queued on a national holiday to the next business morning, and says why', async () => {
    const r = await t.api('POST', '/api/admin/notices', { cnpjs: [CNPJ] }, admin);
    expect(r.status).toBe(200);
    expect(r.body.queued).toBe(2); // WhatsApp to one contact, Telegram to the other
    await t.app.chores();

    expect(wa.textsTo(WA_CHAT)).toEqual([]);
    expect(tg.textsTo(TG_CHAT)).toEqual([]);
    for (const m of await notices()) expect(m).toMatchObject({ delivery: 'pending', notBefore: TUESDAY_08H });

    const ds = await decisions('&status=deferred');
    expect(new Set(ds.map((d) => d.channel))).toEqual(new Set(['whatsapp', 'telegram']));
    for (const d of ds) {
      expect(d).toMatchObject({ status: 'deferred', reason: 'holiday', until: '2026-11-03T11:00:00.000Z', at: FINADOS_10H.toISOString(), debtor: { id: debtorId, name: 'Padaria Pão Quente Ltda' } });
    }
  });

  it('sends one notice the next morning and holds the other channel’s by the daily cap', async () => {
    now = TUESDAY_08H;
    await t.app.chores();

    const sentTo = [...wa.textsTo(WA_CHAT), ...tg.textsTo(TG_CHAT)];
    expect(sentTo).toHaveLength(1);
    expect(sentTo[0]).toContain('Distribuidora Exemplo Ltda');
    const [sent] = await decisions('&status=sent');
    expect(sent).toMatchObject({ reason: 'allowed', until: null, at: TUESDAY_08H.toISOString() });
    const other = sent!.channel === 'whatsapp' ? 'telegram' : 'whatsapp';
    const [held] = (await decisions('&status=deferred')).filter((d) => d.at === TUESDAY_08H.toISOString());
    expect(held).toMatchObject({ channel: other, reason: 'daily_cap', until: '2026-11-04T11:00:00.000Z' });
    const byChannel = Object.fromEntries((await notices()).map((m) => [m.channel, m]));
    expect(byChannel[sent!.channel]!.delivery).toBe('sent');
    expect(byChannel[other]).toMatchObject({ delivery: 'pending', notBefore: new Date('2026-11-04T11:00:00Z') });
  });

  it('answers the debtor’s own message at once, at 23:00 on a Sunday', async () => {
    now = SUNDAY_23H;
    const before = wa.textsTo(WA_CHAT).length;
    await wa.deliver({ chatId: WA_CHAT, text: 'Oi, recebi a mensagem de vocês', senderPhone: '+5511987654321' });

    const replies = wa.textsTo(WA_CHAT).slice(before);
    expect(replies.length).toBeGreaterThanOrEqual(1);
    const conv = await t.app.store.find('whatsapp', WA_CHAT);
    const out = await t.app.database.prisma.message.findMany({ where: { conversationId: conv!.id, direction: 'out', proactive: false } });
    expect(out.length).toBe(replies.length);
    for (const m of out) expect(m.delivery).toBe('sent');
    // Replies never go through the contact policy: no decision was taken about them.
    const ids = new Set(out.map((m) => m.id));
    expect((await decisions()).filter((d) => ids.has(d.messageId))).toEqual([]);
    // ...and the notice still held is not sent at that hour either.
    expect(await decisions('&status=sent')).toHaveLength(1);
  });
});
