import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuthUser } from '../users/authUser.js';
import type { ConsoleEvents } from '../handoff/consoleEvents.js';
import { canSeeConversation } from '../handoff/conversationAccess.js';
import { loadConversationView } from '../handoff/conversationView.js';
import { HandoffError, type HandoffDesk } from '../handoff/handoffDesk.js';
import { listActiveHandoffs } from '../handoff/handoffView.js';
import type { Db } from '../storage/database.js';
import { HttpError } from './errors.js';
import { parseBody } from './parseBody.js';
import { findSession } from '../storage/sessionRepository.js';
import { sessionAuth, sessionToken } from './sessionAuth.js';

/** Agents write sentences, not documents; the same bound as a debtor's message. */
export const MAX_AGENT_TEXT = 4000;
const HEARTBEAT_MS = 15_000;
// How often a live stream checks that its session still holds: a logout, an admin ending the
// user's sessions or disabling the user, or the session's expiry close the stream within this time
// (on any process: it is the database that is asked).
export const STREAM_SESSION_CHECK_MS = 5_000;

const TextBody = z
  .object({
    text: z
      .string()
      .transform((s) => s.trim())
      .pipe(z.string().min(1, 'must not be empty').max(MAX_AGENT_TEXT, `at most ${MAX_AGENT_TEXT} characters`)),
  })
  .strict();

const OfferBody = z
  .object({
    kind: z.enum(['cash', 'installments']),
    discountPercent: z.number().min(0).max(100).optional(),
    installments: z.number().int().min(1).max(120).optional(),
    firstDueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
      .optional(),
  })
  .strict();

const STATUS: Record<HandoffError['code'], number> = { not_found: 404, no_handoff: 404, claimed_by_other: 409, not_handed_off: 409, identity_not_verified: 409, invalid: 409 };

/** The desk speaks in its own errors; here they become HTTP answers. */
async function desk<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof HandoffError) throw new HttpError(STATUS[err.code], err.code, err.message, err.details);
    throw err;
  }
}

const toMessage = (m: { seq: number; direction: string; author: string; text: string | null; createdAt: Date; delivery: string | null }, user: AuthUser) => ({
  seq: m.seq,
  kind: m.direction === 'note' ? 'note' : 'message',
  from: m.author,
  text: m.text,
  at: m.createdAt.toISOString(),
  delivery: m.delivery,
  agent: { name: user.name },
});

export interface AgentRoutesDeps {
  db: Db;
  creditorId: string;
  desk: HandoffDesk;
  events: ConsoleEvents;
  clock?: () => Date;
}

/** The agent console's API (issue 5's contract); every route needs an agent or admin session. */
export function registerAgentRoutes(app: FastifyInstance, deps: AgentRoutesDeps) {
  const { db, creditorId } = deps;
  const clock = deps.clock ?? (() => new Date());
  const streams = new Set<FastifyReply>();
  // Live streams never end by themselves: close them so the server can stop.
  app.addHook('preClose', async () => {
    for (const s of streams) s.raw.end();
  });

  app.register(async (agent) => {
    agent.addHook('onRequest', sessionAuth(db, ['agent', 'admin'], clock));
    const me = (req: FastifyRequest) => req.user!;
    const id = (req: FastifyRequest) => (req.params as { conversationId: string }).conversationId;
    // Every route about one conversation: an agent reaches only those that have (or had) a
    // handoff. The answer is the same 404 as for an id that does not exist, so ids cannot be probed.
    agent.addHook('preHandler', async (req) => {
      const conversationId = (req.params as { conversationId?: string } | undefined)?.conversationId;
      if (conversationId !== undefined && !(await canSeeConversation(db, me(req), conversationId, creditorId))) {
        throw new HttpError(404, 'not_found', 'no such conversation');
      }
    });

    agent.get('/api/agent/handoffs', async () => ({ handoffs: await listActiveHandoffs(db) }));

    agent.post('/api/agent/handoffs/:conversationId/claim', async (req) => ({ handoff: await desk(() => deps.desk.claim(id(req), me(req))) }));

    agent.get('/api/agent/conversations/:conversationId', async (req) => {
      const view = await loadConversationView(db, id(req), creditorId);
      if (!view) throw new HttpError(404, 'not_found', 'no such conversation');
      return view;
    });

    agent.post('/api/agent/conversations/:conversationId/messages', async (req, reply) => {
      const { text } = parseBody(TextBody, req.body);
      const m = await desk(() => deps.desk.reply(id(req), me(req), text));
      return reply.status(201).send({ message: toMessage(m, me(req)) });
    });

    agent.post('/api/agent/conversations/:conversationId/notes', async (req, reply) => {
      const { text } = parseBody(TextBody, req.body);
      const m = await desk(() => deps.desk.note(id(req), me(req), text));
      return reply.status(201).send({ note: toMessage(m, me(req)) });
    });

    agent.post('/api/agent/conversations/:conversationId/offers', async (req, reply) => {
      const body = parseBody(OfferBody, req.body);
      const r = await desk(() => deps.desk.offer(id(req), me(req), body));
      if (!r.ok) return reply.status(422).send({ error: 'outside_policy', message: 'the offer is outside the limits', errors: r.errors });
      return reply.status(201).send({ offer: r.offer });
    });

    agent.post('/api/agent/conversations/:conversationId/handback', async (req) => {
      await desk(() => deps.desk.handback(id(req), me(req)));
      const c = await db.conversation.findUniqueOrThrow({ where: { id: id(req) }, select: { status: true, state: true } });
      return { conversation: c };
    });

    agent.post('/api/agent/conversations/:conversationId/close', async (req) => {
      await desk(() => deps.desk.close(id(req), me(req)));
      return { conversation: { status: 'closed' } };
    });

    // Server-sent events: the console refetches what a change concerns. Each listener gets only the
    // changes of conversations it may see (filtered here, per listener, not in the bus), and the
    // stream ends when its session does.
    agent.get('/api/agent/events', (req, reply) => {
      const user = me(req);
      const token = sessionToken(req)!;
      // A conversation an agent may see stays visible (a handoff, once made, is never undone).
      const visible = new Set<string>();
      const maySee = async (conversationId: string) => {
        if (user.role === 'admin' || visible.has(conversationId)) return true;
        if (!(await canSeeConversation(db, user, conversationId, creditorId))) return false;
        visible.add(conversationId);
        return true;
      };
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      reply.raw.write('retry: 2000\n: connected\n\n');
      let open = true;
      const unsubscribe = deps.events.subscribe((change) => {
        void maySee(change.conversationId).then(
          (ok) => ok && open && reply.raw.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`),
          (err) => req.log.warn({ err }, 'could not check a live event against its listener'),
        );
      });
      const ping = setInterval(() => reply.raw.write(': ping\n\n'), HEARTBEAT_MS);
      const check = setInterval(() => {
        void findSession(db, token, clock()).then(
          (s) => {
            if (s || !open) return;
            // The console reconnects, gets 401 and shows its login.
            reply.raw.write('event: session_ended\ndata: {}\n\n');
            reply.raw.end();
            stop();
          },
          (err) => req.log.warn({ err }, 'could not check a live stream’s session'),
        );
      }, STREAM_SESSION_CHECK_MS);
      streams.add(reply);
      const stop = () => {
        open = false;
        clearInterval(ping);
        clearInterval(check);
        unsubscribe();
        streams.delete(reply);
      };
      req.raw.on('close', stop);
    });
  });
}
