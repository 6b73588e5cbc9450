import { mkdir } from 'node:fs/promises';
import {
  makeCacheableSignalKeyStore,
  makeWASocket,
  useMultiFileAuthState,
  type BaileysEventEmitter,
  type SocketConfig,
  type WAMessage,
  type WAMessageContent,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import type { Logger } from 'pino';

/** The part of a Baileys socket the adapter uses; tests pass a fake built on makeEventBuffer. */
export interface WhatsAppSocket {
  ev: BaileysEventEmitter;
  sendMessage(jid: string, content: { text: string } | { document: Buffer; mimetype: string; fileName: string; caption?: string }): Promise<WAMessage | undefined>;
  /** Closes without logging out: the pairing survives. */
  end(error: Error | undefined): unknown;
  requestPairingCode?(phoneNumber: string): Promise<string>;
  onWhatsApp?(...phoneNumbers: string[]): Promise<{ jid: string; exists: boolean }[] | undefined>;
  updateMediaMessage?(message: WAMessage): Promise<WAMessage>;
  authState?: { creds: { registered?: boolean } };
}

export interface WhatsAppSocketContext {
  authDir: string;
  /** Already a child at 'warn': Baileys logs a lot at info and below. */
  logger: Logger;
  /**
   * Our recent sends, for Baileys to re-encrypt when a recipient's phone asks for a retry. Baileys
   * keeps its own cache per socket; this one outlives reconnects.
   */
  getMessage: (key: WAMessageKey) => Promise<WAMessageContent | undefined>;
}

/** Makes one socket; the adapter calls it again for every reconnect. */
export type WhatsAppSocketFactory = (context: WhatsAppSocketContext) => Promise<WhatsAppSocket>;

/** Socket settings beyond the defaults below (a pinned WhatsApp Web `version`, `browser`, …). */
export type BaileysSocketOverrides = Omit<Partial<SocketConfig>, 'auth' | 'logger' | 'getMessage'>;

/**
 * The real socket. Credentials live in authDir (Baileys' multi-file auth state) and are saved on
 * every creds.update, so a restart reconnects without pairing again.
 */
export function makeBaileysSocketFactory(overrides: BaileysSocketOverrides = {}): WhatsAppSocketFactory {
  return async ({ authDir, logger, getMessage }) => {
    // The directory holds the keys to the WhatsApp account: readable by this user only.
    await mkdir(authDir, { recursive: true, mode: 0o700 });
    const { state, saveCreds } = await useMultiFileAuthState(authDir);
    const sock = makeWASocket({
      // The operator's phone keeps its notifications, and the bot does not look "online" all day.
      markOnlineOnConnect: false,
      // Old chats are none of the bot's business: no full history download. The default
      // shouldSyncHistoryMessage stays: the initial sync carries the LID<->phone mappings
      // Baileys needs (it warns of session errors when all sync is disabled).
      syncFullHistory: false,
      ...overrides,
      auth: { creds: state.creds, keys: makeCacheableSignalKeyStore(state.keys, logger) },
      logger,
      getMessage,
    });
    sock.ev.on('creds.update', saveCreds);
    return sock;
  };
}

export const baileysSocketFactory: WhatsAppSocketFactory = makeBaileysSocketFactory();
