import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// What the agents' console (consolePage.ts) and the admins' console (adminPage.ts) share: the
// script ui-core.js (session, API client, DOM helpers, formatting), the texts they say alike
// (ui-text.js) and the base styles ui.css,
// served once for both; i18n.js, the translation module of these two pages and the web chat; the markup parts ui-head.html, ui-top.html and ui-login.html, put into
// each page where it says `<!-- #include … -->`; their CSPs' common part; and the way all of their
// files are served.
//
// Each page keeps its own CSP on its HTML, the header that governs what the page may load and run.
// A CSP on a script or stylesheet response governs nothing of the page that loads it; this one
// only covers the file opened on its own (which, served as script or CSS with nosniff, runs nothing).
export const UI_FILES_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * A console page's CSP: everything from files of our own origin only (no 'unsafe-inline', no
 * 'unsafe-eval'), `extra` directives right after default-src. img-src data: is for the page's
 * empty favicon (data:,), which otherwise logs a CSP violation.
 */
export function pageCsp(...extra: string[]): string {
  return ["default-src 'self'", ...extra, "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');
}

export const HTML = 'text/html; charset=utf-8';
export const JS = 'text/javascript; charset=utf-8';
export const CSS = 'text/css; charset=utf-8';

const I18N = { route: '/i18n.js', file: 'i18n.js', type: JS };
const UI_FILES = [{ route: '/ui-core.js', file: 'ui-core.js', type: JS }, { route: '/ui-text.js', file: 'ui-text.js', type: JS }, { route: '/ui.css', file: 'ui.css', type: CSS }, I18N];

/** A file of ./public; in a page, each `<!-- #include ui-….html -->` line is replaced by that shared part. */
export function readPublic(file: string): string {
  const text = readFileSync(new URL(`./public/${file}`, import.meta.url), 'utf8');
  return text.replace(/^<!-- #include (ui-[a-z-]+\.html) -->\n/gm, (_line, part: string) => readPublic(part));
}

/**
 * GET `route` answers `body` (read once, at startup) with the page's CSP. no-cache revalidates on
 * every load (a deploy's new script never runs against an old page); the ETag makes that
 * revalidation a 304 instead of the whole file (200 kB for Chart.js) each time.
 */
export function serveStatic(app: FastifyInstance, file: { route: string; body: string | Buffer; type: string; csp: string }): void {
  const etag = `"${createHash('sha256').update(file.body).digest('base64url').slice(0, 27)}"`;
  app.get(file.route, async (req, reply) => {
    reply
      .header('content-security-policy', file.csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.header('content-type', file.type).send(file.body);
  });
}

function serveOnce(app: FastifyInstance, { route, file, type }: { route: string; file: string; type: string }): void {
  if (!app.hasRoute({ method: 'GET', url: route })) serveStatic(app, { route, body: readPublic(file), type, csp: UI_FILES_CSP });
}

/** GET /ui-core.js, /ui-text.js, /ui.css and /i18n.js. Both consoles call it; the first one registers them. */
export function registerUiFiles(app: FastifyInstance): void {
  for (const file of UI_FILES) serveOnce(app, file);
}

/** GET /i18n.js, for the web chat (the consoles have it from registerUiFiles). */
export function registerI18nFile(app: FastifyInstance): void {
  serveOnce(app, I18N);
}
