import type { Logger } from 'pino';
import type { ChannelAdapter } from '../channels/channelPort.js';
import type { FlowCatalog } from '../engine/flowCatalog.js';
import type { Outbox } from '../engine/turnPipeline.js';
import type { CreditorRow } from '../storage/creditorRepository.js';
import type { Db } from '../storage/database.js';
import { enqueueNotices, type NoticeResult } from '../storage/noticeRepository.js';

/** One first notice per debtor per week at most: the first of the seed articles' mistakes is over-contact. */
export const NOTICE_MIN_INTERVAL_MS = 7 * 24 * 3_600_000;

export interface NoticeSenderOptions {
  db: Db;
  creditor: CreditorRow;
  /** The running channels: notices go out on those that can write first (WhatsApp, Telegram). */
  adapters: readonly ChannelAdapter[];
  flows: Pick<FlowCatalog, 'latestVersion'>;
  /** The flow a notice's conversation starts in (its latest version). */
  flowId: string;
  timeZone: string;
  outbox: Outbox;
  logger: Logger;
}

/** First notices to debtors (the admin's "send notices"): queued in the outbox, then sent in the background. */
export function noticeSender(o: NoticeSenderOptions): (cnpjs?: string[]) => Promise<NoticeResult> {
  const channels = o.adapters.map((a) => a.channel).filter((c): c is 'whatsapp' | 'telegram' => c === 'whatsapp' || c === 'telegram');
  const whatsapp = o.adapters.find((a) => a.channel === 'whatsapp' && a.resolveChatId);
  return async (cnpjs) => {
    const result = await enqueueNotices(o.db, o.creditor, {
      cnpjs,
      channels,
      flowId: o.flowId,
      flowVersion: await o.flows.latestVersion(o.flowId),
      locale: 'pt-BR',
      timeZone: o.timeZone,
      minIntervalMs: NOTICE_MIN_INTERVAL_MS,
      now: new Date(),
      resolveWhatsApp: whatsapp?.resolveChatId ? (phone) => whatsapp.resolveChatId!(phone) : undefined,
    });
    void o.outbox.flush().catch((err) => o.logger.error({ err }, 'outbox flush failed'));
    return result;
  };
}
