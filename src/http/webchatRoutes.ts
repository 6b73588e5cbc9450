import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ConversationReads } from '../engine/conversationReads.js';
import type { StoredReply } from '../engine/ports.js';
import type { TurnPipeline } from '../engine/turnPipeline.js';
import { dropControlCharacters } from '../channels/inboundText.js';
import { HttpError } from './errors.js';
import { parseBody } from './parseBody.js';

export const WEBCHAT = 'webchat';
/** A chat message is a sentence or two; a 100 KB paste is refused with a clear error, not half-read. */
export const MAX_WEBCHAT_TEXT = 4000;
// Public, unauthenticated routes read small bodies only. A pasted page (up to about 100 KB) still
// gets text_too_long in the debtor's language; anything larger is refused with 413 from its
// Content-Length, unread.
const MESSAGE_BODY_LIMIT = 128 * 1024;
const SESSION_BODY_LIMIT = 1024;

const NewSession = z.object({ locale: z.enum(['pt-BR', 'en']).optional() }).strict();
const NewMessage = z
  .object({
    text: z.string(),
    // Optional idempotency key: a client retrying the same message gets the same replies, once.
    clientMessageId: z.string().min(1).max(100).optional(),
  })
  .strict();

/**
 * The facts a debtor may read. Of an agent only the name (as they sign their messages): rows
 * written before agents' replies stopped carrying it hold the agent's internal user id too.
 */
function debtorVisibleFacts(facts: Record<string, unknown>): Record<string, unknown> {
  if (!facts.agent || typeof facts.agent !== 'object') return facts;
  const { name } = facts.agent as { name?: unknown };
  return { ...facts, agent: typeof name === 'string' ? { name } : {} };
}

function toReply(r: StoredReply) {
  return { seq: r.seq, from: r.from, text: r.text, options: r.options, key: r.key, facts: debtorVisibleFacts(r.facts) };
}

export interface WebchatDeps {
  pipeline: TurnPipeline;
  store: Pick<ConversationReads, 'find' | 'messagesAfter'>;
  messagesPerMinute: number;
  /** Messages per client address per minute, across sessions (their ids are the client's to choose). */
  messagesPerAddressPerMinute: number;
  sessionsPerMinute: number;
}

export function registerWebchatRoutes(app: FastifyInstance, deps: WebchatDeps) {
  const { pipeline, store } = deps;

  const session = async (id: string) => {
    // An id with a NUL (…/sessions/%00/…) is nobody's, and PostgreSQL could not even compare it.
    if (dropControlCharacters(id) !== id) throw new HttpError(404, 'session_not_found', 'no web chat session with this id');
    const conv = await store.find(WEBCHAT, id);
    if (!conv) throw new HttpError(404, 'session_not_found', 'no web chat session with this id');
    return conv;
  };

  app.post(
    '/api/webchat/sessions',
    { bodyLimit: SESSION_BODY_LIMIT, config: { rateLimit: { max: deps.sessionsPerMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `s:${req.ip}` } } },
    async (req, reply) => {
      const body = parseBody(NewSession, req.body);
      const sessionId = randomUUID();
      // The client address counts identity attempts across sessions (a new session starts no new count).
      const { replies } = await pipeline.open(WEBCHAT, sessionId, body.locale ?? 'pt-BR', undefined, undefined, req.ip);
      return reply.status(201).send({ sessionId, replies: replies.filter((r) => r.from !== 'debtor').map(toReply) });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/webchat/sessions/:id/messages',
    {
      bodyLimit: MESSAGE_BODY_LIMIT,
      // Per session (one debtor typing too fast) and per address (one client making up session ids).
      onRequest: app.rateLimit({ max: deps.messagesPerAddressPerMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `ma:${req.ip}` }),
      config: {
        rateLimit: { max: deps.messagesPerMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `m:${(req.params as { id: string }).id}` },
      },
    },
    async (req) => {
      const conv = await session(req.params.id);
      const body = parseBody(NewMessage, req.body);
      // NUL and other control characters are dropped (PostgreSQL text cannot hold NUL), newlines and tabs kept.
      const text = dropControlCharacters(body.text).trim();
      const clientMessageId = body.clientMessageId === undefined ? undefined : dropControlCharacters(body.clientMessageId) || undefined;
      // The page shows `message` to the debtor as is, so it speaks the conversation's language.
      const pt = conv.locale === 'pt-BR';
      if (!text) throw new HttpError(422, 'empty_text', pt ? 'A mensagem está vazia.' : 'The message is empty.');
      if (text.length > MAX_WEBCHAT_TEXT) {
        throw new HttpError(
          422,
          'text_too_long',
          pt
            ? `As mensagens têm no máximo ${MAX_WEBCHAT_TEXT} caracteres; esta tem ${text.length}. Por favor, envie uma mensagem mais curta.`
            : `Messages are limited to ${MAX_WEBCHAT_TEXT} characters; this one has ${text.length}. Please send a shorter message.`,
        );
      }
      const res = await pipeline.handle({ channel: WEBCHAT, chatId: req.params.id, channelMessageId: `${req.params.id}:${clientMessageId ?? randomUUID()}`, text, clientAddress: req.ip });
      return { replies: res.replies.map(toReply), duplicate: res.duplicate || undefined };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { after?: string } }>('/api/webchat/sessions/:id/messages', async (req) => {
    const conv = await session(req.params.id);
    const after = req.query.after === undefined ? 0 : Number(req.query.after);
    if (!Number.isInteger(after) || after < 0) throw new HttpError(422, 'invalid_after', '"after" must be a whole number (a message seq)');
    return { messages: (await store.messagesAfter(conv.id, after)).map(toReply) };
  });

  app.get<{ Params: { id: string } }>('/api/webchat/sessions/:id', async (req) => {
    const conv = await session(req.params.id);
    return { status: conv.status, state: conv.snapshot?.value ?? 'start' };
  });
}
