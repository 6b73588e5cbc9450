/**
 * 'language': the text is in the conversation's language. A cheap, robust detector: count the
 * function words only one of Portuguese, English and Spanish uses ("não", "você", "the", "your",
 * "usted"…; words shared or ambiguous across them — "a", "as", "do", "no", "me", "so", "de",
 * "que", "para" — are left out), after cutting out names and codes from the facts (a creditor
 * called "Casa do Pão" says nothing about the language of the sentence).
 *
 * Fails when another language has at least 3 signals and more than the expected one, or when a
 * text of 12 words or more has fewer than 2 signals of the expected language (French, German…:
 * none of the three). Short texts ("Aceitar", "OK!", a bare number) get the benefit of the doubt.
 */

import type { Locale } from '../../language/locale.js';
import { fold, factStrings, maskStrings, opaqueFactStrings, removeNames } from './text.js';
import type { Failure } from './types.js';

const PT = new Set(
  (
    'da das dos com uma um os na nos nas em ao aos pelo pela pelos pelas seu sua seus suas voce voces ' +
    'este esta esse essa isso isto aquele aquela sao nao ja ate mais mas como quando qual quais tambem muito muita ' +
    'obrigado obrigada ola aqui sobre entre pode posso podemos vamos estou estamos foi ser ter tem temos ou eu nosso ' +
    'nossa nossos nossas lhe sim bem e o agora depois antes entao ainda onde porque pois numa num dele dela ' +
    'empresa parcelas parcela valor pagamento vencimento acordo proposta desconto conversa pessoa equipe ' +
    'preciso precisa enviar envie favor consigo certo tudo seguranca mensagem mensagens'
  ).split(' '),
);

const EN = new Set(
  (
    'the and to of you your is are for with this that it be will can on at by i we our please thank thanks ' +
    'hello hi what have has not an if from or would could just any all my us in was were there here which who ' +
    'how when let lets into than then them they their about should may might yes also only more some its ' +
    'company instalments installments instalment installment amount payment due agreement offer discount ' +
    'team person message messages need send sure everything security right again'
  ).split(' '),
);

const ES = new Set(
  (
    'el los del y usted ustedes es muy pero hola gracias puede hay tambien entonces nosotros su sus al una un con ' +
    'cuenta deuda pago cuotas cuota acuerdo oferta descuento equipo persona mensaje necesito enviar seguridad aqui ' +
    'estoy ayudar buena bueno solucion situacion hasta ahora despues cual'
  ).split(' '),
);
// "aqui" and "una"/"un" are Spanish-only here only by spelling: Portuguese folds to "aqui" too, so
// drop the overlap from ES to keep Portuguese from reading as Spanish.
for (const w of PT) ES.delete(w);

export interface LanguageScores {
  pt: number;
  en: number;
  es: number;
  /** Words of three letters or more (after cutting out names and codes). */
  words: number;
}

export function languageScores(text: string, facts: Record<string, unknown> = {}): LanguageScores {
  const masked = maskStrings(text, opaqueFactStrings(facts)).text;
  const folded = removeNames(fold(masked), factStrings(facts).filter((s) => /[a-z]{3}/i.test(s)));
  const scores: LanguageScores = { pt: 0, en: 0, es: 0, words: 0 };
  for (const m of folded.matchAll(/[a-z]+/g)) {
    const w = m[0];
    if (w.length >= 3) scores.words++;
    if (PT.has(w)) scores.pt++;
    if (EN.has(w)) scores.en++;
    if (ES.has(w)) scores.es++;
  }
  return scores;
}

export function checkLanguage(text: string, locale: Locale, facts: Record<string, unknown> = {}): Failure[] {
  const s = languageScores(text, facts);
  const expected = locale === 'pt-BR' ? s.pt : s.en;
  const others: Array<[string, number]> = locale === 'pt-BR' ? [['English', s.en], ['Spanish', s.es]] : [['Portuguese', s.pt], ['Spanish', s.es]];
  const [name, score] = others.sort((a, b) => b[1] - a[1])[0] as [string, number];
  if (s.pt + s.en + s.es >= 4 && score >= 3 && score > expected) {
    return [{ check: 'language', detail: `the text reads as ${name} (${score} signals against ${expected}) in a ${locale} conversation` }];
  }
  if (s.words >= 12 && expected < 2) {
    return [{ check: 'language', detail: `${s.words} words and only ${expected} ${locale} function words: not ${locale}` }];
  }
  return [];
}
