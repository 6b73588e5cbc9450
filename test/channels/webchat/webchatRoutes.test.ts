import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebchatDebtor } from '../../helpers/chat.js';
import { startTestApp, type TestApp } from '../../helpers/testApp.js';

const NINETEEN_MB = 19 * 1024 * 1024;

describe('web chat API: bodies and limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { WEBCHAT_MESSAGES_PER_ADDRESS_PER_MINUTE: '5' } });
  }, 120_000);
  afterAll(async () => t?.close());

  /**
   * Announces a 19 MB body and sends only its first 64 KB: the answer must come without the rest
   * (a server that reads the whole body first never answers here; the request is dropped after 20 s).
   */
  function announceHugeBody(path: string, contentType: string): Promise<{ status: number; body: any }> {
    const url = new URL(path, t.url);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': contentType, 'content-length': String(NINETEEN_MB) } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode!, body: JSON.parse(text) });
          });
        },
      );
      req.on('error', () => {});
      req.setTimeout(20_000, () => {
        req.destroy();
        reject(new Error('no answer before the whole body was sent'));
      });
      req.write(Buffer.alloc(64 * 1024, 'a'));
    });
  }

  it('refuses a 19 MB text/plain message with 415 without reading it', async () => {
    const d = new WebchatDebtor(t);
    await d.open();
    const r = await announceHugeBody(`/api/webchat/sessions/${d.sessionId}/messages`, 'text/plain');
    expect(r).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
  });

  it('refuses a 19 MB JSON message with 413 without reading it', async () => {
    const d = new WebchatDebtor(t);
    await d.open();
    const r = await announceHugeBody(`/api/webchat/sessions/${d.sessionId}/messages`, 'application/json');
    expect(r.status).toBe(413);
    expect(await d.status()).toMatchObject({ status: 'bot', state: 'askCnpj' });
  });

  it('takes text bodies only on the routes that upload CSV', async () => {
    const plain = await t.api('POST', '/api/webchat/sessions', 'oi', { 'content-type': 'text/plain' });
    expect(plain).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    const csv = await t.api('POST', '/api/admin/escalation-rules', 'a;b', { 'content-type': 'text/csv' });
    expect(csv.status).toBe(415);
    // A CSV upload still takes one (and still asks for the admin token first).
    expect((await t.api('POST', '/api/admin/portfolio/import', 'cnpj;company_name', { 'content-type': 'text/csv' })).status).toBe(401);
  });

  it('limits messages per client address across sessions, whatever session ids it makes up', async () => {
    const send = async (sessionId: string, remoteAddress: string) =>
      (await t.app.server.inject({ method: 'POST', url: `/api/webchat/sessions/${sessionId}/messages`, payload: { text: 'oi' }, remoteAddress })).statusCode;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push(await send(`made-up-${i}`, '192.0.2.70'));
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    expect(await send('made-up-7', '192.0.2.71')).toBe(404);
  });
});
