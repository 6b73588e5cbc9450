import type { FastifyInstance } from 'fastify';
import { CSS, HTML, JS, pageCsp, readPublic, registerUiFiles, serveStatic } from './uiFiles.js';

// Script and styles are files of their own so that the CSP needs no 'unsafe-inline': an injected
// <script> or on*="" attribute in debtor text would not run even if it ever reached the DOM.
export const CONSOLE_CSP = pageCsp();

const FILES = [
  { route: '/console', file: 'console.html', type: HTML },
  { route: '/console.js', file: 'console.js', type: JS },
  { route: '/console-text.js', file: 'console-text.js', type: JS },
  { route: '/console.css', file: 'console.css', type: CSS },
] as const;

/** The agents' console: GET /console, its scripts and stylesheets, and those it shares with the admins' (uiFiles.ts). */
export function registerConsolePage(app: FastifyInstance): void {
  registerUiFiles(app);
  for (const { route, file, type } of FILES) serveStatic(app, { route, body: readPublic(file), type, csp: CONSOLE_CSP });
}
