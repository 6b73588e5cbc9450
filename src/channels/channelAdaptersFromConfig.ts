import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import type { ChannelAdapter } from './channelPort.js';

/** The channels the configuration enables (the web chat is always on). */
export async function channelAdaptersFromConfig(config: Config, logger: Logger): Promise<ChannelAdapter[]> {
  const adapters: ChannelAdapter[] = [];
  if (config.TELEGRAM_BOT_TOKEN) {
    // Loaded only when configured, like the rest: grammY costs a process about 18 MB at import.
    const { TelegramAdapter } = await import('./telegram/telegramAdapter.js');
    adapters.push(
      new TelegramAdapter({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        // A public URL switches Telegram to webhook mode (POST /telegram/webhook, secret-token checked).
        mode: config.TELEGRAM_WEBHOOK_URL ? { webhook: { secretToken: config.TELEGRAM_WEBHOOK_SECRET ?? '', url: config.TELEGRAM_WEBHOOK_URL } } : 'polling',
        logger: logger.child({ channel: 'telegram' }),
      }),
    );
  }
  if (config.WHATSAPP_PROVIDER === 'cloud') {
    const { WhatsAppCloudAdapter } = await import('./whatsappCloud/whatsAppCloudAdapter.js');
    adapters.push(
      new WhatsAppCloudAdapter({
        token: config.WHATSAPP_CLOUD_TOKEN!,
        phoneNumberId: config.WHATSAPP_CLOUD_PHONE_NUMBER_ID!,
        appSecret: config.WHATSAPP_CLOUD_APP_SECRET!,
        verifyToken: config.WHATSAPP_CLOUD_VERIFY_TOKEN!,
        apiRoot: config.WHATSAPP_CLOUD_API_ROOT,
        logger: logger.child({ channel: 'whatsapp', provider: 'cloud' }),
      }),
    );
  } else if (config.WHATSAPP_ENABLED) {
    // Loaded only when enabled: Baileys and its Signal stack cost ~50 MB of memory at import.
    const { WhatsAppAdapter } = await import('./whatsapp/whatsappAdapter.js');
    adapters.push(
      new WhatsAppAdapter({
        authDir: config.WHATSAPP_AUTH_DIR,
        logger: logger.child({ channel: 'whatsapp' }),
        pairingPhone: config.WHATSAPP_PAIRING_PHONE,
        // Messages that arrived while we were down come as "append": answer those up to a day old
        // (the core dedupes by message id, so nothing is answered twice).
        appendMaxAgeMs: 24 * 3_600_000,
      }),
    );
  }
  return adapters;
}
