/**
 * Yes / no answers, read from the first clause of the message (up to the first , . ; ! ? or
 * "mas"/"but"), because that is where people put the answer: "sim, mas só em 4x" is a yes with a
 * condition, "não, quero falar com alguém" is a no followed by a request.
 *
 * Three groups:
 *  - NO: a negative word alone ("não", "n", "no", "nope"), or a refusal that starts the clause
 *    ("não aceito", "não quero", "não consigo", "claro que não", "de jeito nenhum", "no thanks").
 *    "não sei", "não entendi", "não paguei ainda" are NOT answers: undefined.
 *  - STRONG yes: may be followed by more words ("ok, pode mandar", "aceito a proposta",
 *    "pode ser em 4x?").
 *  - WEAK yes: only when they are the whole clause ("isso", "certo", "quero", "ta") and not a
 *    question, because "isso está errado", "certo que não" or "quero falar com alguém" are not
 *    agreements.
 */

// Greetings are not stripped here: "oi tudo bem" must not become the answer "tudo bem".
const LEADING_FILLER = /^(?:(?:ah|ahn|entao|bem|bom|olha|oh|well|hmm|hum|uhm|e|ta|opa)\s+)+(?=\S)/;

const NO_ALONE = /^(?:nao|nope|nah|negativo|nunca|jamais|no)(?:\s+(?:nao|obrigad[oa]|mesmo|senhor|senhora|thanks|thank you|way|sir|sorry|por favor))*$/;
const NO_START =
  /^(?:claro que nao|absolutely not|certainly not|of course not|definitely not|de jeito nenhum|de forma alguma|nem pensar|nem a pau|nem fodendo|not really|not interested|not now|no thanks|no thank you|i decline|we decline|recuso|recusamos|(?:agora|hoje|ainda) nao$|nao (?:aceito|aceitamos|quero|queremos|concordo|concordamos|tenho interesse|temos interesse|da|rola|posso|podemos|consigo|conseguimos|vai dar|vou|vamos|obrigad[oa]|pode ser|ta bom|esta bom|fechado|fecho|fechamos|gostei|serve|me interessa)|i (?:dont|do not|cant|cannot|wont|will not) (?:accept|agree|want|do|pay|afford)|we (?:dont|do not|cant|cannot|wont) (?:accept|agree|want|do|pay|afford)|dont want)\b/;

const STRONG_YES =
  /^(?:sim|claro|aceito|aceitamos|fechado|fechou|fechamos|ok|beleza|ta bom|ta bem|ta otimo|ta certo|ta fechado|pode ser|pode sim|pode mandar|pode fechar|pode seguir|pode gerar|pode emitir|pode enviar|combinado|concordo|concordamos|de acordo|com certeza|sem duvida|vamos fechar|bora fechar|yes|yeah|yep|yup|sure|deal|agreed|i accept|we accept|i agree|we agree|sounds good|of course|go ahead|lets do it)\b/;

const WEAK_YES =
  /^(?:s|sim sim|ta|pode|isso|isso mesmo|exato|exatamente|certo|certinho|positivo|bora|vamos|show|top|quero|perfeito|otimo|fine|great|perfect|correct|alright|all right|tudo bem|tudo certo|manda|vai|yes please|ok ok)(?:\s+(?:sim|mesmo|entao|por favor|please))?$/;

/** Clauses that hold no answer ("oi, sim" answers with its second clause). */
const GREETING_WORD = '(?:oi|ola|opa|bom dia|boa tarde|boa noite|hi|hello|hey|good morning|good afternoon|ah|ahn|entao|bem|olha|oh|well|hmm|hum|uhm)';
const EMPTY_CLAUSE = new RegExp(`^${GREETING_WORD}(?:\\s+${GREETING_WORD})*$`);

/** "ok, vou verificar e te retorno" acknowledges, it does not agree: no yes. */
const DEFERRAL =
  /\b(?:vou (?:ver|verificar|analisar|pensar|conversar|falar|consultar|checar|avaliar)|vamos (?:ver|verificar|analisar|avaliar)|(?:te|lhe) (?:retorno|respondo|falo|aviso)|retorno (?:depois|amanha|mais tarde)|mais tarde|depois (?:eu )?(?:vejo|falo|respondo)|let me (?:check|think)|ill (?:check|think|get back)|get back to you)\b/;

export function detectYesNo(norm: string): boolean | undefined {
  let clause = '';
  let isQuestion = false;
  for (const m of norm.matchAll(/([^,.;!?]+)([,.;!?]*)/g)) {
    const text = (m[1] as string).trim();
    if (text === '' || EMPTY_CLAUSE.test(text)) continue;
    clause = (text.split(/\s+(?:mas|porem|but)\s+/)[0] ?? '').trim();
    isQuestion = (m[2] as string).includes('?') && clause === text;
    break;
  }
  if (clause === '') return undefined;
  const stripped = clause.replace(LEADING_FILLER, '');
  const variants = stripped === clause ? [clause] : [clause, stripped];
  for (const c of variants) if (NO_ALONE.test(c) || NO_START.test(c)) return false;
  if (DEFERRAL.test(norm)) return undefined;
  for (const c of variants) {
    if (STRONG_YES.test(c) && !/^claro que nao\b/.test(c)) return true;
    if (!isQuestion && WEAK_YES.test(c)) return true;
  }
  return undefined;
}
