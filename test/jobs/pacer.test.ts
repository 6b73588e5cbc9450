import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/jobs/pacer.js';

const rules = { tg: { perChatMs: 1000, globalMs: 100, proactiveMs: 5000, jitterMs: 0 }, wa: { perChatMs: 0, globalMs: 1000, proactiveMs: 0, jitterMs: 500 } };

describe('Pacer', () => {
  it('spaces messages to one chat and across the channel', () => {
    let now = 0;
    const p = new Pacer(rules, () => now);
    expect(p.reserve('tg', 'a', false)).toBe(0);
    expect(p.reserve('tg', 'a', false)).toBe(1000);
    expect(p.reserve('tg', 'b', false)).toBe(1100); // after the global gap from the last reserved slot
    now = 5000;
    expect(p.reserve('tg', 'c', false)).toBe(0);
  });

  it('holds proactive messages further apart than replies', () => {
    const p = new Pacer(rules, () => 0);
    expect(p.reserve('tg', 'a', true)).toBe(0);
    expect(p.reserve('tg', 'b', true)).toBe(5000);
    expect(p.reserve('tg', 'c', false)).toBe(5100);
  });

  it('adds jitter within its bound and leaves unknown channels alone', () => {
    const p = new Pacer(rules, () => 0, undefined, () => 0.999);
    expect(p.reserve('wa', 'a', false)).toBe(499);
    expect(p.reserve('wa', 'b', false)).toBe(499 + 1000 + 499);
    expect(p.reserve('webchat', 'x', false)).toBe(0);
  });
});
