import { describe, expect, it } from 'vitest';
import { checkLength, HARD_MAX_CHARS, maxLengthFor } from '../../../src/phrasing/guardrails/length.js';

describe('length', () => {
  it('rejects empty, blank and emoji-only texts', () => {
    for (const t of ['', '   ', '\n\t', '👍', '...']) expect(checkLength(t, 'Olá de novo!'), JSON.stringify(t)).toHaveLength(1);
  });

  it('allows up to max(2 × template, template + 400), never above 4000', () => {
    expect(maxLengthFor(100)).toBe(500);
    expect(maxLengthFor(1000)).toBe(2000);
    expect(maxLengthFor(3000)).toBe(HARD_MAX_CHARS);
    const t = 'x'.repeat(100);
    expect(checkLength('y'.repeat(500), t)).toEqual([]);
    expect(checkLength('y'.repeat(501), t)[0]?.detail).toMatch(/501 characters, more than the 500 allowed/);
    expect(checkLength('y'.repeat(4001), 'x'.repeat(3000))).toHaveLength(1);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(checkLength('a😀'.repeat(250), 'x'.repeat(100))).toEqual([]); // 500 code points, 750 UTF-16 units
  });

  it('rejects a text shorter than a quarter of a long template', () => {
    expect(checkLength('Ok.', 'x'.repeat(200))[0]?.detail).toMatch(/less than a quarter/);
    expect(checkLength('Ok.', 'x'.repeat(60))).toEqual([]);
  });
});
