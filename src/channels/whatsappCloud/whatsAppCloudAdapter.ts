import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ChannelSendError, type ChannelAdapter, type DeliveryReceipt, type InboundHandler, type OutboundChannelMessage, type OutboundDocument, type ReceiptHandler } from '../channelPort.js';
import { cloudSendError, type GraphError } from './cloudSendError.js';
import { cloudToInbound } from './cloudToInbound.js';
import { isReceiptStatus } from '../../domain/deliveryReceipt.js';
import { CloudStatusSchema, CloudWebhookSchema, cloudTime, validSignature } from './cloudWebhook.js';
import { toCloudMessage } from './toCloudMessage.js';

export interface WhatsAppCloudOptions {
  token: string;
  phoneNumberId: string;
  appSecret: string;
  verifyToken: string;
  /** The Graph API root with its version, e.g. https://graph.facebook.com/v23.0. */
  apiRoot: string;
  logger: Logger;
}

/** The largest received file fetched (the Cloud API's own limit for documents is 100 MB). */
const MAX_MEDIA_BYTES = 25 * 1024 * 1024;
/** A webhook call is a small JSON document; anything larger is not Meta's. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;
const TIMEOUT_MS = 20_000;

/**
 * WhatsApp through Meta's official Cloud API. Inbound is a webhook any replica can take (nothing
 * here is single across replicas, unlike Baileys' socket): Meta signs each call with the app
 * secret, and retries a call we do not answer with 200, so a call is acknowledged only once its
 * messages are stored (the core dedupes a redelivery by the message id). Outbound goes through the
 * Graph API's messages endpoint.
 */
export class WhatsAppCloudAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp' as const;
  /** Meta's customer-service window: free text only within 24 h of the user's last message. */
  readonly serviceWindowMs = 24 * 3_600_000;
  private onMessage?: InboundHandler;
  private onReceipt?: ReceiptHandler;

  constructor(private readonly o: WhatsAppCloudOptions) {}

  async start(onMessage: InboundHandler, onReceipt?: ReceiptHandler): Promise<void> {
    this.onMessage = onMessage;
    this.onReceipt = onReceipt;
    this.o.logger.info('WhatsApp Cloud API webhook ready');
  }

  async stop(): Promise<void> {
    this.onMessage = undefined;
  }

  registerRoutes(server: FastifyInstance): void {
    server.get('/whatsapp/webhook', async (req, reply) => this.verify(req, reply));
    // Its own scope: the signature is over the raw bytes, so this route keeps the body unparsed.
    void server.register(async (scope) => {
      scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES }, (_req, body, done) => done(null, body));
      scope.post('/whatsapp/webhook', async (req, reply) => this.receive(req, reply));
    });
  }

  /** Meta's subscription handshake: the challenge echoed when the verify token is ours. */
  private verify(req: FastifyRequest, reply: FastifyReply) {
    const q = req.query as Record<string, string | undefined>;
    if (q['hub.mode'] === 'subscribe' && sameSecret(q['hub.verify_token'], this.o.verifyToken) && q['hub.challenge']) {
      return reply.type('text/plain').send(q['hub.challenge']);
    }
    return reply.code(403).send({ error: 'forbidden', message: 'wrong hub.mode or hub.verify_token' });
  }

  private async receive(req: FastifyRequest, reply: FastifyReply) {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!validSignature(raw, req.headers['x-hub-signature-256'] as string | undefined, this.o.appSecret)) {
      this.o.logger.warn('WhatsApp webhook call refused: missing or wrong X-Hub-Signature-256');
      return reply.code(401).send({ error: 'unauthorized', message: 'missing or wrong X-Hub-Signature-256' });
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'bad_request', message: 'the body is not JSON' });
    }
    const parsed = CloudWebhookSchema.safeParse(json);
    if (!parsed.success) return reply.code(400).send({ error: 'bad_request', message: 'not a WhatsApp Business Account webhook', issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
    const onMessage = this.onMessage;
    // Not started yet (or stopping): Meta retries, and the message is taken then.
    if (!onMessage) return reply.code(503).send({ error: 'unavailable', message: 'the WhatsApp channel is not running' });
    for (const entry of parsed.data.entry) {
      for (const change of entry.changes) {
        if (change.field !== 'messages') continue;
        const { value } = change;
        // A webhook of another number of the same business account: not ours to answer.
        if (value.metadata && value.metadata.phone_number_id !== this.o.phoneNumberId) {
          this.o.logger.warn('WhatsApp webhook for another phone number id ignored');
          continue;
        }
        const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
        for (const raw of value.messages ?? []) {
          const m = cloudToInbound(raw, names.get((raw as { from?: string }).from));
          if (!m) continue;
          // Awaited one by one: a chat's messages keep their order, and a failure makes Meta redeliver.
          await onMessage(m);
        }
        for (const s of value.statuses ?? []) {
          const receipt = toReceipt(s);
          if (receipt) await this.onReceipt?.(receipt);
        }
      }
    }
    return reply.send({ ok: true });
  }

  async send(chatId: string, message: OutboundChannelMessage): Promise<{ messageId: string }> {
    if (!message.template) return this.post(toCloudMessage(chatId, message));
    const { name, language, parameters } = message.template;
    return this.post({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: chatId,
      type: 'template',
      template: { name, language: { code: language }, components: parameters.length ? [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }] : [] },
    });
  }

  async sendDocument(chatId: string, document: OutboundDocument): Promise<{ messageId: string }> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', document.mimeType);
    form.append('file', new Blob([new Uint8Array(document.bytes)], { type: document.mimeType }), document.fileName);
    const uploaded = await this.graph<{ id?: string }>(`/${this.o.phoneNumberId}/media`, { method: 'POST', body: form });
    if (!uploaded.id) throw new ChannelSendError('whatsapp', 'unavailable', 'media upload answered without an id');
    return this.post({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: chatId,
      type: 'document',
      document: { id: uploaded.id, filename: document.fileName, ...(document.caption ? { caption: document.caption.slice(0, 1024) } : {}) },
    });
  }

  async downloadMedia(fileId: string): Promise<Buffer> {
    if (!/^[\w.-]{1,128}$/.test(fileId)) throw new Error('not a media id');
    const meta = await this.graph<{ url?: string; file_size?: number }>(`/${fileId}`, { method: 'GET' });
    if (!meta.url) throw new Error('the Graph API gave no media URL');
    if ((meta.file_size ?? 0) > MAX_MEDIA_BYTES) throw new Error(`media of ${meta.file_size} bytes is larger than ${MAX_MEDIA_BYTES}`);
    const res = await fetch(meta.url, { headers: { authorization: `Bearer ${this.o.token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`media download answered ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > MAX_MEDIA_BYTES) throw new Error(`media of ${bytes.length} bytes is larger than ${MAX_MEDIA_BYTES}`);
    return bytes;
  }

  /** The Cloud API sends to a phone number: its digits are the chat (the user's wa_id). */
  async resolveChatId(phone: string): Promise<string | null> {
    const digits = phone.replace(/\D/g, '');
    return /^\d{8,15}$/.test(digits) ? digits : null;
  }

  private async post(payload: object): Promise<{ messageId: string }> {
    const r = await this.graph<{ messages?: { id?: string }[] }>(`/${this.o.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const id = r.messages?.[0]?.id;
    if (!id) throw new ChannelSendError('whatsapp', 'unavailable', 'the Graph API answered without a message id');
    return { messageId: id };
  }

  /** One Graph API call; its failures as ChannelSendError (network and timeouts: retried later). */
  private async graph<T>(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.o.apiRoot.replace(/\/+$/, '')}${path}`, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${this.o.token}` },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new ChannelSendError('whatsapp', 'unavailable', `Graph API unreachable: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as T & { error?: GraphError };
    if (!res.ok || body.error) throw cloudSendError(res.status, body.error, res.headers.get('retry-after'));
    return body;
  }
}

/** A status Meta reported, as a receipt; null for a malformed one or another kind ("deleted"). */
function toReceipt(raw: unknown): DeliveryReceipt | null {
  const p = CloudStatusSchema.safeParse(raw);
  if (!p.success || !isReceiptStatus(p.data.status)) return null;
  const s = p.data;
  const e = s.errors?.[0];
  return {
    channel: 'whatsapp',
    platformMessageId: s.id,
    status: p.data.status,
    at: cloudTime(s.timestamp),
    ...(e ? { error: `${e.code} ${e.title ?? e.message ?? ''}`.trim().slice(0, 200) } : {}),
  };
}

/** Constant-time comparison of a received secret with ours. */
function sameSecret(got: string | undefined, expected: string): boolean {
  const a = Buffer.from(got ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
