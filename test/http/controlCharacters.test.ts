// NUL and other control characters through the HTTP API, on PGlite and PostgreSQL. PostgreSQL's
// text type cannot hold NUL: a NUL in a CSV cell or a web chat message used to end in a 500.
// The CSV says which line and field to fix (422); a chat message loses the character, nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cnpjCheckDigits } from '../../src/domain/cnpj.js';
import { WebchatDebtor } from '../helpers/chat.js';
import { TEST_ADMIN_TOKEN, startTestApp, type TestApp } from '../helpers/testApp.js';
import { DATABASES, notePostgresSkipped } from '../helpers/testDatabase.js';

notePostgresSkipped('http/controlCharacters');
const csvHeaders = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'text/csv' };

function cnpj(n: number): string {
  const base = `${String(40_000_000 + n).padStart(8, '0')}0001`;
  return base + cnpjCheckDigits(base);
}

describe.each(DATABASES)('control characters in the HTTP API ($kind)', ({ kind, enabled }) => {
  let t: TestApp;
  beforeAll(async () => {
    if (enabled) t = await startTestApp({ db: kind });
  }, 120_000);
  afterAll(async () => t?.close());

  const counts = async () => ({ debtors: await t.app.database.prisma.debtor.count(), invoices: await t.app.database.prisma.invoice.count() });

  it.skipIf(!enabled)('a NUL in a CSV cell: 422 with its line and field, on import and preview, nothing written', async () => {
    const before = await counts();
    const csv = [
      'cnpj,company_name,invoice,amount,due_date,description',
      `${cnpj(1)},Empresa Um Ltda,NF-1,100.00,2026-08-01,ok`,
      `${cnpj(2)},Empresa\u0000Dois Ltda,NF-2,200.00,2026-08-01,ok`,
      `${cnpj(3)},Empresa Tres Ltda,NF-3,300.00,2026-08-01,linha\u0000 com NUL`,
    ].join('\n');
    for (const route of ['/api/admin/portfolio/import', '/api/admin/portfolio/preview']) {
      const r = await t.api('POST', route, csv, csvHeaders);
      expect(r.status, route).toBe(422);
      expect(r.body.errors).toEqual([
        { line: 3, field: 'company_name', message: expect.stringContaining('U+0000 (NUL)') },
        { line: 4, field: 'description', message: expect.stringContaining('U+0000 (NUL)') },
      ]);
    }
    expect(await counts()).toEqual(before);
    // The same file without the NULs imports.
    const fixed = await t.api('POST', '/api/admin/portfolio/import', csv.replaceAll('\u0000', ''), csvHeaders);
    expect(fixed).toMatchObject({ status: 200, body: { debtors: 3, invoices: 3 } });
  });

  it.skipIf(!enabled)('a NUL or other control character in a web chat message is dropped; the message is answered', async () => {
    const d = new WebchatDebtor(t);
    await d.open();
    const replies = await d.say('Oi\u0000, tudo\u0007 bem?\r\nQuero\tnegociar', 'id-\u0000-1');
    expect(replies.length).toBeGreaterThan(0);
    const stored = await t.app.database.prisma.message.findFirstOrThrow({
      where: { direction: 'in', conversation: { chatId: d.sessionId }, text: { contains: 'tudo' } },
    });
    expect(stored.text).toBe('Oi, tudo bem?\nQuero\tnegociar');
    const history = await t.api('GET', `/api/webchat/sessions/${d.sessionId}/messages`);
    expect(history.status).toBe(200);
    expect(history.body.messages.some((m: { from: string; text: string }) => m.from === 'debtor' && m.text === 'Oi, tudo bem?\nQuero\tnegociar')).toBe(true);
    // The same client id (with its NUL) is recognised as the same message.
    const again = await t.api('POST', `/api/webchat/sessions/${d.sessionId}/messages`, { text: 'Oi\u0000, tudo\u0007 bem?\r\nQuero\tnegociar', clientMessageId: 'id-\u0000-1' });
    expect(again.status).toBe(200);
    expect(await t.app.database.prisma.message.count({ where: { direction: 'in', conversation: { chatId: d.sessionId }, text: { contains: 'tudo' } } })).toBe(1);
  });

  it.skipIf(!enabled)('a message of nothing but control characters is empty (422); a NUL in the session id is no session (404)', async () => {
    const d = new WebchatDebtor(t);
    await d.open();
    const empty = await t.api('POST', `/api/webchat/sessions/${d.sessionId}/messages`, { text: '\u0000\u0001 \u0000' });
    expect(empty).toMatchObject({ status: 422, body: { error: 'empty_text' } });
    for (const [method, path, body] of [
      ['POST', `/api/webchat/sessions/${d.sessionId}%00/messages`, { text: 'oi' }],
      ['GET', `/api/webchat/sessions/%00${d.sessionId}`, undefined],
      ['GET', `/api/webchat/sessions/${d.sessionId}%00/messages`, undefined],
    ] as const) {
      expect((await t.api(method, path, body)).status, path).toBe(404);
    }
  });
});
