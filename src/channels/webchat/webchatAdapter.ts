import type { FastifyInstance } from 'fastify';
import type { ChannelAdapter, InboundHandler } from '../channelPort.js';
import { registerWebchatRoutes, type WebchatRoutesDeps } from './webchatRoutes.js';

export type WebchatAdapterOptions = Omit<WebchatRoutesDeps, 'receive'>;

/**
 * The web chat: the debtor's page talks to this adapter's HTTP routes. A message enters the core
 * through the handler start() was given, like any channel's, and the POST answers with the bot's
 * replies to it. Outbound messages are pulled by the page, so sending only needs the row marked
 * sent (the outbox does that).
 */
export class WebchatAdapter implements ChannelAdapter {
  readonly channel = 'webchat' as const;
  private onMessage?: InboundHandler;

  constructor(private readonly options: WebchatAdapterOptions) {}

  async start(onMessage: InboundHandler): Promise<void> {
    this.onMessage = onMessage;
  }

  // The routes stop with the server; a request still in flight finishes its turn.
  async stop(): Promise<void> {}

  async send(): Promise<{ messageId: string }> {
    return { messageId: '' };
  }

  registerRoutes(server: FastifyInstance): void {
    registerWebchatRoutes(server, {
      ...this.options,
      receive: (m) => {
        if (!this.onMessage) throw new Error('web chat channel not started');
        return this.onMessage(m);
      },
    });
  }
}
