/**
 * 'hostility': threatening, hostile, shaming or pressuring language (CDC art. 42 and 71; product
 * rules 3, 4 and 6), from the HOSTILITY lexicon (lexicons.ts) plus conditional threats, which
 * need a look at what follows: "ou então vamos…", "senão…", "caso contrário, seremos obrigados…",
 * "otherwise we will…", "or else". A word the template itself uses is not held against a rewording.
 */

import { HOSTILITY } from './lexicons.js';
import { PhraseMatcher } from './phraseMatcher.js';
import { factNames, fold, quote, removeNames } from './text.js';
import type { Failure } from './types.js';

const matcher = new PhraseMatcher(HOSTILITY);

/** A condition ("or else", "senão") followed, in the same sentence, by a threat of what "we" will do. */
const CONDITION =
  /(?<![a-z])(ou entao|senao|caso contrario|do contrario|se nao (?:pagar|quitar|regularizar|houver|for pago|efetuar)|se voce nao (?:pagar|quitar|regularizar)|otherwise|if you don'?t pay|if you do not pay|if (?:the )?payment is not|failing (?:that|payment))(?![a-z])([^.!?\n]{0,80})/g;
const THREAT_AFTER =
  /(?:^|[^a-z])(?:vamos|iremos|teremos|seremos|tomaremos|acionaremos|encaminharemos|enviaremos|sera encaminhad|sera enviad|sera negativad|sera protestad|sera cobrad|vai ser|vao ser|nao teremos|we will|we'll|we shall|we are going to|we're going to|you will (?:be|face|regret)|you'll (?:be|face|regret)|will be (?:sent|reported|referred|forwarded|taken)|will have to)(?![a-z])/;
/** "…, ou então." / "or else!": the threat left hanging. */
const DANGLING = /(?<![a-z])(ou entao|senao|or else)\s*(?:[.!?…]|\.\.\.|$)/g;

export function hostileHits(folded: string): { label: string; why: string; text: string }[] {
  const out: { label: string; why: string; text: string }[] = [];
  for (const h of matcher.findFolded(folded)) out.push({ label: h.entry.id, why: h.entry.why, text: h.text });
  for (const m of folded.matchAll(CONDITION)) {
    if (THREAT_AFTER.test(m[2] ?? '')) out.push({ label: 'conditional threat', why: 'a condition followed by what "we" will do', text: m[0].slice(0, 60) });
  }
  for (const m of folded.matchAll(DANGLING)) out.push({ label: 'conditional threat', why: 'a hanging "or else"', text: m[0] });
  return out;
}

export function checkHostility(text: string, templateText: string, facts: Record<string, unknown>): Failure[] {
  const names = factNames(facts);
  const inTemplate = new Set(hostileHits(removeNames(fold(templateText), names)).map((h) => `${h.label}|${h.why}`));
  const failures: Failure[] = [];
  for (const h of hostileHits(removeNames(fold(text), names))) {
    if (inTemplate.has(`${h.label}|${h.why}`)) continue;
    const detail = `${h.label}: ${quote(h.text)} (${h.why})`;
    if (!failures.some((f) => f.detail === detail)) failures.push({ check: 'hostility', detail });
  }
  return failures;
}

