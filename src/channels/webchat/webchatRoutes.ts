import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiErrorCode } from '../../domain/errors.js';
import { fieldErrors } from '../../users/newUserSchema.js';
import type { Locale } from '../../language/locale.js';
import type { ConversationReads } from '../../engine/conversationReads.js';
import type { ConversationRecord, StoredReply } from '../../engine/ports.js';
import { agreementTermFileName, renderAgreementTermPdf } from '../../phrasing/agreementTermPdf.js';
import { pixQrPng } from '../../phrasing/pixQrPng.js';
import type { StoredAgreementTerm } from '../../storage/agreementTermReader.js';
import type { InboundHandler } from '../channelPort.js';
import { dropControlCharacters } from '../inboundText.js';

export const WEBCHAT = 'webchat';
/** A chat message is a sentence or two; a 100 KB paste is refused with a clear error, not half-read. */
export const MAX_WEBCHAT_TEXT = 4000;
// Public, unauthenticated routes read small bodies only. A pasted page (up to about 100 KB) still
// gets text_too_long in the debtor's language; anything larger is refused with 413 from its
// Content-Length, unread.
const MESSAGE_BODY_LIMIT = 128 * 1024;
const SESSION_BODY_LIMIT = 1024;

const NewSession = z
  .object({
    locale: z.enum(['pt-BR', 'en']).optional(),
    // An e-mail's signed link (?t=…): the second identity factor for the debtor it names. A wrong
    // or expired one opens the same session as none.
    token: z.string().max(512).optional(),
  })
  .strict();
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

/**
 * The API's error answer ({ error, message, …details }, as the server's error handler writes its
 * HttpError); written here so the channel needs nothing from the HTTP layer above it.
 */
function fail(reply: FastifyReply, status: number, error: ApiErrorCode, message: string, details?: Record<string, unknown>) {
  return reply.status(status).send({ error, message, ...details });
}

const sessionNotFound = (reply: FastifyReply) => fail(reply, 404, 'session_not_found', 'no web chat session with this id');
/** A request body checked against its schema; 422 with a message per field otherwise. */
const invalidBody = (reply: FastifyReply, error: z.ZodError) => fail(reply, 422, 'invalid_body', 'the request body is not valid', { errors: fieldErrors(error) });

export interface WebchatRoutesDeps {
  /** Where a debtor's message enters the core (the adapter's inbound handler). */
  receive: InboundHandler;
  /** Opens a session's conversation: the bot speaks first. */
  openSession(s: { sessionId: string; locale: Locale; clientAddress: string; token?: string }): Promise<{ replies: StoredReply[] }>;
  store: Pick<ConversationReads, 'find' | 'messagesAfter'>;
  messagesPerMinute: number;
  /** Messages per client address per minute, across sessions (their ids are the client's to choose). */
  messagesPerAddressPerMinute: number;
  sessionsPerMinute: number;
  /** The stored term of an agreement, for its PDF and its PIX QR codes; without it those routes are off. */
  readAgreementTerm?: (agreementId: string) => Promise<StoredAgreementTerm | null>;
}

/** Term downloads and QR codes per client address per minute: each one is rendered, so they are bounded. */
const DOCUMENTS_PER_MINUTE = 60;

/** The web chat's API: the page opens a session, posts the debtor's messages and pulls the rest. */
export function registerWebchatRoutes(app: FastifyInstance, deps: WebchatRoutesDeps) {
  const { store } = deps;

  const session = async (id: string): Promise<ConversationRecord | null> => {
    // An id with a NUL (…/sessions/%00/…) is nobody's, and PostgreSQL could not even compare it.
    if (dropControlCharacters(id) !== id) return null;
    return store.find(WEBCHAT, id);
  };

  app.post(
    '/api/webchat/sessions',
    { bodyLimit: SESSION_BODY_LIMIT, config: { rateLimit: { max: deps.sessionsPerMinute, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `s:${req.ip}` } } },
    async (req, reply) => {
      const body = NewSession.safeParse(req.body ?? {});
      if (!body.success) return invalidBody(reply, body.error);
      const sessionId = randomUUID();
      // The client address counts identity attempts across sessions (a new session starts no new count).
      const { replies } = await deps.openSession({ sessionId, locale: body.data.locale ?? 'pt-BR', clientAddress: req.ip, token: body.data.token });
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
    async (req, reply) => {
      const body = NewMessage.safeParse(req.body ?? {});
      // NUL and other control characters are dropped (PostgreSQL text cannot hold NUL), newlines and tabs kept.
      const text = body.success ? dropControlCharacters(body.data.text).trim() : '';
      // A message to answer reads its conversation once, in the pipeline; a refused one reads it
      // here, for the 404 or for the conversation's language.
      if (!body.success || !text || text.length > MAX_WEBCHAT_TEXT) {
        const conv = await session(req.params.id);
        if (!conv) return sessionNotFound(reply);
        if (!body.success) return invalidBody(reply, body.error);
        // The page shows `message` to the debtor as is, so it speaks the conversation's language.
        const pt = conv.locale === 'pt-BR';
        if (!text) return fail(reply, 422, 'empty_text', pt ? 'A mensagem está vazia.' : 'The message is empty.');
        return fail(
          reply,
          422,
          'text_too_long',
          pt
            ? `As mensagens têm no máximo ${MAX_WEBCHAT_TEXT} caracteres; esta tem ${text.length}. Por favor, envie uma mensagem mais curta.`
            : `Messages are limited to ${MAX_WEBCHAT_TEXT} characters; this one has ${text.length}. Please send a shorter message.`,
        );
      }
      if (dropControlCharacters(req.params.id) !== req.params.id) return sessionNotFound(reply);
      const clientMessageId = dropControlCharacters(body.data.clientMessageId ?? '') || undefined;
      let res: Awaited<ReturnType<InboundHandler>>;
      try {
        res = await deps.receive({
          channel: WEBCHAT,
          chatId: req.params.id,
          messageId: `${req.params.id}:${clientMessageId ?? randomUUID()}`,
          kind: 'text',
          text,
          clientAddress: req.ip,
          receivedAt: new Date(),
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'CONVERSATION_NOT_FOUND') return sessionNotFound(reply);
        throw err;
      }
      return { replies: res.replies.map(toReply), duplicate: res.duplicate || undefined };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { after?: string } }>('/api/webchat/sessions/:id/messages', async (req, reply) => {
    const conv = await session(req.params.id);
    if (!conv) return sessionNotFound(reply);
    const after = req.query.after === undefined ? 0 : Number(req.query.after);
    if (!Number.isInteger(after) || after < 0) return fail(reply, 422, 'invalid_after', '"after" must be a whole number (a message seq)');
    return { messages: (await store.messagesAfter(conv.id, after)).map(toReply) };
  });

  app.get<{ Params: { id: string } }>('/api/webchat/sessions/:id', async (req, reply) => {
    const conv = await session(req.params.id);
    if (!conv) return sessionNotFound(reply);
    return { status: conv.status, state: conv.snapshot?.value ?? 'start' };
  });

  const readTerm = deps.readAgreementTerm;
  if (!readTerm) return;
  const documentLimit = { rateLimit: { max: DOCUMENTS_PER_MINUTE, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `d:${req.ip}` } };
  const agreementNotFound = (reply: FastifyReply) => fail(reply, 404, 'not_found', 'no agreement with this id in this conversation');

  /**
   * The agreement, when this session may read it: made in this conversation, or an agreement of the
   * debtor this conversation verified (a debtor who comes back sees the agreement in force). Any
   * other agreement is answered as if it did not exist.
   */
  const agreementOf = async (conv: ConversationRecord, agreementId: string): Promise<StoredAgreementTerm | null> => {
    if (dropControlCharacters(agreementId) !== agreementId) return null;
    const stored = await readTerm(agreementId);
    if (!stored) return null;
    if (stored.conversationId === conv.id) return stored;
    const verified = conv.snapshot?.context.verified === true;
    return verified && conv.debtorId !== null && conv.debtorId === stored.debtorId ? stored : null;
  };

  app.get<{ Params: { id: string; agreementId: string } }>('/api/webchat/sessions/:id/agreements/:agreementId/term.pdf', { config: documentLimit }, async (req, reply) => {
    const conv = await session(req.params.id);
    if (!conv) return sessionNotFound(reply);
    const stored = await agreementOf(conv, req.params.agreementId);
    if (!stored) return agreementNotFound(reply);
    const pdf = await renderAgreementTermPdf(stored.term);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${agreementTermFileName(stored.term)}"`)
      // The debtor's personal data: kept by no cache between the server and the page.
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });

  app.get<{ Params: { id: string; agreementId: string; n: string } }>(
    '/api/webchat/sessions/:id/agreements/:agreementId/installments/:n/qr.png',
    { config: documentLimit },
    async (req, reply) => {
      const conv = await session(req.params.id);
      if (!conv) return sessionNotFound(reply);
      const stored = await agreementOf(conv, req.params.agreementId);
      if (!stored) return agreementNotFound(reply);
      const inst = /^\d{1,3}$/.test(req.params.n) ? stored.term.installments.find((i) => i.n === Number(req.params.n)) : undefined;
      if (!inst) return fail(reply, 404, 'not_found', 'no instalment with this number in this agreement');
      return reply.header('content-type', 'image/png').header('cache-control', 'private, max-age=300').send(await pixQrPng(inst.pixCode));
    },
  );
}
