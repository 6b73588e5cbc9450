import { describe, expect, it } from 'vitest';
import { TokenLedger } from '../../src/phrasing/tokenLedger.js';

const DAY1 = new Date('2026-11-23T10:00:00Z');
const DAY1_LATE = new Date('2026-11-23T23:59:59Z');
const DAY2 = new Date('2026-11-24T00:00:01Z');

describe('TokenLedger', () => {
  it('adds up one conversation’s tokens within a day and starts again the next day', () => {
    const l = new TokenLedger();
    l.add('c1', 300, DAY1);
    l.add('c1', 200, DAY1_LATE);
    l.add('c2', 50, DAY1);
    expect(l.spent('c1', DAY1_LATE)).toBe(500);
    expect(l.spent('c2', DAY1_LATE)).toBe(50);
    expect(l.spent('c1', DAY2)).toBe(0);
    expect(l.size).toBe(0);
  });

  it('holds at most maxConversations, forgetting the least recently used', () => {
    const l = new TokenLedger(3);
    for (const id of ['a', 'b', 'c']) l.add(id, 10, DAY1);
    l.add('a', 5, DAY1); // a is now the most recent
    l.add('d', 10, DAY1); // b goes
    expect(l.size).toBe(3);
    expect(l.spent('b', DAY1)).toBe(0);
    expect(l.spent('a', DAY1)).toBe(15);
    expect(l.spent('d', DAY1)).toBe(10);
  });

  it('stays bounded however many conversations speak in a day', () => {
    const l = new TokenLedger(1000);
    for (let i = 0; i < 50_000; i++) l.add(`c${i}`, 1, DAY1);
    expect(l.size).toBe(1000);
  });
});
