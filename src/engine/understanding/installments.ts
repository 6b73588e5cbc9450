/**
 * Payment plan shape: number of instalments and "cash" (one payment now).
 *
 * Instalments are read from numberized text before money, so "4x", "quatro parcelas",
 * "parcelar em 10", "12 meses", "in 3 installments" claim their number and it is never an
 * amount. The amount of each instalment ("4x de 500", "parcelas de 300") is read by money.ts.
 */

import { isNegated } from './negation.js';
import type { Spans } from './spans.js';

/** Upper bound for a believable count of instalments (ten years of monthly payments). */
const MAX_INSTALLMENTS = 120;

const RULES: readonly RegExp[] = [
  // 4x, 4 x, 10x sem juros, 4x500 ("x" not followed by a letter: "4 xicaras" is not a count)
  /(?<![\d.,$a-z])(\d{1,3})\s?x(?![a-z])/g,
  // 4 vezes, quatro parcelas, 12 meses, 3 prestacoes, in 3 installments, 6 monthly payments
  /(?<![\d.,$])(\d{1,3})\s+(?:vezes|vez|parcelas?|prestacoes|prestacao|mensalidades?|pagamentos|meses|installments?|monthly\s+payments|payments|months)\b(?!\s+(?:de\s+atraso|atrasad\w*|em\s+atraso|overdue|late|ago|atras|behind)\b)/g,
  // parcelar em 10, parcelado em ate 6, dividir em 3, split into 3, pay in 3, spread over 6
  /\b(?:parcelar|parcelado|parcelada|parcelamento|parcelo|parcelamos|parcela|dividir|divide|dividido|dividida|divido|dividimos|dividiria|pagar|pago|pagamos|pagaria|split|spread|pay\s+it|pay)\s+(?:em\s+ate|em|ate|in|into|over|por|up\s+to)\s+(\d{1,3})\b(?!\s?(?:x|vezes|parcelas?|%|mil|k|reais|[.,]\d|\/))/g,
];

/** Time references that make "N meses/vezes" not a plan: "há 3 meses", "atrasado 3 meses". */
const NOT_A_PLAN_BEFORE = /\b(?:ha|faz|fazem|atrasad[oa]s?|atraso\s+de)\s+$/;

export function findInstallments(num: string, spans: Spans): number | undefined {
  const hits: Array<{ start: number; end: number; n: number; numStart: number; numEnd: number }> = [];
  for (const re of RULES) {
    for (const m of num.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const digits = m[1] as string;
      const numStart = start + m[0].indexOf(digits);
      const numEnd = numStart + digits.length;
      if (spans.overlaps(numStart, numEnd)) continue;
      if (NOT_A_PLAN_BEFORE.test(num.slice(Math.max(0, start - 20), start))) continue;
      const n = Number(digits);
      if (n < 1 || n > MAX_INSTALLMENTS) continue;
      hits.push({ start, end, n, numStart, numEnd });
    }
  }
  if (hits.length === 0) return undefined;
  hits.sort((a, b) => a.start - b.start);
  // Claim only the count, not the words around it: "parcelas de 500" still lets money.ts see
  // "parcelas de" before 500.
  for (const h of hits) spans.add(h.numStart, h.numEnd);
  return (hits[0] as (typeof hits)[number]).n;
}

/**
 * One payment, now. Read on the normalised (not numberized) text so "de uma vez" stays words.
 * Negation matters and is reported: "não consigo à vista" gives cash = false.
 */
const CASH =
  /\b(?:a vista|de uma vez|de uma so vez|numa vez so|numa so vez|em uma vez|em uma parcela|uma vez so|parcela unica|pagamento unico|tudo de uma vez|tudo junto|sem parcelar|pix agora|pago agora no pix|no pix agora|quitar tudo agora|in full|lump sum|lump-sum|all at once|one payment|single payment|one-off payment|pay it all|upfront|up front|full payment|pay cash|in cash)\b/g;

export function findCash(norm: string): boolean | undefined {
  let result: boolean | undefined;
  for (const m of norm.matchAll(CASH)) {
    const negated = isNegated(norm, m.index ?? 0, 'loose', 4);
    if (!negated) return true;
    result = false;
  }
  return result;
}
