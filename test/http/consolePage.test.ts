// The console's route: the page and its files, each with the CSP that forbids inline code.
// The page itself is driven in a browser by the end-to-end tests.
import { readdirSync, readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/buildServer.js';
import { registerConsolePage } from '../../src/http/consolePage.js';
import { UI_FILES_CSP } from '../../src/http/uiFiles.js';

describe('console page route', () => {
  let server: FastifyInstance;

  beforeAll(async () => {
    server = await buildServer(pino({ level: 'silent' }));
    registerConsolePage(server);
    await server.ready();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['/console', 'text/html', '<title>'],
    ['/console.js', 'text/javascript', "EventSource('/api/agent/events')"],
    ['/console-text.js', 'text/javascript', 'export const TEXT'],
    ['/console.css', 'text/css', '.queue-item'],
  ])('serves %s as %s with a CSP that allows only same-origin files', async (url, type, marker) => {
    const res = await server.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain(marker);
  });

  it.each([
    ['/ui-core.js', 'text/javascript', 'export async function api('],
    ['/ui.css', 'text/css', '.login-card'],
  ])('serves %s, shared with the admin console, as %s', async (url, type, marker) => {
    const res = await server.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    // A CSP on a script or stylesheet does not apply to the page that loads it: this one allows nothing.
    expect(res.headers['content-security-policy']).toBe(UI_FILES_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain(marker);
  });

  it('serves every module the page imports', async () => {
    const modules = readdirSync(new URL('../../src/http/public/', import.meta.url)).filter((f) => /^console.*\.js$/.test(f));
    expect(modules.length).toBeGreaterThan(5);
    for (const file of modules) {
      const res = await server.inject({ method: 'GET', url: `/${file}` });
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-type'], file).toContain('text/javascript');
      for (const [, imported] of res.body.matchAll(/^import\b[^;]*? from '\.?(\/[^']+)'/gm)) {
        expect((await server.inject({ method: 'GET', url: imported! })).statusCode, `${file} imports ${imported}`).toBe(200);
      }
    }
  });

  it('loads its script and styles from files, so the CSP blocks nothing the page needs', async () => {
    const html = (await server.inject({ method: 'GET', url: '/console' })).body;
    expect(html).toContain('<script type="module" src="/console.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/ui.css">\n<link rel="stylesheet" href="/console.css">');
    // The shared head, top bar, banners and login form are put in (ui-head.html, ui-top.html, ui-login.html).
    expect(html).not.toContain('#include');
    for (const id of ['me', 'lang', 'logout', 'error', 'notice', 'login-form', 'login-submit']) expect(html).toContain(`id="${id}"`);
    // Inline code or styles would be refused under this CSP.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style[\s>]/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('console texts', () => {
  it('labels every hand-off reason the default flow and the pipeline can give, in both locales', async () => {
    // @ts-expect-error: a browser module without types
    const { TEXT } = (await import('../../src/http/public/console-text.js')) as { TEXT: Record<string, { reasons: Record<string, string> }> };
    const flow = readFileSync(new URL('../../flows/negotiation.json', import.meta.url), 'utf8');
    const reasons = new Set([...flow.matchAll(/"reason": "([^"]+)"/g)].map((m) => m[1]!));
    reasons.add('bot_error'); // a turn that could not run (src/storage/prismaConversationStore.ts failTurn)
    expect(reasons.size).toBeGreaterThan(5);
    for (const locale of ['pt-BR', 'en']) {
      for (const r of reasons) expect(TEXT[locale]!.reasons[r], `${locale} label for ${r}`).toBeTruthy();
    }
  });
});
