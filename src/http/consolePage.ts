import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

// Script and styles are files of their own so that the CSP needs no 'unsafe-inline': an injected
// <script> or on*="" attribute in debtor text would not run even if it ever reached the DOM.
// img-src data: is for the page's empty favicon (data:,), which otherwise logs a CSP violation.
export const CONSOLE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const FILES = [
  { route: '/console', file: 'console.html', type: 'text/html; charset=utf-8' },
  { route: '/console.js', file: 'console.js', type: 'text/javascript; charset=utf-8' },
  { route: '/console-text.js', file: 'console-text.js', type: 'text/javascript; charset=utf-8' },
  { route: '/console.css', file: 'console.css', type: 'text/css; charset=utf-8' },
] as const;

/** The agents' console: GET /console and its scripts and stylesheet (static, read once). */
export function registerConsolePage(app: FastifyInstance): void {
  for (const { route, file, type } of FILES) {
    const body = readFileSync(new URL(`./public/${file}`, import.meta.url), 'utf8');
    app.get(route, async (_req, reply) =>
      reply
        .header('content-type', type)
        .header('content-security-policy', CONSOLE_CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        // Revalidate on every load so a deploy's new script never runs against an old page.
        .header('cache-control', 'no-cache')
        .send(body),
    );
  }
}
