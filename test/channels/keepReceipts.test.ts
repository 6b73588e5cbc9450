import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InboundChannelMessage, InboundReceipt } from '../../src/channels/channelPort.js';
import { keepReceipts } from '../../src/channels/keepReceipts.js';
import { createLogger } from '../../src/config/logger.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'cordial-receipts-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const receipt: InboundReceipt = { conversationId: 'c', messageId: 'm', duplicate: false, replies: [] };
const photo = (fileId: string): InboundChannelMessage => ({ channel: 'telegram', chatId: '1', messageId: fileId, kind: 'media', media: { type: 'photo', fileId, fileName: 'r.jpg' }, receivedAt: new Date(0) });

function wrap(downloadMedia?: (fileId: string) => Promise<Buffer>, timeoutMs?: number) {
  const seen: InboundChannelMessage[] = [];
  const handler = keepReceipts({ channel: 'telegram', downloadMedia }, async (m) => (seen.push(m), receipt), { dataDir, logger: createLogger('silent'), timeoutMs });
  return { handler, seen };
}

describe('keepReceipts', () => {
  it('keeps the bytes of a photo and hands the message on with where they are, returning the receipt', async () => {
    const { handler, seen } = wrap(async () => Buffer.from('receipt bytes'));
    await expect(handler(photo('f1'))).resolves.toBe(receipt);
    const stored = seen[0]!.media!.stored!;
    expect(stored.bytes).toBe(13);
    expect(readFileSync(path.join(dataDir, stored.path), 'utf8')).toBe('receipt bytes');
  });

  it('passes texts, stickers and channels without downloads through untouched', async () => {
    const { handler, seen } = wrap(async () => Buffer.from('x'));
    const text: InboundChannelMessage = { channel: 'telegram', chatId: '1', messageId: 't', kind: 'text', text: 'oi', receivedAt: new Date(0) };
    const sticker: InboundChannelMessage = { ...photo('s'), media: { type: 'sticker', fileId: 's' } };
    await handler(text);
    await handler(sticker);
    await wrap().handler(photo('f2'));
    expect(seen).toEqual([text, sticker]);
  });

  it('lets the message through with its file id when the download fails or hangs', async () => {
    const failed = wrap(async () => {
      throw new Error('gone');
    });
    await failed.handler(photo('f3'));
    expect(failed.seen[0]!.media).toEqual({ type: 'photo', fileId: 'f3', fileName: 'r.jpg' });
    const hanging = wrap(() => new Promise<Buffer>(() => {}), 50);
    await hanging.handler(photo('f4'));
    expect(hanging.seen[0]!.media?.stored).toBeUndefined();
  });
});
