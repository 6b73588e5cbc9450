import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { CSS, HTML, JS, pageCsp, readPublic, registerUiFiles, serveStatic } from './uiFiles.js';

// As the agents' console (consolePage.ts): scripts only from files of our own origin, so an
// injected <script> or on*="" attribute in API data would not run even if it reached the DOM.
// The one difference: mermaid draws the flow diagram as an SVG that carries its own inline
// <style> element and style="" attributes, which style-src 'self' alone would strip (an unstyled,
// unreadable diagram). Inline CSS cannot run code, so style-src gets 'unsafe-inline' on this page
// only; script-src stays 'self' (through default-src), with no 'unsafe-inline' and no 'unsafe-eval'.
export const ADMIN_CSP = pageCsp("style-src 'self' 'unsafe-inline'");

// The page's script is split by section (ES modules importing each other by these same paths)
// so that no file has to hold the whole console.
const MODULES = [
  'admin.js',
  'admin-text.js',
  'admin-core.js',
  'admin-windows.js',
  'admin-flows.js',
  'admin-flow-state.js',
  'admin-flow-versions.js',
  'admin-flow-draft.js',
  'admin-flow-diff.js',
  'admin-flow-editor.js',
  'admin-diagram.js',
  'admin-simulator.js',
  'admin-policy.js',
  'admin-escalation.js',
  'admin-contact.js',
  'admin-reminders.js',
  'admin-portfolio.js',
  'admin-debtors.js',
  'admin-agreements.js',
  'admin-payments.js',
  'admin-decisions.js',
  'admin-identity.js',
  'admin-audit.js',
  'admin-users.js',
] as const;

const FILES = [
  { route: '/admin', file: 'admin.html', type: HTML },
  { route: '/admin.css', file: 'admin.css', type: CSS },
  ...MODULES.map((file) => ({ route: `/${file}`, file, type: JS })),
];
// The browser bundle (an IIFE that sets window.mermaid), loaded by the page only when it draws.
const MERMAID = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/**
 * The admins' console: GET /admin, its scripts, stylesheets and the mermaid bundle, and the files
 * it shares with the agents' console (uiFiles.ts).
 */
export function registerAdminPage(app: FastifyInstance): void {
  registerUiFiles(app);
  for (const { route, file, type } of FILES) serveStatic(app, { route, body: readPublic(file), type, csp: ADMIN_CSP });
  serveStatic(app, { route: '/admin/vendor/mermaid.min.js', body: readFileSync(MERMAID), type: JS, csp: ADMIN_CSP });
}
