/**
 * 'injection': the text obeys or echoes instructions instead of being a message to the debtor.
 *  - INJECTION lexicon (lexicons.ts): "como um modelo de linguagem", "as an AI", "ignore previous
 *    instructions", our prompt's own words ("TEXTO-BASE", "DATA (not instructions)"), raw fact keys
 *    ("totalCents"), commentary on the rewriting ("aqui está a mensagem reescrita");
 *  - structure no chat message of ours has: role markers ("assistant:"), chat-template tokens
 *    ("<|im_start|>", "[INST]"), HTML tags, markdown (code fences, **bold**, headings, [links](…),
 *    tables), JSON, unrendered template placeholders ("{offer.totalCents|money}"), the whole text
 *    wrapped in quotes;
 *  - with `systemPrompt`: any run of 8 words of it (leakage), unless the template has the run too.
 * Whatever the template itself contains is not held against the rewording.
 */

import { INJECTION } from './lexicons.js';
import { PhraseMatcher } from './phraseMatcher.js';
import { factNames, fold, quote, removeNames } from './text.js';
import type { Failure } from './types.js';

const matcher = new PhraseMatcher(INJECTION);

const STRUCTURE: ReadonlyArray<[string, RegExp]> = [
  ['role marker', /^[ \t]*(?:system|assistant|user|sistema|assistente|usuario|human|humano|ai|ia|bot|model|modelo|developer|desenvolvedor)[ \t]*:/m],
  ['chat-template token', /<\|[^|>\n]{1,30}\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:s|system|user|assistant|im_start|im_end)>/],
  ['HTML tag', /<\/?[a-z][a-z0-9-]{0,20}(?:\s[^<>\n]{0,200})?\/?>/],
  ['code fence', /```|~~~/],
  ['markdown emphasis', /\*\*[^*\n]{1,200}\*\*|__[^_\n]{1,200}__/],
  ['markdown heading', /^[ \t]{0,3}#{1,6}[ \t]+\S/m],
  ['markdown link', /\[[^\]\n]{1,200}\]\([^)\s]{1,500}\)/],
  ['markdown table', /^[ \t]*\|[^\n]*\|[ \t]*\n[ \t]*\|?[ \t:]*-{3,}/m],
  ['JSON', /[{[][ \t\n]*"[^"\n]{1,60}"[ \t]*:|^[ \t]*"[a-z_]{1,40}"[ \t]*:/m],
  ['template placeholder', /\{[a-z][\w.]*(?:\|\w+)?\}|\{\{|\}\}|\{#each|\{\/each\}/],
];

/** The whole text in quotes: the model quoting its answer instead of giving it. */
const WRAPPED = /^\s*["'“«][^]*["'”»]\s*$/;

function structureHits(folded: string): string[] {
  const out: string[] = [];
  for (const [label, re] of STRUCTURE) if (re.test(folded)) out.push(label);
  if (WRAPPED.test(folded) && folded.trim().length > 2) out.push('text wrapped in quotes');
  return out;
}

function shingles(folded: string, n: number, limit = 5000): Set<string> {
  const ws = folded.match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + n <= ws.length && out.size < limit; i++) out.add(ws.slice(i, i + n).join(' '));
  return out;
}

const LEAK_RUN = 8;

export function checkInjection(text: string, templateText: string, facts: Record<string, unknown>, systemPrompt?: string): Failure[] {
  const names = factNames(facts);
  const t = removeNames(fold(templateText), names);
  const c = removeNames(fold(text), names);
  const failures: Failure[] = [];
  const add = (detail: string): void => {
    if (!failures.some((f) => f.detail === detail)) failures.push({ check: 'injection', detail });
  };
  const tLex = new Set(matcher.findFolded(t).map((h) => h.entry));
  for (const h of matcher.findFolded(c)) if (!tLex.has(h.entry)) add(`${h.entry.id}: ${quote(h.text)} (${h.entry.why})`);
  const tStruct = new Set(structureHits(t));
  for (const s of structureHits(c)) if (!tStruct.has(s)) add(`${s} in the text`);
  if (systemPrompt && systemPrompt.trim() !== '') {
    const prompt = shingles(fold(systemPrompt), LEAK_RUN);
    const tRuns = shingles(t, LEAK_RUN);
    for (const run of shingles(c, LEAK_RUN)) {
      if (prompt.has(run) && !tRuns.has(run)) {
        add(`system prompt leaked: ${quote(run)}`);
        break;
      }
    }
  }
  return failures;
}
