import type { ChannelAdapter } from '../channelPort.js';

/**
 * The web chat: inbound arrives through the HTTP routes (src/http/webchatRoutes.ts) and the page
 * pulls outbound messages, so sending only needs the row marked sent (the outbox does that).
 */
export class WebchatAdapter implements ChannelAdapter {
  readonly channel = 'webchat' as const;
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(): Promise<{ messageId: string }> {
    return { messageId: '' };
  }
}
