import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const PAGE = new URL('./public/webchat.html', import.meta.url);

/** The debtor's chat page (also the admins' simulator). Read per request in dev is not needed: it is static. */
export function registerWebchatPage(app: FastifyInstance) {
  const html = readFileSync(PAGE, 'utf8');
  const send = async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; img-src 'self' data:")
      .send(html);
  app.get('/', send);
  app.get('/chat', send);
}
