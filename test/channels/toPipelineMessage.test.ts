import { describe, expect, it } from 'vitest';
import { boundInboundMessage } from '../../src/channels/inboundText.js';
import { toPipelineMessage } from '../../src/channels/toPipelineMessage.js';

describe('toPipelineMessage', () => {
  it('stores a text the adapter cut with its original length, so the record says it was cut', () => {
    const m = boundInboundMessage({ channel: 'telegram' as const, chatId: '1', messageId: '1:1', kind: 'text' as const, text: 'x'.repeat(5000), receivedAt: new Date(0) });
    const p = toPipelineMessage(m);
    expect(p.text.length).toBe(4000);
    expect(p.text.endsWith(' […]')).toBe(true);
    expect(p.attachment).toEqual({ kind: 'text', cutFromChars: 5000 });
  });

  it('says nothing about cutting a whole text', () => {
    const p = toPipelineMessage({ channel: 'whatsapp', chatId: '1', messageId: 'a', kind: 'text', text: 'oi', receivedAt: new Date(0) });
    expect(p.attachment).toEqual({ kind: 'text' });
  });
});
