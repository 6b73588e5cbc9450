import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureOf } from '../../src/channels/whatsappCloud/cloudWebhook.js';

// A fake of Meta's Graph API on loopback, speaking the WhatsApp Cloud API's HTTP protocol: the
// messages endpoint, media upload (multipart) and media download (a lookup, then the file's URL),
// each checking the bearer token. It also plays Meta's other half: webhook calls to the app,
// signed with the app secret as Meta signs them.

export const GRAPH_VERSION = 'v23.0';

export interface SentMessage {
  to: string;
  type: string;
  body: Record<string, unknown>;
  id: string;
}

export interface FakeGraph {
  /** The API root with its version, as WHATSAPP_CLOUD_API_ROOT. */
  apiRoot: string;
  token: string;
  phoneNumberId: string;
  appSecret: string;
  verifyToken: string;
  sent: SentMessage[];
  uploads: { id: string; fileName: string; mimeType: string; bytes: Buffer }[];
  /** Every request: method and path. */
  calls: { method: string; path: string }[];
  /** Media users "sent", downloadable by id. */
  media: Map<string, { bytes: Buffer; mimeType: string }>;
  /** The next messages call fails with this HTTP status and Graph error. */
  failNext(status: number, error: { code: number; message: string }, headers?: Record<string, string>): void;
  /** POSTs a webhook call to the app, signed (or with `signature` as given). */
  deliver(appUrl: string, payload: unknown, opts?: { signature?: string | null; raw?: string }): Promise<{ status: number; body: string }>;
  /** The webhook envelope of one user message. */
  messageWebhook(message: Record<string, unknown>, opts?: { name?: string; phoneNumberId?: string }): unknown;
  statusWebhook(statuses: Record<string, unknown>[]): unknown;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const token = 'fake-graph-token';
  const phoneNumberId = '106540352242922';
  let n = 0;
  const failures: { status: number; error: { code: number; message: string }; headers?: Record<string, string> }[] = [];
  const state = {
    sent: [] as SentMessage[],
    uploads: [] as FakeGraph['uploads'],
    calls: [] as FakeGraph['calls'],
    media: new Map<string, { bytes: Buffer; mimeType: string }>(),
  };
  let root = '';
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.calls.push({ method: req.method ?? '', path: url.pathname });
    const json = (status: number, v: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(v));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return json(401, { error: { code: 190, message: 'Invalid OAuth access token' } });
    const body = await bodyOf(req);
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'download' && req.method === 'GET') {
      const m = state.media.get(parts[1] ?? '');
      if (!m) return json(404, { error: { code: 100, message: 'no such media' } });
      res.writeHead(200, { 'content-type': m.mimeType });
      return res.end(m.bytes);
    }
    if (parts[0] !== GRAPH_VERSION) return json(404, { error: { code: 100, message: 'unknown version' } });
    if (req.method === 'POST' && parts[1] === phoneNumberId && parts[2] === 'messages') {
      const failure = failures.shift();
      if (failure) return json(failure.status, { error: { ...failure.error, type: 'OAuthException', fbtrace_id: 'x' } }, failure.headers);
      const msg = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      if (msg.messaging_product !== 'whatsapp' || typeof msg.to !== 'string') return json(400, { error: { code: 100, message: 'Invalid parameter' } });
      const id = `wamid.FAKE${++n}`;
      state.sent.push({ to: msg.to, type: String(msg.type), body: msg, id });
      return json(200, { messaging_product: 'whatsapp', contacts: [{ input: msg.to, wa_id: msg.to }], messages: [{ id }] });
    }
    if (req.method === 'POST' && parts[1] === phoneNumberId && parts[2] === 'media') {
      const form = await new Request('http://x/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: new Uint8Array(body) }).formData();
      const file = form.get('file');
      if (form.get('messaging_product') !== 'whatsapp' || !(file instanceof Blob)) return json(400, { error: { code: 100, message: 'Invalid parameter' } });
      const id = `media${++n}`;
      state.uploads.push({ id, fileName: (file as File).name, mimeType: String(form.get('type')), bytes: Buffer.from(await file.arrayBuffer()) });
      return json(200, { id });
    }
    if (req.method === 'GET' && parts.length === 2) {
      const m = state.media.get(parts[1]!);
      if (!m) return json(404, { error: { code: 100, message: 'no such media' } });
      return json(200, { messaging_product: 'whatsapp', url: `${root.replace(`/${GRAPH_VERSION}`, '')}/download/${parts[1]}`, mime_type: m.mimeType, file_size: m.bytes.length, id: parts[1] });
    }
    json(404, { error: { code: 100, message: `unknown path ${url.pathname}` } });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${GRAPH_VERSION}`;
  const appSecret = 'fake-app-secret-0123456789';
  return {
    apiRoot: root,
    token,
    phoneNumberId,
    appSecret,
    verifyToken: 'fake-verify-token',
    ...state,
    failNext: (status, error, headers) => void failures.push({ status, error, headers }),
    async deliver(appUrl, payload, opts = {}) {
      const raw = opts.raw ?? JSON.stringify(payload);
      const signature = opts.signature === undefined ? signatureOf(raw, appSecret) : opts.signature;
      const res = await fetch(`${appUrl}/whatsapp/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body: raw });
      return { status: res.status, body: await res.text() };
    },
    messageWebhook(message, opts = {}) {
      return {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '5511999990000', phone_number_id: opts.phoneNumberId ?? phoneNumberId },
                  contacts: [{ profile: { name: opts.name ?? 'Ana Souza' }, wa_id: message.from }],
                  messages: [{ timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
                },
              },
            ],
          },
        ],
      };
    },
    statusWebhook(statuses) {
      return { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: phoneNumberId }, statuses } }] }] };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
