import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/testApp.js';

/** A POST whose body is never finished: the server counts it in flight until we end or drop it. */
function holdRequest(url: string): { req: ClientRequest; finish(): Promise<number> } {
  const body = '{"locale":"pt-BR"}';
  let resolveStatus: (s: number) => void;
  const status = new Promise<number>((r) => (resolveStatus = r));
  const req = request(`${url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }, (res) => {
    res.resume();
    resolveStatus(res.statusCode ?? 0);
  });
  req.on('error', () => resolveStatus(-1));
  req.write(body.slice(0, 5));
  return {
    req,
    finish() {
      req.end(body.slice(5));
      return status;
    },
  };
}

describe('load shedding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_REQUESTS_IN_FLIGHT: '2', WEBCHAT_SESSIONS_PER_MINUTE: '1000' } });
  }, 120_000);
  afterAll(async () => t?.close());

  /** Probes with a cheap request until the server says it is full (the held requests have reached it). */
  async function untilBusy() {
    for (let i = 0; i < 250; i++) {
      const r = await t.api('GET', '/api/webchat/sessions/none');
      if (r.status === 503) return r;
      expect(r.status).toBe(404);
      await new Promise((res) => setTimeout(res, 20));
    }
    throw new Error('two requests held in flight never made the server answer 503');
  }

  it('answers 503 with Retry-After past the in-flight limit, keeps /healthz answering, and serves again once requests finish', async () => {
    const held = [holdRequest(t.url), holdRequest(t.url)];
    const probe = await untilBusy();
    expect(probe.headers.get('retry-after')).toBe('5');
    expect(probe.body).toMatchObject({ error: 'busy' });

    const burst = await Promise.all(Array.from({ length: 8 }, () => t.api('POST', '/api/webchat/sessions', {})));
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(503));
    expect(burst.every((r) => r.headers.get('retry-after') === '5' && r.body.error === 'busy')).toBe(true);
    for (let i = 0; i < 3; i++) expect(await t.api('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });

    // The held requests were admitted and are served in full; their slots come back.
    expect(await Promise.all(held.map((h) => h.finish()))).toEqual([201, 201]);
    const after = await t.api('POST', '/api/webchat/sessions', {});
    expect(after.status).toBe(201);
  }, 60_000);

  it('gives a slot back when a client goes away mid-request', async () => {
    const held = [holdRequest(t.url), holdRequest(t.url)];
    await untilBusy();
    held[0]!.req.destroy();
    // The dropped request's slot frees once the server sees the close; then a request goes through.
    for (let i = 0; ; i++) {
      const r = await t.api('GET', '/api/webchat/sessions/none');
      if (r.status === 404) break;
      if (i > 250) throw new Error('the dropped request never gave its slot back');
      expect(r.status).toBe(503);
      await new Promise((res) => setTimeout(res, 20));
    }
    expect(await held[1]!.finish()).toBe(201);
  }, 60_000);
});
