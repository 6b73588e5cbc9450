/**
 * 'status': no claim about where the debt or the agreement stands that the facts do not make.
 * From the STATUS lexicon (lexicons.ts):
 *  - settled: "sua dívida está quitada", "nada consta", "pagamento recebido", "paid in full" —
 *    only when the template says it (noDebt: "não encontrei pendências em aberto") or the facts
 *    do (an agreement with status "settled", a debt of zero);
 *  - cancelled: "o acordo foi cancelado", "cobrança suspensa", "your debt was forgiven" — only
 *    when the template says it or the agreement's status is cancelled, broken or renegotiated;
 *  - disregard: "desconsidere esta mensagem", "sent in error" — only when the template says it.
 * A claim is checked like a promise: the template's own claims are allowed to its rewordings.
 */

import { STATUS } from './lexicons.js';
import { PhraseMatcher } from './phraseMatcher.js';
import { factAt, factNames, fold, quote, removeNames } from './text.js';
import type { Failure } from './types.js';

const matcher = new PhraseMatcher(STATUS);

/** Claims the facts themselves support (an agreement's status is active, settled, broken, renegotiated or cancelled). */
function claimsInFacts(facts: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  const agreementStatus = factAt(facts, 'agreement.status');
  if (agreementStatus === 'settled' || factAt(facts, 'debt.totalCents') === 0) out.add('settled');
  if (agreementStatus === 'cancelled' || agreementStatus === 'broken' || agreementStatus === 'renegotiated') out.add('cancelled');
  return out;
}

export function statusClaims(folded: string): { claim: string; why: string; text: string }[] {
  return matcher.findFolded(folded).map((h) => ({ claim: h.entry.id, why: h.entry.why, text: h.text }));
}

/** `only`: the claims to check (all by default). */
export function checkStatus(text: string, templateText: string, facts: Record<string, unknown>, only?: readonly string[]): Failure[] {
  const names = factNames(facts);
  const supported = claimsInFacts(facts);
  for (const c of statusClaims(removeNames(fold(templateText), names))) supported.add(c.claim);
  const failures: Failure[] = [];
  for (const c of statusClaims(removeNames(fold(text), names))) {
    if (supported.has(c.claim) || (only && !only.includes(c.claim))) continue;
    const detail = `${c.claim}: ${quote(c.text)} is not what the facts or the template say (${c.why})`;
    if (!failures.some((f) => f.detail === detail)) failures.push({ check: 'status', detail });
  }
  return failures;
}
