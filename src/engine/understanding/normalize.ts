/**
 * Text normalisation: the first step of understanding.
 *
 * Debtors type on WhatsApp: caps, no accents or wrong accents, emoji, abbreviations ("vc", "blz"),
 * stretched letters ("siiim", "naaao") and misspellings ("parsela", "vezez"). Every later rule is
 * written against ONE canonical form so the lexicons stay small:
 *   - only the first MAX_ANALYSED_CHARS characters are read (see below);
 *   - keycap emoji (1️⃣ … 9️⃣, 🔟) become digits, 👍/👌/✅/🤝 become "ok", 👎/❌ become "nao";
 *     every other emoji is dropped;
 *   - lower case, accents stripped (NFD + drop combining marks), "ç" -> "c";
 *   - "nº 123" -> "numero 123", "1º" -> "1o", "p/" -> "para", apostrophes removed ("don't" -> "dont");
 *   - characters other than a-z, 0-9 and the punctuation that numbers, dates, money, CNPJ and
 *     invoice codes need ( . , / - : % $ # * ( ) ? ! ; + ) become spaces;
 *   - a letter repeated 3+ times collapses to one ("siiiim" -> "sim", "porraaaa" -> "porra");
 *   - a small word map fixes abbreviations and frequent misspellings (SPELLING);
 *   - whitespace collapsed and trimmed.
 * The result keeps punctuation, because clause boundaries matter for negation ("não, quero falar
 * com um atendente") and separators matter for numbers ("1.234,56").
 */

/**
 * Only this many characters of a message are analysed. A debtor's real answer is short; a 100 KB
 * paste (a contract, a log, an attack) must not make a turn slow. Everything after the cap is
 * ignored, which is safe: the worst case is a missed fact in a message nobody can answer by rules.
 */
export const MAX_ANALYSED_CHARS = 2000;

/**
 * Abbreviations and misspellings seen in Brazilian finance chats, mapped to the canonical word the
 * lexicons use. Whole words only (applied to [a-z]+ runs after accent stripping and letter
 * collapsing). Keep entries unambiguous: "to" is not mapped (English "to"), "s" is not mapped
 * ("s" alone is handled by the yes/no rules), "n" is handled separately (see normalize()).
 */
const SPELLING: Readonly<Record<string, string>> = {
  // chat abbreviations
  vc: 'voce', vcs: 'voces', voc: 'voce', pq: 'porque', tb: 'tambem', tbm: 'tambem',
  blz: 'beleza', bele: 'beleza', q: 'que', oq: 'o que', hj: 'hoje', amnh: 'amanha', amh: 'amanha',
  msg: 'mensagem', msgs: 'mensagens', mensagems: 'mensagens', mensagen: 'mensagem', mensages: 'mensagens',
  pfv: 'por favor', pfvr: 'por favor', pf: 'por favor', porfavor: 'por favor', plz: 'please', pls: 'please',
  obg: 'obrigado', obgd: 'obrigado', obgda: 'obrigada', obgdo: 'obrigado', brigado: 'obrigado',
  brigada: 'obrigada', obrigadu: 'obrigado', vlw: 'valeu', valew: 'valeu', td: 'tudo', tds: 'todos',
  dps: 'depois', qdo: 'quando', qnd: 'quando', qndo: 'quando', qto: 'quanto', qnt: 'quanto',
  qnto: 'quanto', cmg: 'comigo', ngm: 'ninguem', mto: 'muito', mt: 'muito', mtu: 'muito',
  msm: 'mesmo', agr: 'agora', ctz: 'certeza', nd: 'nada', nda: 'nada', dnv: 'de novo', eh: 'e',
  okk: 'ok', oks: 'ok', okey: 'ok', okay: 'ok', oky: 'ok', simm: 'sim', ss: 'sim', nn: 'nao',
  naum: 'nao', naun: 'nao', nau: 'nao', naoo: 'nao', naao: 'nao', nops: 'nao', nop: 'nope',
  // "opção" and friends
  opc: 'opcao', op: 'opcao', opsao: 'opcao', opicao: 'opcao', opssao: 'opcao', opcaoo: 'opcao',
  // money / plan vocabulary
  parsela: 'parcela', parselas: 'parcelas', parselar: 'parcelar', parselado: 'parcelado',
  parselada: 'parcelada', parselamento: 'parcelamento', pacela: 'parcela', pacelas: 'parcelas',
  parcelinha: 'parcela', parcelinhas: 'parcelas', prestasao: 'prestacao', prestasoes: 'prestacoes',
  vezez: 'vezes', veses: 'vezes', vezis: 'vezes', vzs: 'vezes', vz: 'vezes', vezs: 'vezes',
  disconto: 'desconto', descondo: 'desconto', descontu: 'desconto', avista: 'a vista',
  dinhero: 'dinheiro', dinheru: 'dinheiro', dimdim: 'dinheiro', pagei: 'paguei', paguey: 'paguei',
  // people, law, feelings
  atendenti: 'atendente', atendende: 'atendente', atendemte: 'atendente', atemdente: 'atendente',
  antendente: 'atendente', atendete: 'atendente', atendentee: 'atendente', umano: 'humano',
  judisial: 'judicial', adevogado: 'advogado', adivogado: 'advogado', advogada: 'advogado',
  prosesso: 'processo', procom: 'procon', falensia: 'falencia', recuperasao: 'recuperacao',
  reconhesso: 'reconheco', reconheso: 'reconheco', difisil: 'dificil', dificio: 'dificil',
  dificiu: 'dificil', palhasada: 'palhacada', semama: 'semana', sesta: 'sexta',
  amanhan: 'amanha', amanham: 'amanha',
};

/** Emoji that carry an answer: a thumbs up is a yes on WhatsApp. */
const POSITIVE_EMOJI = /(?:\u{1F44D}|\u{1F44C}|\u{1F91D}|\u2705|\u2714)[\u{1F3FB}-\u{1F3FF}]?\uFE0F?/gu;
const NEGATIVE_EMOJI = /(?:\u{1F44E}|\u274C|\u2716)[\u{1F3FB}-\u{1F3FF}]?\uFE0F?/gu;
/** "2️⃣" is "2" + U+FE0F + U+20E3 (combining keycap); some keyboards omit the U+FE0F. */
const KEYCAP = /([0-9#*])\uFE0F?\u20E3/gu;
const KEYCAP_TEN = /\u{1F51F}/gu;
/** Everything else pictographic (and its modifiers / joiners) is noise for us. */
const OTHER_EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D\u20E3]/gu;

/**
 * Normalise a debtor's message (see the file comment). Pure and linear in the input length
 * (the input is capped first; every regex here is a single pass without nested quantifiers).
 */
export function normalize(raw: string): string {
  let s = raw.length > MAX_ANALYSED_CHARS ? raw.slice(0, MAX_ANALYSED_CHARS) : raw;
  s = s
    .replace(KEYCAP_TEN, ' 10 ')
    .replace(KEYCAP, ' $1 ')
    .replace(POSITIVE_EMOJI, ' ok ')
    .replace(NEGATIVE_EMOJI, ' nao ')
    .replace(OTHER_EMOJI, ' ');
  s = s.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
  s = s
    // apostrophes join words: "don't" -> "dont", "I'm" -> "im"
    .replace(/['\u2018\u2019\u00B4`]/g, '')
    // "nº 123", "n° 123", "n. 123" -> "numero 123" (must run before º becomes "o")
    .replace(/\bn\s?[º°]\s?/g, 'numero ')
    .replace(/\bn\.\s?(?=\d)/g, 'numero ')
    .replace(/[º°]/g, 'o')
    .replace(/ª/g, 'a')
    .replace(/[×]/g, 'x')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\br\s\$/g, 'r$')
    .replace(/\bp\//g, 'para ')
    .replace(/\bc\//g, 'com ')
    // anything that is not a letter, digit or meaningful punctuation becomes a space
    .replace(/[^a-z0-9\s.,;:!?/%$#*()+\-]/g, ' ')
    // stretched letters: "siiiim" -> "sim", "naaao" -> "nao"
    .replace(/([a-z])\1{2,}/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  // Only words standing alone: letters glued to digits are a code ("HJ45KL67", "4N7Q"), not "hj"/"n".
  s = s.replace(/(?<![a-z0-9])[a-z]+(?![a-z0-9])/g, (word, offset: number, whole: string) => {
    if (word === 'n') {
      // "n" alone is "não" ("n quero"), except as an abbreviation of "número" ("n 123", "n. 5").
      return /^\s?[\d.]/.test(whole.slice(offset + 1, offset + 4)) ? word : 'nao';
    }
    return SPELLING[word] ?? word;
  });
  return s;
}

/** Remove punctuation (keeps letters, digits and single spaces): used to compare option labels. */
export function wordsOnly(norm: string): string {
  return norm.replace(/[^a-z0-9]+/g, ' ').trim();
}
