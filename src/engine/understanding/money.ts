/**
 * Money and percentages in numberized text (written numbers are digits already).
 *
 * A number is money only with evidence, strongest first:
 *  - a currency marker: "R$ 2.000", "R$1500", "$2,000.50", "500 reais", "2000 dollars";
 *  - a scale word: "2 mil", "1,5 mil", "2k", "2 mil e 500";
 *  - an instalment context: "parcelas de 300", "4x de 500", "500 por mês", "$500 a month"
 *    (these also set perInstallment);
 *  - money formatting: thousands separators or two decimals ("1.234,56", "2.000");
 *  - a written number of a thousand or more ("mil e quinhentos", "dois mil");
 *  - weak: a paying/offering verb just before it ("posso pagar 1500", "consigo 800",
 *    "I can do 1500"), at least R$ 10, not a year and not followed by a unit.
 * Numbers followed by a unit ("3 notas", "10 dias", "4 parcelas", "15%") are counts, never money.
 * Numbers already claimed (dates, CNPJ, instalment counts, choices, percent) are skipped.
 * The first strong amount in the text wins; a weak one is used only when there is no strong one.
 */

import type { WrittenSpan } from '../../language/numberize.js';
import { parseDecimalCents } from './numbers.js';
import type { Spans } from './spans.js';

export interface Money {
  cents: number;
  perInstallment: boolean;
}

const NUMBER = /\d+(?:[.,]\d+)*/g;

const SCALE_AFTER = /^\s?(mil|k|milhao|milhoes|million|millions|thousand|grand)\b/;
const SCALE: Readonly<Record<string, number>> = {
  mil: 1_000, k: 1_000, thousand: 1_000, grand: 1_000,
  milhao: 1_000_000, milhoes: 1_000_000, million: 1_000_000, millions: 1_000_000,
};
/** "2 mil e 500": the remainder after a scale word. */
const SCALE_REMAINDER = /^\s+e\s+(\d{1,3})\b/;

const PRE_CURRENCY = /(?:r\$|\$|\bbrl|\busd)\s?$/;
const POST_CURRENCY = /^\s?(?:reais|real|conto|contos|pila|pilas|dolares|dolar|dollars?|bucks|brl|usd)\b/;

const PER_AFTER =
  /^\s?(?:(?:reais|real|conto|contos|pila|pilas|dollars?|bucks)\s+)?(?:por\s+mes|ao\s+mes|mensais|mensal|mensalmente|por\s+parcela|a\s+parcela|cada\s+parcela|cada|\/\s?mes|todo\s+mes|por\s+boleto|per\s+month|a\s+month|monthly|\/\s?month|\/\s?mo\b|each|per\s+installment|an?\s+installment|every\s+month)/;
const PER_BEFORE =
  /(?:(?:parcelas?|prestacoes|prestacao|mensalidades?|installments?|payments?|pagamentos|boletos|vezes)\s+(?:de|of)|\d\s?x(?:\s?de)?)\s*(?:r\$|\$)?\s?$/;

/** A unit after a number makes it a count. */
const COUNT_AFTER =
  /^(?:\s?(?:x\b|vezes|vez\b|parcelas?|prestac|mensalidades?|meses|mes\b|dias\b|dia\b(?!\s+\d)|semanas?|anos?\b|horas?|h\b|hs\b|hrs\b|min\b|minutos|notas?|boletos?|faturas?|titulos?|funcionarios|pessoas|clientes|lojas|unidades|months?|days?|weeks?|years?|hours?|installments?|payments?|invoices?|employees|people|%|por ?cento|percent)|(?:o|a|st|nd|rd|th)\b)/;

/** Verbs and nouns after which a bare number is an amount ("posso pagar 1500"). */
const MONEY_WORDS: ReadonlySet<string> = new Set([
  'pagar', 'pago', 'pagamos', 'pagaria', 'pagariamos', 'pagarei', 'pagaremos', 'pagando', 'posso',
  'podemos', 'poderia', 'poderiamos', 'consigo', 'conseguimos', 'conseguiria', 'conseguiriamos',
  'consegue', 'ofereco', 'oferecemos', 'oferecer', 'oferta', 'proposta', 'proponho', 'propomos',
  'dou', 'damos', 'dar', 'daria', 'dariamos', 'faco', 'fazemos', 'fazer', 'faria', 'fariamos',
  'fecho', 'fechamos', 'fechar', 'fecha', 'quito', 'quitar', 'quitamos', 'entrada', 'valor',
  'total', 'tenho', 'temos', 'disponivel', 'juntar', 'sobra', 'depositar', 'deposito', 'transferir',
  'transfiro', 'boleto', 'pix', 'desconto', 'pay', 'paying', 'offer', 'afford', 'can', 'could', 'budget',
]);
/** A number right after these is not an amount: "pagar em 3", "nota 123", "dia 5". */
const NOT_MONEY_PREV: ReadonlySet<string> = new Set(['em', 'in', 'dia', 'day', 'numero', 'nota', 'the']);

interface Hit extends Money {
  start: number;
  end: number;
  strong: boolean;
}

export function findMoney(num: string, spans: Spans, written: readonly WrittenSpan[]): Money | undefined {
  const hits: Hit[] = [];
  for (const m of num.matchAll(NUMBER)) {
    const raw = m[0];
    const start = m.index ?? 0;
    let end = start + raw.length;
    if (spans.overlaps(start, end)) continue;
    const before = num.slice(Math.max(0, start - 30), start);
    // glued to letters: a code ("a778", "nf-1234"), except "4x500" (instalments of 500)
    if (/[a-z]-?$/.test(before) && !PRE_CURRENCY.test(before) && !/\d\s?x$/.test(before)) continue;
    let cents = parseDecimalCents(raw);
    if (cents === undefined || cents <= 0) continue;

    let scaled = false;
    const scale = SCALE_AFTER.exec(num.slice(end, end + 20));
    if (scale) {
      const factor = SCALE[scale[1] as string] as number;
      cents *= factor;
      end += scale[0].length;
      scaled = true;
      const rest = SCALE_REMAINDER.exec(num.slice(end, end + 12));
      if (rest) {
        const remStart = end + rest[0].indexOf(rest[1] as string);
        const remEnd = remStart + (rest[1] as string).length;
        const remainder = Number(rest[1]) * 100;
        const afterRem = num.slice(remEnd, remEnd + 20);
        if (remainder < cents && !spans.overlaps(remStart, remEnd) && !COUNT_AFTER.test(afterRem)) {
          cents += remainder;
          end = remEnd;
        }
      }
    }
    if (!Number.isSafeInteger(cents)) continue;
    const after = num.slice(end, end + 30);

    const preCurrency = PRE_CURRENCY.test(before);
    const postCurrency = POST_CURRENCY.test(after);
    const per = PER_BEFORE.test(before) || PER_AFTER.test(after);
    const writtenBig = written.some((w) => w.start < end && start < w.end && w.value >= 1000);
    const formatted = /[.,]\d{3}$|[.,]\d{3}[.,]|,\d{2}$|\.\d{2}$/.test(raw);
    const count = COUNT_AFTER.test(after);
    // glued letters make a code or an ordinal ("1a parcela", "778b"), unless they are a scale or
    // a currency ("2mil", "2k", "500reais")
    if (/^[a-z]/.test(num.slice(start + raw.length)) && !scaled && !postCurrency) continue;

    let strong = preCurrency || postCurrency || per;
    if (!strong && (scaled || writtenBig || formatted)) strong = !count;
    if (!strong) {
      if (count || !weakContext(before) || cents < 1_000) continue;
      if (/^(?:19|20)\d\d$/.test(raw)) continue; // a year
    }
    hits.push({ start, end, cents, perInstallment: per, strong });
  }
  const chosen = hits.find((h) => h.strong) ?? hits[0];
  if (!chosen) return undefined;
  for (const h of hits) if (h.strong || h === chosen) spans.add(h.start, h.end);
  return { cents: chosen.cents, perInstallment: chosen.perInstallment };
}

function weakContext(before: string): boolean {
  const clause = before.split(/[.;!?]/).pop() ?? '';
  const words = clause.match(/[a-z]+/g) ?? [];
  const prev = words[words.length - 1];
  if (prev !== undefined && NOT_MONEY_PREV.has(prev)) return false;
  return words.slice(-3).some((w) => MONEY_WORDS.has(w));
}

const PERCENT = /(?<![\d.,])(\d{1,3}(?:[.,]\d{1,2})?)\s?(?:%|por\s?cento\b|percent\b|pct\b)/g;

/** First percentage (0–100), e.g. "10%", "dez por cento", "2,5%". Claims its characters. */
export function findPercent(num: string, spans: Spans): number | undefined {
  let first: number | undefined;
  for (const m of num.matchAll(PERCENT)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (spans.overlaps(start, end)) continue;
    const value = Number((m[1] as string).replace(',', '.'));
    if (!(value >= 0 && value <= 100)) continue;
    spans.add(start, end);
    first ??= value;
  }
  return first;
}
