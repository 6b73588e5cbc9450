import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.js';
import { migrateOverRows } from '../helpers/migrateOverRows.js';
import { DATABASES, notePostgresSkipped, openTestDatabase } from '../helpers/testDatabase.js';

notePostgresSkipped('storage/conversationLastInbound');

describe.each(DATABASES)('Conversation.lastInboundAt kept by the database ($kind)', ({ kind, enabled }) => {
  let database: Database;
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (enabled) ({ database, close } = await openTestDatabase(kind));
  });
  afterAll(async () => close?.());

  it.skipIf(!enabled)('follows the debtor’s messages only, and never goes back in time', async () => {
    const db = database.prisma;
    const c = await db.conversation.create({ data: { channel: 'webchat', chatId: 'x', flowId: 'negotiation', flowVersion: 1, snapshot: {} } });
    const last = async () => (await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).lastInboundAt?.toISOString() ?? null;
    let seq = 0;
    const msg = (direction: string, author: string, at: string) =>
      db.message.create({ data: { conversationId: c.id, seq: ++seq, direction, author, channel: 'webchat', text: 'x', createdAt: new Date(at) } });

    await msg('out', 'bot', '2026-03-01T10:00:00.000Z');
    expect(await last()).toBeNull();
    await msg('in', 'debtor', '2026-03-01T10:05:00.000Z');
    expect(await last()).toBe('2026-03-01T10:05:00.000Z');
    await msg('out', 'agent', '2026-03-01T11:00:00.000Z');
    await msg('out', 'bot', '2026-03-01T11:01:00.000Z');
    expect(await last()).toBe('2026-03-01T10:05:00.000Z');
    await msg('in', 'debtor', '2026-03-02T09:00:00.000Z');
    expect(await last()).toBe('2026-03-02T09:00:00.000Z');
    // A message stored late with an earlier instant (a redelivery's own timestamp) keeps the latest.
    await msg('in', 'debtor', '2026-03-01T23:00:00.000Z');
    expect(await last()).toBe('2026-03-02T09:00:00.000Z');
  });

  it.skipIf(!enabled)('is set for the conversations a database already holds when the migration runs', async () => {
    const rows = `
      INSERT INTO "Conversation"(id,channel,"chatId","flowId","flowVersion",snapshot,"updatedAt") VALUES
        ('wrote','webchat','a','negotiation',1,'{}',now()), ('silent','webchat','b','negotiation',1,'{}',now());
      INSERT INTO "Message"(id,"conversationId",seq,direction,author,channel,"createdAt") VALUES
        ('m1','wrote',1,'in','debtor','webchat','2026-01-01 10:00'), ('m2','wrote',2,'out','bot','webchat','2026-01-01 10:01'),
        ('m3','wrote',3,'in','debtor','webchat','2026-01-02 08:00'), ('m4','silent',1,'out','bot','webchat','2026-01-03 08:00');`;
    const [after] = await migrateOverRows(kind, 'conversation_last_inbound', rows, [`SELECT id, to_char("lastInboundAt", 'YYYY-MM-DD HH24:MI') AS "last" FROM "Conversation" ORDER BY id`]);
    expect(after).toEqual([
      { id: 'silent', last: null },
      { id: 'wrote', last: '2026-01-02 08:00' },
    ]);
  });
});
