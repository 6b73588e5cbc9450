import { describe, expect, it } from 'vitest';
import { channelAdaptersFromConfig } from '../../src/channels/channelAdaptersFromConfig.js';
import { WhatsAppCloudAdapter } from '../../src/channels/whatsappCloud/whatsAppCloudAdapter.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';

const logger = createLogger('silent');
const CLOUD = { WHATSAPP_PROVIDER: 'cloud', WHATSAPP_CLOUD_TOKEN: 't', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '106540352242922', WHATSAPP_CLOUD_APP_SECRET: 's', WHATSAPP_CLOUD_VERIFY_TOKEN: 'v' };

describe('channelAdaptersFromConfig', () => {
  it('starts no messaging channel by default (the web chat is always on)', async () => {
    expect(await channelAdaptersFromConfig(loadConfig({}), logger)).toEqual([]);
  });

  it('takes WhatsApp through the Cloud API with WHATSAPP_PROVIDER=cloud, never Baileys beside it', async () => {
    const adapters = await channelAdaptersFromConfig(loadConfig({ ...CLOUD, WHATSAPP_ENABLED: 'true' }), logger);
    expect(adapters).toHaveLength(1);
    expect(adapters[0]).toBeInstanceOf(WhatsAppCloudAdapter);
    expect(adapters[0]!.channel).toBe('whatsapp');
    // Any replica takes its webhook: no single-connection lock.
    expect(adapters[0]!.singleConnectionName?.('c')).toBeUndefined();
  });
});
