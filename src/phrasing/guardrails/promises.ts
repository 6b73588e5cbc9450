/**
 * 'promises': nothing promised that the facts lack. A concept of the PROMISES lexicon
 * (lexicons.ts) — discount, extra discount, waiver, deadline, guarantee, credit record, legal
 * claim, contact/timing, perk — may appear only if the template text already expresses it; a
 * discount also when the facts carry one (offer.discountPercent > 0). A discount that is denied
 * ("sem desconto", "no discount") is not a promise. Changed numbers are the 'numbers' check's job.
 */

import { PROMISES } from './lexicons.js';
import { PhraseMatcher } from './phraseMatcher.js';
import { factAt, factNames, fold, quote, removeNames } from './text.js';
import type { Failure } from './types.js';

const matcher = new PhraseMatcher(PROMISES);

const NEGATED_BEFORE = /(?:^|[^a-z])(?:sem|nao|nenhum|nenhuma|no|without|not|zero|isnt|isn't|nor|nem)\s+(?:[a-z]+\s+){0,2}$/;
/** "10% off", "20 % off": a discount without the word. */
const PERCENT_OFF = /\d\s?%\s?off(?![a-z])/g;

export function promiseConcepts(folded: string): { concept: string; why: string; text: string }[] {
  const out: { concept: string; why: string; text: string }[] = [];
  for (const h of matcher.findFolded(folded)) {
    if (h.entry.id === 'discount' && NEGATED_BEFORE.test(folded.slice(Math.max(0, h.start - 40), h.start))) continue;
    out.push({ concept: h.entry.id, why: h.entry.why, text: h.text });
  }
  for (const m of folded.matchAll(PERCENT_OFF)) out.push({ concept: 'discount', why: '"% off": a discount', text: m[0] });
  return out;
}

export function checkPromises(text: string, templateText: string, facts: Record<string, unknown>): Failure[] {
  const names = factNames(facts);
  const supported = new Set(promiseConcepts(removeNames(fold(templateText), names)).map((c) => c.concept));
  const discount = factAt(facts, 'offer.discountPercent');
  if (typeof discount === 'number' && discount > 0) supported.add('discount');
  const failures: Failure[] = [];
  for (const c of promiseConcepts(removeNames(fold(text), names))) {
    if (supported.has(c.concept)) continue;
    const detail = `${c.concept}: ${quote(c.text)} is not in the facts or the template (${c.why})`;
    if (!failures.some((f) => f.detail === detail)) failures.push({ check: 'promises', detail });
  }
  return failures;
}
