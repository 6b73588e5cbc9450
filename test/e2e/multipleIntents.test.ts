// One message that says several things: each is honoured, through the web chat contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebchatDebtor, seedDebtor } from '../helpers/chat.js';
import { startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('e2e/multipleIntents');

describe.each(DATABASES)('several intents in one web chat message ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (enabled) t = await startTestApp({ db: kind });
  }, 120_000);
  afterAll(async () => t?.close());

  const conversationOf = (d: WebchatDebtor) => t.app.database.prisma.conversation.findFirstOrThrow({ where: { channel: 'webchat', chatId: d.sessionId } });

  it.skipIf(!enabled)('an insult that asks to stop opts out, and the insult counts: the next one goes to a person', async () => {
    const d = new WebchatDebtor(t);
    await d.open();
    const stop = await d.say('vocês são uns idiotas, parem de me mandar mensagem');
    expect(stop.map((r) => r.key)).toEqual(['optout.confirmed']);
    const conv = await conversationOf(d);
    expect(await t.app.database.prisma.auditEvent.count({ where: { conversationId: conv.id, type: 'contact.opted_out' } })).toBe(1);
    expect(await d.status()).toMatchObject({ status: 'bot', state: 'optedOut' });

    const again = await d.say('idiotas');
    expect(again.map((r) => r.key)).toEqual(['handoff.notice']);
    expect(await d.status()).toMatchObject({ status: 'human' });
    expect(await t.app.database.prisma.handoff.findFirstOrThrow({ where: { conversationId: conv.id } })).toMatchObject({ reason: 'insult' });
  });

  it.skipIf(!enabled)('a dispute written with an insult is handed to a person as a dispute, with the insult noted', async () => {
    const { cnpj, invoice } = await seedDebtor(t);
    const d = new WebchatDebtor(t);
    await d.open();
    await d.say(cnpj);
    await d.say(invoice);
    const r = await d.say('já paguei essa nota, bando de palhaços');
    expect(r.map((x) => x.key)).toEqual(['handoff.notice']);
    expect(await d.status()).toMatchObject({ status: 'human' });
    const conv = await conversationOf(d);
    const handoff = await t.app.database.prisma.handoff.findFirstOrThrow({ where: { conversationId: conv.id } });
    expect(handoff.reason).toBe('dispute');
    expect(JSON.parse(handoff.detail ?? '{}')).toMatchObject({ intents: ['dispute', 'insult'], insults: 1 });
    const audit = await t.app.database.prisma.auditEvent.findFirstOrThrow({ where: { conversationId: conv.id, type: 'handoff.created' } });
    expect(audit.data).toMatchObject({ reason: 'dispute', intents: ['dispute', 'insult'], insults: 1 });
  });
});
