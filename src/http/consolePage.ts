import type { FastifyInstance } from 'fastify';
import { CSS, HTML, JS, pageCsp, readPublic, registerUiFiles, serveStatic } from './uiFiles.js';

// Script and styles are files of their own so that the CSP needs no 'unsafe-inline': an injected
// <script> or on*="" attribute in debtor text would not run even if it ever reached the DOM.
export const CONSOLE_CSP = pageCsp();

// The page's script is split by concern (ES modules importing each other by these same paths):
// console.js is the entry, the session and the live updates; the others are its parts.
const MODULES = [
  'console.js',
  'console-text.js',
  'console-state.js',
  'console-format.js',
  'console-queue.js',
  'console-conversation.js',
  'console-debtor.js',
  'console-agreement.js',
  'console-actions.js',
  'console-offer.js',
] as const;

const FILES = [
  { route: '/console', file: 'console.html', type: HTML },
  { route: '/console.css', file: 'console.css', type: CSS },
  ...MODULES.map((file) => ({ route: `/${file}`, file, type: JS })),
];

/** The agents' console: GET /console, its scripts and stylesheets, and those it shares with the admins' (uiFiles.ts). */
export function registerConsolePage(app: FastifyInstance): void {
  registerUiFiles(app);
  for (const { route, file, type } of FILES) serveStatic(app, { route, body: readPublic(file), type, csp: CONSOLE_CSP });
}
