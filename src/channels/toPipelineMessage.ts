import type { InboundMessage } from '../engine/turnPipeline.js';
import type { InboundChannelMessage } from './channelPort.js';

/** What is stored as the text of a message that has none (a shared contact, a photo). */
function describe(m: InboundChannelMessage): string {
  if (m.kind === 'contact') return '[contato compartilhado]';
  if (m.kind === 'media') return `[${m.media?.type ?? 'arquivo'}${m.media?.fileName ? `: ${m.media.fileName}` : ''}]`;
  return '[mensagem não suportada]';
}

/** A channel adapter's message as the turn pipeline takes it; the platform stays at the edge. */
export function toPipelineMessage(m: InboundChannelMessage): InboundMessage {
  // The web chat has no platform: its messages are the debtor's text only, stored without an attachment.
  if (m.channel === 'webchat') return { channel: m.channel, chatId: m.chatId, channelMessageId: m.messageId, text: m.text ?? '', clientAddress: m.clientAddress };
  return {
    channel: m.channel,
    chatId: m.chatId,
    channelMessageId: m.messageId,
    text: m.text?.trim() || describe(m),
    locale: m.from?.languageCode?.toLowerCase().startsWith('en') ? 'en' : 'pt-BR',
    senderPhone: m.senderPhone,
    attachment: {
      kind: m.kind,
      ...(m.choiceId ? { choiceId: m.choiceId } : {}),
      ...(m.contact ? { contact: m.contact } : {}),
      ...(m.media ? { media: m.media } : {}),
      ...(m.cutFromChars !== undefined ? { cutFromChars: m.cutFromChars } : {}),
    },
  };
}
