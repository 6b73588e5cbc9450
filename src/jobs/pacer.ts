export interface PaceRule {
  /** Minimum gap between two messages to the same chat. */
  perChatMs: number;
  /** Minimum gap between any two messages of the channel (one bot, one WhatsApp number). */
  globalMs: number;
  /** Extra minimum gap before a proactive message (notices): bulk bursts get WhatsApp numbers banned. */
  proactiveMs: number;
  /** Random extra delay up to this, so sends do not look machine-timed. */
  jitterMs: number;
}

// Telegram: about 1 message/s per chat and 30/s per bot (Bot API FAQ). WhatsApp has no published
// limit for unofficial clients; numbers that burst templated messages get banned (Baileys issue 1983).
export const DEFAULT_PACING: Record<string, PaceRule> = {
  telegram: { perChatMs: 1_000, globalMs: 34, proactiveMs: 100, jitterMs: 0 },
  whatsapp: { perChatMs: 1_500, globalMs: 1_000, proactiveMs: 20_000, jitterMs: 1_500 },
  webchat: { perChatMs: 0, globalMs: 0, proactiveMs: 0, jitterMs: 0 },
  // SMTP relays cap messages per second and receivers read bursts as spam: five a second at most.
  email: { perChatMs: 1_000, globalMs: 200, proactiveMs: 500, jitterMs: 0 },
};

/** Reserves send slots per channel and chat; `wait` resolves when the reserved slot arrives. */
export class Pacer {
  private lastGlobal = new Map<string, number>();
  private lastChat = new Map<string, number>();
  private lastProactive = new Map<string, number>();

  constructor(
    private rules: Record<string, PaceRule> = DEFAULT_PACING,
    private now: () => number = Date.now,
    private sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
    private random: () => number = Math.random,
  ) {}

  /** The delay before this send may go out; the slot is reserved at once (concurrent callers queue). */
  reserve(channel: string, chatId: string, proactive: boolean): number {
    const rule = this.rules[channel];
    if (!rule) return 0;
    const now = this.now();
    const chatKey = `${channel}:${chatId}`;
    let slot = Math.max(now, (this.lastGlobal.get(channel) ?? -Infinity) + rule.globalMs, (this.lastChat.get(chatKey) ?? -Infinity) + rule.perChatMs);
    if (proactive) slot = Math.max(slot, (this.lastProactive.get(channel) ?? -Infinity) + rule.proactiveMs);
    slot += Math.floor(this.random() * rule.jitterMs);
    this.lastGlobal.set(channel, slot);
    this.lastChat.set(chatKey, slot);
    if (proactive) this.lastProactive.set(channel, slot);
    return slot - now;
  }

  async wait(channel: string, chatId: string, proactive: boolean): Promise<void> {
    const ms = this.reserve(channel, chatId, proactive);
    if (ms > 0) await this.sleep(ms);
  }
}
