import { describe, expect, it } from 'vitest';
import { ChannelOrderSchema, chooseChannel, type ProactiveChannel, type Reach } from '../../src/domain/channelRouting.js';

const reach = (m: Partial<Record<ProactiveChannel, Reach>>) => (c: ProactiveChannel): Reach => m[c] ?? { why: 'not configured on this server' };
const order: ProactiveChannel[] = ['whatsapp', 'email', 'telegram'];

describe('chooseChannel', () => {
  it('honours the contact’s preference when that channel reaches them', () => {
    expect(chooseChannel('email', order, reach({ whatsapp: { chatId: 'w' }, email: { chatId: 'a@b.c' } }))).toEqual({ channel: 'email', chatId: 'a@b.c', reason: 'email: the contact’s preferred channel' });
  });

  it('falls back along the creditor’s order, saying why each channel was passed over', () => {
    const r = chooseChannel('telegram', order, reach({ whatsapp: { why: 'the 24-hour window is closed and no approved template is mapped to notice.first' }, email: { chatId: 'a@b.c' }, telegram: { why: 'no Telegram chat yet' } }));
    expect(r).toEqual({
      channel: 'email',
      chatId: 'a@b.c',
      reason: 'telegram (preferred): no Telegram chat yet; whatsapp: the 24-hour window is closed and no approved template is mapped to notice.first; email: next in the creditor’s order',
    });
  });

  it('takes the first of the order without a preference, and reports none when nothing reaches', () => {
    expect(chooseChannel(null, order, reach({ whatsapp: { chatId: 'w' } }))).toMatchObject({ channel: 'whatsapp', reason: 'whatsapp: first in the creditor’s order' });
    expect(chooseChannel('sms', ['email'], reach({ email: { why: 'no e-mail address' } }))).toEqual({ channel: null, reason: 'email: no e-mail address' });
  });

  it('accepts an order listing every channel once, and refuses anything else', () => {
    expect(ChannelOrderSchema.safeParse({ order: ['email', 'telegram', 'whatsapp'] }).success).toBe(true);
    for (const bad of [{ order: ['email', 'email', 'whatsapp'] }, { order: ['email'] }, { order: ['email', 'sms', 'whatsapp'] }, { order: [], extra: 1 }]) expect(ChannelOrderSchema.safeParse(bad).success).toBe(false);
  });
});
