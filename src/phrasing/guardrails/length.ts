/**
 * 'length': not empty; no longer than max(2 × template, template + 400) characters and never above
 * 4000; and, for a template of 80 characters or more, not shorter than a quarter of it (a
 * rewording that short has dropped substance). Characters are code points.
 */

import { charLength } from './text.js';
import type { Failure } from './types.js';

export const HARD_MAX_CHARS = 4000;

export function maxLengthFor(templateChars: number): number {
  return Math.min(HARD_MAX_CHARS, Math.max(2 * templateChars, templateChars + 400));
}

export function checkLength(text: string, templateText: string): Failure[] {
  if (text.trim() === '' || !/[\p{L}\p{N}]/u.test(text)) return [{ check: 'length', detail: 'the text is empty' }];
  const n = charLength(text);
  const t = charLength(templateText);
  const max = maxLengthFor(t);
  if (n > max) return [{ check: 'length', detail: `${n} characters, more than the ${max} allowed for a ${t}-character template` }];
  if (t >= 80 && n < Math.floor(t / 4)) return [{ check: 'length', detail: `${n} characters, less than a quarter of the ${t}-character template` }];
  return [];
}
