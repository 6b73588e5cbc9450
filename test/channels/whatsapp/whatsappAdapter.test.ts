import { DisconnectReason, makeEventBuffer, type WAMessage, type WAMessageContent, type WAMessageKey } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelSendError, type InboundChannelMessage } from '../../../src/channels/channelPort.js';
import type { WhatsAppSocket, WhatsAppSocketContext } from '../../../src/channels/whatsapp/baileysSocketFactory.js';
import { WhatsAppAdapter, type WhatsAppAdapterOptions } from '../../../src/channels/whatsapp/whatsappAdapter.js';
import { createLogger } from '../../../src/config/logger.js';
import * as f from './fixtures.js';

// The adapter against fake sockets whose event emitter is Baileys' own makeEventBuffer, so
// events flow (and buffer, and flush) exactly as on a real socket. Nothing opens a connection.

interface FakeSocket extends WhatsAppSocket {
  ev: ReturnType<typeof makeEventBuffer>;
  sendMessage: ReturnType<typeof vi.fn<WhatsAppSocket['sendMessage']>>;
  end: ReturnType<typeof vi.fn<(error: Error | undefined) => Promise<void>>>;
  requestPairingCode: ReturnType<typeof vi.fn<(phone: string) => Promise<string>>>;
  onWhatsApp: ReturnType<typeof vi.fn<NonNullable<WhatsAppSocket['onWhatsApp']>>>;
  authState: { creds: { registered: boolean } };
}

function boom(message: string, statusCode: number): Error {
  // The shape Baileys gives lastDisconnect.error (a @hapi/boom Boom).
  return Object.assign(new Error(message), { isBoom: true, output: { statusCode, payload: { statusCode, message } } });
}

function harness(extra: Partial<WhatsAppAdapterOptions> = {}) {
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const sockets: FakeSocket[] = [];
  const contexts: WhatsAppSocketContext[] = [];
  let sentCount = 0;

  const socketFactory = vi.fn(async (ctx: WhatsAppSocketContext): Promise<WhatsAppSocket> => {
    contexts.push(ctx);
    const ev = makeEventBuffer(ctx.logger);
    const sock: FakeSocket = {
      ev,
      sendMessage: vi.fn(async (jid: string, content: Parameters<WhatsAppSocket['sendMessage']>[1]) => {
        const id = `3EB0SENT${String(++sentCount).padStart(14, '0')}`;
        // What Baileys gives back: a text's message, or a document's (its media keys, never its bytes).
        const message: WAMessageContent =
          'text' in content
            ? { extendedTextMessage: { text: content.text } }
            : { documentMessage: { mimetype: content.mimetype, fileName: content.fileName, caption: content.caption, fileLength: content.document.length } };
        return { key: { remoteJid: jid, fromMe: true, id }, message, messageTimestamp: f.T } as WAMessage;
      }),
      // Like Baileys' end(): report the close, then tear the emitter down.
      end: vi.fn(async (error: Error | undefined) => {
        ev.emit('connection.update', { connection: 'close', lastDisconnect: { error, date: new Date() } });
        ev.destroy();
      }),
      requestPairingCode: vi.fn(async () => 'K7M2Q9XZ'),
      onWhatsApp: vi.fn(async () => [] as { jid: string; exists: boolean }[]),
      authState: { creds: { registered: false } },
    };
    sockets.push(sock);
    return sock;
  });

  const printed: string[] = [];
  const adapter = new WhatsAppAdapter({
    authDir: '/var/lib/cordial/whatsapp-auth',
    logger,
    socketFactory,
    printQr: (s) => void printed.push(s),
    reconnect: { baseMs: 5, maxMs: 5 },
    ...extra,
  });
  const received: InboundChannelMessage[] = [];
  const onMessage = vi.fn(async (m: InboundChannelMessage) => void received.push(m));
  const last = (): FakeSocket => {
    const s = sockets.at(-1);
    if (!s) throw new Error('no socket yet');
    return s;
  };
  return { adapter, socketFactory, sockets, contexts, last, logs, printed, received, onMessage };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const upsert = (sock: FakeSocket, messages: WAMessage[], type: 'notify' | 'append' = 'notify') => sock.ev.emit('messages.upsert', { messages, type });
const open = (sock: FakeSocket) => sock.ev.emit('connection.update', { connection: 'open' });
const close = (sock: FakeSocket, statusCode: number) =>
  sock.ev.emit('connection.update', { connection: 'close', lastDisconnect: { error: boom('Connection Failure', statusCode), date: new Date() } });

let current: WhatsAppAdapter | undefined;
afterEach(async () => {
  await current?.stop();
  current = undefined;
});

async function started(extra: Partial<WhatsAppAdapterOptions> = {}) {
  const h = harness(extra);
  current = h.adapter;
  await h.adapter.start(h.onMessage);
  return h;
}

describe('WhatsAppAdapter inbound', () => {
  it('hands an incoming private text to onMessage once', async () => {
    const h = await started();
    open(h.last());
    upsert(h.last(), [f.text]);
    await settle();
    expect(h.received).toEqual([expect.objectContaining({ channel: 'whatsapp', kind: 'text', messageId: f.text.key.id, chatId: f.DEBTOR_JID, senderPhone: '+5511987654321' })]);
  });

  it('says nothing about group, status or newsletter messages', async () => {
    const h = await started();
    upsert(h.last(), [f.groupMessage, f.statusBroadcast, f.newsletter, f.fromMe]);
    await settle();
    expect(h.onMessage).not.toHaveBeenCalled();
  });

  it('ignores append upserts (our own sends echoed back, offline backlog)', async () => {
    const h = await started();
    upsert(h.last(), [f.text], 'append');
    await settle();
    expect(h.onMessage).not.toHaveBeenCalled();
  });

  it('answers the offline backlog when configured to catch up', async () => {
    const h = await started({ appendMaxAgeMs: Date.now() - f.AT.getTime() + 60_000 });
    upsert(h.last(), [f.text, f.fromMe], 'append');
    await settle();
    expect(h.received.map((m) => m.messageId)).toEqual([f.text.key.id]);
  });

  it('receives what the event buffer holds only when it flushes, and a message redelivered meanwhile once', async () => {
    const h = await started();
    const sock = h.last();
    sock.ev.buffer(); // what Baileys does while it catches up after connecting
    upsert(sock, [f.text]);
    upsert(sock, [f.text, f.lidChat]);
    await settle();
    expect(h.onMessage).not.toHaveBeenCalled();
    sock.ev.flush();
    await settle();
    expect(h.received.map((m) => m.messageId)).toEqual([f.text.key.id, f.lidChat.key.id]);
  });

  it('handles one chat’s messages in order, one at a time', async () => {
    const h = harness();
    current = h.adapter;
    const events: string[] = [];
    await h.adapter.start(async (m) => {
      events.push(`start ${m.text}`);
      await new Promise((r) => setTimeout(r, m.text === 'um' ? 20 : 1));
      events.push(`end ${m.text}`);
    });
    const second = { ...f.text, key: { ...f.text.key, id: '3EB0SECOND' }, message: { conversation: 'dois' } };
    upsert(h.last(), [{ ...f.text, message: { conversation: 'um' } }]);
    upsert(h.last(), [second]);
    await vi.waitFor(() => expect(events).toHaveLength(4));
    expect(events).toEqual(['start um', 'end um', 'start dois', 'end dois']);
  });

  it('logs a failing handler and keeps receiving', async () => {
    const h = harness();
    current = h.adapter;
    const seen: string[] = [];
    await h.adapter.start(async (m) => {
      seen.push(m.messageId);
      if (seen.length === 1) throw new Error('database down');
    });
    upsert(h.last(), [f.text]);
    await settle();
    upsert(h.last(), [f.lidChat]);
    await settle();
    expect(seen).toEqual([f.text.key.id, f.lidChat.key.id]);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 50, msg: 'WhatsApp message handler failed', messageId: f.text.key.id }));
  });
});

describe('WhatsAppAdapter connection', () => {
  it('is connecting until the socket opens', async () => {
    const h = await started();
    expect(h.adapter.status).toBe('connecting');
    open(h.last());
    expect(h.adapter.status).toBe('open');
  });

  it('reconnects at once with a new socket when Baileys asks for a restart', async () => {
    const h = await started();
    open(h.last());
    close(h.last(), DisconnectReason.restartRequired);
    expect(h.adapter.status).toBe('connecting');
    await vi.waitFor(() => expect(h.socketFactory).toHaveBeenCalledTimes(2));
    open(h.last());
    expect(h.adapter.status).toBe('open');
    upsert(h.last(), [f.text]);
    await settle();
    expect(h.received).toHaveLength(1);
  });

  it('ignores a late close from a socket it has already replaced', async () => {
    const h = await started();
    const old = h.last();
    close(old, DisconnectReason.restartRequired);
    await vi.waitFor(() => expect(h.socketFactory).toHaveBeenCalledTimes(2));
    open(h.last());
    close(old, DisconnectReason.loggedOut);
    expect(h.adapter.status).toBe('open');
  });

  it('backs off and reconnects after a lost connection', async () => {
    const h = await started();
    open(h.last());
    close(h.last(), DisconnectReason.connectionLost);
    await vi.waitFor(() => expect(h.socketFactory).toHaveBeenCalledTimes(2));
    close(h.last(), DisconnectReason.connectionLost);
    await vi.waitFor(() => expect(h.socketFactory).toHaveBeenCalledTimes(3));
    expect(h.logs.filter((l) => l.msg === 'WhatsApp connection closed; reconnecting').map((l) => l.attempt)).toEqual([1, 2]);
  });

  it('keeps trying when a new socket cannot even be created', async () => {
    const h = await started();
    h.socketFactory.mockRejectedValueOnce(new Error('EACCES: auth dir'));
    close(h.last(), DisconnectReason.connectionLost);
    await vi.waitFor(() => expect(h.socketFactory).toHaveBeenCalledTimes(3));
  });

  it('stops for good after a logout and tells the operator to pair again', async () => {
    const h = await started();
    open(h.last());
    close(h.last(), DisconnectReason.loggedOut);
    await new Promise((r) => setTimeout(r, 30));
    expect(h.socketFactory).toHaveBeenCalledTimes(1);
    expect(h.adapter.status).toBe('logged_out');
    expect(h.adapter.stopReason).toBe('logged_out');
    const advice = h.logs.find((l) => l.level === 50 && l.reason === 'logged_out');
    expect(advice?.msg).toMatch(/Delete the auth directory \(\/var\/lib\/cordial\/whatsapp-auth\) and pair the number again/);
    await expect(h.adapter.send(f.DEBTOR_JID, { text: 'oi', options: [] })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('does not fight another client that took the session over', async () => {
    const h = await started();
    open(h.last());
    close(h.last(), DisconnectReason.connectionReplaced);
    await new Promise((r) => setTimeout(r, 30));
    expect(h.socketFactory).toHaveBeenCalledTimes(1);
    expect(h.adapter.status).toBe('closed');
    expect(h.adapter.stopReason).toBe('replaced');
  });

  it('stop() ends the socket without logging out and does not reconnect', async () => {
    const h = await started();
    const sock = h.last();
    open(sock);
    await h.adapter.stop();
    expect(sock.end).toHaveBeenCalledWith(undefined);
    expect(h.adapter.status).toBe('closed');
    await new Promise((r) => setTimeout(r, 30));
    expect(h.socketFactory).toHaveBeenCalledTimes(1);
  });

  it('can start again after stop', async () => {
    const h = await started();
    await h.adapter.stop();
    await h.adapter.start(h.onMessage);
    expect(h.socketFactory).toHaveBeenCalledTimes(2);
    await expect(h.adapter.start(h.onMessage)).rejects.toThrow(/already started/);
  });
});

describe('WhatsAppAdapter pairing', () => {
  it('shows each QR to the admin console and in the terminal, until the connection opens', async () => {
    const qrs: string[] = [];
    const h = await started({ onQr: (qr) => void qrs.push(qr) });
    h.last().ev.emit('connection.update', { qr: '2@AbCdEf==,ref1' });
    h.last().ev.emit('connection.update', { qr: '2@AbCdEf==,ref2' });
    expect(qrs).toEqual(['2@AbCdEf==,ref1', '2@AbCdEf==,ref2']);
    expect(h.adapter.lastQr).toBe('2@AbCdEf==,ref2');
    expect(h.printed).toHaveLength(2);
    expect(h.printed[0]).toMatch(/[▀▄█]/);
    open(h.last());
    expect(h.adapter.lastQr).toBeUndefined();
  });

  it('requests a pairing code once, with the number in digits, instead of showing a QR', async () => {
    const codes: string[] = [];
    const h = await started({ pairingPhone: '+55 (11) 91234-5678', onPairingCode: (c) => void codes.push(c) });
    h.last().ev.emit('connection.update', { qr: '2@AbCdEf==,ref1' });
    h.last().ev.emit('connection.update', { qr: '2@AbCdEf==,ref2' });
    await settle();
    expect(h.last().requestPairingCode).toHaveBeenCalledTimes(1);
    expect(h.last().requestPairingCode).toHaveBeenCalledWith('5511912345678');
    expect(codes).toEqual(['K7M2Q9XZ']);
    expect(h.adapter.pairingCode).toBe('K7M2Q9XZ');
    expect(h.printed).toEqual([]);
    expect(h.adapter.lastQr).toBeUndefined();
  });

  it('does not ask for a code when the stored credentials are already registered', async () => {
    const h = await started({ pairingPhone: '+5511912345678' });
    h.last().authState.creds.registered = true;
    h.last().ev.emit('connection.update', { qr: '2@x' });
    await settle();
    expect(h.last().requestPairingCode).not.toHaveBeenCalled();
  });

  it('rejects a pairing phone that is not a number', () => {
    expect(() => harness({ pairingPhone: 'abc' })).toThrow(RangeError);
  });

  it('gives Baileys a logger at warn', async () => {
    const h = await started();
    expect(h.contexts[0]?.logger.level).toBe('warn');
  });
});

describe('WhatsAppAdapter send', () => {
  it('refuses with a retryable unavailable error while not connected', async () => {
    const h = await started();
    const err = await h.adapter.send(f.DEBTOR_JID, { text: 'oi', options: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelSendError);
    expect(err).toMatchObject({ channel: 'whatsapp', code: 'unavailable', permanent: false });
    expect(h.last().sendMessage).not.toHaveBeenCalled();
  });

  it('sends the text with the numbered menu and returns WhatsApp’s message id', async () => {
    const h = await started();
    open(h.last());
    const result = await h.adapter.send(f.DEBTOR_JID, {
      text: 'Como prefere pagar?',
      options: [
        { id: 'cash', label: 'À vista' },
        { id: 'plan', label: 'Parcelado' },
      ],
    });
    expect(h.last().sendMessage).toHaveBeenCalledWith(f.DEBTOR_JID, { text: 'Como prefere pagar?\n\n1. À vista\n2. Parcelado' });
    expect(result).toEqual({ messageId: '3EB0SENT00000000000001' });
  });

  it('keeps what it sent, so Baileys can resend it when the recipient’s phone asks', async () => {
    const h = await started();
    open(h.last());
    const { messageId } = await h.adapter.send(f.DEBTOR_LID, { text: 'oi', options: [] });
    const key: WAMessageKey = { remoteJid: f.DEBTOR_LID, fromMe: true, id: messageId };
    await expect(h.contexts[0]?.getMessage(key)).resolves.toEqual({ extendedTextMessage: { text: 'oi' } } satisfies WAMessageContent);
  });

  it('refuses group jids and bare phone numbers as permanent bad requests', async () => {
    const h = await started();
    open(h.last());
    for (const chatId of ['120363025246125486@g.us', 'status@broadcast', '+5511987654321']) {
      await expect(h.adapter.send(chatId, { text: 'oi', options: [] })).rejects.toMatchObject({ code: 'bad_request', permanent: true });
    }
    expect(h.last().sendMessage).not.toHaveBeenCalled();
  });

  it('maps a socket that dropped mid-send to a retryable error', async () => {
    const h = await started();
    open(h.last());
    h.last().sendMessage.mockRejectedValueOnce(boom('Connection Closed', DisconnectReason.connectionClosed));
    await expect(h.adapter.send(f.DEBTOR_JID, { text: 'oi', options: [] })).rejects.toMatchObject({ code: 'unavailable', permanent: false });
  });
});

describe('WhatsAppAdapter sendDocument', () => {
  const DOC = { fileName: 'termo-de-acordo-ACX.pdf', mimeType: 'application/pdf', bytes: Buffer.from('%PDF-1.3 term'), caption: 'Termo de acordo nº ACX (PDF)' };

  it('sends a document message with its bytes, mime type, file name and caption', async () => {
    const h = await started();
    open(h.last());
    const { messageId } = await h.adapter.sendDocument(f.DEBTOR_JID, DOC);
    expect(h.last().sendMessage).toHaveBeenCalledWith(f.DEBTOR_JID, { document: DOC.bytes, mimetype: 'application/pdf', fileName: 'termo-de-acordo-ACX.pdf', caption: 'Termo de acordo nº ACX (PDF)' });
    expect(messageId).toBe('3EB0SENT00000000000001');
    // Kept like a text, so Baileys can resend it when the recipient's phone asks.
    await expect(h.contexts[0]?.getMessage({ remoteJid: f.DEBTOR_JID, fromMe: true, id: messageId })).resolves.toMatchObject({ documentMessage: { fileName: 'termo-de-acordo-ACX.pdf' } });
  });

  it('leaves the caption out when there is none', async () => {
    const h = await started();
    open(h.last());
    await h.adapter.sendDocument(f.DEBTOR_JID, { ...DOC, caption: undefined });
    expect(h.last().sendMessage).toHaveBeenCalledWith(f.DEBTOR_JID, { document: DOC.bytes, mimetype: 'application/pdf', fileName: 'termo-de-acordo-ACX.pdf' });
  });

  it('refuses while disconnected (retryable), to a group (permanent), and an empty file (permanent)', async () => {
    const h = await started();
    await expect(h.adapter.sendDocument(f.DEBTOR_JID, DOC)).rejects.toMatchObject({ code: 'unavailable', permanent: false });
    open(h.last());
    await expect(h.adapter.sendDocument('120363025246125486@g.us', DOC)).rejects.toMatchObject({ code: 'bad_request', permanent: true });
    await expect(h.adapter.sendDocument(f.DEBTOR_JID, { ...DOC, bytes: Buffer.alloc(0) })).rejects.toMatchObject({ code: 'bad_request', permanent: true });
    expect(h.last().sendMessage).not.toHaveBeenCalled();
  });

  it('maps a socket that dropped mid-upload to a retryable error', async () => {
    const h = await started();
    open(h.last());
    h.last().sendMessage.mockRejectedValueOnce(boom('Connection Closed', DisconnectReason.connectionClosed));
    await expect(h.adapter.sendDocument(f.DEBTOR_JID, DOC)).rejects.toMatchObject({ code: 'unavailable', permanent: false });
  });
});

describe('WhatsAppAdapter resolveChatId', () => {
  it('finds the spelling WhatsApp knows for a pre-ninth-digit mobile', async () => {
    const h = await started();
    open(h.last());
    h.last().onWhatsApp.mockResolvedValueOnce([{ jid: '551187654321@s.whatsapp.net', exists: true }]);
    await expect(h.adapter.resolveChatId('(11) 98765-4321')).resolves.toBe('551187654321@s.whatsapp.net');
    expect(h.last().onWhatsApp).toHaveBeenCalledWith('5511987654321@s.whatsapp.net', '551187654321@s.whatsapp.net');
  });

  it('is null for a number without WhatsApp, and unavailable while disconnected', async () => {
    const h = await started();
    await expect(h.adapter.resolveChatId('+5511987654321')).rejects.toMatchObject({ code: 'unavailable' });
    open(h.last());
    await expect(h.adapter.resolveChatId('+5511987654321')).resolves.toBeNull();
  });
});

describe('WhatsAppAdapter downloadMedia', () => {
  it('knows only media it received recently', async () => {
    const h = await started();
    await expect(h.adapter.downloadMedia('3EB0UNKNOWN')).rejects.toThrow(/no longer held/);
  });
});
