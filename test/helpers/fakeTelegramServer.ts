import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Message, Update, UserFromGetMe } from 'grammy/types';

/** A Bot API error as Telegram sends it (`{ ok: false, error_code, description, parameters }`). */
export interface FakeApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface SentMessage {
  chatId: string;
  messageId: number;
  text: string;
  replyMarkup?: Record<string, unknown>;
  raw: Record<string, unknown>;
}

/** A document the bot sent (sendDocument, uploaded as multipart/form-data like the real Bot API takes it). */
export interface SentDocument {
  chatId: string;
  messageId: number;
  fileName: string;
  bytes: Buffer;
  caption?: string;
}

/** A multipart/form-data body: its fields as text and its files by part name. */
export function parseMultipart(body: Buffer, boundary: string): { fields: Record<string, string>; files: Map<string, { fileName: string; bytes: Buffer }> } {
  const fields: Record<string, string> = {};
  const files = new Map<string, { fileName: string; bytes: Buffer }>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const fileName = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    if (name !== undefined) {
      if (fileName !== undefined) files.set(name, { fileName, bytes: Buffer.from(content) });
      else fields[name] = content.toString('utf8');
    }
    at = next;
  }
  return { fields, files };
}

export interface FakeTelegram {
  /** Pass to the adapter as `apiRoot` (and to the app as TELEGRAM_API_ROOT). */
  apiRoot: string;
  token: string;
  botInfo: UserFromGetMe;
  /** Every API call, in order, with its JSON payload. */
  calls: { method: string; payload: Record<string, unknown> }[];
  /** Successful sendMessage calls. */
  sent: SentMessage[];
  /** Successful sendDocument calls, with the uploaded bytes. */
  documents: SentDocument[];
  /** Queues an update (update_id assigned when missing) and wakes a waiting getUpdates. */
  pushUpdate(update: Omit<Update, 'update_id'> & { update_id?: number }): Update;
  /** Queues a private text message from a person. */
  sendText(chatId: number, text: string, from?: Partial<Message['from']>): Update;
  /** Taps the inline button with this callback_data under the last message sent to the chat. */
  pressButton(chatId: number, callbackData: string): Update;
  /** Shares a contact through the request_contact button (`own`: the sender's own number). */
  shareContact(chatId: number, phone: string, own?: boolean): Update;
  /**
   * The next call to `method` (after letting `skip` calls through) fails with this Bot API error,
   * or with a dropped connection ('network'). Calls queue up: failNext twice fails two calls.
   */
  failNext(method: string, error: FakeApiError | 'network', skip?: number): void;
  /** The offset last confirmed by getUpdates: updates below it are gone. */
  readonly confirmedOffset: number;
  /** The webhook set by setWebhook, if any (getUpdates answers 409 while one is set). */
  readonly webhook?: { url: string; secretToken?: string };
  /** Resolves when `predicate` holds, checking every 10 ms (default timeout 5 s). */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Files the server holds: getFile answers with a path, GET /file/bot<token>/<path> serves the bytes. */
  files: Map<string, Buffer>;
  close(): Promise<void>;
}

const USER = (chatId: number, from?: Partial<Message['from']>) => ({ id: chatId, is_bot: false, first_name: 'Maria', language_code: 'pt-br', ...from });

/** A Telegram Bot API server on 127.0.0.1 that keeps state like the real one, for adapter and end-to-end tests. */
export async function startFakeTelegram(token = '123456:TEST-fake-token'): Promise<FakeTelegram> {
  const botInfo: UserFromGetMe = {
    id: Number(token.split(':')[0]), is_bot: true, first_name: 'Cordial', username: 'cordial_test_bot',
    can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false,
    can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
  } as UserFromGetMe;
  let queue: Update[] = [];
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  let confirmedOffset = 0;
  let allowedUpdates: string[] = [];
  let webhook: { url: string; secretToken?: string } | undefined;
  const failures = new Map<string, (FakeApiError | 'network' | null)[]>();
  const calls: FakeTelegram['calls'] = [];
  const sent: SentMessage[] = [];
  const documents: SentDocument[] = [];
  const files = new Map<string, Buffer>();
  let waiter: { res: ServerResponse; timer: NodeJS.Timeout; poll: () => Update[] } | undefined;

  const reply = (res: ServerResponse, body: unknown, status = 200) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const ok = (res: ServerResponse, result: unknown) => reply(res, { ok: true, result });
  const fail = (res: ServerResponse, e: FakeApiError) => reply(res, { ok: false, ...e }, e.error_code);
  const wake = () => {
    const w = waiter;
    const updates = w?.poll() ?? [];
    if (!w || !updates.length) return;
    clearTimeout(w.timer);
    waiter = undefined;
    ok(w.res, updates);
  };

  function getUpdates(p: Record<string, unknown>, res: ServerResponse) {
    if (webhook) return fail(res, { error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete it first" });
    // Confirming is calling with an offset above an update's id: those are forgotten for good.
    if (typeof p.offset === 'number' && p.offset > confirmedOffset) confirmedOffset = p.offset;
    queue = queue.filter((u) => u.update_id >= confirmedOffset);
    if (Array.isArray(p.allowed_updates)) allowedUpdates = p.allowed_updates as string[];
    const limit = typeof p.limit === 'number' ? p.limit : 100;
    const poll = () => queue.filter((u) => !allowedUpdates.length || allowedUpdates.some((t) => t in u)).slice(0, limit);
    if (waiter) {
      clearTimeout(waiter.timer);
      fail(waiter.res, { error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
      waiter = undefined;
    }
    const timeout = typeof p.timeout === 'number' ? p.timeout : 0;
    if (poll().length || timeout <= 0) return ok(res, poll());
    const w = { res, poll, timer: setTimeout(() => { if (waiter === w) waiter = undefined; ok(res, []); }, timeout * 1000) };
    waiter = w;
    res.on('close', () => { if (waiter === w) { clearTimeout(w.timer); waiter = undefined; } });
  }

  function sendMessage(p: Record<string, unknown>, res: ServerResponse) {
    const chatId = Number(p.chat_id);
    const text = String(p.text ?? '');
    if (!Number.isFinite(chatId) || chatId === 0) return fail(res, { error_code: 400, description: 'Bad Request: chat not found' });
    if (!text.trim()) return fail(res, { error_code: 400, description: 'Bad Request: message text is empty' });
    if (text.length > 4096) return fail(res, { error_code: 400, description: 'Bad Request: message is too long' });
    const replyMarkup = p.reply_markup as Record<string, unknown> | undefined;
    const message = { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Maria' }, from: botInfo, text, ...(replyMarkup?.inline_keyboard ? { reply_markup: replyMarkup } : {}) };
    sent.push({ chatId: String(chatId), messageId: message.message_id, text, replyMarkup, raw: p });
    ok(res, message);
  }

  function sendDocument(p: Record<string, unknown>, uploads: Map<string, { fileName: string; bytes: Buffer }>, res: ServerResponse) {
    const chatId = Number(p.chat_id);
    if (!Number.isFinite(chatId) || chatId === 0) return fail(res, { error_code: 400, description: 'Bad Request: chat not found' });
    // An upload is named in the field as attach://<part>; a string that is not is an earlier file_id.
    const ref = typeof p.document === 'string' ? p.document : '';
    const upload = ref.startsWith('attach://') ? uploads.get(ref.slice('attach://'.length)) : files.has(ref) ? { fileName: `${ref}.bin`, bytes: files.get(ref)! } : undefined;
    if (!upload) return fail(res, { error_code: 400, description: 'Bad Request: there is no document in the request' });
    if (!upload.bytes.length) return fail(res, { error_code: 400, description: 'Bad Request: file must be non-empty' });
    const caption = typeof p.caption === 'string' ? p.caption : undefined;
    if (caption && caption.length > 1024) return fail(res, { error_code: 400, description: 'Bad Request: message caption is too long' });
    const messageId = nextMessageId++;
    const fileId = `doc${messageId}`;
    files.set(fileId, upload.bytes);
    documents.push({ chatId: String(chatId), messageId, fileName: upload.fileName, bytes: upload.bytes, caption });
    ok(res, {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Maria' },
      from: botInfo,
      document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: upload.fileName, mime_type: upload.fileName.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream', file_size: upload.bytes.length },
      ...(caption ? { caption } : {}),
    });
  }

  function handle(method: string, p: Record<string, unknown>, res: ServerResponse, uploads = new Map<string, { fileName: string; bytes: Buffer }>()) {
    calls.push({ method, payload: p });
    const failure = failures.get(method)?.shift();
    if (failure === 'network') return res.destroy();
    if (failure) return fail(res, failure);
    switch (method) {
      case 'getMe': return ok(res, botInfo);
      case 'deleteWebhook':
        webhook = undefined;
        if (p.drop_pending_updates) queue = [];
        return ok(res, true);
      case 'setWebhook':
        webhook = { url: String(p.url), secretToken: p.secret_token as string | undefined };
        return ok(res, true);
      case 'getUpdates': return getUpdates(p, res);
      case 'sendMessage': return sendMessage(p, res);
      case 'sendDocument': return sendDocument(p, uploads, res);
      case 'answerCallbackQuery': return ok(res, true);
      case 'getFile': {
        const f = files.get(String(p.file_id));
        if (!f) return fail(res, { error_code: 400, description: 'Bad Request: invalid file_id' });
        return ok(res, { file_id: p.file_id, file_unique_id: `u${String(p.file_id)}`, file_size: f.length, file_path: `documents/${String(p.file_id)}.bin` });
      }
      default: return fail(res, { error_code: 404, description: 'Not Found' });
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const file = /^\/file\/bot([^/]+)\/documents\/(.+)\.bin$/.exec(req.url ?? '');
    if (file) {
      const bytes = file[1] === token ? files.get(decodeURIComponent(file[2]!)) : undefined;
      if (!bytes) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!m) return fail(res, { error_code: 404, description: 'Not Found' });
      if (m[1] !== token) return fail(res, { error_code: 401, description: 'Unauthorized' });
      const body = Buffer.concat(chunks);
      // Files come as multipart/form-data (grammY's InputFile); every other call as JSON.
      const boundary = /^multipart\/form-data;\s*boundary=(.+)$/i.exec(req.headers['content-type'] ?? '')?.[1];
      if (boundary) {
        const { fields, files: uploads } = parseMultipart(body, boundary);
        return handle(m[2]!, fields, res, uploads);
      }
      handle(m[2]!, body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {}, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;

  const pushUpdate: FakeTelegram['pushUpdate'] = (u) => {
    const update = { ...u, update_id: u.update_id ?? nextUpdateId++ } as Update;
    nextUpdateId = Math.max(nextUpdateId, update.update_id + 1);
    queue.push(update);
    wake();
    return update;
  };
  const privateMessage = (chatId: number, content: Record<string, unknown>, from?: Partial<Message['from']>) =>
    pushUpdate({ message: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Maria' }, from: USER(chatId, from), ...content } as Update['message'] });

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,
    sent,
    documents,
    files,
    pushUpdate,
    sendText: (chatId, text, from) => privateMessage(chatId, { text }, from),
    shareContact: (chatId, phone, own = true) =>
      privateMessage(chatId, { contact: { phone_number: phone, first_name: 'Maria', ...(own ? { user_id: chatId } : {}) } }),
    pressButton(chatId, callbackData) {
      const withButton = [...sent].reverse().find((s) => s.chatId === String(chatId) && JSON.stringify(s.replyMarkup?.inline_keyboard ?? []).includes(JSON.stringify(callbackData)));
      if (!withButton) throw new Error(`no message to chat ${chatId} has a button ${callbackData}`);
      const message = { message_id: withButton.messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private', first_name: 'Maria' }, from: botInfo, text: withButton.text, reply_markup: withButton.replyMarkup };
      return pushUpdate({ callback_query: { id: `${Date.now()}${nextUpdateId}`, from: USER(chatId), message, chat_instance: `ci${chatId}`, data: callbackData } as Update['callback_query'] });
    },
    failNext(method, error, skip = 0) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array<null>(skip).fill(null), error]);
    },
    get confirmedOffset() { return confirmedOffset; },
    get webhook() { return webhook; },
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error('fake Telegram: condition not met in time');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((r) => {
        if (waiter) { clearTimeout(waiter.timer); ok(waiter.res, []); waiter = undefined; }
        server.close(() => r());
        // grammY keeps connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
      }),
  };
}
