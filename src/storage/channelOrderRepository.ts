import { ChannelOrderSchema, DEFAULT_CHANNEL_ORDER, type ChannelOrder } from '../domain/channelRouting.js';
import type { SettingKind } from './settingVersions.js';

/** The creditor's order of channels for proactive messages, versioned and audited like its other settings. */
export const CHANNEL_ORDER: SettingKind<ChannelOrder> = {
  kind: 'channelOrder',
  schema: ChannelOrderSchema,
  fallback: DEFAULT_CHANNEL_ORDER,
  auditType: 'channel_order.changed',
};
