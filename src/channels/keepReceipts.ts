import type { Logger } from 'pino';
import { saveAttachment } from '../storage/attachmentStore.js';
import type { ChannelAdapter, InboundChannelMessage, InboundHandler } from './channelPort.js';

const RECEIPT_DOWNLOAD_TIMEOUT_MS = 15_000;

/**
 * Wraps an adapter's inbound handler so photos and documents, which may be payment receipts, are
 * kept (their bytes under DATA_DIR) for the person who checks them. A failed download still lets
 * the message through: its platform file id is stored.
 */
export function keepReceipts(adapter: Pick<ChannelAdapter, 'channel' | 'downloadMedia'>, onMessage: InboundHandler, o: { dataDir: string; logger: Logger; timeoutMs?: number }): InboundHandler {
  const keep = async (m: InboundChannelMessage): Promise<InboundChannelMessage> => {
    if (m.kind !== 'media' || !m.media?.fileId || !adapter.downloadMedia || !['photo', 'document'].includes(m.media.type)) return m;
    try {
      // Bounded: the message itself is stored only after this, so a hanging platform must not hold it.
      const bytes = await Promise.race([
        adapter.downloadMedia(m.media.fileId),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('download timed out')), o.timeoutMs ?? RECEIPT_DOWNLOAD_TIMEOUT_MS).unref()),
      ]);
      const stored = await saveAttachment(o.dataDir, bytes, m.media.fileName);
      return { ...m, media: { ...m.media, stored } };
    } catch (err) {
      o.logger.warn({ err, channel: adapter.channel }, 'could not download a received file; keeping its reference only');
      return m;
    }
  };
  return async (m) => onMessage(await keep(m));
}
