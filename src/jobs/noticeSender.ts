import type { Logger } from 'pino';
import type { ChannelAdapter } from '../channels/channelPort.js';
import type { FlowCatalog } from '../engine/flowCatalog.js';
import type { Outbox } from '../engine/turnPipeline.js';
import type { CreditorRow } from '../storage/creditorRepository.js';
import type { Db } from '../storage/database.js';
import { enqueueNotices, type NoticeResult } from '../storage/noticeRepository.js';
import { isProactiveChannel, type ProactiveChannel } from '../domain/channelRouting.js';

/** One first notice per debtor per week at most: the first of the seed articles' mistakes is over-contact. */
export const NOTICE_MIN_INTERVAL_MS = 7 * 24 * 3_600_000;

export interface NoticeSenderOptions {
  db: Db;
  creditor: CreditorRow;
  /** The running channels: notices go out on those that can write first (WhatsApp, e-mail, Telegram). */
  adapters: readonly ChannelAdapter[];
  flows: Pick<FlowCatalog, 'latestVersion'>;
  /** The flow a notice's conversation starts in (its latest version). */
  flowId: string;
  timeZone: string;
  outbox: Outbox;
  logger: Logger;
  /** The creditor's order of channels, read at each run (an admin may change it). */
  channelOrder: () => Promise<readonly ProactiveChannel[]>;
  /** How long an e-mail's chat link works (MAIL_LINK_DAYS). */
  linkDays: number;
  /** Whether an approved WhatsApp template is mapped to this message (the Cloud API's window). */
  whatsappTemplateMapped: (key: string) => Promise<boolean>;
}

/** First notices to debtors (the admin's "send notices"): queued in the outbox, then sent in the background. */
export function noticeSender(o: NoticeSenderOptions): (cnpjs?: string[]) => Promise<NoticeResult> {
  const channels = o.adapters.map((a) => a.channel).filter(isProactiveChannel);
  const whatsapp = o.adapters.find((a) => a.channel === 'whatsapp');
  const windowMs = whatsapp?.serviceWindowMs;
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
      channelOrder: await o.channelOrder(),
      linkDays: o.linkDays,
      whatsappWindow: windowMs !== undefined ? { ms: windowMs, templateMapped: await o.whatsappTemplateMapped('notice.first') } : undefined,
    });
    void o.outbox.flush().catch((err) => o.logger.error({ err }, 'outbox flush failed'));
    return result;
  };
}
