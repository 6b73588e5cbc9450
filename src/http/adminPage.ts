import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

// As the agents' console (consolePage.ts): scripts only from files of our own origin, so an
// injected <script> or on*="" attribute in API data would not run even if it reached the DOM.
// The one difference: mermaid draws the flow diagram as an SVG that carries its own inline
// <style> element and style="" attributes, which style-src 'self' alone would strip (an unstyled,
// unreadable diagram). Inline CSS cannot run code, so style-src gets 'unsafe-inline' on this page
// only; script-src stays 'self' (through default-src), with no 'unsafe-inline' and no 'unsafe-eval'.
// img-src data: is for the page's empty favicon (data:,).
export const ADMIN_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const JS = 'text/javascript; charset=utf-8';

// The page's script is split by section (ES modules importing each other by these same paths)
// so that no file has to hold the whole console.
const MODULES = [
  'admin.js',
  'admin-text.js',
  'admin-core.js',
  'admin-windows.js',
  'admin-flows.js',
  'admin-flow-editor.js',
  'admin-diagram.js',
  'admin-simulator.js',
  'admin-policy.js',
  'admin-escalation.js',
  'admin-contact.js',
  'admin-portfolio.js',
  'admin-debtors.js',
  'admin-decisions.js',
  'admin-audit.js',
  'admin-users.js',
] as const;

const publicFile = (file: string) => new URL(`./public/${file}`, import.meta.url);

const FILES: { route: string; source: URL | string; type: string }[] = [
  { route: '/admin', source: publicFile('admin.html'), type: 'text/html; charset=utf-8' },
  { route: '/admin.css', source: publicFile('admin.css'), type: 'text/css; charset=utf-8' },
  ...MODULES.map((file) => ({ route: `/${file}`, source: publicFile(file), type: JS })),
  // The browser bundle (an IIFE that sets window.mermaid), loaded by the page only when it draws.
  { route: '/admin/vendor/mermaid.min.js', source: createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), type: JS },
];

/** The admins' console: GET /admin, its scripts, stylesheet and the mermaid bundle (static, read once). */
export function registerAdminPage(app: FastifyInstance): void {
  for (const { route, source, type } of FILES) {
    const body = readFileSync(source);
    // no-cache revalidates on every load (a deploy's new script never runs against an old page);
    // the ETag makes that revalidation a 304 instead of 3.5 MB of mermaid each time.
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    app.get(route, async (req, reply) => {
      reply
        .header('content-security-policy', ADMIN_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-cache')
        .header('etag', etag);
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.header('content-type', type).send(body);
    });
  }
}
