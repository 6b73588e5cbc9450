/**
 * Negation scope: is the phrase that starts at `pos` negated by a word just before it?
 *
 * "não quero falar com atendente" is not a request for a person; "não paguei ainda" is not a claim
 * of payment. A negator only reaches forward inside its clause (punctuation and "mas"/"but" end a
 * clause: "não, quero falar com um atendente" IS a request).
 *
 * Two strengths:
 *  - `bridge` (intents): the words between the negator and the phrase must all be function words
 *    or the verbs of wanting/talking (BRIDGE). "não quero falar com" bridges; "não sei, quero
 *    falar" is cut by the comma and "não consigo pagar e quero falar" does not bridge ("consigo"
 *    is a content word), so the request for a person survives.
 *  - `loose` (option words, cash): any negator within `maxWords` words before the phrase
 *    ("não consigo pagar à vista" negates "à vista").
 */

const NEGATORS: ReadonlySet<string> = new Set([
  'nao', 'nem', 'nunca', 'jamais', 'not', 'dont', 'doesnt', 'didnt', 'never', 'wont', 'cant',
]);

const BRIDGE: ReadonlySet<string> = new Set([
  // pt: wanting, needing, being, talking, articles, pronouns, prepositions, adverbs of degree
  'quero', 'queria', 'quer', 'queremos', 'gostaria', 'gostariamos', 'preciso', 'precisamos',
  'precisa', 'vou', 'vamos', 'vai', 'estou', 'estamos', 'esta', 'ta', 'to', 'tou', 'e', 'sou',
  'somos', 'foi', 'fui', 'ser', 'ter', 'tem', 'tenho', 'temos', 'mais', 'ja', 'ainda', 'mesmo',
  'muito', 'tao', 'pra', 'para', 'com', 'um', 'uma', 'o', 'a', 'os', 'as', 'de', 'do', 'da', 'me',
  'eu', 'nos', 'te', 'lhe', 'falar', 'conversar', 'chamar', 'receber', 'isso', 'esse', 'essa',
  'ai', 'la', 'sequer', 'nenhum', 'nenhuma', 'aqui', 'agora', 'no', 'na', 'se', 'fica', 'ficar',
  // en
  'want', 'need', 'an', 'the', 'with', 'talk', 'speak', 'am', 'is', 'are', 'was', 'were',
  'be', 'have', 'has', 'really', 'even', 'yet', 'any', 'i', 'we', 'it', 'do', 'does', 'did',
  'ever', 'this', 'that', 'get', 'more', 'my', 'our',
]);

const CLAUSE_BREAK = /[.,;:!?()]|\b(?:mas|porem|contudo|entretanto|but|however)\b/g;

export function isNegated(
  text: string,
  pos: number,
  mode: 'bridge' | 'loose' = 'bridge',
  maxWords = 6,
): boolean {
  let before = text.slice(Math.max(0, pos - 120), pos);
  let cut = -1;
  for (const m of before.matchAll(CLAUSE_BREAK)) cut = (m.index ?? 0) + m[0].length;
  if (cut >= 0) before = before.slice(cut);
  const words = before.match(/[a-z]+/g) ?? [];
  const window = words.slice(-maxWords);
  for (let i = window.length - 1; i >= 0; i--) {
    const w = window[i] as string;
    if (!NEGATORS.has(w)) continue;
    if (mode === 'loose') return true;
    const between = window.slice(i + 1);
    if (between.every((b) => BRIDGE.has(b) || NEGATORS.has(b))) return true;
  }
  return false;
}
