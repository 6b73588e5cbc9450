// The admin console's route: the page, its modules and the dagre and Chart.js bundles, each with the CSP that
// forbids inline scripts and styles. The page itself is driven in a browser by the end-to-end tests.
import { readdirSync, readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGEING_BUCKET_IDS } from '../../src/domain/kpis.js';
import { ADMIN_CSP, registerAdminPage } from '../../src/http/adminPage.js';
import { buildServer } from '../../src/http/buildServer.js';
import { UI_FILES_CSP, readPublic } from '../../src/http/uiFiles.js';

const PUBLIC = new URL('../../src/http/public/', import.meta.url);
// The page's own modules and ui-core.js, which it shares with the agents' console.
const MODULES = readdirSync(PUBLIC).filter((f) => /^(admin.*|ui-core)\.js$/.test(f));
const sources = Object.fromEntries(MODULES.map((f) => [f, readFileSync(new URL(f, PUBLIC), 'utf8')]));

describe('admin page route', () => {
  let server: FastifyInstance;

  beforeAll(async () => {
    server = await buildServer(pino({ level: 'silent' }));
    registerAdminPage(server);
    await server.ready();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['/admin', 'text/html', '<title>'],
    ['/admin.js', 'text/javascript', "from '/admin-flows.js'"],
    ['/admin-text.js', 'text/javascript', 'export const TEXT'],
    ['/admin.css', 'text/css', '.gutter-line'],
    ['/admin/vendor/dagre.js', 'text/javascript', 'var dagre = '],
    ['/admin/vendor/chart.umd.min.js', 'text/javascript', 'Chart.js v4.6.1'],
  ])('serves %s as %s with a CSP that allows scripts from the same origin only', async (url, type, marker) => {
    const res = await server.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(ADMIN_CSP);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain(marker);
  });

  it("serves the files it shares with the agents' console (uiFiles.ts)", async () => {
    for (const [url, type] of [['/ui-core.js', 'text/javascript'], ['/ui.css', 'text/css']] as const) {
      const res = await server.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain(type);
      expect(res.headers['content-security-policy'], url).toBe(UI_FILES_CSP);
    }
  });

  it("allows no inline script or style: no 'unsafe-inline' anywhere (the flow diagram is styled by classes)", () => {
    expect(ADMIN_CSP).not.toContain('unsafe-inline');
    expect(ADMIN_CSP).not.toContain('style-src');
  });

  it('serves every module the page imports', async () => {
    expect(MODULES.length).toBeGreaterThan(5);
    for (const file of MODULES) {
      const res = await server.inject({ method: 'GET', url: `/${file}` });
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-type'], file).toContain('text/javascript');
      for (const [, imported] of res.body.matchAll(/from '(\/[^']+)'/g)) {
        expect((await server.inject({ method: 'GET', url: imported! })).statusCode, `${file} imports ${imported}`).toBe(200);
      }
    }
  });

  it('answers a revalidation with 304 when the file is unchanged', async () => {
    const first = await server.inject({ method: 'GET', url: '/admin/vendor/dagre.js' });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await server.inject({ method: 'GET', url: '/admin/vendor/dagre.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('loads its script and styles from files, so the CSP blocks nothing the page needs', async () => {
    const html = (await server.inject({ method: 'GET', url: '/admin' })).body;
    expect(html).toContain('<script type="module" src="/admin.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/ui.css">\n<link rel="stylesheet" href="/admin.css">');
    expect(html).toContain('id="login-form"'); // from ui-login.html, put in by the route (tested with the console's)
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style[\s>]/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('admin page scripts', () => {
  it('never parses markup nor sets a style attribute (the flow diagram too is built element by element)', () => {
    expect(sources['admin-flow-graph.js']).toContain('createElementNS');
    for (const [file, src] of Object.entries(sources)) {
      const uses = [...src.matchAll(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function\(/g)];
      expect(uses.map((m) => m[0]), file).toEqual([]);
      // A style="" attribute would be refused by the CSP (no 'unsafe-inline'); the CSSOM (el.style.x) is allowed.
      expect(src, file).not.toMatch(/setAttribute\(\s*['"]style['"]|\sstyle=/);
    }
  });
});

describe('admin texts', () => {
  it('has the same keys in both locales and a text for every key the page names', async () => {
    // @ts-expect-error: a browser module without types
    const { TEXT } = (await import('../../src/http/public/admin-text.js')) as { TEXT: Record<string, Record<string, unknown>> };
    const pt = TEXT['pt-BR']!;
    const en = TEXT.en!;
    expect(Object.keys(en).sort()).toEqual(Object.keys(pt).sort());
    for (const k of Object.keys(pt)) {
      if (typeof pt[k] === 'object') expect(Object.keys(en[k] as object).sort(), k).toEqual(Object.keys(pt[k] as object).sort());
      else expect(typeof en[k], k).toBe(typeof pt[k]);
    }
    const page = [readPublic('admin.html'), ...Object.values(sources)].join('\n');
    const named = new Set([
      ...[...page.matchAll(/data-i18n(?:-placeholder|-aria-label)?="([A-Za-z]+)"/g)].map((m) => m[1]!),
      ...[...page.matchAll(/\b(?:i18n|i18nPlaceholder|i18nAriaLabel|labelKey|hintKey)\s*:\s*'([A-Za-z]+)'/g)].map((m) => m[1]!),
      ...[...page.matchAll(/\bt\(\)\.([A-Za-z]+)/g)].map((m) => m[1]!),
      ...[...page.matchAll(/\bt\('([A-Za-z]+)'/g)].map((m) => m[1]!),
    ]);
    expect(named.size).toBeGreaterThan(50);
    for (const k of named) expect(pt[k], `pt-BR text for ${k}`).toBeDefined();
  });

  it("lists the dashboard's overdue buckets as the KPIs define them, in order, in both locales", async () => {
    // @ts-expect-error: a browser module without types
    const { TEXT } = (await import('../../src/http/public/admin-text.js')) as { TEXT: Record<string, { buckets: Record<string, string> }> };
    for (const locale of ['pt-BR', 'en']) expect(Object.keys(TEXT[locale]!.buckets), locale).toEqual(AGEING_BUCKET_IDS);
  });

  it('names every reason the contact policy gives for a proactive message', async () => {
    // @ts-expect-error: a browser module without types
    const { TEXT } = (await import('../../src/http/public/admin-text.js')) as { TEXT: Record<string, { decisionReasons: Record<string, string> }> };
    const reasons = ['allowed', 'quiet_hours', 'holiday', 'daily_cap', 'weekly_cap', 'min_interval', 'opted_out'];
    for (const locale of ['pt-BR', 'en']) for (const r of reasons) expect(TEXT[locale]!.decisionReasons[r], `${locale} ${r}`).toBeTruthy();
  });
});
