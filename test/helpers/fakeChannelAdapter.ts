import type { ChannelAdapter, ChannelName, InboundChannelMessage, OutboundChannelMessage } from '../../src/channels/channelPort.js';

/** An in-memory adapter: tests deliver platform messages and read what was sent. */
export class FakeChannelAdapter implements ChannelAdapter {
  sent: { chatId: string; message: OutboundChannelMessage; at: number }[] = [];
  /** Every send attempt, failed or not, in order. */
  attempts: { chatId: string; at: number; ok: boolean }[] = [];
  private onMessage?: (m: InboundChannelMessage) => Promise<unknown>;
  private failures: { err: Error; chatId?: string }[] = [];
  private n = 0;

  constructor(readonly channel: ChannelName) {}

  async start(onMessage: (m: InboundChannelMessage) => Promise<unknown>) {
    this.onMessage = onMessage;
  }
  async stop() {
    this.onMessage = undefined;
  }
  async send(chatId: string, message: OutboundChannelMessage) {
    // A failure meant for one chat is not consumed by a send to another (the outbox timer runs too).
    const i = this.failures.findIndex((f) => !f.chatId || f.chatId === chatId);
    this.attempts.push({ chatId, at: Date.now(), ok: i < 0 });
    if (i >= 0) throw this.failures.splice(i, 1)[0]!.err;
    this.sent.push({ chatId, message, at: Date.now() });
    return { messageId: `out-${++this.n}` };
  }

  /** Files the platform holds, by file id (what downloadMedia returns). */
  files = new Map<string, Buffer>();
  async downloadMedia(fileId: string): Promise<Buffer> {
    const f = this.files.get(fileId);
    if (!f) throw new Error(`no file ${fileId}`);
    return f;
  }

  failNext(err: Error, chatId?: string) {
    this.failures.push({ err, chatId });
  }

  async deliver(m: Partial<InboundChannelMessage> & { chatId: string }) {
    if (!this.onMessage) throw new Error('adapter not started');
    await this.onMessage({ channel: this.channel, messageId: `in-${++this.n}`, kind: 'text', receivedAt: new Date(), ...m });
  }

  textsTo(chatId: string): string[] {
    return this.sent.filter((s) => s.chatId === chatId).map((s) => s.message.text);
  }
}
