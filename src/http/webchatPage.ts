import type { FastifyInstance } from 'fastify';
import { CSS, HTML, JS, pageCsp, readPublic, registerI18nFile, serveStatic } from './uiFiles.js';

// As the consoles (consolePage.ts): script and styles are files of their own, so the CSP needs no
// 'unsafe-inline' and text a debtor or the bot writes could never run as script. The page is never
// framed (frame-ancestors 'none'): a debtor's chat inside another site's frame is a phishing kit.
export const WEBCHAT_CSP = pageCsp();

const FILES = [
  { route: '/webchat.js', file: 'webchat.js', type: JS },
  { route: '/webchat-text.js', file: 'webchat-text.js', type: JS },
  { route: '/webchat.css', file: 'webchat.css', type: CSS },
] as const;

/** The debtor's chat page (also the admins' simulator) at / and /chat, with its scripts (i18n.js is uiFiles.ts's) and styles. */
export function registerWebchatPage(app: FastifyInstance) {
  const html = readPublic('webchat.html');
  for (const route of ['/', '/chat']) serveStatic(app, { route, body: html, type: HTML, csp: WEBCHAT_CSP });
  for (const { route, file, type } of FILES) serveStatic(app, { route, body: readPublic(file), type, csp: WEBCHAT_CSP });
  registerI18nFile(app);
}
