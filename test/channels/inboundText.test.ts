import { describe, expect, it } from 'vitest';
import type { InboundChannelMessage } from '../../src/channels/channelPort.js';
import { boundInboundMessage, boundInboundText, CUT_MARKER, dropControlCharacters, MAX_INBOUND_CHARS } from '../../src/channels/inboundText.js';

describe('dropControlCharacters', () => {
  it('drops NUL and the other control characters, keeps newlines and tabs, turns CRLF into LF', () => {
    expect(dropControlCharacters('a\u0000b\u0007c\u001Bd\u007Fe\u0085f\tg\r\nh\ri\nj')).toBe('abcdef\tg\nh\ni\nj');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(dropControlCharacters('Olá, ação! 👍 R$ 1.234,56')).toBe('Olá, ação! 👍 R$ 1.234,56');
  });
});

describe('boundInboundText', () => {
  it('keeps a text up to the limit whole', () => {
    const text = 'x'.repeat(MAX_INBOUND_CHARS);
    expect(boundInboundText(text)).toEqual({ text });
  });

  it('cuts a longer text to the limit, says so in the text and gives the original length', () => {
    const b = boundInboundText('y'.repeat(100_000));
    expect(b.text.length).toBe(MAX_INBOUND_CHARS);
    expect(b.text.endsWith(CUT_MARKER)).toBe(true);
    expect(b.cutFromChars).toBe(100_000);
  });

  it('never cuts an emoji in half', () => {
    // Room for 6 characters before the marker: the 6th is the first half of an emoji.
    const b = boundInboundText(`${'a'.repeat(5)}${'👍'.repeat(10)}`, 10);
    expect(b.text).toBe(`aaaaa${CUT_MARKER}`);
    expect(boundInboundText(`${'a'.repeat(4)}${'👍'.repeat(10)}`, 10).text).toBe(`aaaa👍${CUT_MARKER}`);
  });
});

describe('boundInboundMessage', () => {
  it('bounds the text, the option id, a file name and the sender name', () => {
    const m = boundInboundMessage<InboundChannelMessage>({
      channel: 'whatsapp',
      chatId: 'c',
      messageId: 'm',
      kind: 'media',
      text: `legenda\u0000${'z'.repeat(10_000)}`,
      choiceId: 'opt\u0000',
      media: { type: 'document', fileName: `nota\u0000${'f'.repeat(1000)}.pdf` },
      from: { firstName: 'Ma\u0000ria' },
      receivedAt: new Date(0),
    });
    expect(m.text!.length).toBe(MAX_INBOUND_CHARS);
    expect(m.text!.startsWith('legendazzz')).toBe(true);
    expect(m.cutFromChars).toBe(10_007);
    expect(m.choiceId).toBe('opt');
    expect(m.media!.fileName!.length).toBeLessThanOrEqual(200);
    expect(m.media!.fileName!.startsWith('notaf')).toBe(true);
    expect(m.from!.firstName).toBe('Maria');
  });

  it('passes null through', () => {
    expect(boundInboundMessage(null)).toBeNull();
  });
});
